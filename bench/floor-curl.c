/* SPDX-License-Identifier: GPL-2.0-or-later */
/* floor-curl: the least a libcurl program can do for a monitor -- one
 * GET /v1.41/containers/NAME/json over the daemon's unix socket, nothing parsed.
 *
 *   floor-curl SOCKET NAME
 *
 * Exit 0 on HTTP 200, 7 on 404 (as a monitor would), 1 otherwise. Linked like berth against
 * the system libcurl, and initialised like berth (CURL_GLOBAL_NOTHING: no TLS is ever used), so
 * the difference to berth's monitor is berth's own work plus json-c and libqb. */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

struct buf {
	char data[256 * 1024];
	size_t len;
};

static size_t
sink(char *p, size_t size, size_t nmemb, void *userp)
{
	struct buf *b = userp;
	size_t n = size * nmemb;

	if (n > sizeof(b->data) - b->len)
		return 0;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return n;
}

int
main(int argc, char **argv)
{
	static struct buf body;
	char url[1024];
	long status = 0;
	CURLcode rc;
	CURL *c;

	if (argc != 3) {
		fprintf(stderr, "usage: floor-curl SOCKET NAME\n");
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_NOTHING) != CURLE_OK || (c = curl_easy_init()) == NULL)
		return 1;
	snprintf(url, sizeof(url), "http://docker/v1.41/containers/%s/json", argv[2]);
	curl_easy_setopt(c, CURLOPT_UNIX_SOCKET_PATH, argv[1]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 18000L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_global_cleanup();
	if (rc != CURLE_OK) {
		fprintf(stderr, "floor-curl: %s\n", curl_easy_strerror(rc));
		return 1;
	}
	return status == 200 ? 0 : status == 404 ? 7 : 1;
}
