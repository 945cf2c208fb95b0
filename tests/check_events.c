/*
 * check_events.c: the emitter and its sinks: every word is an event, in order,
 * to every sink; a sink removed while events are delivered misses nothing
 * before and gets nothing after; a call's event carries its name, descriptor,
 * result and times; the terminal's form of each kind.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "call.h"
#include "check_suites.h"
#include "event.h"
#include "memsink.h"
#include "shell.h"
#include "term.h"

/* A sink that unsubscribes itself (and another) from inside a delivery. */
struct quitter {
	struct sink	 sink;
	struct sink	*also;
	int		 got;
};

static void
quitter_deliver(struct sink *s, const struct event *ev)
{
	struct quitter *q = (struct quitter *)s;

	(void)ev;
	q->got++;
	sink_remove(s);
	if (q->also != NULL)
		sink_remove(q->also);
}

START_TEST(test_every_sink_in_order)
{
	struct mem_sink a, b;

	mem_sink_attach(&a);
	mem_sink_attach(&b);
	emit_text(EV_NOTE, 3, "one");
	emitf(EV_HINT, -1, "two %d", 2);
	ck_assert_uint_eq(a.n, 2);
	ck_assert_uint_eq(b.n, 2);
	ck_assert_int_eq(a.v[0].kind, EV_NOTE);
	ck_assert_int_eq(a.v[0].fd, 3);
	ck_assert_str_eq(a.v[0].text, "one");
	ck_assert_str_eq(b.v[1].text, "two 2");
	/* stamped when said, on the wall clock packets use */
	ck_assert(a.v[0].time.tv_sec > 1000000000);
	ck_assert(a.v[1].time.tv_sec > a.v[0].time.tv_sec ||
	    (a.v[1].time.tv_sec == a.v[0].time.tv_sec &&
	    a.v[1].time.tv_nsec >= a.v[0].time.tv_nsec));
	mem_sink_detach(&b);
	emit_text(EV_NOTE, -1, "three");
	ck_assert_uint_eq(a.n, 3);
	mem_sink_detach(&a);
}
END_TEST

START_TEST(test_remove_while_delivering)
{
	struct quitter q = { .sink = { .deliver = quitter_deliver } };
	struct mem_sink before, after;

	mem_sink_attach(&before);
	sink_add(&q.sink);
	mem_sink_attach(&after);
	/* q leaves, and takes `after` with it: `after` hears nothing more */
	q.also = &after.sink;
	emit_text(EV_NOTE, -1, "first");
	emit_text(EV_NOTE, -1, "second");
	ck_assert_int_eq(q.got, 1);
	ck_assert_uint_eq(before.n, 2);
	ck_assert_uint_eq(after.n, 0);
	mem_sink_detach(&before);
	mem_sink_clear(&after);
	free(after.v);
}
END_TEST

START_TEST(test_call_event)
{
	struct shell sh;
	struct mem_sink m;
	struct call c;
	const struct mem_event *e, *h;
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;

	shell_init(&sh);
	mem_sink_attach(&m);
	call_begin(&c, "connect", 7);
	call_returned(&c, -1, ECONNREFUSED);
	sb_add(&c.args, "7, NULL, 0");
	call_end(&sh, &c);
	ck_assert_ptr_nonnull(e = mem_sink_find(&m, EV_CALL, 0));
	ck_assert_str_eq(e->name, "connect");
	ck_assert_str_eq(e->args, "7, NULL, 0");
	ck_assert_int_eq(e->fd, 7);
	ck_assert_int_eq(e->ret, -1);
	ck_assert_int_eq(e->err, ECONNREFUSED);
	ck_assert_str_eq(e->text, "connect(7, NULL, 0) = -1 ECONNREFUSED "
	    "(Connection refused)");
	ck_assert(e->begin.tv_sec > 1000000000);
	ck_assert(e->end.tv_sec > e->begin.tv_sec || (e->end.tv_sec ==
	    e->begin.tv_sec && e->end.tv_nsec >= e->begin.tv_nsec));
	/* the hint is an event of its own, about the same descriptor, after it */
	ck_assert_ptr_nonnull(h = mem_sink_find(&m, EV_HINT, 0));
	ck_assert(h > e);
	ck_assert_int_eq(h->fd, 7);
	/* what expect checks was recorded */
	ck_assert(sh.last.valid);
	ck_assert_int_eq(sh.last.err, ECONNREFUSED);
	mem_sink_render(&m, &out, &err);
	ck_assert_str_eq(err.s != NULL ? err.s : "", "");
	ck_assert_msg(strncmp(sb_str(&out), "connect(7, NULL, 0) = -1 ECONNREFUSED "
	    "(Connection refused)\n  hint: ", 62) == 0, "got %s", sb_str(&out));
	sb_free(&out);
	sb_free(&err);
	mem_sink_detach(&m);
	shell_free(&sh);
}
END_TEST

/* The terminal's form of EV: its bytes, and on which stream. */
static const char *
form(const struct event *ev, bool color, int *fd)
{
	static struct strbuf sb;

	sb_free(&sb);
	term_format(ev, color, color, &sb, fd);
	return sb_str(&sb);
}

START_TEST(test_terminal_forms)
{
	struct event ev;
	int fd;

	memset(&ev, 0, sizeof ev);
	ev.fd = -1;
	ev.kind = EV_NOTE;
	ev.text = "two\nlines";
	ck_assert_str_eq(form(&ev, false, &fd), "  two\n  lines\n");
	ck_assert_int_eq(fd, 1);
	/* the shell's words can never carry a control byte to the terminal */
	ev.text = "\033]0;pwned\007 \xed\x95\x9c";
	ck_assert_str_eq(form(&ev, false, &fd), "  \\033]0;pwned\\007 \xed\x95\x9c\n");
	ev.kind = EV_ERROR;
	ev.text = "bad\nline";
	ck_assert_str_eq(form(&ev, false, &fd), "sockshell: bad\\012line\n");
	ck_assert_int_eq(fd, 2);
	ev.where = "x.sock:3";
	ck_assert_str_eq(form(&ev, false, &fd), "x.sock:3: bad\\012line\n");
	ck_assert_str_eq(form(&ev, true, &fd), "\033[31mx.sock:3: bad\\012line\033[0m\n");
	ev.where = NULL;
	ev.kind = EV_WAIT;
	ev.text = "waiting for data on fd3 (Ctrl-C interrupts)";
	ck_assert_str_eq(form(&ev, false, &fd), "  waiting for data on fd3 "
	    "(Ctrl-C interrupts)\n");
	ck_assert_int_eq(fd, 2);
	ev.kind = EV_HINT;
	ev.text = "do this";
	ck_assert_str_eq(form(&ev, false, &fd), "  hint: do this\n");
	ev.kind = EV_COMMAND;
	ev.text = "socket stream";
	ck_assert_str_eq(form(&ev, false, &fd), "");
	ev.echo = true;
	ck_assert_str_eq(form(&ev, false, &fd), "socket stream\n");
	ev.kind = EV_HELP;
	ev.text = "a\tb\n\nc";
	ck_assert_str_eq(form(&ev, false, &fd), "a\tb\n\nc\n");
}
END_TEST

START_TEST(test_call_line_colour)
{
	struct ev_call c = { .name = "write", .args = "4, \"hi\", 2", .ret = 2,
	    .result = "2" };
	struct event ev = { .kind = EV_CALL, .fd = 4, .call = &c };
	int fd;

	ck_assert_str_eq(form(&ev, false, &fd), "write(4, \"hi\", 2) = 2\n");
	/* in colour the characters stay strace's; codes go around data and result */
	ck_assert_str_eq(form(&ev, true, &fd), "write(4, \033[35m\"hi\"\033[0m, 2) = "
	    "\033[32m2\033[0m\n");
}
END_TEST

/* A forked child's lines: marked as strace -f marks them, and printed by the parent as they are. */
START_TEST(test_child_lines)
{
	struct strbuf sb = STRBUF_INIT;
	struct event ev;
	int fd;

	term_child_line(&sb, 4242, "close(3) = 0", 12);
	ck_assert_str_eq(sb_str(&sb), "[pid 4242] close(3) = 0");
	sb_reset(&sb);
	/* the shell's own words stay indented: never taken for a call line */
	term_child_line(&sb, 4242, "  hint: do this", 15);
	ck_assert_str_eq(sb_str(&sb), "  [pid 4242] hint: do this");
	sb_reset(&sb);
	/* the data view's lines too, whatever their indent */
	term_child_line(&sb, 4242, " | ab", 5);
	ck_assert_str_eq(sb_str(&sb), " [pid 4242] | ab");
	sb_reset(&sb);
	term_child_line(&sb, 7, "", 0);
	ck_assert_str_eq(sb_str(&sb), "[pid 7]");
	sb_free(&sb);

	memset(&ev, 0, sizeof ev);
	ev.fd = -1;
	ev.kind = EV_CHILD;
	ev.text = "[pid 7] read(4, \"\\33\", 4096) = 1";
	ck_assert_str_eq(form(&ev, false, &fd), "[pid 7] read(4, \"\\33\", 4096) = 1\n");
	ck_assert_int_eq(fd, 1);
	ev.kind = EV_CHILD_ERR;
	ev.text = "[pid 7] sockshell: read: no current descriptor";
	ck_assert_str_eq(form(&ev, false, &fd), "[pid 7] sockshell: read: no current descriptor\n");
	ck_assert_int_eq(fd, 2);
}
END_TEST

/*
 * The wait that no Ctrl-C slips past: with the flag already up it does not
 * wait at all (an input that never comes would hold it for ever), and a
 * ready descriptor does not hide the stop.
 */
START_TEST(test_stop_wait_sees_pending_signal)
{
	/* A bound, so that a wait that did not see the flag ends in a failure, not a hang. */
	struct timespec bound = { 5, 0 };
	struct pollfd p;
	sigset_t before, after;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	p.fd = fds[0];
	p.events = POLLIN;
	pthread_sigmask(SIG_SETMASK, NULL, &before);
	sig_int_pending = 1;
	errno = 0;
	ck_assert_int_eq(stop_ppoll(&p, 1, &bound, true), -1);
	ck_assert_int_eq(errno, EINTR);
	ck_assert_int_eq(write(fds[1], "x", 1), 1);
	ck_assert_int_eq(stop_ppoll(&p, 1, NULL, false), -1);
	sig_int_pending = 0;
	sig_quit_pending = SIGTERM;
	ck_assert_int_eq(stop_ppoll(&p, 1, NULL, true), -1);
	sig_quit_pending = 0;
	/* No flag up: the ready pipe answers. */
	ck_assert_int_eq(stop_ppoll(&p, 1, NULL, true), 1);
	ck_assert(p.revents & POLLIN);
	/* The signal mask is as it was, whichever way it returned. */
	pthread_sigmask(SIG_SETMASK, NULL, &after);
	ck_assert_int_eq(sigismember(&after, SIGINT), sigismember(&before, SIGINT));
	ck_assert_int_eq(sigismember(&after, SIGTERM), sigismember(&before, SIGTERM));
	ck_assert_int_eq(sigismember(&after, SIGCHLD), sigismember(&before, SIGCHLD));
	close(fds[0]);
	close(fds[1]);
}
END_TEST

Suite *
events_suite(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("emit");

	tcase_add_test(tc, test_every_sink_in_order);
	tcase_add_test(tc, test_remove_while_delivering);
	tcase_add_test(tc, test_call_event);
	tcase_add_test(tc, test_terminal_forms);
	tcase_add_test(tc, test_call_line_colour);
	tcase_add_test(tc, test_child_lines);
	tcase_add_test(tc, test_stop_wait_sees_pending_signal);
	suite_add_tcase(s, tc);
	return s;
}
