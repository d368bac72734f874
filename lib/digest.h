/* berth: SHA-256 (FIPS 180-4), the checksum of the node-local configuration (conf.h).
 *
 * Not for secrets and not a defence against anyone: it tells whether two nodes read the same
 * bytes, and an admin can compute the same value with sha256sum(1). No library berth links offers
 * it (libcurl's TLS backend is not berth's to call), and it is small. */
#ifndef BERTH_DIGEST_H
#define BERTH_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/** A running SHA-256. Start with berth_digest_init, feed with berth_digest_add. */
struct berth_digest {
	uint32_t h[8];
	uint64_t bytes; /**< fed so far */
	unsigned char block[64];
	size_t used; /**< bytes waiting in block */
};

void berth_digest_init(struct berth_digest *d);

/** Feed len bytes (any number of calls; len 0 is fine). */
void berth_digest_add(struct berth_digest *d, const void *data, size_t len);

/**
 * Finish: the digest as 64 lowercase hex digits and a NUL in hex. d is spent (init it again to
 * reuse it).
 */
void berth_digest_hex(struct berth_digest *d, char hex[65]);

#endif
