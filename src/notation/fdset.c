/*
 * fdset.c: select's descriptor sets in strace's notation (its src/select.c).
 * strace 6.1 shows a set whole whatever -s says.
 */
#include "config.h"

#include <stdbool.h>

#include "fdset.h"

void
pr_fdset(struct strbuf *sb, const fd_set *set, int nfds)
{
	size_t shown = 0;

	if (set == NULL) {
		sb_add(sb, "NULL");
		return;
	}
	sb_addc(sb, '[');
	for (int fd = 0; fd < nfds && fd < FD_SETSIZE; fd++) {
		if (!FD_ISSET(fd, set))
			continue;
		if (shown > 0)
			sb_addc(sb, ' ');
		sb_addlong(sb, fd);
		shown++;
	}
	sb_addc(sb, ']');
}

void
pr_timespec(struct strbuf *sb, const struct timespec *ts)
{
	if (ts == NULL)
		sb_add(sb, "NULL");
	else
		sb_addf(sb, "{tv_sec=%lld, tv_nsec=%ld}", (long long)ts->tv_sec,
		    (long)ts->tv_nsec);
}

/* One of the result's sets, when it holds a descriptor. */
static void
result_set(struct strbuf *sb, const char *name, const fd_set *set, int nfds,
    int *parts)
{
	bool any = false;

	if (set == NULL)
		return;
	for (int fd = 0; fd < nfds && fd < FD_SETSIZE && !any; fd++)
		any = FD_ISSET(fd, set);
	if (!any)
		return;
	sb_add(sb, (*parts)++ == 0 ? " (" : ", ");
	sb_add(sb, name);
	sb_addc(sb, ' ');
	pr_fdset(sb, set, nfds);
}

void
pr_select_result(struct strbuf *sb, int ret, const fd_set *in, const fd_set *out,
    const fd_set *except, int nfds, const struct timespec *left)
{
	int parts = 0;

	sb_addlong(sb, ret);
	if (ret == 0) {
		sb_add(sb, " (Timeout)");
		return;
	}
	result_set(sb, "in", in, nfds, &parts);
	result_set(sb, "out", out, nfds, &parts);
	result_set(sb, "except", except, nfds, &parts);
	if (left != NULL) {
		sb_add(sb, parts++ == 0 ? " (left " : ", left ");
		pr_timespec(sb, left);
	}
	if (parts > 0)
		sb_addc(sb, ')');
}
