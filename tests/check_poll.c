/*
 * check_poll.c: poll's array going in and its result coming out, exactly as
 * strace 6.1 prints them (expected strings from `strace -s N -e trace=poll`
 * runs of the same calls, N = 0, 1, 2, 3, 32), then the poll and nonblock
 * commands on real sockets.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <check.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "commands.h"
#include "lexer.h"
#include "fdset.h"
#include "pollfd.h"
#include "shell.h"

/* The array of the strace run: a socketpair 3-4 with data waiting on 3. */
static const struct pollfd four[] = {
	{ 3, POLLIN, POLLIN },
	{ 4, POLLIN | POLLOUT, POLLOUT },
	{ 3, POLLOUT, POLLOUT },
	{ 4, 0, 0 },
};

static char *
pollfds(const struct pollfd *p, size_t n, size_t strsize)
{
	struct strbuf sb = STRBUF_INIT;

	pr_pollfds(&sb, p, n, strsize);
	return sb.s;
}

static char *
result(const struct pollfd *p, size_t n, int ret, size_t strsize)
{
	struct strbuf sb = STRBUF_INIT;

	pr_poll_result(&sb, p, n, ret, strsize);
	return sb.s;
}

START_TEST(test_array)
{
	static const struct pollfd neg[] = {
		{ -1, POLLIN, 0 }, { 3, POLLIN | POLLPRI | POLLRDHUP, POLLIN },
	};
	static const struct pollfd odd[] = { { 3, 0x4000, 0 } };
	static const struct pollfd mixed[] = { { 3, POLLIN | 0x4000, 0 } };
	char *s;

	/* poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN|POLLOUT}, {fd=3, events=POLLOUT}, {fd=4, events=0}], 4, 0) */
	s = pollfds(four, 4, 32);
	ck_assert_str_eq(s, "[{fd=3, events=POLLIN}, {fd=4, events=POLLIN|POLLOUT}, "
	    "{fd=3, events=POLLOUT}, {fd=4, events=0}]");
	free(s);
	/* -s 2: poll([{fd=3, events=POLLIN}, {fd=4, events=POLLIN|POLLOUT}, ...], 4, 0) */
	s = pollfds(four, 4, 2);
	ck_assert_str_eq(s, "[{fd=3, events=POLLIN}, {fd=4, events=POLLIN|POLLOUT}, "
	    "...]");
	free(s);
	/* -s 1 and -s 0 */
	s = pollfds(four, 4, 1);
	ck_assert_str_eq(s, "[{fd=3, events=POLLIN}, ...]");
	free(s);
	s = pollfds(four, 4, 0);
	ck_assert_str_eq(s, "[...]");
	free(s);
	/* exactly strsize entries: no cut */
	s = pollfds(four, 4, 4);
	ck_assert_ptr_null(strstr(s, "..."));
	free(s);
	/* poll([{fd=-1}, {fd=3, events=POLLIN|POLLPRI|POLLRDHUP}], 2, 0) */
	s = pollfds(neg, 2, 32);
	ck_assert_str_eq(s, "[{fd=-1}, {fd=3, events=POLLIN|POLLPRI|POLLRDHUP}]");
	free(s);
	/* poll([{fd=3, events=0x4000 \/\* POLL??? *\/}], 1, 0) */
	s = pollfds(odd, 1, 32);
	ck_assert_str_eq(s, "[{fd=3, events=0x4000 /* POLL??? */}]");
	free(s);
	s = pollfds(mixed, 1, 32);
	ck_assert_str_eq(s, "[{fd=3, events=POLLIN|0x4000}]");
	free(s);
	/* poll(NULL, 0, 0) */
	s = pollfds(NULL, 0, 32);
	ck_assert_str_eq(s, "NULL");
	free(s);
}
END_TEST

START_TEST(test_result)
{
	static const struct pollfd hup[] = {
		{ 4, POLLIN, 0 }, { 3, POLLIN | POLLOUT, POLLIN | POLLOUT | POLLHUP },
	};
	static const struct pollfd nval[] = { { 99, POLLIN, POLLNVAL } };
	static const struct pollfd err[] = {
		{ 3, POLLOUT, POLLOUT | POLLERR | POLLHUP },
	};
	char *s;

	/* = 3 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}, {fd=3, revents=POLLOUT}]) */
	s = result(four, 4, 3, 32);
	ck_assert_str_eq(s, "3 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}, "
	    "{fd=3, revents=POLLOUT}])");
	free(s);
	/* -s 3: all three fit */
	s = result(four, 4, 3, 3);
	ck_assert_str_eq(s, "3 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}, "
	    "{fd=3, revents=POLLOUT}])");
	free(s);
	/* -s 2: = 3 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}, ...]) */
	s = result(four, 4, 3, 2);
	ck_assert_str_eq(s, "3 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}, ...])");
	free(s);
	/* -s 1: = 3 ([{fd=3, revents=POLLIN}, ...]); -s 0: = 3 ([...]) */
	s = result(four, 4, 3, 1);
	ck_assert_str_eq(s, "3 ([{fd=3, revents=POLLIN}, ...])");
	free(s);
	s = result(four, 4, 3, 0);
	ck_assert_str_eq(s, "3 ([...])");
	free(s);
	/* = 1 ([{fd=3, revents=POLLIN|POLLOUT|POLLHUP}]): entries without revents left out */
	s = result(hup, 2, 1, 32);
	ck_assert_str_eq(s, "1 ([{fd=3, revents=POLLIN|POLLOUT|POLLHUP}])");
	free(s);
	/* = 1 ([{fd=99, revents=POLLNVAL}]) */
	s = result(nval, 1, 1, 32);
	ck_assert_str_eq(s, "1 ([{fd=99, revents=POLLNVAL}])");
	free(s);
	/* a refused non-blocking connect: = 1 ([{fd=3, revents=POLLOUT|POLLERR|POLLHUP}]) */
	s = result(err, 1, 1, 32);
	ck_assert_str_eq(s, "1 ([{fd=3, revents=POLLOUT|POLLERR|POLLHUP}])");
	free(s);
	/* = 0 (Timeout) */
	s = result(four, 1, 0, 32);
	ck_assert_str_eq(s, "0 (Timeout)");
	free(s);
}
END_TEST

/* ---- the commands, on real sockets ---- */

/* Run LINE (a format with the descriptors A and B); its stdout. */
static char *
run_out(struct shell *sh, const char *fmt, int a, int b)
{
	char line[256], *out, *err;

	snprintf(line, sizeof line, fmt, a, b);
	ck_assert_msg(run(sh, line, &out, &err) == CMD_RETURN_NORMAL, "%s: %s",
	    line, err);
	free(err);
	return out;
}

/* WANT, a format with descriptor numbers, is in OUT; OUT is freed. */
static void __attribute__((format(printf, 2, 3)))
has(char *out, const char *fmt, ...)
{
	char want[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(want, sizeof want, fmt, ap);
	va_end(ap);
	ck_assert_msg(strstr(out, want) != NULL, "no\n%s\nin\n%s", want, out);
	free(out);
}

/* Expected strings are strace 6's own lines for the same calls (strace -s 32, 1, 0). */
static char *
epoll_str(const struct epoll_event *ev, size_t n, size_t strsize, bool one)
{
	struct strbuf sb = STRBUF_INIT;

	if (one)
		pr_epoll_event(&sb, ev);
	else
		pr_epoll_events(&sb, ev, n, strsize);
	return sb.s;
}

START_TEST(test_epoll_event)
{
	struct epoll_event ev[2];
	char *s;

	memset(ev, 0, sizeof ev);
	ev[0].events = EPOLLIN | EPOLLOUT;
	ev[0].data.fd = 3;
	ev[1].events = EPOLLOUT | EPOLLONESHOT | EPOLLET | 0x100000;
	ev[1].data.fd = 4;
	/* epoll_ctl(5, EPOLL_CTL_ADD, 4, {events=EPOLLOUT|EPOLLONESHOT|EPOLLET|0x100000, data={u32=4, u64=4}}) = 0 */
	s = epoll_str(&ev[1], 1, 32, true);
	ck_assert_str_eq(s, "{events=EPOLLOUT|EPOLLONESHOT|EPOLLET|0x100000, "
	    "data={u32=4, u64=4}}");
	free(s);
	/* epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLRDHUP|EPOLLONESHOT|EPOLLET, data={u32=3, u64=3}}) = 0 */
	ev[1].events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT | EPOLLET;
	ev[1].data.fd = 3;
	s = epoll_str(&ev[1], 1, 32, true);
	ck_assert_str_eq(s, "{events=EPOLLIN|EPOLLRDHUP|EPOLLONESHOT|EPOLLET, "
	    "data={u32=3, u64=3}}");
	free(s);
	/* {events=EPOLLIN|EPOLLPRI|EPOLLOUT|EPOLLERR|EPOLLHUP|EPOLLEXCLUSIVE, data={u32=3, u64=3}} */
	ev[1].events = EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLERR | EPOLLHUP |
	    EPOLLEXCLUSIVE;
	s = epoll_str(&ev[1], 1, 32, true);
	ck_assert_str_eq(s, "{events=EPOLLIN|EPOLLPRI|EPOLLOUT|EPOLLERR|EPOLLHUP|"
	    "EPOLLEXCLUSIVE, data={u32=3, u64=3}}");
	free(s);
	/* {events=0, data={u32=3, u64=4294967299}}: u32 is the low half */
	ev[1].events = 0;
	ev[1].data.u64 = 0x100000003ULL;
	s = epoll_str(&ev[1], 1, 32, true);
	ck_assert_str_eq(s, "{events=0, data={u32=3, u64=4294967299}}");
	free(s);
	/* epoll_ctl(5, EPOLL_CTL_DEL, 3, NULL) = 0 */
	s = epoll_str(NULL, 0, 32, true);
	ck_assert_str_eq(s, "NULL");
	free(s);
	/* epoll_wait(5, [{events=EPOLLIN|EPOLLOUT, data={u32=3, u64=3}}, {events=EPOLLOUT, data={u32=4, u64=4}}], 8, 10) = 2 */
	ev[1].events = EPOLLOUT;
	ev[1].data.u64 = 4;
	s = epoll_str(ev, 2, 32, false);
	ck_assert_str_eq(s, "[{events=EPOLLIN|EPOLLOUT, data={u32=3, u64=3}}, "
	    "{events=EPOLLOUT, data={u32=4, u64=4}}]");
	free(s);
	/* -s 1: epoll_wait(5, [{events=EPOLLIN|EPOLLOUT, data={u32=3, u64=3}}, ...], 8, 10) = 2 */
	s = epoll_str(ev, 2, 1, false);
	ck_assert_str_eq(s, "[{events=EPOLLIN|EPOLLOUT, data={u32=3, u64=3}}, ...]");
	free(s);
	/* -s 0: epoll_wait(5, [...], 8, 10) = 2 */
	s = epoll_str(ev, 2, 0, false);
	ck_assert_str_eq(s, "[...]");
	free(s);
	/* epoll_wait(5, [], 8, 0) = 0 */
	s = epoll_str(ev, 0, 32, false);
	ck_assert_str_eq(s, "[]");
	free(s);
}
END_TEST

START_TEST(test_poll_command)
{
	struct shell sh;
	int l, c;
	char *out;

	shell_init(&sh);
	run_refused(&sh, "poll", "no descriptors to poll");
	free(run_out(&sh, "socket stream", 0, 0));
	l = sh.fds.current;
	free(run_out(&sh, "bind 127.0.0.1 0", 0, 0));
	free(run_out(&sh, "listen 5", 0, 0));
	free(run_out(&sh, "socket dgram", 0, 0));
	c = sh.fds.current;

	/* nothing to accept or read yet: the timeout */
	has(run_out(&sh, "poll 10", 0, 0),
	    "poll([{fd=%d, events=POLLIN}, {fd=%d, events=POLLIN}], 2, 10) = 0 "
	    "(Timeout)\n", l, c);
	ck_assert_int_eq(sh.last.ret, 0);
	/* a UDP socket can always send */
	has(run_out(&sh, "poll fd%d:out fd%d:inout 0", c, l),
	    "poll([{fd=%d, events=POLLOUT}, {fd=%d, events=POLLIN|POLLOUT}], 2, 0) = 1 "
	    "([{fd=%d, revents=POLLOUT}])\n", c, l, c);
	out = run_out(&sh, "poll fd%d:out 0", c, 0);
	ck_assert_ptr_nonnull(strstr(out, "revents=POLLOUT}])\n"));
	free(out);
	ck_assert_int_eq(sh.last.ret, 1);
	ck_assert_str_eq(sh.last.name, "poll");

	run_refused(&sh, "poll fd99", "fd99 is not open");
	run_refused(&sh, "poll fd3:up", "not a descriptor: fd3:up");
	run_refused(&sh, "poll 5 10", "not a descriptor: 5");
	run_refused(&sh, "poll soon", "timeout is not a number: soon");
	run_refused(&sh, "poll -2", "timeout out of range");
	quiet_close(&sh);
}
END_TEST

START_TEST(test_nonblock_command)
{
	struct shell sh;
	int fd;
	char *out;

	shell_init(&sh);
	free(run_out(&sh, "socket dgram", 0, 0));
	fd = sh.fds.current;
	free(run_out(&sh, "bind 127.0.0.1 0", 0, 0));
	/* strace: fcntl(4, F_GETFL) = 0x2 (flags O_RDWR), fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0 */
	out = run_out(&sh, "nonblock on", 0, 0);
	has(xstrdup(out), "fcntl(%d, F_GETFL) = 0x2 (flags O_RDWR)\n"
	    "fcntl(%d, F_SETFL, O_RDWR|O_NONBLOCK) = 0\n", fd, fd);
	ck_assert_int_eq(count_lines(out), 3);	/* and the note */
	free(out);
	/* nothing waiting: EAGAIN, with the hint on blocking */
	out = run_out(&sh, "read", 0, 0);
	ck_assert_ptr_nonnull(strstr(out, "= -1 EAGAIN (Resource temporarily "
	    "unavailable)\n  hint: "));
	ck_assert_ptr_nonnull(strstr(out, "POLLIN"));
	free(out);
	/* strace: fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK), fcntl(3, F_SETFL, O_RDWR) = 0 */
	has(run_out(&sh, "nonblock fd%d off", fd, 0),
	    "fcntl(%d, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)\n"
	    "fcntl(%d, F_SETFL, O_RDWR) = 0\n", fd, fd);
	ck_assert_int_eq(sh.last.ret, 0);
	ck_assert_str_eq(sh.last.name, "fcntl");

	run_refused(&sh, "nonblock", "missing argument");
	run_refused(&sh, "nonblock yes", "on or off, not yes");
	run_refused(&sh, "nonblock \"on\"", "on or off");
	run_refused(&sh, "nonblock on off", "too many arguments");
	quiet_close(&sh);
}
END_TEST

/*
 * select's sets and result, as strace 6.1 printed the pselect6 calls glibc
 * 2.36 made for select(2) on x86_64 (strace -s 32, -s 1 and -s 0 alike: a
 * set is never cut): a socket 3 and a socketpair 4-5 with data waiting on 4.
 */
static char *
fdset_str(const fd_set *set, int nfds)
{
	struct strbuf sb = STRBUF_INIT;

	pr_fdset(&sb, set, nfds);
	return sb.s;
}

START_TEST(test_fdset)
{
	fd_set r, w, empty;
	char *got;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_ZERO(&empty);
	FD_SET(3, &r);
	FD_SET(4, &r);
	FD_SET(5, &w);
	/* pselect6(6, [3 4], [5], NULL, {tv_sec=1, tv_nsec=500000000}, NULL) */
	ck_assert_str_eq(got = fdset_str(&r, 6), "[3 4]");
	free(got);
	ck_assert_str_eq(got = fdset_str(&w, 6), "[5]");
	free(got);
	ck_assert_str_eq(got = fdset_str(NULL, 6), "NULL");
	free(got);
	ck_assert_str_eq(got = fdset_str(&empty, 6), "[]");
	free(got);
	/* nfds bounds what is shown, as the kernel reads no further */
	ck_assert_str_eq(got = fdset_str(&r, 4), "[3]");
	free(got);
}
END_TEST

START_TEST(test_select_result)
{
	struct strbuf sb = STRBUF_INIT;
	struct timespec left = { 1, 499994519 }, ms = { 0, 998506 }, zero = { 0, 0 };
	struct timespec arg = { 1, 500000000 };
	fd_set r, w;

	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(3, &r);
	FD_SET(4, &r);
	FD_SET(5, &w);
	pr_timespec(&sb, &arg);
	ck_assert_str_eq(sb_str(&sb), "{tv_sec=1, tv_nsec=500000000}");
	sb_reset(&sb);
	pr_timespec(&sb, NULL);
	ck_assert_str_eq(sb_str(&sb), "NULL");
	sb_reset(&sb);
	pr_select_result(&sb, 3, &r, &w, NULL, 6, &left);
	ck_assert_str_eq(sb_str(&sb),
	    "3 (in [3 4], out [5], left {tv_sec=1, tv_nsec=499994519})");
	sb_reset(&sb);
	FD_CLR(4, &r);
	pr_select_result(&sb, 1, &r, NULL, NULL, 4, &ms);
	ck_assert_str_eq(sb_str(&sb), "1 (in [3], left {tv_sec=0, tv_nsec=998506})");
	sb_reset(&sb);
	pr_select_result(&sb, 1, &r, NULL, NULL, 4, &zero);
	ck_assert_str_eq(sb_str(&sb), "1 (in [3], left {tv_sec=0, tv_nsec=0})");
	sb_reset(&sb);
	/* no timeout: no time left to show; out only, in emptied by the kernel */
	FD_ZERO(&r);
	pr_select_result(&sb, 1, NULL, &w, &r, 6, NULL);
	ck_assert_str_eq(sb_str(&sb), "1 (out [5])");
	sb_reset(&sb);
	pr_select_result(&sb, 0, &r, NULL, NULL, 4, &zero);
	ck_assert_str_eq(sb_str(&sb), "0 (Timeout)");
	sb_free(&sb);
}
END_TEST

Suite *
poll_suite(void)
{
	Suite *s = suite_create("poll");
	TCase *tc = tcase_create("printer");
	TCase *run_tc = tcase_create("commands");

	tcase_add_test(tc, test_array);
	tcase_add_test(tc, test_result);
	tcase_add_test(tc, test_epoll_event);
	tcase_add_test(tc, test_fdset);
	tcase_add_test(tc, test_select_result);
	suite_add_tcase(s, tc);
	tcase_add_test(run_tc, test_poll_command);
	tcase_add_test(run_tc, test_nonblock_command);
	suite_add_tcase(s, run_tc);
	return s;
}
