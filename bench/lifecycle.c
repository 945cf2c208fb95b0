/*
 * lifecycle.c: the floor for bench/run.sh. N TCP lifecycles on loopback, each the
 * 12 calls a sockshell script makes for one (socket, bind, listen, socket,
 * connect, accept, write, read, close, read, close, close), each printed as
 * sockshell prints it, with the two notes it adds (end of file, the current
 * descriptor), through stdio as a student's program would.
 * Usage: lifecycle N FIRSTPORT (ports FIRSTPORT .. FIRSTPORT+N-1).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void
addr_line(const char *call, int fd, int port, int ret)
{
	printf("%s(%d, {sa_family=AF_INET, sin_port=htons(%d), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = %d\n",
	    call, fd, port, ret);
}

int
main(int argc, char **argv)
{
	int n = argc > 2 ? atoi(argv[1]) : 1000, first = argc > 2 ? atoi(argv[2]) : 20000;
	char buf[4096];

	for (int i = 0; i < n; i++) {
		int port = first + i, s, c, a, r, one = 1;
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(port) };
		struct sockaddr_in peer;
		socklen_t len = sizeof peer;
		ssize_t got;

		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		(void)one;
		s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		printf("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d\n", s);
		r = bind(s, (struct sockaddr *)&sin, sizeof sin);
		addr_line("bind", s, port, r);
		r = listen(s, 5);
		printf("listen(%d, 5) = %d\n", s, r);
		c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
		printf("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d\n", c);
		r = connect(c, (struct sockaddr *)&sin, sizeof sin);
		addr_line("connect", c, port, r);
		a = accept(s, (struct sockaddr *)&peer, &len);
		printf("accept(%d, {sa_family=AF_INET, sin_port=htons(%d), sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16]) = %d\n",
		    s, ntohs(peer.sin_port), a);
		r = (int)write(c, "ping\n", 5);
		printf("write(%d, \"ping\\n\", 5) = %d\n", c, r);
		got = read(a, buf, sizeof buf);
		printf("read(%d, \"ping\\n\", 4096) = %zd\n", a, got);
		r = close(c);
		printf("close(%d) = %d\n", c, r);
		got = read(a, buf, sizeof buf);
		printf("read(%d, \"\", 4096) = %zd\n", a, got);
		printf("  end of file: the peer closed its side (or shut down "
		    "writing); close fd%d too\n", a);
		r = close(a);
		printf("close(%d) = %d\n", a, r);
		printf("  fd%d is the current descriptor now\n", s);
		r = close(s);
		printf("close(%d) = %d\n", s, r);
	}
	return 0;
}
