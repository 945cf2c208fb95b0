/* fdset.h: select's descriptor sets and its result in strace's notation. */
#ifndef SOCKSHELL_FDSET_H
#define SOCKSHELL_FDSET_H

#include <sys/select.h>

#include <stddef.h>
#include <time.h>

#include "strbuf.h"

/* "[3 5]", "[]" for an empty set, NULL for none. */
void	pr_fdset(struct strbuf *, const fd_set *, int nfds);
/* "{tv_sec=1, tv_nsec=500000000}", or NULL. */
void	pr_timespec(struct strbuf *, const struct timespec *);
/*
 * pselect6's result: "0 (Timeout)", or "2 (in [3], out [4], left {...})" from
 * the sets and the time the kernel wrote back (LEFT NULL: no timeout given).
 */
void	pr_select_result(struct strbuf *, int ret, const fd_set *in,
	    const fd_set *out, const fd_set *except, int nfds,
	    const struct timespec *left);

#endif
