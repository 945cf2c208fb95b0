/*
 * sendfile_pair.c: the yardstick for bench/bulk.sh, the plain C way to move a
 * file through loopback TCP: a child sendfile(2)s FILE in CHUNK-byte calls to
 * a connection, the parent read(2)s it into a BUF-byte buffer and throws it
 * away. It prints the bytes and seconds the parent took, from accept to end
 * of file.  cc -O2 -o sendfile_pair sendfile_pair.c
 * usage: sendfile_pair FILE [CHUNK [BUF [splice]]]   (both default 1048576)
 * With "splice" the parent receives as sockshell's read >FILE does into a
 * regular file or /dev/null: splice(2) into a BUF-byte pipe and out of it
 * into /dev/null, no copy (bench/bulk.sh runs the read loop, the yardstick).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof sin;
	size_t chunk = argc > 2 ? strtoul(argv[2], NULL, 0) : 1 << 20;
	size_t bufsize = argc > 3 ? strtoul(argv[3], NULL, 0) : 1 << 20;
	struct timespec t0, t1;
	long long total = 0;
	int l, c, f, status;
	char *buf;
	ssize_t n;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: sendfile_pair FILE [CHUNK [BUF]]\n");
		return 2;
	}
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((l = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
	    bind(l, (struct sockaddr *)&sin, sizeof sin) == -1 ||
	    listen(l, 1) == -1 || getsockname(l, (struct sockaddr *)&sin, &len) == -1) {
		perror("listen");
		return 1;
	}
	if ((pid = fork()) == 0) {
		close(l);
		if ((f = open(argv[1], O_RDONLY)) == -1 ||
		    (c = socket(AF_INET, SOCK_STREAM, 0)) == -1 ||
		    connect(c, (struct sockaddr *)&sin, sizeof sin) == -1) {
			perror("sender");
			_exit(1);
		}
		while ((n = sendfile(c, f, NULL, chunk)) > 0)
			;
		if (n == -1) {
			perror("sendfile");
			_exit(1);
		}
		_exit(0);
	}
	if ((c = accept(l, NULL, NULL)) == -1 || (buf = malloc(bufsize)) == NULL) {
		perror("accept");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (argc > 4 && strcmp(argv[4], "splice") == 0) {
		int p[2], null = open("/dev/null", O_WRONLY);

		if (null == -1 || pipe(p) == -1) {
			perror("pipe");
			return 1;
		}
		fcntl(p[1], F_SETPIPE_SZ, (int)bufsize);
		while ((n = splice(c, NULL, p[1], NULL, bufsize, SPLICE_F_MOVE)) > 0) {
			total += n;
			for (ssize_t left = n, k; left > 0; left -= k)
				if ((k = splice(p[0], NULL, null, NULL, (size_t)left,
				    SPLICE_F_MOVE)) <= 0) {
					perror("splice");
					return 1;
				}
		}
	} else {
		while ((n = read(c, buf, bufsize)) > 0)
			total += n;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	waitpid(pid, &status, 0);
	if (n == -1) {
		perror("read");
		return 1;
	}
	printf("%lld %.3f\n", total, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}
