/* fdhigh.h: the shell's own descriptors kept out of the way of the learner's. */
#ifndef SOCKSHELL_FDHIGH_H
#define SOCKSHELL_FDHIGH_H

#include <sys/types.h>

/*
 * Move FD to the highest free number under the open-file limit (close on
 * exec), so that the learner's sockets still count up from 3; FD itself
 * when none is free up there.
 */
int	fd_move_high(int fd);
/* The open-file limit (RLIMIT_NOFILE), at most 1 << 20. */
long	fd_limit(void);
/*
 * A small file (a sysctl, a /proc entry) read whole into BUF, up to SIZE - 1
 * bytes, NUL-ended, with a descriptor opened and closed for it: the bytes
 * read, or -1 with errno.
 */
ssize_t	fd_read_small(const char *path, char *buf, size_t size);

#endif
