/* call.c: the end of every call: its line, its hint, what expect checks. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include "call.h"
#include "children.h"
#include "event.h"
#include "hexdump.h"
#include "hints.h"
#include "lang.h"
#include "lab.h"
#include "print.h"
#include "settings.h"
#include "term.h"
#include "trace.h"
#include "watch.h"
#include "xlat.h"

/* The voluntary context switches of this thread: a call that slept adds one. */
static long
voluntary_switches(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru) == -1)
		return -1;
	return ru.ru_nvcsw;
}

/*
 * Calls that never sleep waiting for a peer: whether they waited is known
 * without asking the kernel (two getrusage calls fewer for each).
 */
static bool
never_waits(const char *name)
{
	static const char *const quick[] = {
		"socket", "bind", "listen", "getsockname", "getpeername",
		"setsockopt", "getsockopt", "shutdown", "socketpair", "dup",
		"dup2", "dup3", "epoll_create1", "epoll_ctl", "ioctl", "fcntl",
		"unlink", NULL
	};

	for (const char *const *q = quick; *q != NULL; q++)
		if (strcmp(*q, name) == 0)
			return true;
	return false;
}

/*
 * The descriptor whose next call wait_note found would return at once (data
 * or a connection already there, or non-blocking), or -1: that call did not
 * sleep, and the kernel need not be asked.
 */
static int quick_fd = -1;

/*
 * A wait said (its waiting line printed) begins with the call: nothing the
 * shell says between the two (a signal's note) can meet a line another
 * thread prints. WAITING: it has begun, until the call returns.
 */
static bool announced, waiting;
static int announced_fd = -1;

static void
wait_start(void)
{
	waiting = true;
	if (announced)
		trace_wait_begin(announced_fd);
	children_wait_begin();
}

/* Whether anything may ask if a call slept: expect waited/at-once, mostly. */
static bool waits_wanted = true;

bool
call_want_waits(bool want)
{
	bool was = waits_wanted;

	waits_wanted = want;
	return was;
}

/*
 * Whether a call's times are taken: only a trace (ordering packets and calls)
 * and a kept record read them. Otherwise begin and end stay zero, and the
 * clock is not read four times a command.
 */
bool
call_timed(void)
{
	return trace_running() || emit_timed();
}

void
call_begin(struct call *c, const char *name, int fd)
{
	/*
	 * Not asked when nothing will use the answer: no `expect waited` or
	 * `at-once` to come, no trace to order packets by it, no child whose
	 * lines a wait lets in first.
	 */
	bool quick = (!waits_wanted && !trace_running() &&
	    children_count() == 0) || (fd != -1 && fd == quick_fd) ||
	    never_waits(name);

	/*
	 * While a child lives, any call that can wait lets the children's lines
	 * in as they come (a write may fill the socket's buffer while the child
	 * that should read it waits for room in the pipe).
	 */
	if (children_count() > 0)
		children_before_call();
	if (announced || (children_count() > 0 && !never_waits(name) &&
	    (fd == -1 || fd != quick_fd)))
		wait_start();
	quick_fd = -1;
	children_busy(true);	/* in a child: its line is due, the parent may wait for it */
	/* Every field but ROOM, one store each (call.h): no clearing first. */
	c->name = name;
	c->fd = fd;
	sb_init_on(&c->args, c->room, sizeof c->room);
	c->ret = 0;
	c->err = 0;
	c->rettext = NULL;
	c->what = NULL;
	c->begin.tv_sec = c->end.tv_sec = 0;
	c->begin.tv_nsec = c->end.tv_nsec = 0;
	c->nvcsw = quick ? -1 : voluntary_switches();
	c->waited = false;
	c->announced = announced;
	c->timed = call_timed();
	c->mono_begin.tv_sec = c->mono_end.tv_sec = 0;
	c->mono_begin.tv_nsec = c->mono_end.tv_nsec = 0;
	if (c->timed)
		clock_gettime(CLOCK_REALTIME, &c->begin);
	if (children_count() > 0 || children_am_child())
		clock_gettime(CLOCK_MONOTONIC, &c->mono_begin);
	watch_call_begin();
}

/*
 * Did C wait for something another process did? Its waiting line said so,
 * or it slept in the kernel while no capture thread was about (whose lock
 * can make any call sleep a moment).
 */
static bool
waited_for_one(const struct call *c)
{
	return c->announced || (c->waited && !trace_running());
}

/*
 * When a call took effect, to order a parent's and a child's lines: one that
 * waited when it returned, with what woke it; any other when it began (a
 * write's bytes are there at once).
 */
static const struct timespec *
took_effect(const struct call *c)
{
	return waited_for_one(c) ? &c->mono_end : &c->mono_begin;
}

void
call_move(struct call *to, struct call *from)
{
	*to = *from;
	if (from->args.borrowed) {
		to->args.s = to->room;
		from->args.s = NULL;
		from->args.borrowed = false;
		from->args.len = from->args.cap = 0;
	}
}

void
call_returned(struct call *c, long ret, int err)
{
	long nvcsw;

	call_kick_off();
	children_returned();	/* in a child: its line is due, its call over */
	if (watch_call_end())
		c->announced = true;
	if (c->timed)
		clock_gettime(CLOCK_REALTIME, &c->end);
	if (c->mono_begin.tv_sec != 0)
		clock_gettime(CLOCK_MONOTONIC, &c->mono_end);
	nvcsw = c->nvcsw != -1 ? voluntary_switches() : -1;
	c->waited = c->nvcsw != -1 && nvcsw > c->nvcsw;
	c->ret = ret;
	c->err = ret == -1 ? err : 0;
	call_wait_end(&c->end, c->waited);
}

/* What the hint table may ask of the socket the call was made on. */
static void
hint_socket_of(struct shell *sh, int fd, struct hint_socket *hs)
{
	const struct fd_entry *e = fd >= 0 ? fd_table_find(&sh->fds, fd) : NULL;

	memset(hs, 0, sizeof *hs);
	hs->lab = lab_active();
	if (e == NULL)
		return;
	hs->known = true;
	hs->family = e->family;
	hs->listening = e->listening;
	hs->reuseaddr = e->reuseaddr;
	hs->bound = e->bound;
}

void
call_end(struct shell *sh, struct call *c)
{
	char room[128];
	struct strbuf result;
	struct hint_socket hs;
	struct ev_call ec;
	struct event ev;
	const char *hint;

	sb_init_on(&result, room, sizeof room);
	if (c->end.tv_sec == 0 && c->timed)
		clock_gettime(CLOCK_REALTIME, &c->end);
	/*
	 * Children's lines and this call's, in the order they took effect: a
	 * child marks its lines with it; the parent prints before its line what
	 * the children said until then (a child's connect before the accept it
	 * ended), and the rest after (a child's read after the write it read).
	 */
	if (c->mono_end.tv_sec != 0 && children_am_child())
		term_child_said(took_effect(c));
	else if (c->mono_end.tv_sec != 0) {
		/*
		 * Waited for one, as took_effect has it: also a call whose peek
		 * found nothing, though what a child sent came before it slept.
		 */
		bool woken = waited_for_one(c);

		children_hold_after(took_effect(c), woken);
		if (woken)
			children_catch_up(sh, false);
	}
	if (c->ret == -1 && errno_known(c->err) == NULL)
		sb_addf(&result, "-1 (errno %d)", c->err);
	else if (c->ret == -1)
		sb_addf(&result, "-1 %s (%s)", errno_name(c->err),
		    errno_message(c->err));
	else if (c->rettext != NULL)
		sb_add(&result, c->rettext);
	else
		sb_addlong(&result, c->ret);

	memset(&ec, 0, sizeof ec);
	ec.name = c->name;
	ec.args = sb_str(&c->args);
	ec.args_len = c->args.len;
	ec.ret = c->ret;
	ec.err = c->err;
	ec.result = sb_str(&result);
	ec.result_len = result.len;
	ec.begin = c->begin;
	ec.end = c->end;
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_CALL;
	ev.fd = c->fd;
	ev.call = &ec;
	ev.time = c->end;
	emit(&ev);
	/* What the children said after the call returned. */
	children_release();
	/* Under the line: the packets the call caused, as the capture saw them. */
	if (trace_running()) {
		struct strbuf line = STRBUF_INIT;

		sb_add(&line, c->name);
		sb_addc(&line, '(');
		sb_add(&line, ec.args);
		sb_add(&line, ") = ");
		sb_add(&line, ec.result);
		trace_call(sh, c, sb_str(&line));
		sb_free(&line);
	}

	/* The prompt's news need not tell again of an error this call showed. */
	if (c->fd >= 0) {
		struct fd_entry *e = fd_table_find(&sh->fds, c->fd);

		/* Not "try again": an error that comes later is news. */
		if (e != NULL)
			e->err_seen = c->ret == -1 && c->err != EAGAIN &&
			    c->err != EWOULDBLOCK && c->err != EINTR &&
			    c->err != EINPROGRESS && c->err != EALREADY;
	}
	/* Every field, one store each: no clearing of the whole first. */
	free(sh->last.data);
	sh->last.valid = true;
	sh->last.name = c->name;
	sh->last.ret = c->ret;
	sh->last.err = c->err;
	sh->last.has_data = false;
	sh->last.data = NULL;
	sh->last.len = 0;
	sh->last.waited = c->waited;
	sh->last.begin = c->begin;
	sh->last.end = c->end;
	sh->last.fd = c->fd;
	sh->last.id = ++sh->calls;

	/*
	 * No advice to try again when SIGTERM/SIGHUP is ending the shell, nor
	 * in a child cut short by Ctrl-C: it ends there, as a script does.
	 */
	if (c->ret == -1 && !sig_quit_pending && !(c->err == EINTR &&
	    sig_int_pending && children_am_child())) {
		const char *theirs = lang_strerror(c->err);

		hint_socket_of(sh, c->fd, &hs);
		hint = hint_find_what(c->name, c->what, c->err, &hs);
		/*
		 * In Korean, the C library's own words for the error come first
		 * (the call line keeps the C locale's, as strace has them).
		 */
		if (theirs != NULL && hint != NULL)
			emitf(EV_HINT, c->fd, "%s — %s", theirs, _(hint));
		else if (theirs != NULL || hint != NULL)
			emit_text(EV_HINT, c->fd, theirs != NULL ? theirs : _(hint));
	}
	children_busy(false);	/* in a child: its line is in the pipe */
	sb_free(&result);
	sb_free(&c->args);
}

/* Has DATA a well-formed UTF-8 character beyond ASCII (Korean, say)? */
static bool
has_utf8_text(const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (p[i] >= 0xc2 && pr_utf8_len(p + i, len - i) > 0)
			return true;
	return false;
}

/* Are characters beyond ASCII UTF-8 here (asked only of bytes that have some)? */
static bool
locale_utf8(void)
{
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

void
call_data(struct shell *sh, const void *data, size_t len, bool hex)
{
	struct strbuf sb = STRBUF_INIT;
	long mode = sh->setting[SETTING_DATA];

	free(sh->last.data);
	sh->last.data = xmemdup(data, len ? len : 1);
	sh->last.len = len;
	sh->last.has_data = true;
	if (len == 0)
		return;
	if (hex || mode == DATA_HEX) {
		hexdump(&sb, data, len);
	} else if (mode == DATA_TEXT && (len > SH_STRSIZE(sh) ||
	    (has_utf8_text(data, len) && locale_utf8()))) {
		/* The call line cut it, or shows its characters as octal: whole here. */
		pr_data_lines(&sb, data, len, locale_utf8());
	}
	if (sb.len > 0) {
		if (sb.s[sb.len - 1] == '\n')
			sb.s[--sb.len] = '\0';
		emit_text(EV_DATA, -1, sb_str(&sb));
	}
	sb_free(&sb);
}

/*
 * Are SH's waits watched (watch.h) rather than peeked at? In a script, with
 * no trace and no child: those need the wait to begin with the call.
 */
static bool
watched(const struct shell *sh)
{
	return !sh->interactive && !trace_running() && children_count() == 0 &&
	    !children_am_child();
}

void
wait_unsaid(struct shell *sh, int fd)
{
	if (!watched(sh) || (term_holds_output() && !watch_arm(fd, NULL, false)))
		emit_flush();
}

void
wait_note(struct shell *sh, int fd, short events, const char *what)
{
	quick_fd = -1;
	/* A script: no peek; the watcher says the line if the call waits. */
	if (watched(sh)) {
		bool line = emit_shown(EV_WAIT);

		if (!line && !term_holds_output())
			return;
		if (watch_arm(fd, what, line))
			return;
	}
	wait_note_peeked(sh, fd, events, what);
}

/* The waiting line of a call about to wait on FD for WHAT, and the wait begun. */
static void
say_waiting(int fd, const char *what)
{
	emitf(EV_WAIT, fd, _("waiting for %s on fd%d (Ctrl-C interrupts)"), what, fd);
	call_wait_begin(fd);
}

void
wait_note_send(struct shell *sh, int fd, size_t len, const char *what)
{
	const struct fd_entry *e = fd_table_find(&sh->fds, fd);
	socklen_t optlen = sizeof(int);
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int sndbuf = 0, queued = 0;
	short events = POLLOUT;

	/*
	 * At the prompt a peek says whether there is room, not whether there
	 * is room for LEN bytes: a long write to a unix stream waits for the
	 * peer to read while its buffer has less free than it brings (both
	 * counted the kernel's way). Not for TCP, whose wait is the peer's
	 * window as much as this buffer; nor for a socket whose write fails
	 * at once (reset, shut down, not connected).
	 */
	if (!watched(sh) && len > SEND_ROOM_ASKED && e != NULL &&
	    e->family == AF_UNIX && e->type == SOCK_STREAM &&
	    emit_shown(EV_WAIT) && poll(&p, 1, 0) >= 0 &&
	    !(p.revents & (POLLERR | POLLHUP | POLLNVAL)) &&
	    getsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, &optlen) == 0 &&
	    ioctl(fd, SIOCOUTQ, &queued) == 0 && sndbuf > queued &&
	    len > (size_t)(sndbuf - queued))
		events = 0;
	wait_note(sh, fd, events, what);
}

void
wait_note_close(struct shell *sh, int fd, const char *what)
{
	/* Linux lingers in close on a non-blocking socket too: no flag to look at. */
	if (watched(sh) || !emit_shown(EV_WAIT)) {
		wait_note(sh, fd, 0, what);
		return;
	}
	quick_fd = -1;
	say_waiting(fd, what);
}

void
wait_note_peeked(struct shell *sh, int fd, short events, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };
	int fl;

	(void)sh;
	quick_fd = -1;
	/*
	 * Nobody would see the line, nor a trace order packets by it: no peek,
	 * only what the shell holds for standard output written out.
	 */
	if (!emit_shown(EV_WAIT) && !trace_running() && children_count() == 0) {
		emit_flush();
		return;
	}
	/*
	 * Only when the call would really wait: ready or non-blocking, say
	 * nothing. Readable (or ended, or failed) means a receive or an accept
	 * returns at once; room to write does not mean a long write does.
	 */
	if (events != 0 && poll(&p, 1, 0) != 0) {
		if (events == POLLIN && (p.revents & ~POLLOUT) != 0)
			quick_fd = fd;
		return;
	}
	if ((fl = fcntl(fd, F_GETFL)) == -1 || (fl & O_NONBLOCK)) {
		if (fl != -1)
			quick_fd = fd;
		return;
	}
	say_waiting(fd, what);
}

void
call_wait_begin(int fd)
{
	announced = true;
	announced_fd = fd;
}

void
call_wait_start(void)
{
	if (announced && !waiting)
		wait_start();
}

void
call_wait_end(const struct timespec *end, bool slept)
{
	watch_disarm();
	announced = false;
	if (!waiting)
		return;
	waiting = false;
	/* The children's thread first: then only the capture's can still print. */
	children_wait_end();
	trace_wait_end(end, slept);
}
