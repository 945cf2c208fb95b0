/* cmd-poll.c: poll(2), waiting until one of several descriptors is ready. */
#include "config.h"

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
#include "pollfd.h"
#include "call.h"
#include "print.h"
#include "xlat.h"

/* "fd4", "fd4:in", "fd4:out", "fd4:inout" into P; false when W is none of them. */
static bool
parse_pollfd(const struct word *w, struct pollfd *p)
{
	const char *colon = w->quoted ? NULL : memchr(w->s, ':', w->len);
	struct word head = *w;
	const char *ev;

	if (colon != NULL)
		head.len = (size_t)(colon - w->s);
	if ((p->fd = word_fd(&head)) == -1)
		return false;
	ev = colon != NULL ? colon + 1 : "in";
	if (strcasecmp(ev, "in") == 0)
		p->events = POLLIN;
	else if (strcasecmp(ev, "out") == 0)
		p->events = POLLOUT;
	else if (strcasecmp(ev, "inout") == 0)
		p->events = POLLIN | POLLOUT;
	else
		return false;
	p->revents = 0;
	return true;
}

/*
 * Before a poll that waits for ever, when nothing is ready yet: one line on
 * what it waits for. Unlike wait_note, a non-blocking descriptor changes
 * nothing here: poll waits all the same.
 */
static void
poll_wait_note(const struct pollfd *p, size_t n)
{
	struct pollfd *copy = xmemdup(p, n * sizeof *p);
	struct strbuf sb = STRBUF_INIT;
	int ready = poll(copy, (nfds_t)n, 0);

	free(copy);
	if (ready != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		struct strbuf ev = STRBUF_INIT;

		sb_add(&sb, i == 0 ? "" : i + 1 == n ? _(" or ") : ", ");
		pr_flags(&ev, xlat_poll_events, (unsigned short)p[i].events,
		    "POLL???");
		sb_addf(&sb, _("%s on fd%d"), sb_str(&ev), p[i].fd);
		sb_free(&ev);
	}
	emitf(EV_WAIT, -1, _("waiting for %s (Ctrl-C interrupts)"), sb_str(&sb));
	sb_free(&sb);
	call_wait_begin(-1);
}

/* What POLLERR and POLLHUP mean, which the learner did not ask for: once each. */
static void
poll_result_note(struct shell *sh, const struct pollfd *p, size_t n)
{
	bool err = false, hup = false;

	for (size_t i = 0; i < n; i++) {
		if ((p[i].revents & POLLERR) && !err) {
			shell_note(sh, "POLLERR on fd%d: an error is pending; "
			    "`getsockopt fd%d error` tells which (and clears it)",
			    p[i].fd, p[i].fd);
			err = true;
		}
		if ((p[i].revents & POLLHUP) && !hup) {
			shell_note(sh, "POLLHUP on fd%d: no connection there (never "
			    "connected, refused, or closed both ways)", p[i].fd);
			hup = true;
		}
	}
}

static enum cmd_retval
cmd_poll_exec(struct shell *sh, struct args *args)
{
	struct pollfd *p = xcalloc(sh->fds.n + args->argc + 1, sizeof *p);
	struct strbuf ret = STRBUF_INIT;
	struct call c;
	size_t n = 0;
	long timeout = -1;
	int rc;

	for (size_t i = 0; i < args->argc; i++) {
		const struct word *w = &args->argv[i];

		if (parse_pollfd(w, &p[n])) {
			if (!fd_is_open(sh, args->cmd, p[n].fd)) {
				free(p);
				return CMD_RETURN_ERROR;
			}
			n++;
			continue;
		}
		if (i + 1 < args->argc || (!w->quoted && strncmp(w->s, "fd", 2) == 0)) {
			cmd_usage_error(sh, args->cmd, "not a descriptor: %s (fdN, "
			    "fdN:in, fdN:out or fdN:inout)", w->s);
			free(p);
			return CMD_RETURN_ERROR;
		}
		if (!args_number(sh, args, i, "timeout", -1, INT_MAX, &timeout)) {
			free(p);
			return CMD_RETURN_ERROR;
		}
	}
	if (n == 0) {
		/* None named: every descriptor of the table, for reading. */
		for (const struct fd_entry *e = fd_table_first(&sh->fds);
		    e != NULL; e = fd_table_next(&sh->fds, e)) {
			p[n].fd = e->fd;
			p[n++].events = POLLIN;
		}
	}
	if (n == 0) {
		free(p);
		return cmd_usage_error(sh, args->cmd, "no descriptors to poll: "
		    "make one with `socket`");
	}

	if (timeout < 0)
		poll_wait_note(p, n);
	if (shell_signal_before_call(sh, "poll")) {
		free(p);
		return CMD_RETURN_NORMAL;
	}
	call_begin(&c, "poll", -1);
	rc = poll(p, (nfds_t)n, (int)timeout);
	call_returned(&c, rc, errno);
	pr_pollfds(&c.args, p, n, SH_STRSIZE(sh));
	sb_addf(&c.args, ", %zu, %ld", n, timeout);
	if (rc >= 0) {
		pr_poll_result(&ret, p, n, rc, SH_STRSIZE(sh));
		c.rettext = sb_str(&ret);
	}
	call_end(sh, &c);
	if (rc > 0)
		poll_result_note(sh, p, n);
	sb_free(&ret);
	free(p);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_poll_entry = {
	.name = "poll",
	.usage = "[fdN[:in|out]...] [TIMEOUT_MS]",
	.summary = N_("wait until a descriptor is ready to read (in) or write (out)"),
	.help = N_("With no fdN, every descriptor of the table, for reading; fdN:inout asks\n"
	    "both. Without TIMEOUT_MS (or -1) it waits until one is ready; Ctrl-C stops it."),
	.proto = "int poll(struct pollfd *fds, nfds_t nfds, int timeout);",
	.see = "poll(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, -1 },
	.complete = { ARGK_FD },
	.ports_kept = true,
	.exec = cmd_poll_exec,
};
