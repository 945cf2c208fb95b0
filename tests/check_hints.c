/*
 * check_hints.c: every error a learner can reach by hand has its hint. The
 * list below is taken from the ERRORS sections of the Linux man pages of
 * each call the shell prints (socket(2), bind(2)... send(2) for sendto,
 * recv(2) for recvfrom), leaving out what typed commands cannot cause
 * (EFAULT, EIO, disk quotas, locks), plus the errors those calls really give
 * on sockets that the pages list elsewhere (read ENOTCONN, listen EINVAL, the
 * ENOENT of a unix path). SPECIFIC pairs must have a hint of their own, not
 * the fallback for any call.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "hints.h"
#include "xlat.h"

#define HINT_MAX	160

/* The calls the shell prints, by the name it gives call_done. */
static const char *const calls[] = {
	"socket", "bind", "listen", "accept", "connect", "read", "write", "close",
	"sendto", "recvfrom", "shutdown", "getsockname", "getpeername",
	"setsockopt", "getsockopt", "fcntl", "poll", "epoll_create1", "epoll_ctl",
	"epoll_wait", "pselect6", "ioctl", "unlink", "socketpair", "dup", "dup2",
	"sendmsg", "recvmsg", "clone", "wait4", "openat", "sendfile",
	"splice", NULL
};

enum { ANY, SPECIFIC };

static const struct {
	const char	*call;
	int		 err;
	int		 need;
} reachable[] = {
	/* socket(2) */
	{ "socket", EACCES, SPECIFIC },
	{ "socket", EAFNOSUPPORT, SPECIFIC },
	{ "socket", EINVAL, SPECIFIC },
	{ "socket", EMFILE, SPECIFIC },
	{ "socket", ENFILE, ANY },
	{ "socket", ENOBUFS, ANY },
	{ "socket", ENOMEM, ANY },
	{ "socket", EPROTONOSUPPORT, SPECIFIC },
	{ "socket", ESOCKTNOSUPPORT, SPECIFIC },
	/* bind(2) */
	{ "bind", EACCES, SPECIFIC },
	{ "bind", EADDRINUSE, SPECIFIC },
	{ "bind", EINVAL, SPECIFIC },
	{ "bind", EADDRNOTAVAIL, SPECIFIC },
	{ "bind", EAFNOSUPPORT, SPECIFIC },
	{ "bind", ELOOP, SPECIFIC },
	{ "bind", ENAMETOOLONG, SPECIFIC },
	{ "bind", ENOENT, SPECIFIC },
	{ "bind", ENOMEM, ANY },
	{ "bind", ENOTDIR, SPECIFIC },
	{ "bind", EROFS, SPECIFIC },
	/* listen(2) */
	{ "listen", EADDRINUSE, SPECIFIC },
	{ "listen", EOPNOTSUPP, SPECIFIC },
	{ "listen", EINVAL, SPECIFIC },
	/* accept(2) */
	{ "accept", EAGAIN, SPECIFIC },
	{ "accept", ECONNABORTED, SPECIFIC },
	{ "accept", EINTR, SPECIFIC },
	{ "accept", EINVAL, SPECIFIC },
	{ "accept", EMFILE, SPECIFIC },
	{ "accept", ENFILE, ANY },
	{ "accept", ENOBUFS, ANY },
	{ "accept", ENOMEM, ANY },
	{ "accept", EOPNOTSUPP, SPECIFIC },
	{ "accept", EPERM, SPECIFIC },
	{ "accept", EPROTO, SPECIFIC },
	/* connect(2) */
	{ "connect", EACCES, SPECIFIC },
	{ "connect", EPERM, SPECIFIC },
	{ "connect", EADDRINUSE, SPECIFIC },
	{ "connect", EADDRNOTAVAIL, SPECIFIC },
	{ "connect", EAFNOSUPPORT, SPECIFIC },
	{ "connect", EAGAIN, SPECIFIC },
	{ "connect", EALREADY, SPECIFIC },
	{ "connect", ECONNREFUSED, SPECIFIC },
	{ "connect", EINPROGRESS, SPECIFIC },
	{ "connect", EINTR, SPECIFIC },
	{ "connect", EISCONN, SPECIFIC },
	{ "connect", ENETUNREACH, SPECIFIC },
	{ "connect", EPROTOTYPE, SPECIFIC },
	{ "connect", ETIMEDOUT, SPECIFIC },
	{ "connect", EHOSTUNREACH, SPECIFIC },
	{ "connect", ECONNRESET, SPECIFIC },
	{ "connect", EINVAL, SPECIFIC },
	{ "connect", ENOENT, SPECIFIC },
	/* read(2), and what a socket adds */
	{ "read", EAGAIN, SPECIFIC },
	{ "read", EINTR, SPECIFIC },
	{ "read", ENOTCONN, SPECIFIC },
	{ "read", ECONNRESET, SPECIFIC },
	{ "read", ECONNREFUSED, SPECIFIC },
	{ "read", ETIMEDOUT, SPECIFIC },
	/* write(2) */
	{ "write", EAGAIN, SPECIFIC },
	{ "write", EDESTADDRREQ, SPECIFIC },
	{ "write", EINTR, SPECIFIC },
	{ "write", EPIPE, SPECIFIC },
	{ "write", ECONNRESET, SPECIFIC },
	{ "write", ENOTCONN, SPECIFIC },
	{ "write", ECONNREFUSED, SPECIFIC },
	{ "write", EMSGSIZE, SPECIFIC },
	/* close(2) */
	{ "close", EBADF, ANY },
	{ "close", EINTR, SPECIFIC },
	/* socketpair(2): the shell asks only AF_UNIX, protocol 0 */
	{ "socketpair", EMFILE, ANY },
	{ "socketpair", ENFILE, ANY },
	{ "socketpair", EOPNOTSUPP, SPECIFIC },
	/* dup(2), dup2(2): the shell refuses numbers not open before the call */
	{ "dup", EMFILE, SPECIFIC },
	{ "dup2", EBADF, SPECIFIC },
	{ "dup2", EMFILE, ANY },
	/* fork(2): clone; wait(2): wait4 */
	{ "clone", EAGAIN, SPECIFIC },
	{ "clone", ENOMEM, ANY },
	{ "wait4", ECHILD, SPECIFIC },
	{ "wait4", EINTR, SPECIFIC },
	/* send(2): sendto */
	{ "sendto", EACCES, SPECIFIC },
	{ "sendto", EAGAIN, SPECIFIC },
	{ "sendto", ECONNRESET, SPECIFIC },
	{ "sendto", EDESTADDRREQ, SPECIFIC },
	{ "sendto", EINTR, SPECIFIC },
	{ "sendto", EINVAL, SPECIFIC },
	{ "sendto", EISCONN, SPECIFIC },
	{ "sendto", EMSGSIZE, SPECIFIC },
	{ "sendto", ENOBUFS, ANY },
	{ "sendto", ENOMEM, ANY },
	{ "sendto", ENOTCONN, SPECIFIC },
	{ "sendto", EOPNOTSUPP, SPECIFIC },
	{ "sendto", EPIPE, SPECIFIC },
	{ "sendto", ECONNREFUSED, SPECIFIC },
	{ "sendto", EAFNOSUPPORT, SPECIFIC },
	{ "sendto", ENOENT, SPECIFIC },
	{ "sendto", ENETUNREACH, ANY },
	{ "sendto", EHOSTUNREACH, ANY },
	/* recv(2): recvfrom */
	{ "recvfrom", EAGAIN, SPECIFIC },
	{ "recvfrom", ECONNREFUSED, SPECIFIC },
	{ "recvfrom", EINTR, SPECIFIC },
	{ "recvfrom", EINVAL, SPECIFIC },
	{ "recvfrom", ENOMEM, ANY },
	{ "recvfrom", ENOTCONN, SPECIFIC },
	{ "recvfrom", ECONNRESET, SPECIFIC },
	/* sendmsg(2): send(2)'s list, and what `to` and `rights` reach */
	{ "sendmsg", EACCES, ANY },
	{ "sendmsg", EAGAIN, SPECIFIC },
	{ "sendmsg", EBADF, SPECIFIC },
	{ "sendmsg", ECONNREFUSED, SPECIFIC },
	{ "sendmsg", ECONNRESET, ANY },
	{ "sendmsg", EDESTADDRREQ, SPECIFIC },
	{ "sendmsg", EINTR, SPECIFIC },
	{ "sendmsg", EINVAL, SPECIFIC },
	{ "sendmsg", EISCONN, SPECIFIC },
	{ "sendmsg", EMSGSIZE, SPECIFIC },
	{ "sendmsg", ENOBUFS, ANY },
	{ "sendmsg", ENOENT, SPECIFIC },
	{ "sendmsg", ENOMEM, ANY },
	{ "sendmsg", ENOTCONN, SPECIFIC },
	{ "sendmsg", EOPNOTSUPP, SPECIFIC },
	{ "sendmsg", EPIPE, SPECIFIC },
	/* recvmsg(2): recv(2)'s list, and a unix stream socket's EINVAL */
	{ "recvmsg", EAGAIN, SPECIFIC },
	{ "recvmsg", ECONNREFUSED, ANY },
	{ "recvmsg", ECONNRESET, ANY },
	{ "recvmsg", EINTR, SPECIFIC },
	{ "recvmsg", EINVAL, SPECIFIC },
	{ "recvmsg", ENOMEM, ANY },
	{ "recvmsg", ENOTCONN, SPECIFIC },
	/* shutdown(2) */
	{ "shutdown", EINVAL, SPECIFIC },
	{ "shutdown", ENOTCONN, SPECIFIC },
	/* getsockname(2), getpeername(2): little a typed command can break */
	{ "getsockname", ENOBUFS, ANY },
	{ "getpeername", ENOBUFS, ANY },
	{ "getpeername", ENOTCONN, SPECIFIC },
	/* setsockopt(2), getsockopt(2) */
	{ "setsockopt", EINVAL, SPECIFIC },
	{ "setsockopt", ENOPROTOOPT, SPECIFIC },
	{ "setsockopt", EOPNOTSUPP, SPECIFIC },
	{ "getsockopt", EINVAL, ANY },
	{ "getsockopt", ENOPROTOOPT, SPECIFIC },
	{ "getsockopt", EOPNOTSUPP, SPECIFIC },
	/* fcntl(2) F_GETFL/F_SETFL on a socket: only a descriptor gone */
	{ "fcntl", EBADF, ANY },
	/* poll(2) */
	{ "poll", EINTR, SPECIFIC },
	{ "poll", EINVAL, SPECIFIC },
	{ "poll", ENOMEM, ANY },
	/* epoll_create1(2), epoll_ctl(2), epoll_wait(2) */
	{ "epoll_create1", EMFILE, ANY },
	{ "epoll_create1", ENOMEM, ANY },
	{ "epoll_ctl", EEXIST, SPECIFIC },
	{ "epoll_ctl", ENOENT, SPECIFIC },
	{ "epoll_ctl", EINVAL, SPECIFIC },
	{ "epoll_ctl", ELOOP, SPECIFIC },
	{ "epoll_ctl", EBADF, ANY },
	{ "epoll_wait", EINTR, SPECIFIC },
	{ "epoll_wait", EBADF, ANY },
	/* ioctl(2) FIONREAD */
	{ "ioctl", EINVAL, SPECIFIC },
	/* select(2), made as pselect6 */
	{ "pselect6", EINTR, SPECIFIC },
	{ "pselect6", EINVAL, SPECIFIC },
	{ "pselect6", ENOMEM, ANY },
	/* unlink(2) */
	{ "unlink", EACCES, SPECIFIC },
	{ "unlink", EBUSY, SPECIFIC },
	{ "unlink", EISDIR, SPECIFIC },
	{ "unlink", ELOOP, SPECIFIC },
	{ "unlink", ENAMETOOLONG, SPECIFIC },
	{ "unlink", ENOENT, SPECIFIC },
	{ "unlink", ENOTDIR, SPECIFIC },
	{ "unlink", EPERM, SPECIFIC },
	{ "unlink", EROFS, SPECIFIC },
	/* openat(2): the FILE of write @FILE (O_RDONLY), read >FILE (O_WRONLY|O_CREAT|O_TRUNC) */
	{ "openat", EACCES, SPECIFIC },
	{ "openat", EISDIR, SPECIFIC },
	{ "openat", ELOOP, SPECIFIC },
	{ "openat", EMFILE, SPECIFIC },
	{ "openat", ENAMETOOLONG, SPECIFIC },
	{ "openat", ENFILE, ANY },
	{ "openat", ENOENT, SPECIFIC },
	{ "openat", ENOSPC, SPECIFIC },
	{ "openat", ENOTDIR, SPECIFIC },
	{ "openat", EPERM, SPECIFIC },
	{ "openat", EROFS, SPECIFIC },
	{ "openat", ETXTBSY, SPECIFIC },
	/* sendfile(2), to a socket: no offset (ESPIPE) and 1 MiB calls (EOVERFLOW) */
	{ "sendfile", EAGAIN, SPECIFIC },
	{ "sendfile", EINTR, SPECIFIC },
	{ "sendfile", EINVAL, SPECIFIC },
	{ "sendfile", EIO, SPECIFIC },
	{ "sendfile", ENOMEM, ANY },
	{ "sendfile", EPIPE, SPECIFIC },
	{ "sendfile", ECONNRESET, SPECIFIC },
	/* splice(2): @- from a pipe, >- into one; the general hints serve */
	{ "splice", EAGAIN, ANY },
	{ "splice", EINTR, ANY },
	{ "splice", EPIPE, ANY },
	{ "splice", ECONNRESET, ANY },
};

#define N_REACHABLE	(sizeof reachable / sizeof reachable[0])

static bool
is_call(const char *name)
{
	for (const char *const *c = calls; *c != NULL; c++)
		if (strcmp(*c, name) == 0)
			return true;
	return false;
}

/* The table's own entry for exactly (CALL, ERR) whatever the socket, or NULL. */
static const struct hint *
entry(const char *call, int err)
{
	for (const struct hint *h = hint_table; h->text != NULL; h++)
		if (h->err == err && h->when == WHEN_ANY &&
		    (h->call == NULL ? call == NULL :
		    call != NULL && strcmp(h->call, call) == 0))
			return h;
	return NULL;
}

START_TEST(test_every_reachable_error_has_a_hint)
{
	for (size_t i = 0; i < N_REACHABLE; i++) {
		const char *call = reachable[i].call;
		int err = reachable[i].err;

		ck_assert_msg(is_call(call), "%s is not a call the shell prints", call);
		ck_assert_msg(hint_for(call, err) != NULL, "no hint for %s %s",
		    call, errno_name(err));
		if (reachable[i].need == SPECIFIC)
			ck_assert_msg(entry(call, err) != NULL, "no hint of its own "
			    "for %s %s (only the fallback: %s)", call,
			    errno_name(err), hint_for(call, err));
	}
}
END_TEST

START_TEST(test_every_call_is_covered)
{
	/* Each call the shell prints has at least one error in the list. */
	for (const char *const *c = calls; *c != NULL; c++) {
		bool found = false;

		for (size_t i = 0; i < N_REACHABLE && !found; i++)
			found = strcmp(reachable[i].call, *c) == 0;
		ck_assert_msg(found, "no error of %s in the list", *c);
	}
}
END_TEST

START_TEST(test_list_has_no_duplicates)
{
	for (size_t i = 0; i < N_REACHABLE; i++)
		for (size_t j = i + 1; j < N_REACHABLE; j++)
			ck_assert_msg(strcmp(reachable[i].call, reachable[j].call) != 0 ||
			    reachable[i].err != reachable[j].err, "%s %s twice in the "
			    "list", reachable[i].call, errno_name(reachable[i].err));
}
END_TEST

START_TEST(test_table_has_no_duplicate_pairs)
{
	for (const struct hint *h = hint_table; h->text != NULL; h++)
		for (const struct hint *g = h + 1; g->text != NULL; g++)
			ck_assert_msg(g->err != h->err || g->when != h->when ||
			    (g->call == NULL) != (h->call == NULL) ||
			    (g->call != NULL && strcmp(g->call, h->call) != 0),
			    "%s %s has two hints", h->call ? h->call : "(any call)",
			    errno_name(h->err));
	/* A hint for one kind of socket has a hint for any socket beside it. */
	for (const struct hint *h = hint_table; h->text != NULL; h++)
		ck_assert_msg(h->when == WHEN_ANY || entry(h->call, h->err) != NULL,
		    "%s %s: only for some sockets", h->call, errno_name(h->err));
}
END_TEST

START_TEST(test_table_names_only_printed_calls)
{
	char call[64];

	/* "setsockopt ip_add_membership": a call's hint for one option */
	for (const struct hint *h = hint_table; h->text != NULL; h++) {
		if (h->call == NULL)
			continue;
		snprintf(call, sizeof call, "%.*s", (int)strcspn(h->call, " "),
		    h->call);
		ck_assert_msg(is_call(call),
		    "hint for %s, which is no call the shell prints", h->call);
	}
}
END_TEST

START_TEST(test_specific_before_fallback)
{
	bool fallback = false;

	for (const struct hint *h = hint_table; h->text != NULL; h++) {
		if (h->call == NULL)
			fallback = true;
		else
			ck_assert_msg(!fallback, "%s %s comes after the fallbacks",
			    h->call, errno_name(h->err));
	}
}
END_TEST

START_TEST(test_texts_are_one_short_line)
{
	for (const struct hint *h = hint_table; h->text != NULL; h++) {
		size_t len = strlen(h->text);

		ck_assert_msg(len > 10, "empty hint for %s", errno_name(h->err));
		ck_assert_msg(len <= HINT_MAX, "hint over %d characters (%zu): %s",
		    HINT_MAX, len, h->text);
		ck_assert_msg(strpbrk(h->text, "\n\r\t") == NULL,
		    "hint not one plain line: %s", h->text);
		ck_assert_msg(h->text[len - 1] != ' ' && h->text[0] != ' ',
		    "hint with blanks at an end: \"%s\"", h->text);
		ck_assert_msg(h->err != 0, "hint with errno 0: %s", h->text);
	}
}
END_TEST

START_TEST(test_lookup)
{
	const struct hint *any = entry(NULL, EBADF);

	/* specific first, whatever the order */
	ck_assert_str_eq(hint_for("bind", EADDRINUSE), entry("bind", EADDRINUSE)->text);
	ck_assert_ptr_nonnull(strstr(hint_for("bind", EADDRINUSE), "reuseaddr"));
	ck_assert_ptr_nonnull(strstr(hint_for("read", EAGAIN), "POLLIN"));
	ck_assert_ptr_nonnull(strstr(hint_for("connect", EINPROGRESS), "POLLOUT"));
	/* accept4 fails as accept does, and says so alike */
	ck_assert_str_eq(hint_for("accept4", EINVAL), hint_for("accept", EINVAL));
	ck_assert_str_eq(hint_for("accept4", EAGAIN), hint_for("accept", EAGAIN));
	/* the fallback for a call with nothing of its own */
	ck_assert_ptr_nonnull(any);
	ck_assert_str_eq(hint_for("fcntl", EBADF), any->text);
	ck_assert_str_eq(hint_for(NULL, EBADF), any->text);
	/* the socket decides where it changes the meaning */
	{
		struct hint_socket unix_sock = { true, AF_UNIX, false, false, false, false };
		struct hint_socket inet = { true, AF_INET, false, false, false, false };
		struct hint_socket reuse = { true, AF_INET, false, true, false, false };
		struct hint_socket listener = { true, AF_INET, true, false, false, false };
		struct hint_socket in_lab = { true, AF_INET, false, false, true, false };
		struct hint_socket unix_bound = { true, AF_UNIX, false, false, false, true };

		ck_assert_ptr_nonnull(strstr(hint_find("bind", EADDRINUSE,
		    &unix_sock), "unlink"));
		ck_assert_ptr_null(strstr(hint_find("bind", EADDRINUSE,
		    &unix_sock), "TIME_WAIT"));
		/* bound already: the file may be the socket's own, no earlier run's */
		ck_assert_ptr_nonnull(strstr(hint_find("bind", EADDRINUSE,
		    &unix_bound), "bound already"));
		ck_assert_ptr_null(strstr(hint_find("bind", EADDRINUSE,
		    &unix_bound), "earlier run"));
		ck_assert_ptr_null(strstr(hint_find("bind", EADDRINUSE,
		    &unix_sock), "bound already"));
		ck_assert_ptr_nonnull(strstr(hint_find("bind", EACCES, &inet),
		    "1024"));
		ck_assert_ptr_null(strstr(hint_find("bind", EACCES, &inet),
		    "directory"));
		ck_assert_ptr_nonnull(strstr(hint_find("bind", EACCES, &unix_sock),
		    "directory"));
		ck_assert_ptr_null(strstr(hint_find("bind", EADDRINUSE, &reuse),
		    "set `setsockopt reuseaddr 1`"));
		ck_assert_ptr_nonnull(strstr(hint_find("bind", EADDRINUSE, &reuse),
		    "both must set it"));
		/* what the kernel's table shows on the port picks bind's own */
		ck_assert_ptr_nonnull(strstr(hint_find_what("bind", "timewait",
		    EADDRINUSE, &reuse), "lacked reuseaddr"));
		ck_assert_ptr_nonnull(strstr(hint_find_what("bind", "timewait",
		    EADDRINUSE, &inet), "servers set reuseaddr"));
		ck_assert_ptr_nonnull(strstr(hint_find_what("bind", "listener",
		    EADDRINUSE, &reuse), "cannot share"));
		ck_assert_ptr_null(strstr(hint_find("connect", EISCONN, &listener),
		    "already connected"));
		ck_assert_ptr_nonnull(strstr(hint_find("connect", EISCONN,
		    &listener), "listens"));
		/* writing on a listener: it says so, not "the peer closed" */
		ck_assert_ptr_nonnull(strstr(hint_find("write", EPIPE, &listener),
		    "listener"));
		ck_assert_ptr_nonnull(strstr(hint_find("sendto", EPIPE, &listener),
		    "listener"));
		ck_assert_ptr_null(strstr(hint_find("write", EPIPE, &inet),
		    "listener"));
		ck_assert_str_eq(hint_find("connect", EISCONN, &inet),
		    hint_for("connect", EISCONN));
		/* in the lab (--lab), there is no way out to say */
		ck_assert_ptr_nonnull(strstr(hint_find("connect", ENETUNREACH,
		    &in_lab), "no way out"));
		ck_assert_ptr_nonnull(strstr(hint_find("sendto", ENETUNREACH,
		    &in_lab), "no way out"));
		ck_assert_ptr_null(strstr(hint_find("connect", ENETUNREACH,
		    &inet), "lab"));
		ck_assert_ptr_null(strstr(hint_find("sendto", ENETUNREACH,
		    &inet), "lab"));
		ck_assert_ptr_nonnull(strstr(hint_find("bind", EADDRNOTAVAIL,
		    &in_lab), "host"));
	}
	/* nothing at all */
	ck_assert_ptr_null(hint_for("read", EXDEV));
	ck_assert_ptr_null(hint_for("read", 0));
}
END_TEST

/* An option's own hints (setsockopt ip_add_membership) before the call's. */
START_TEST(test_lookup_what)
{
	struct hint_socket udp = { true, AF_INET, false, false, false, false };
	struct hint_socket lab = { true, AF_INET, false, false, true, false };
	const char *h;

	h = hint_find_what("setsockopt", "ip_add_membership", ENODEV, &udp);
	ck_assert_ptr_nonnull(h);
	ck_assert_ptr_nonnull(strstr(h, "239.1.1.1 127.0.0.1"));
	ck_assert_ptr_nonnull(strstr(h, "--lab"));
	h = hint_find_what("setsockopt", "ip_add_membership", ENODEV, &lab);
	ck_assert_ptr_nonnull(strstr(h, "client 10.0.0.1, server 10.0.0.2"));
	h = hint_find_what("setsockopt", "ip_add_membership", EADDRINUSE, &udp);
	ck_assert_ptr_nonnull(strstr(h, "already"));
	h = hint_find_what("setsockopt", "ip_drop_membership", EADDRNOTAVAIL, &udp);
	ck_assert_ptr_nonnull(strstr(h, "not in that group"));
	h = hint_find_what("setsockopt", "maxseg", EINVAL, &udp);
	ck_assert_ptr_nonnull(strstr(h, "88 to 32767"));
	/* none of the option's own: the call's */
	ck_assert_ptr_eq(hint_find_what("setsockopt", "ip_add_membership",
	    ENOPROTOOPT, &udp), hint_find("setsockopt", ENOPROTOOPT, &udp));
	ck_assert_ptr_eq(hint_find_what("setsockopt", "reuseaddr", EINVAL, &udp),
	    hint_find("setsockopt", EINVAL, &udp));
	ck_assert_ptr_eq(hint_find_what("setsockopt", NULL, EINVAL, &udp),
	    hint_find("setsockopt", EINVAL, &udp));
	/* the option's name alone is no call; another call's are not its */
	ck_assert_ptr_null(hint_find_what("setsockopt", "maxseg", EBADMSG, &udp));
	ck_assert_ptr_ne(hint_find_what("getsockopt", "maxseg", EINVAL, &udp),
	    hint_find_what("setsockopt", "maxseg", EINVAL, &udp));
	/* a datagram to a group with no route */
	h = hint_find_what("sendto", "multicast", ENETUNREACH, &udp);
	ck_assert_ptr_nonnull(strstr(h, "ip_multicast_if 127.0.0.1"));
	ck_assert_ptr_eq(hint_find_what("sendto", NULL, ENETUNREACH, &udp),
	    hint_find("sendto", ENETUNREACH, &udp));
}
END_TEST

Suite *
hints_suite(void)
{
	Suite *s = suite_create("hints");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_every_reachable_error_has_a_hint);
	tcase_add_test(tc, test_every_call_is_covered);
	tcase_add_test(tc, test_list_has_no_duplicates);
	tcase_add_test(tc, test_table_has_no_duplicate_pairs);
	tcase_add_test(tc, test_table_names_only_printed_calls);
	tcase_add_test(tc, test_specific_before_fallback);
	tcase_add_test(tc, test_texts_are_one_short_line);
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_lookup_what);
	suite_add_tcase(s, tc);
	return s;
}
