/* fdhigh.c: the shell's own descriptors kept out of the way of the learner's. */
#include "config.h"

#include <sys/resource.h>

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
