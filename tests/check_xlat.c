/*
 * check_xlat.c: constants to names, in strace's forms (taken from `strace -s 32`
 * runs: an unknown family prints as 0x63 and the comment AF_???, unknown flag
 * bits as MSG_OOB|0x800000, or 0x800000 and the comment MSG_??? when no bit is
 * known), and names typed by a learner back to constants.
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>

#include "check_suites.h"
#include "xlat.h"

static void
assert_xlat(const struct xlat *x, long val, const char *dflt, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_xlat(&sb, x, val, dflt);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

static void
assert_flags(const struct xlat *x, unsigned long val, const char *dflt,
    const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_flags(&sb, x, val, dflt);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_xlat_known)
{
	assert_xlat(xlat_families, AF_INET, "AF_???", "AF_INET");
	assert_xlat(xlat_families, AF_INET6, "AF_???", "AF_INET6");
	assert_xlat(xlat_families, AF_UNIX, "AF_???", "AF_UNIX");
	assert_xlat(xlat_socktypes, SOCK_DGRAM, "SOCK_???", "SOCK_DGRAM");
	assert_xlat(xlat_ipprotos, IPPROTO_TCP, "IPPROTO_???", "IPPROTO_TCP");
	assert_xlat(xlat_ipprotos, IPPROTO_IP, "IPPROTO_???", "IPPROTO_IP");
	assert_xlat(xlat_shutdown_modes, SHUT_WR, "SHUT_???", "SHUT_WR");
	assert_xlat(xlat_shutdown_modes, SHUT_RD, "SHUT_???", "SHUT_RD");
	assert_xlat(xlat_sol_levels, SOL_SOCKET, "SOL_???", "SOL_SOCKET");
	assert_xlat(xlat_sol_levels, IPPROTO_TCP, "SOL_???", "SOL_TCP");
	ck_assert_str_eq(xlat_name(xlat_families, AF_INET6), "AF_INET6");
	ck_assert_ptr_null(xlat_name(xlat_families, 99));
}
END_TEST

START_TEST(test_xlat_unknown)
{
	assert_xlat(xlat_families, 99, "AF_???", "0x63 /* AF_??? */");
	assert_xlat(xlat_families, 42, "AF_???", "0x2a /* AF_??? */");
	assert_xlat(xlat_shutdown_modes, 7, "SHUT_???", "0x7 /* SHUT_??? */");
}
END_TEST

START_TEST(test_flags)
{
	assert_flags(xlat_msg_flags, 0, "MSG_???", "0");
	assert_flags(xlat_msg_flags, MSG_PEEK, "MSG_???", "MSG_PEEK");
	assert_flags(xlat_msg_flags, MSG_DONTWAIT | MSG_NOSIGNAL, "MSG_???",
	    "MSG_DONTWAIT|MSG_NOSIGNAL");
	assert_flags(xlat_msg_flags, MSG_NOSIGNAL | MSG_OOB | MSG_PEEK, "MSG_???",
	    "MSG_OOB|MSG_PEEK|MSG_NOSIGNAL");
	assert_flags(xlat_msg_flags, MSG_OOB | 0x800000, "MSG_???",
	    "MSG_OOB|0x800000");
	assert_flags(xlat_msg_flags, 0x800000, "MSG_???", "0x800000 /* MSG_??? */");
	assert_flags(xlat_poll_events, POLLIN | POLLOUT, "POLL???",
	    "POLLIN|POLLOUT");
	assert_flags(xlat_open_flags, O_NONBLOCK, "O_???", "O_NONBLOCK");
}
END_TEST

START_TEST(test_parse)
{
	long v;

	/* without the prefix, any case */
	v = -1;
	ck_assert(xlat_parse(xlat_shutdown_modes, "SHUT_", "wr", &v));
	ck_assert_int_eq(v, SHUT_WR);
	v = -1;
	ck_assert(xlat_parse(xlat_shutdown_modes, "SHUT_", "RdWr", &v));
	ck_assert_int_eq(v, SHUT_RDWR);
	v = -1;
	ck_assert(xlat_parse(xlat_shutdown_modes, "SHUT_", "rd", &v));
	ck_assert_int_eq(v, SHUT_RD);
	/* with it, any case */
	v = -1;
	ck_assert(xlat_parse(xlat_shutdown_modes, "SHUT_", "SHUT_WR", &v));
	ck_assert_int_eq(v, SHUT_WR);
	v = -1;
	ck_assert(xlat_parse(xlat_shutdown_modes, "SHUT_", "shut_rdwr", &v));
	ck_assert_int_eq(v, SHUT_RDWR);

	/* whole names only: "inet" is not inet6, nor a prefix of anything */
	v = -1;
	ck_assert(xlat_parse(xlat_families, "AF_", "inet", &v));
	ck_assert_int_eq(v, AF_INET);
	ck_assert(xlat_parse(xlat_families, "AF_", "INET6", &v));
	ck_assert_int_eq(v, AF_INET6);
	ck_assert(xlat_parse(xlat_families, "AF_", "unix", &v));
	ck_assert_int_eq(v, AF_UNIX);
	ck_assert(xlat_parse(xlat_socktypes, "SOCK_", "Stream", &v));
	ck_assert_int_eq(v, SOCK_STREAM);
	ck_assert(xlat_parse(xlat_msg_flags, "MSG_", "dontwait", &v));
	ck_assert_int_eq(v, MSG_DONTWAIT);

	v = 12345;
	ck_assert(!xlat_parse(xlat_families, "AF_", "ine", &v));
	ck_assert(!xlat_parse(xlat_families, "AF_", "inet66", &v));
	ck_assert(!xlat_parse(xlat_families, "AF_", "", &v));
	ck_assert(!xlat_parse(xlat_families, "AF_", "AF_", &v));
	ck_assert(!xlat_parse(xlat_shutdown_modes, "SHUT_", "write", &v));
	ck_assert(!xlat_parse(xlat_socktypes, "SOCK_", "SHUT_WR", &v));
	ck_assert_int_eq(v, 12345);
}
END_TEST

static const struct {
	int		 err;
	const char	*name;
} socket_errnos[] = {
	{ ECONNREFUSED, "ECONNREFUSED" }, { EADDRINUSE, "EADDRINUSE" },
	{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { ECONNRESET, "ECONNRESET" },
	{ ECONNABORTED, "ECONNABORTED" }, { EPIPE, "EPIPE" },
	{ EAGAIN, "EAGAIN" }, { EINPROGRESS, "EINPROGRESS" },
	{ EALREADY, "EALREADY" }, { EISCONN, "EISCONN" },
	{ ENOTCONN, "ENOTCONN" }, { ETIMEDOUT, "ETIMEDOUT" },
	{ EHOSTUNREACH, "EHOSTUNREACH" }, { ENETUNREACH, "ENETUNREACH" },
	{ ENETDOWN, "ENETDOWN" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT" }, { EPROTOTYPE, "EPROTOTYPE" },
	{ ENOPROTOOPT, "ENOPROTOOPT" }, { ENOTSOCK, "ENOTSOCK" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EDESTADDRREQ, "EDESTADDRREQ" },
	{ EMSGSIZE, "EMSGSIZE" }, { ENOBUFS, "ENOBUFS" }, { EINTR, "EINTR" },
	{ EBADF, "EBADF" }, { EINVAL, "EINVAL" }, { EACCES, "EACCES" },
	{ EMFILE, "EMFILE" }, { ENFILE, "ENFILE" }, { ENOENT, "ENOENT" },
	{ ENAMETOOLONG, "ENAMETOOLONG" }, { ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" },
};

START_TEST(test_errno_round_trip)
{
	for (size_t i = 0; i < sizeof socket_errnos / sizeof socket_errnos[0]; i++) {
		int e = socket_errnos[i].err;
		const char *name = socket_errnos[i].name;
		char lower[32];

		ck_assert_str_eq(errno_name(e), name);
		ck_assert_msg(errno_parse(name) == e, "errno_parse(%s) = %d, want %d",
		    name, errno_parse(name), e);
		ck_assert_int_eq(errno_parse(errno_name(e)), e);
		for (size_t k = 0; k <= strlen(name); k++)
			lower[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ?
			    name[k] - 'A' + 'a' : name[k]);
		ck_assert_msg(errno_parse(lower) == e, "errno_parse(%s)", lower);
	}
}
END_TEST

START_TEST(test_errno_aliases)
{
	ck_assert_int_eq(errno_parse("EWOULDBLOCK"), EAGAIN);
	ck_assert_int_eq(errno_parse("ENOTSUP"), EOPNOTSUPP);
	ck_assert_int_eq(errno_parse("EBOGUS"), 0);
	ck_assert_int_eq(errno_parse("ECONNREFUSEDX"), 0);
	ck_assert_int_eq(errno_parse("ECONN"), 0);
	ck_assert_int_eq(errno_parse(""), 0);
	ck_assert_int_eq(errno_parse("ok"), 0);
}
END_TEST

Suite *
xlat_suite(void)
{
	Suite *s = suite_create("xlat");
	TCase *tc = tcase_create("xlat");

	tcase_add_test(tc, test_xlat_known);
	tcase_add_test(tc, test_xlat_unknown);
	tcase_add_test(tc, test_flags);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_errno_round_trip);
	tcase_add_test(tc, test_errno_aliases);
	suite_add_tcase(s, tc);
	return s;
}
