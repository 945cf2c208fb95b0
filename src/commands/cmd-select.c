/*
 * cmd-select.c: select(2), poll's older sibling with three descriptor sets.
 * glibc's select on x86_64 (and on every arch new enough) is the pselect6
 * system call, with the timeout as a timespec and no signal mask: the shell
 * makes that call itself, so the line is the call the kernel got.
 */
#include "config.h"

#include <sys/select.h>
#include <sys/syscall.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "event.h"
#include "fdset.h"
#include "call.h"
#include "print.h"

enum { SET_R, SET_W, SET_E, NSETS };

/* "fd4", "fd4:r", "fd4:w", "fd4:e" into FD and SET; false when W is none of them. */
static bool
parse_selfd(const struct word *w, int *fd, int *set)
{
	const char *colon = w->quoted ? NULL : memchr(w->s, ':', w->len);
	struct word head = *w;
	const char *s;

	if (colon != NULL)
		head.len = (size_t)(colon - w->s);
	if ((*fd = word_fd(&head)) == -1)
		return false;
	s = colon != NULL ? colon + 1 : "r";
	if (strcasecmp(s, "r") == 0)
		*set = SET_R;
	else if (strcasecmp(s, "w") == 0)
		*set = SET_W;
	else if (strcasecmp(s, "e") == 0)
		*set = SET_E;
	else
		return false;
	return true;
}

/* Before a select that waits for ever, when nothing is ready yet: what it waits for. */
static void
select_wait_note(fd_set *const sets[NSETS], int nfds)
{
	static const char *const what[NSETS] = {
		N_("reading"), N_("writing"), N_("an exception")
	};
	static const short ev[NSETS] = { POLLIN, POLLOUT, POLLPRI };
	struct pollfd *p = xcalloc((size_t)nfds * NSETS + 1, sizeof *p);
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	for (int s = 0; s < NSETS; s++)
		for (int fd = 0; sets[s] != NULL && fd < nfds; fd++)
			if (FD_ISSET(fd, sets[s])) {
				p[n].fd = fd;
				p[n++].events = ev[s];
			}
	if (poll(p, (nfds_t)n, 0) == 0) {
		size_t i = 0;

		for (int s = 0; s < NSETS; s++)
			for (int fd = 0; sets[s] != NULL && fd < nfds; fd++)
				if (FD_ISSET(fd, sets[s])) {
					sb_add(&sb, i == 0 ? "" : i + 1 == n ?
					    _(" or ") : ", ");
					sb_addf(&sb, _("%s on fd%d"), _(what[s]), fd);
					i++;
				}
		emitf(EV_WAIT, -1, _("waiting for %s (Ctrl-C interrupts)"), sb_str(&sb));
		call_wait_begin(-1);
	}
	sb_free(&sb);
	free(p);
}

static enum cmd_retval
cmd_select_exec(struct shell *sh, struct args *args)
{
	fd_set want[NSETS], got[NSETS], *sets[NSETS] = { NULL, NULL, NULL };
	struct strbuf ret = STRBUF_INIT;
	struct timespec ts, before, *tp = NULL;
	struct call c;
	long timeout = LONG_MIN;
	int nfds = 0, fd, set;
	long rc;

	for (int s = 0; s < NSETS; s++)
		FD_ZERO(&want[s]);
	for (size_t i = 0; i < args->argc; i++) {
		const struct word *w = &args->argv[i];

		if (parse_selfd(w, &fd, &set)) {
			/* Out of range: fd_is_open says so. */
			if (fd == INT_MAX) {
				(void)fd_is_open(sh, args->cmd, fd);
				return CMD_RETURN_ERROR;
			}
			if (fd >= FD_SETSIZE)
				return cmd_usage_error(sh, args->cmd, "fd%d: select's "
				    "sets hold descriptors below FD_SETSIZE (%d) only; "
				    "poll takes any descriptor", fd, FD_SETSIZE);
			if (!fd_is_open(sh, args->cmd, fd))
				return CMD_RETURN_ERROR;
			FD_SET(fd, &want[set]);
			sets[set] = &got[set];
			if (fd + 1 > nfds)
				nfds = fd + 1;
			continue;
		}
		if (i + 1 < args->argc || (!w->quoted && strncmp(w->s, "fd", 2) == 0))
			return cmd_usage_error(sh, args->cmd, "not a descriptor: %s "
			    "(fdN, fdN:r, fdN:w or fdN:e)", w->s);
		if (!args_number(sh, args, i, "timeout", INT_MIN, INT_MAX, &timeout))
			return CMD_RETURN_ERROR;
	}
	if (nfds == 0) {
		/* None named: every descriptor of the table, for reading. */
		for (const struct fd_entry *e = fd_table_first(&sh->fds);
		    e != NULL; e = fd_table_next(&sh->fds, e)) {
			fd = e->fd;
			if (fd >= FD_SETSIZE)
				continue;
			FD_SET(fd, &want[SET_R]);
			sets[SET_R] = &got[SET_R];
			if (fd + 1 > nfds)
				nfds = fd + 1;
		}
	}
	if (nfds == 0)
		return cmd_usage_error(sh, args->cmd, "no descriptors to select: "
		    "make one with `socket`");
	if (timeout != LONG_MIN) {
		/* A negative one goes to the kernel as it is: it refuses it (EINVAL). */
		ts.tv_sec = timeout / 1000;
		ts.tv_nsec = timeout % 1000 * 1000000;
		if (ts.tv_nsec < 0) {	/* -1 ms: tv_sec=-1, tv_nsec=999000000 */
			ts.tv_sec--;
			ts.tv_nsec += 1000000000;
		}
		before = ts;
		tp = &ts;
	}
	memcpy(got, want, sizeof got);

	if (tp == NULL)
		select_wait_note(sets, nfds);
	if (shell_signal_before_call(sh, "pselect6"))
		return CMD_RETURN_NORMAL;
	call_begin(&c, "pselect6", -1);
	rc = syscall(SYS_pselect6, nfds, sets[SET_R], sets[SET_W], sets[SET_E],
	    tp, NULL);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, nfds);
	sb_add(&c.args, ", ");
	for (int s = 0; s < NSETS; s++) {
		pr_fdset(&c.args, sets[s] != NULL ? &want[s] : NULL, nfds);
		sb_add(&c.args, ", ");
	}
	pr_timespec(&c.args, tp != NULL ? &before : NULL);
	sb_add(&c.args, ", NULL");
	if (rc >= 0) {
		pr_select_result(&ret, (int)rc, sets[SET_R], sets[SET_W],
		    sets[SET_E], nfds, tp);
		c.rettext = sb_str(&ret);
	}
	call_end(sh, &c);
	sb_free(&ret);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_select_entry = {
	.name = "select",
	.usage = "[fdN[:r|w|e]...] [TIMEOUT_MS]",
	.summary = N_("wait until a descriptor of three sets is ready (r, w, e)"),
	.help = N_("fdN or fdN:r asks reading, fdN:w writing, fdN:e an exception; with no fdN,\n"
	    "every descriptor of the table, for reading. Without TIMEOUT_MS it waits until\n"
	    "one is ready; Ctrl-C stops it. glibc makes it the pselect6 call, shown as such.\n"
	    "Only descriptors below FD_SETSIZE (1024) fit in its sets: poll has no such limit."),
	.proto = "int select(int nfds, fd_set *readfds, fd_set *writefds, fd_set *exceptfds, struct timeval *timeout);",
	.see = "select(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, -1 },
	.complete = { ARGK_FD },
	.ports_kept = true,
	.exec = cmd_select_exec,
};
