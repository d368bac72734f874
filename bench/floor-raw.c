/* SPDX-License-Identifier: GPL-2.0-or-later */
/* floor-raw: the same GET as floor-curl over a plain socket -- connect, write, read to EOF --
 * linked against libc only. This is what the round trip itself costs; the gap to floor-curl is
 * loading and initialising libcurl and its dependencies.
 *
 *   floor-raw SOCKET NAME
 *
 * Exit 0 on HTTP 200, 7 on 404, 1 otherwise. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static char buf[256 * 1024];
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	char req[1024];
	size_t len = 0;
	ssize_t n;
	int fd, status = 0, reqlen;

	if (argc != 3) {
		fprintf(stderr, "usage: floor-raw SOCKET NAME\n");
		return 2;
	}
	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", argv[1]);
	reqlen = snprintf(req, sizeof(req),
			  "GET /v1.41/containers/%s/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n",
			  argv[2]);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) < 0) {
		perror("floor-raw: connect");
		return 1;
	}
	if (write(fd, req, (size_t)reqlen) != reqlen) {
		perror("floor-raw: write");
		return 1;
	}
	/* "Connection: close": the daemon closes after the body, so EOF ends the answer. */
	while (len < sizeof(buf) - 1 && (n = read(fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	if (sscanf(buf, "HTTP/1.%*d %d", &status) != 1) {
		fprintf(stderr, "floor-raw: no HTTP status in the answer\n");
		return 1;
	}
	return status == 200 ? 0 : status == 404 ? 7 : 1;
}
