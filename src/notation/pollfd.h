/* pollfd.h: poll(2)'s array of descriptors, as strace prints it going in and coming out. */
#ifndef SOCKSHELL_POLLFD_H
#define SOCKSHELL_POLLFD_H

#include <poll.h>
#include <stddef.h>
#include <sys/epoll.h>

#include "strbuf.h"

/*
 * The array poll gets: [{fd=4, events=POLLIN}, {fd=5, events=POLLIN|POLLOUT}];
 * after STRSIZE entries, "..." as strace -s cuts it; NULL for no array.
 */
void	pr_pollfds(struct strbuf *, const struct pollfd *, size_t n, size_t strsize);
/*
 * What poll returned RET (>= 0), as strace shows it after " = ": "0 (Timeout)",
 * or "1 ([{fd=4, revents=POLLIN}])" listing the entries with revents set.
 */
void	pr_poll_result(struct strbuf *, const struct pollfd *, size_t n, int ret,
	    size_t strsize);

/* One epoll_event: {events=EPOLLIN|EPOLLET, data={u32=3, u64=3}}; NULL for none. */
void	pr_epoll_event(struct strbuf *, const struct epoll_event *);
/* The N events epoll_wait filled in: [{...}, {...}], cut after STRSIZE. */
void	pr_epoll_events(struct strbuf *, const struct epoll_event *, size_t n,
	    size_t strsize);

#endif
