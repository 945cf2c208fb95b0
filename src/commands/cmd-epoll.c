/* cmd-epoll.c: epoll_create1, epoll_ctl and epoll_wait, level- and edge-triggered. */
#include "config.h"

#include <sys/epoll.h>

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

/* The words for the event bits, as typed. */
static const struct {
	const char	*word;
	unsigned	 bit;
} epoll_words[] = {
	{ "in", EPOLLIN }, { "out", EPOLLOUT }, { "rdhup", EPOLLRDHUP },
	{ "pri", EPOLLPRI }, { "err", EPOLLERR }, { "hup", EPOLLHUP },
	{ "et", EPOLLET }, { "oneshot", EPOLLONESHOT },
	{ "exclusive", EPOLLEXCLUSIVE },
};

/* "in|et" or "in" into *EV (or'ed); false when a part is none of the words. */
static bool
parse_events(const char *s, unsigned *ev)
{
	char *copy = xstrdup(s), *save = NULL, *tok;
	bool ok = true;

	for (tok = strtok_r(copy, "|", &save); tok != NULL && ok;
	    tok = strtok_r(NULL, "|", &save)) {
		size_t i;

		for (i = 0; i < sizeof epoll_words / sizeof epoll_words[0]; i++)
			if (strcasecmp(tok, epoll_words[i].word) == 0)
				break;
		if (i == sizeof epoll_words / sizeof epoll_words[0])
			ok = false;
		else
			*ev |= epoll_words[i].bit;
	}
	free(copy);
	return ok;
}

/* The epoll descriptor made last, or -1. */
static int
epoll_latest(struct shell *sh)
{
	unsigned long best = 0;
	int fd = -1;

	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {

		if (e->role == ROLE_EPOLL && (fd == -1 || e->seq > best)) {
			best = e->seq;
			fd = e->fd;
		}
	}
	return fd;
}

/*
 * An optional epoll descriptor at argv[*i], fdN or its number; else the
 * latest. -1 after a usage error. With ANOTHER_FD (epoll_ctl's), it is EPFD
 * only when an fdN follows it: in `epoll add fd6` fd6 is what is added
 * (EINVAL, if it is the set itself). For epoll_wait a number is EPFD only
 * as the first of three (EPFD MAX TIMEOUT_MS): `epoll wait 4 100` is MAX 4.
 */
static int
epoll_arg(struct shell *sh, struct args *args, size_t *i, bool another_fd)
{
	const struct word *w = *i < args->argc ? &args->argv[*i] : NULL;
	int fd = w != NULL ? word_fd(w) : -1;
	const struct fd_entry *e;

	if (w != NULL && fd == -1 && !w->quoted && w->len > 0 && w->len < 8 &&
	    strspn(w->s, "0123456789") == w->len &&
	    (another_fd || args->argc - *i == 3))
		fd = atoi(w->s);
	if (another_fd && (*i + 1 >= args->argc ||
	    word_fd(&args->argv[*i + 1]) == -1))
		fd = -1;
	if (fd != -1) {
		if (!fd_is_open(sh, args->cmd, fd))
			return -1;
		if ((e = fd_table_find(&sh->fds, fd))->role != ROLE_EPOLL) {
			cmd_usage_error(sh, args->cmd, "fd%d is not an epoll "
			    "descriptor (`epoll create` makes one)", fd);
			return -1;
		}
		(*i)++;
		return fd;
	}
	if ((fd = epoll_latest(sh)) == -1)
		cmd_usage_error(sh, args->cmd, "no epoll descriptor: `epoll create` "
		    "makes one");
	return fd;
}

static enum cmd_retval
epoll_create_exec(struct shell *sh, struct args *args)
{
	struct call c;
	int fd, keep = sh->fds.current;

	if (args->argc > 1)
		return cmd_usage_error(sh, args->cmd, "create takes no arguments");
	if (shell_signal_before_call(sh, "epoll_create1"))
		return CMD_RETURN_NORMAL;
	call_begin(&c, "epoll_create1", -1);
	fd = epoll_create1(0);
	call_returned(&c, fd, errno);
	sb_add(&c.args, "0");
	call_end(sh, &c);
	if (fd >= 0) {
		fd_table_add(&sh->fds, fd, 0, 0, 0, ROLE_EPOLL);
		/* Not a socket: the current descriptor stays the one it was. */
		sh->fds.current = keep;
	}
	return CMD_RETURN_NORMAL;
}

static void
watch_set(struct fd_entry *e, int op, int fd, unsigned events)
{
	size_t n = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch : FD_EPOLL_WATCH_MAX;

	if (op == EPOLL_CTL_DEL) {
		fd_epoll_forget(e, fd);
		return;
	}
	for (size_t k = 0; k < n; k++) {
		if (e->watch[k].fd == fd) {
			e->watch[k].events = events;
			e->watch[k].fired = false;
			return;
		}
	}
	if (op == EPOLL_CTL_ADD) {
		if (n < FD_EPOLL_WATCH_MAX) {
			/* The list is made with the first descriptor it watches. */
			if (e->watch == NULL)
				e->watch = xcalloc(FD_EPOLL_WATCH_MAX,
				    sizeof *e->watch);
			e->watch[n].fd = fd;
			e->watch[n].events = events;
			e->watch[n].fired = false;
		}
		e->nwatch++;
	}
}

static enum cmd_retval
epoll_ctl_exec(struct shell *sh, struct args *args, int op)
{
	struct epoll_event ev;
	struct call c;
	size_t i = 1;
	unsigned events = 0;
	int epfd, fd, rc;

	if ((epfd = epoll_arg(sh, args, &i, true)) == -1)
		return CMD_RETURN_ERROR;
	if (i >= args->argc || (fd = word_fd(&args->argv[i])) == -1)
		return cmd_usage_error(sh, args->cmd, "which descriptor? (epoll %s "
		    "[EPFD] fdN%s)", args->argv[0].s,
		    op == EPOLL_CTL_DEL ? "" : " [EVENTS...]");
	if (!fd_is_open(sh, args->cmd, fd))
		return CMD_RETURN_ERROR;
	for (i++; i < args->argc; i++) {
		if (op == EPOLL_CTL_DEL)
			return cmd_usage_error(sh, args->cmd, "del takes no events");
		if (!parse_events(args->argv[i].s, &events))
			return cmd_usage_error(sh, args->cmd, "not an event: %s (in, "
			    "out, rdhup, pri, err, hup, et, oneshot, exclusive)",
			    args->argv[i].s);
	}
	if (op != EPOLL_CTL_DEL && events == 0)
		events = EPOLLIN;
	memset(&ev, 0, sizeof ev);
	ev.events = events;
	ev.data.fd = fd;
	if (shell_signal_before_call(sh, "epoll_ctl"))
		return CMD_RETURN_NORMAL;
	call_begin(&c, "epoll_ctl", epfd);
	rc = epoll_ctl(epfd, op, fd, op == EPOLL_CTL_DEL ? NULL : &ev);
	call_returned(&c, rc, errno);
	sb_addf(&c.args, "%d, %s, %d, ", epfd, xlat_name(xlat_epoll_ctl_ops, op),
	    fd);
	pr_epoll_event(&c.args, op == EPOLL_CTL_DEL ? NULL : &ev);
	call_end(sh, &c);
	if (rc == 0)
		watch_set(fd_table_find(&sh->fds, epfd), op, fd, events);
	return CMD_RETURN_NORMAL;
}

/*
 * After a wait: a oneshot descriptor it reported is now off in the kernel,
 * still in the set but reported no more until `epoll mod` arms it again.
 */
static void
epoll_oneshot_fired(struct shell *sh, struct fd_entry *e,
    const struct epoll_event *out, size_t n)
{
	size_t nw = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch : FD_EPOLL_WATCH_MAX;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < nw; k++) {
			struct fd_watch *w = &e->watch[k];
			struct strbuf words = STRBUF_INIT;

			if (w->fd != out[i].data.fd || !(w->events & EPOLLONESHOT) ||
			    w->fired)
				continue;
			w->fired = true;
			/* The command that arms it again, with its own events. */
			for (size_t b = 0; b < sizeof epoll_words / sizeof epoll_words[0]; b++)
				if (w->events & epoll_words[b].bit)
					sb_addf(&words, " %s", epoll_words[b].word);
			shell_note(sh, "fd%d was added with oneshot (EPOLLONESHOT): "
			    "the kernel now leaves it off, still in the set; "
			    "`epoll mod fd%d fd%d%s` arms it again", w->fd, e->fd,
			    w->fd, sb_str(&words));
			sb_free(&words);
		}
}

/* After a wait that reported nothing: an edge-triggered fd with data still waiting. */
static void
epoll_et_note(struct shell *sh, const struct fd_entry *e)
{
	size_t n = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch : FD_EPOLL_WATCH_MAX;

	for (size_t k = 0; k < n; k++) {
		struct pollfd p = { .fd = e->watch[k].fd, .events = POLLIN };

		if (!(e->watch[k].events & EPOLLET) ||
		    !(e->watch[k].events & EPOLLIN))
			continue;
		if (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
			shell_note(sh, "fd%d is still readable, but it is "
			    "edge-triggered (EPOLLET): epoll reports it once per "
			    "arrival; read until EAGAIN, or add it without et",
			    p.fd);
			return;
		}
	}
}

static enum cmd_retval
epoll_wait_exec(struct shell *sh, struct args *args)
{
	struct epoll_event *out;
	struct fd_entry *e;
	struct call c;
	size_t i = 1;
	long max = 8, timeout = -1;
	int epfd, rc;

	if ((epfd = epoll_arg(sh, args, &i, false)) == -1)
		return CMD_RETURN_ERROR;
	if (i < args->argc && !args_number(sh, args, i++, N_("max"), 1, 1024, &max))
		return CMD_RETURN_ERROR;
	if (i < args->argc && !args_number(sh, args, i++, N_("timeout"), -1, INT_MAX,
	    &timeout))
		return CMD_RETURN_ERROR;
	if (i < args->argc)
		return cmd_usage_error(sh, args->cmd, "too many arguments");
	e = fd_table_find(&sh->fds, epfd);
	if (timeout < 0) {
		struct pollfd p = { .fd = epfd, .events = POLLIN };

		if (poll(&p, 1, 0) == 0) {
			emitf(EV_WAIT, -1, _("waiting for an event on epoll fd%d "
			    "(Ctrl-C interrupts)"), epfd);
			call_wait_begin(-1);
		}
	}
	if (shell_signal_before_call(sh, "epoll_wait"))
		return CMD_RETURN_NORMAL;
	out = xcalloc((size_t)max, sizeof *out);
	call_begin(&c, "epoll_wait", epfd);
	rc = epoll_wait(epfd, out, (int)max, (int)timeout);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, epfd);
	sb_add(&c.args, ", ");
	if (rc >= 0)
		pr_epoll_events(&c.args, out, (size_t)rc, SH_STRSIZE(sh));
	else
		sb_addf(&c.args, "%p", (void *)out);
	sb_addf(&c.args, ", %ld, %ld", max, timeout);
	call_end(sh, &c);
	if (rc == 0 && e != NULL)
		epoll_et_note(sh, e);
	if (rc > 0 && e != NULL)
		epoll_oneshot_fired(sh, e, out, (size_t)rc);
	free(out);
	return CMD_RETURN_NORMAL;
}

static enum cmd_retval
cmd_epoll_exec(struct shell *sh, struct args *args)
{
	const char *sub = args->argv[0].s;

	if (strcmp(sub, "create") == 0)
		return epoll_create_exec(sh, args);
	if (strcmp(sub, "add") == 0)
		return epoll_ctl_exec(sh, args, EPOLL_CTL_ADD);
	if (strcmp(sub, "mod") == 0)
		return epoll_ctl_exec(sh, args, EPOLL_CTL_MOD);
	if (strcmp(sub, "del") == 0)
		return epoll_ctl_exec(sh, args, EPOLL_CTL_DEL);
	if (strcmp(sub, "wait") == 0)
		return epoll_wait_exec(sh, args);
	return cmd_usage_error(sh, args->cmd, "not a subcommand: %s (create, add, "
	    "mod, del, wait)", sub);
}

const struct command cmd_epoll_entry = {
	.name = "epoll",
	.usage = "create | add|mod|del [EPFD] fdN [EVENTS...] | wait [EPFD] [MAX] [TIMEOUT_MS]",
	.summary = N_("watch many descriptors with one epoll descriptor, level- or edge-triggered"),
	.help = N_("EVENTS: in out rdhup pri err hup et oneshot exclusive, joined by | or as words\n"
	    "(in when none). EPFD (fdN or its number) is the latest epoll descriptor when\n"
	    "left out; wait: MAX 8, TIMEOUT -1 (a number alone is MAX)."),
	.proto = "int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);",
	.see = "epoll(7)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, -1 },
	.complete = { ARGK_EPOLL, ARGK_FD, ARGK_EPOLLEV },
	.ports_kept = true,
	.exec = cmd_epoll_exec,
};
