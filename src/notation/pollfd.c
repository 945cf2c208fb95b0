/* pollfd.c: the pollfd array in strace's notation (its src/poll.c). */
#include "config.h"

#include <poll.h>

#include "pollfd.h"
#include "print.h"
#include "xlat.h"

void
pr_pollfds(struct strbuf *sb, const struct pollfd *p, size_t n, size_t strsize)
{
	if (p == NULL || n == 0) {
		sb_add(sb, "NULL");
		return;
	}
	sb_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			pr_sep(sb);
		if (i + 1 > strsize) {
			sb_add(sb, "...");
			break;
		}
		sb_addf(sb, "{fd=%d", p[i].fd);
		/* A negative fd is skipped by the kernel: strace shows no events. */
		if (p[i].fd >= 0) {
			sb_add(sb, ", events=");
			pr_flags(sb, xlat_poll_events, (unsigned short)p[i].events,
			    "POLL???");
		}
		sb_addc(sb, '}');
	}
	sb_addc(sb, ']');
}

void
pr_poll_result(struct strbuf *sb, const struct pollfd *p, size_t n, int ret,
    size_t strsize)
{
	size_t shown = 0;

	sb_addlong(sb, ret);
	if (ret == 0) {
		sb_add(sb, " (Timeout)");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i].revents == 0)
			continue;
		sb_add(sb, shown == 0 ? " ([" : ", ");
		if (shown + 1 > strsize) {
			sb_add(sb, "...");
			shown++;
			break;
		}
		sb_addf(sb, "{fd=%d, revents=", p[i].fd);
		pr_flags(sb, xlat_poll_events, (unsigned short)p[i].revents,
		    "POLL???");
		sb_addc(sb, '}');
		shown++;
	}
	if (shown > 0)
		sb_add(sb, "])");
}

void
pr_epoll_event(struct strbuf *sb, const struct epoll_event *ev)
{
	if (ev == NULL) {
		sb_add(sb, "NULL");
		return;
	}
	sb_add(sb, "{events=");
	pr_flags(sb, xlat_epoll_events, ev->events, "EPOLL???");
	sb_addf(sb, ", data={u32=%u, u64=%llu}}", ev->data.u32,
	    (unsigned long long)ev->data.u64);
}

void
pr_epoll_events(struct strbuf *sb, const struct epoll_event *ev, size_t n,
    size_t strsize)
{
	sb_addc(sb, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			pr_sep(sb);
		if (i + 1 > strsize) {
			sb_add(sb, "...");
			break;
		}
		pr_epoll_event(sb, &ev[i]);
	}
	sb_addc(sb, ']');
}
