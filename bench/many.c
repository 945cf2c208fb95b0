/*
 * many.c: the floor for bench/many.sh. N sockets opened, then closed in
 * order, each call printed as sockshell prints it, through stdio.
 * Usage: many N
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000, first = -1;

	for (int i = 0; i < n; i++) {
		int s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);

		printf("socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d\n", s);
		if (first == -1)
			first = s;
	}
	for (int i = 0; i < n; i++)
		printf("close(%d) = %d\n", first + i, close(first + i));
	return 0;
}
