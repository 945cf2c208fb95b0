/*
 * The waiting line of a script's calls, said by a watching thread.
 *
 * At a prompt the shell peeks before a call that may block (poll with a
 * timeout of 0) and prints its waiting line first when it would wait. A
 * script makes thousands of calls that never wait, and each peek is a
 * system call more. There, a thread looks at the shell's call every
 * WATCH_TICK_MS instead: once the same call has slept in the kernel that
 * long, it writes out what the shell holds and says the waiting line, while
 * the call still waits; the call's own line comes after it, as before.
 */
#ifndef SOCKSHELL_WATCH_H
#define SOCKSHELL_WATCH_H

#include <stdbool.h>

#define WATCH_TICK_MS	10

/*
 * Before a script's first command: what the watcher reads (the shell's
 * thread's /proc stat) is opened now, at the top of the descriptors, so
 * that nothing it opens later can take a number a call would hand out.
 */
void	watch_prepare(void);
/*
 * The next call may wait, on FD, for WHAT ("a connection"); WHAT NULL: it
 * has no waiting line of its own, but what the shell holds is written out
 * if it waits. LINE: the waiting line is seen (standard error is not
 * /dev/null). Starts the thread the first time. False when there is no
 * watcher (no /proc, no thread): the caller peeks instead.
 */
bool	watch_arm(int fd, const char *what, bool line);
/* The call armed for begins (just before it is made) and returned. */
void	watch_call_begin(void);
/* Whether its waiting line was said while it waited. */
bool	watch_call_end(void);
/* No call follows the arming after all. */
void	watch_disarm(void);

#endif
