/*
 * lookup.h: getaddrinfo(3) that Ctrl-C can cut short.
 *
 * A name server that does not answer keeps getaddrinfo waiting for seconds,
 * and the C library's resolver goes back to its wait when a signal comes.
 * So the lookup runs in a child process while the shell waits for it in the
 * wait the shell gives (lookup_set_wait), which a signal ends; a lookup cut
 * short is killed and reaped there and then.
 */
#ifndef SOCKSHELL_LOOKUP_H
#define SOCKSHELL_LOOKUP_H

#include <netdb.h>

/*
 * The shell's wait for descriptor FD to become readable while NODE is
 * looked up: returns 1 when it is, 0 when a signal the shell stops for
 * (Ctrl-C, SIGTERM, SIGHUP) came first.
 */
typedef int lookup_wait_fn(int fd, const char *node);
/*
 * In place of FD, when no pipe or no process could be made (EMFILE, EAGAIN:
 * errno says which): LOOKUP_HERE before the lookup runs in the shell itself,
 * where no signal can cut it short; LOOKUP_HERE_DONE after it, 0 when a
 * signal the shell stops for came meanwhile.
 */
#define LOOKUP_HERE		(-1)
#define LOOKUP_HERE_DONE	(-2)
void	lookup_set_wait(lookup_wait_fn *);

/*
 * getaddrinfo(NODE, SERVICE, HINTS, RES), or EAI_INTR when the wait ended
 * first (then *RES is NULL and nothing is left to free).
 */
int	lookup(const char *node, const char *service,
	    const struct addrinfo *hints, struct addrinfo **res);
/* What lookup found: its own list, not getaddrinfo's (no ai_canonname). */
void	lookup_free(struct addrinfo *);

#endif
