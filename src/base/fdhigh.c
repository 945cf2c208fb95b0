/* fdhigh.c: the shell's own descriptors kept out of the way of the learner's. */
#include "config.h"

#include <sys/resource.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "fdhigh.h"

long
fd_limit(void)
{
	struct rlimit rl;
	long top = 1024;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		top = (long)rl.rlim_cur;
	return top > 1 << 20 ? 1 << 20 : top;
}

int
fd_move_high(int fd)
{
	long top = fd_limit();
	int high = -1;

	/* F_DUPFD takes the lowest free from WANT up: WANT itself must be free. */
	for (long want = top - 1; want > fd && want > top - 64 && high == -1; want--)
		if (fcntl((int)want, F_GETFD) == -1)
			high = fcntl(fd, F_DUPFD_CLOEXEC, (int)want);
	if (high == -1)
		return fd;
	close(fd);
	return high;
}

ssize_t
fd_read_small(const char *path, char *buf, size_t size)
{
	ssize_t n = 0, got = 0;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while (got < (ssize_t)size - 1 &&
	    (n = read(fd, buf + got, size - 1 - (size_t)got)) > 0)
		got += n;
	saved = errno;
	close(fd);
	buf[got] = '\0';
	if (n == -1 && got == 0) {
		errno = saved;
		return -1;
	}
	return got;
}
