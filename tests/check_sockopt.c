/*
 * check_sockopt.c: the option table, what each option takes, and its calls
 * printed exactly as strace 6.1 prints them (expected strings from `strace -s
 * 32` runs of the same setsockopt/getsockopt calls on x86_64), then the two
 * commands end to end on real sockets.
 */
#include "config.h"

#include <sys/socket.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "commands.h"
#include "lexer.h"
#include "shell.h"
#include "sockopt.h"

/* The call up to its closing parenthesis, as strace prints it: name, then arguments. */
#define pr_setsockopt(sb, ...) \
	(sb_add((sb), "setsockopt("), pr_setsockopt_args((sb), __VA_ARGS__), sb_addc((sb), ')'))
#define pr_getsockopt(sb, ...) \
	(sb_add((sb), "getsockopt("), pr_getsockopt_args((sb), __VA_ARGS__), sb_addc((sb), ')'))

static struct word
bare(const char *s)
{
	struct word w = { (char *)s, strlen(s), false, true };

	return w;
}

static const struct sockopt *
opt(const char *name)
{
	const struct sockopt *o = sockopt_find(name);

	ck_assert_msg(o != NULL, "no option %s", name);
	return o;
}

/* The setsockopt line for NAME with the VALUE words, as the command builds it. */
static char *
set_line(const char *name, const char *v1, const char *v2, size_t strsize)
{
	const struct sockopt *o = opt(name);
	struct word w[2] = { bare(v1), bare(v2 ? v2 : "") };
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	char err[256];

	ck_assert_msg(sockopt_parse(o, w, v2 ? 2 : 1, &v, err, sizeof err),
	    "%s %s refused: %s", name, v1, err);
	pr_setsockopt(&sb, 3, o, &v, sockopt_size(o), strsize);
	return sb.s;
}

/* The reason sockopt_parse gives for NAME with the N words of V. */
static char *
parse_error(const char *name, const char *const *v, size_t n)
{
	struct word w[4];
	union sockopt_value val;
	char err[256];

	for (size_t i = 0; i < n; i++)
		w[i] = bare(v[i]);
	ck_assert_msg(!sockopt_parse(opt(name), w, n, &val, err, sizeof err),
	    "%s was not refused", name);
	ck_assert_msg(strchr(err, '\n') == NULL, "not one line: %s", err);
	return strdup(err);
}

START_TEST(test_table)
{
	static const char *const want[] = {
		"reuseaddr", "reuseport", "keepalive", "nodelay", "rcvbuf",
		"sndbuf", "linger", "rcvtimeo", "sndtimeo", "broadcast", "v6only",
		"error", "type", "acceptconn", "cork", "maxseg", "keepidle",
		"keepintvl", "keepcnt", "quickack", "syncnt", "ttl", "ipv6_unicast_hops",
		"ip_add_membership", "ip_drop_membership", "ip_multicast_loop",
		"ip_multicast_ttl", "ip_multicast_if", "ip_multicast_all",
		"ipv6_join_group", "ipv6_leave_group", "ipv6_multicast_loop",
		"ipv6_multicast_hops", "ipv6_multicast_if", NULL
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	/* completion lists the table in order, then NULL */
	for (i = 0; want[i] != NULL; i++) {
		ck_assert_ptr_nonnull(sockopt_name(i));
		ck_assert_str_eq(sockopt_name(i), want[i]);
		ck_assert_ptr_eq(sockopt_find(want[i]), &sockopt_table[i]);
	}
	ck_assert_ptr_null(sockopt_name(i));
	ck_assert_ptr_null(sockopt_name(i + 100));

	/* names from the identifiers: the value and the printed name agree */
	ck_assert_int_eq(opt("reuseaddr")->optname, SO_REUSEADDR);
	ck_assert_str_eq(opt("reuseaddr")->optname_str, "SO_REUSEADDR");
	ck_assert_int_eq(opt("nodelay")->level, SOL_TCP);
	ck_assert_str_eq(opt("nodelay")->optname_str, "TCP_NODELAY");
	ck_assert_int_eq(opt("v6only")->level, SOL_IPV6);
	ck_assert_str_eq(opt("v6only")->optname_str, "IPV6_V6ONLY");
	ck_assert_int_eq(opt("rcvtimeo")->optname, SO_RCVTIMEO);
#if defined(SO_RCVTIMEO_OLD) && defined(__x86_64__) && !defined(__ILP32__)
	/* what the kernel gets, by its name: strace says SO_RCVTIMEO_OLD */
	ck_assert_str_eq(opt("rcvtimeo")->optname_str, "SO_RCVTIMEO_OLD");
	ck_assert_str_eq(opt("sndtimeo")->optname_str, "SO_SNDTIMEO_OLD");
#endif

	/* any case; unknown names are NULL */
	ck_assert_ptr_eq(sockopt_find("ReuseAddr"), opt("reuseaddr"));
	ck_assert_ptr_null(sockopt_find("reuse"));
	ck_assert_ptr_null(sockopt_find("SO_REUSEADDR"));
	ck_assert_ptr_null(sockopt_find(""));

	sockopt_names(&sb);
	ck_assert_str_eq(sb_str(&sb), "reuseaddr, reuseport, keepalive, nodelay, "
	    "rcvbuf, sndbuf, linger, rcvtimeo, sndtimeo, broadcast, v6only, error, "
	    "type, acceptconn, cork, maxseg, keepidle, keepintvl, keepcnt, quickack, syncnt, "
	    "ttl, ipv6_unicast_hops, ip_add_membership, ip_drop_membership, "
	    "ip_multicast_loop, ip_multicast_ttl, ip_multicast_if, ip_multicast_all, "
	    "ipv6_join_group, ipv6_leave_group, ipv6_multicast_loop, "
	    "ipv6_multicast_hops, ipv6_multicast_if");
	sb_free(&sb);

	ck_assert(sockopt_settable(opt("linger")));
	ck_assert(!sockopt_settable(opt("error")));
	ck_assert(!sockopt_settable(opt("type")));
	ck_assert(!sockopt_settable(opt("acceptconn")));
	ck_assert_uint_eq(sockopt_size(opt("reuseaddr")), 4);
	ck_assert_uint_eq(sockopt_size(opt("linger")), 8);
	ck_assert_uint_eq(sockopt_size(opt("rcvtimeo")), sizeof(struct timeval));

	/* the multicast ones: the struct each takes, set only for the joins */
	ck_assert_uint_eq(sockopt_size(opt("ip_add_membership")), 8);
	ck_assert_uint_eq(sockopt_size(opt("ipv6_join_group")), 20);
	ck_assert_uint_eq(sockopt_size(opt("ip_multicast_if")), 4);
	ck_assert_uint_eq(sockopt_size(opt("ipv6_multicast_if")), 4);
	ck_assert(sockopt_settable(opt("ip_add_membership")));
	ck_assert(!sockopt_gettable(opt("ip_add_membership")));
	ck_assert(!sockopt_gettable(opt("ip_drop_membership")));
	ck_assert(!sockopt_gettable(opt("ipv6_join_group")));
	ck_assert(!sockopt_gettable(opt("ipv6_leave_group")));
	ck_assert(sockopt_gettable(opt("ip_multicast_if")));
	ck_assert(sockopt_gettable(opt("error")));
	/* IPV6_JOIN_GROUP is Linux's IPV6_ADD_MEMBERSHIP: strace names it so */
	ck_assert_int_eq(opt("ipv6_join_group")->optname, IPV6_JOIN_GROUP);
	ck_assert_str_eq(opt("ipv6_join_group")->optname_str, "IPV6_ADD_MEMBERSHIP");
	ck_assert_str_eq(opt("ipv6_leave_group")->optname_str, "IPV6_DROP_MEMBERSHIP");
	ck_assert_int_eq(opt("ttl")->level, SOL_IP);
	ck_assert_int_eq(opt("cork")->level, SOL_TCP);
}
END_TEST

/*
 * The TCP and IP options' lines, each from strace -s 32 of a C program making
 * the same call (x86_64, strace 6.1); the fds are strace's.
 */
START_TEST(test_set_tcpip_forms)
{
	static const struct {
		const char *name, *v1, *v2, *want;
	} cases[] = {
		/* strace: setsockopt(4, SOL_TCP, TCP_CORK, [1], 4) = 0 */
		{ "cork", "1", NULL, "setsockopt(4, SOL_TCP, TCP_CORK, [1], 4)" },
		{ "maxseg", "1400", NULL, "setsockopt(4, SOL_TCP, TCP_MAXSEG, [1400], 4)" },
		/* strace: setsockopt(4, SOL_TCP, TCP_MAXSEG, [40000], 4) = -1 EINVAL */
		{ "maxseg", "40000", NULL, "setsockopt(4, SOL_TCP, TCP_MAXSEG, [40000], 4)" },
		{ "keepidle", "10", NULL, "setsockopt(4, SOL_TCP, TCP_KEEPIDLE, [10], 4)" },
		{ "keepintvl", "5", NULL, "setsockopt(4, SOL_TCP, TCP_KEEPINTVL, [5], 4)" },
		{ "keepcnt", "3", NULL, "setsockopt(4, SOL_TCP, TCP_KEEPCNT, [3], 4)" },
		{ "quickack", "on", NULL, "setsockopt(4, SOL_TCP, TCP_QUICKACK, [1], 4)" },
		{ "syncnt", "10", NULL, "setsockopt(4, SOL_TCP, TCP_SYNCNT, [10], 4)" },
		{ "ttl", "64", NULL, "setsockopt(4, SOL_IP, IP_TTL, [64], 4)" },
		/* strace: setsockopt(3, SOL_IP, IP_TTL, [-1], 4) = 0 */
		{ "ttl", "-1", NULL, "setsockopt(4, SOL_IP, IP_TTL, [-1], 4)" },
		{ "ipv6_unicast_hops", "32", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_UNICAST_HOPS, [32], 4)" },
		/* an int, as a C program passes it (the kernel takes a char too) */
		{ "ip_multicast_loop", "1", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_LOOP, [1], 4)" },
		{ "ip_multicast_ttl", "4", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_TTL, [4], 4)" },
		{ "ip_multicast_all", "0", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_ALL, [0], 4)" },
		/* strace shows the struct in_addr as the int it is */
		{ "ip_multicast_if", "127.0.0.1", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_IF, [16777343], 4)" },
		{ "ip_multicast_if", "10.9.9.9", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_IF, [151587082], 4)" },
		{ "ip_multicast_if", "10.0.0.200", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_IF, [-939524086], 4)" },
		{ "ip_multicast_if", "0.0.0.0", NULL,
		    "setsockopt(4, SOL_IP, IP_MULTICAST_IF, [0], 4)" },
		/* strace: setsockopt(3, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=...}, 8) = 0 */
		{ "ip_add_membership", "239.1.1.1", NULL,
		    "setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("
		    "\"239.1.1.1\"), imr_interface=inet_addr(\"0.0.0.0\")}, 8)" },
		{ "ip_add_membership", "239.1.1.1", "127.0.0.1",
		    "setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("
		    "\"239.1.1.1\"), imr_interface=inet_addr(\"127.0.0.1\")}, 8)" },
		/* strace: ... {imr_multiaddr=inet_addr("10.1.1.1"), ...}, 8) = -1 EINVAL */
		{ "ip_add_membership", "10.1.1.1", "127.0.0.1",
		    "setsockopt(4, SOL_IP, IP_ADD_MEMBERSHIP, {imr_multiaddr=inet_addr("
		    "\"10.1.1.1\"), imr_interface=inet_addr(\"127.0.0.1\")}, 8)" },
		{ "ip_drop_membership", "239.1.1.1", "127.0.0.1",
		    "setsockopt(4, SOL_IP, IP_DROP_MEMBERSHIP, {imr_multiaddr=inet_addr("
		    "\"239.1.1.1\"), imr_interface=inet_addr(\"127.0.0.1\")}, 8)" },
		/*
		 * strace: setsockopt(5, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6,
		 * "ff02::1:3", &ipv6mr_multiaddr), ipv6mr_interface=if_nametoindex("lo")}, 20) = 0
		 */
		{ "ipv6_join_group", "ff02::1:3", "lo",
		    "setsockopt(4, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "
		    "\"ff02::1:3\", &ipv6mr_multiaddr), ipv6mr_interface="
		    "if_nametoindex(\"lo\")}, 20)" },
		{ "ipv6_join_group", "ff02::1:3", "1",
		    "setsockopt(4, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "
		    "\"ff02::1:3\", &ipv6mr_multiaddr), ipv6mr_interface="
		    "if_nametoindex(\"lo\")}, 20)" },
		{ "ipv6_join_group", "ff02::1:3", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "
		    "\"ff02::1:3\", &ipv6mr_multiaddr), ipv6mr_interface=0}, 20)" },
		/* strace: ... ipv6mr_interface=99}, 20) = -1 ENODEV (No such device) */
		{ "ipv6_join_group", "ff02::1:3", "99",
		    "setsockopt(4, SOL_IPV6, IPV6_ADD_MEMBERSHIP, {inet_pton(AF_INET6, "
		    "\"ff02::1:3\", &ipv6mr_multiaddr), ipv6mr_interface=99}, 20)" },
		{ "ipv6_leave_group", "ff02::1:3", "lo",
		    "setsockopt(4, SOL_IPV6, IPV6_DROP_MEMBERSHIP, {inet_pton(AF_INET6, "
		    "\"ff02::1:3\", &ipv6mr_multiaddr), ipv6mr_interface="
		    "if_nametoindex(\"lo\")}, 20)" },
		{ "ipv6_multicast_loop", "1", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_MULTICAST_LOOP, [1], 4)" },
		{ "ipv6_multicast_hops", "5", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_MULTICAST_HOPS, [5], 4)" },
		/* strace: setsockopt(5, SOL_IPV6, IPV6_MULTICAST_IF, [1], 4) = 0 */
		{ "ipv6_multicast_if", "lo", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_MULTICAST_IF, [1], 4)" },
		{ "ipv6_multicast_if", "0", NULL,
		    "setsockopt(4, SOL_IPV6, IPV6_MULTICAST_IF, [0], 4)" },
	};
	const struct sockopt *o;
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	struct word w[2];
	char err[256];

	if (if_nametoindex("lo") != 1)
		return;		/* the lines name lo as interface 1 */
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = opt(cases[i].name);
		w[0] = bare(cases[i].v1);
		w[1] = bare(cases[i].v2 ? cases[i].v2 : "");
		ck_assert_msg(sockopt_parse(o, w, cases[i].v2 ? 2 : 1, &v, err,
		    sizeof err), "%s %s refused: %s", cases[i].name, cases[i].v1, err);
		pr_setsockopt(&sb, 4, o, &v, sockopt_size(o), 32);
		ck_assert_str_eq(sb_str(&sb), cases[i].want);
		sb_reset(&sb);
	}
	sb_free(&sb);
}
END_TEST

START_TEST(test_get_tcpip_forms)
{
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;

	memset(&v, 0, sizeof v);
	/* strace: getsockopt(4, SOL_TCP, TCP_MAXSEG, [536], [4]) = 0 */
	v.i = 536;
	pr_getsockopt(&sb, 4, opt("maxseg"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(4, SOL_TCP, TCP_MAXSEG, [536], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(4, SOL_TCP, TCP_CORK, [1], [4]) = 0 */
	v.i = 1;
	pr_getsockopt(&sb, 4, opt("cork"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(4, SOL_TCP, TCP_CORK, [1], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(4, SOL_IP, IP_TTL, [64], [4]) = 0 */
	v.i = 64;
	pr_getsockopt(&sb, 4, opt("ttl"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(4, SOL_IP, IP_TTL, [64], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_IP, IP_MULTICAST_IF, [16777343], [4]) = 0 */
	inet_pton(AF_INET, "127.0.0.1", &v.in);
	pr_getsockopt(&sb, 3, opt("ip_multicast_if"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(3, SOL_IP, IP_MULTICAST_IF, [16777343], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(5, SOL_IPV6, IPV6_MULTICAST_HOPS, [5], [4]) = 0 */
	memset(&v, 0, sizeof v);
	v.i = 5;
	pr_getsockopt(&sb, 5, opt("ipv6_multicast_hops"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(5, SOL_IPV6, IPV6_MULTICAST_HOPS, [5], [4])");
	sb_free(&sb);
}
END_TEST

START_TEST(test_parse_errors_tcpip)
{
	/* WANT whole, or (PART) a piece of the reason */
	static const struct {
		const char *name, *v[3];
		size_t n;
		const char *want;
		bool part;
	} cases[] = {
		{ "keepidle", { "soon" }, 1,
		    "keepidle takes seconds, a whole number, not soon", false },
		{ "keepcnt", { "-2" }, 1,
		    "keepcnt takes a count, a whole number, not -2", false },
		{ "ttl", { "-2" }, 1, "ttl takes a number of hops, 0 to 255 "
		    "(-1: the default), not -2", false },
		{ "maxseg", { "-2" }, 1,
		    "maxseg takes a size in bytes, 0 to 2147483647, not -2", false },
		{ "ip_add_membership", { "239.1.1.1", "eth9x" }, 2,
		    "ip_add_membership takes GROUP [IFADDR], IPv4 addresses: the group "
		    "(239.1.1.1), the interface's own address (127.0.0.1; none: "
		    "0.0.0.0, the route's), not 239.1.1.1 eth9x", false },
		{ "ip_drop_membership", { "239.1.1.1", "127.0.0.1", "x" }, 3,
		    "GROUP [IFADDR]", true },
		{ "ip_add_membership", { NULL }, 0, "GROUP [IFADDR]", true },
		{ "ipv6_join_group", { "239.1.1.1" }, 1, "ipv6_join_group takes GROUP "
		    "[IFNAME|IFINDEX]: an IPv6 group (ff02::1:3) and the interface "
		    "(lo, or its number; none: 0, the route's), not 239.1.1.1", false },
		{ "ipv6_leave_group", { "ff02::1:3", "nosuch0" }, 2,
		    "no interface nosuch0 here (`ip link` lists them)", false },
		{ "ipv6_multicast_if", { "nosuch0" }, 1,
		    "no interface nosuch0 here (`ip link` lists them)", false },
		{ "ipv6_multicast_if", { "-2" }, 1, "not -2", true },
		{ "ip_multicast_if", { "lo" }, 1, "ip_multicast_if takes an "
		    "interface's IPv4 address (127.0.0.1; 0.0.0.0: the route's), "
		    "not lo", false },
	};
	char *e;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		e = parse_error(cases[i].name, cases[i].v, cases[i].n);
		if (cases[i].part)
			ck_assert_msg(strstr(e, cases[i].want) != NULL, "%s: %s",
			    cases[i].name, e);
		else
			ck_assert_str_eq(e, cases[i].want);
		free(e);
	}
}
END_TEST

START_TEST(test_set_int_forms)
{
	char *s;

	/* strace: setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0 */
	s = set_line("reuseaddr", "1", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4)");
	free(s);
	s = set_line("reuseaddr", "off", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [0], 4)");
	free(s);
	s = set_line("reuseport", "on", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_REUSEPORT, [1], 4)");
	free(s);
	s = set_line("keepalive", "ON", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_KEEPALIVE, [1], 4)");
	free(s);
	/* strace: setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0 */
	s = set_line("nodelay", "1", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4)");
	free(s);
	/* strace: setsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], 4) = 0 */
	s = set_line("rcvbuf", "65536", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_RCVBUF, [65536], 4)");
	free(s);
	s = set_line("sndbuf", "65536", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_SNDBUF, [65536], 4)");
	free(s);
	s = set_line("broadcast", "1", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_BROADCAST, [1], 4)");
	free(s);
	/* strace: setsockopt(5, SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0 */
	s = set_line("v6only", "1", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4)");
	free(s);
}
END_TEST

START_TEST(test_set_linger_forms)
{
	const struct sockopt *o = opt("linger");
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	/* strace: setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0 */
	s = set_line("linger", "on", "0", 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_LINGER, "
	    "{l_onoff=1, l_linger=0}, 8)");
	free(s);
	s = set_line("linger", "on", "30", 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_LINGER, "
	    "{l_onoff=1, l_linger=30}, 8)");
	free(s);
	s = set_line("linger", "off", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_LINGER, "
	    "{l_onoff=0, l_linger=0}, 8)");
	free(s);
	/* strace: setsockopt(4, SOL_SOCKET, SO_LINGER, {l_onoff=0, l_linger=5}, 8) = 0 */
	memset(&v, 0, sizeof v);
	v.linger.l_linger = 5;
	pr_setsockopt(&sb, 4, o, &v, 8, 32);
	ck_assert_str_eq(sb_str(&sb), "setsockopt(4, SOL_SOCKET, SO_LINGER, "
	    "{l_onoff=0, l_linger=5}, 8)");
	sb_free(&sb);
}
END_TEST

START_TEST(test_set_timeval_forms)
{
	const struct sockopt *o = opt("rcvtimeo");
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	char *s;

	if (sizeof(struct timeval) != 16 || sizeof(long) != 8)
		return;		/* the bytes below are a 64-bit little-endian timeval */
	{
		const unsigned one = 1;

		if (*(const unsigned char *)&one != 1)
			return;
	}
	/*
	 * strace: setsockopt(3, SOL_SOCKET, SO_RCVTIMEO_OLD,
	 * "\1\0\0\0\0\0\0\0 \241\7\0\0\0\0\0", 16) = 0 for {1, 500000}: 1500 ms
	 */
	s = set_line("rcvtimeo", "1500", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_RCVTIMEO_OLD, "
	    "\"\\1\\0\\0\\0\\0\\0\\0\\0 \\241\\7\\0\\0\\0\\0\\0\", 16)");
	free(s);
	/* strace: ... SO_SNDTIMEO_OLD, "\0\0\0\0\0\0\0\0 \241\7\0\0\0\0\0", 16) for 500 ms */
	s = set_line("sndtimeo", "500", NULL, 32);
	ck_assert_str_eq(s, "setsockopt(3, SOL_SOCKET, SO_SNDTIMEO_OLD, "
	    "\"\\0\\0\\0\\0\\0\\0\\0\\0 \\241\\7\\0\\0\\0\\0\\0\", 16)");
	free(s);
	/* the form strace 6 shows as {tv_sec=1, tv_usec=500}: "\364\1" is 500 */
	memset(&v, 0, sizeof v);
	v.tv.tv_sec = 1;
	v.tv.tv_usec = 500;
	pr_setsockopt(&sb, 5, o, &v, 16, 32);
	ck_assert_str_eq(sb_str(&sb), "setsockopt(5, SOL_SOCKET, SO_RCVTIMEO_OLD, "
	    "\"\\1\\0\\0\\0\\0\\0\\0\\0\\364\\1\\0\\0\\0\\0\\0\\0\", 16)");
	sb_reset(&sb);
	/* strace -s 4 cuts the bytes */
	pr_setsockopt(&sb, 5, o, &v, 16, 4);
	ck_assert_str_eq(sb_str(&sb), "setsockopt(5, SOL_SOCKET, SO_RCVTIMEO_OLD, "
	    "\"\\1\\0\\0\\0\"..., 16)");
	sb_free(&sb);
}
END_TEST

START_TEST(test_get_forms)
{
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;

	memset(&v, 0, sizeof v);
	/* strace: getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4]) = 0 */
	v.i = ECONNREFUSED;
	pr_getsockopt(&sb, 3, opt("error"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(3, SOL_SOCKET, SO_ERROR, [ECONNREFUSED], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0 */
	v.i = 0;
	pr_getsockopt(&sb, 3, opt("error"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4])");
	sb_reset(&sb);
	/* strace 6.1: getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0, no SOCK_STREAM */
	v.i = SOCK_STREAM;
	pr_getsockopt(&sb, 3, opt("type"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(6, SOL_SOCKET, SO_ACCEPTCONN, [1], [4]) = 0 */
	v.i = 1;
	pr_getsockopt(&sb, 6, opt("acceptconn"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(6, SOL_SOCKET, SO_ACCEPTCONN, [1], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4]) = 0 */
	v.i = 131072;
	pr_getsockopt(&sb, 3, opt("rcvbuf"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [8 => 4]) = 0 */
	pr_getsockopt(&sb, 3, opt("rcvbuf"), &v, 8, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "getsockopt(3, SOL_SOCKET, SO_RCVBUF, [131072], [8 => 4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_TCP, TCP_NODELAY, [1], [4]) = 0 */
	v.i = 1;
	pr_getsockopt(&sb, 3, opt("nodelay"), &v, 4, 4, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(3, SOL_TCP, TCP_NODELAY, [1], [4])");
	sb_reset(&sb);
	/* strace: getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, [8]) = 0 */
	v.linger.l_onoff = 1;
	v.linger.l_linger = 0;
	pr_getsockopt(&sb, 3, opt("linger"), &v, 8, 8, false, 32);
	ck_assert_str_eq(sb_str(&sb), "getsockopt(3, SOL_SOCKET, SO_LINGER, "
	    "{l_onoff=1, l_linger=0}, [8])");
	sb_reset(&sb);
	/*
	 * A failed call: the buffer's address, the length as given.
	 * strace: getsockopt(3, SOL_IPV6, IPV6_V6ONLY, 0x7ffc702e5338, [4]) = -1 EOPNOTSUPP
	 */
	pr_getsockopt(&sb, 3, opt("v6only"), &v, 4, 4, true, 32);
	ck_assert_msg(strncmp(sb_str(&sb), "getsockopt(3, SOL_IPV6, IPV6_V6ONLY, 0x",
	    39) == 0, "got %s", sb_str(&sb));
	ck_assert_msg(strstr(sb_str(&sb), ", [4])") == sb_str(&sb) + sb.len - 6,
	    "got %s", sb_str(&sb));
	sb_free(&sb);
}
END_TEST

START_TEST(test_parse_errors)
{
	static const char *const five[] = { "5" }, *const yes[] = { "yes" };
	static const char *const two[] = { "1", "2" }, *const neg[] = { "-1" };
	static const char *const on[] = { "on" }, *const onx[] = { "on", "x" };
	static const char *const big[] = { "on", "70000" }, *const hex[] = { "0x10" };
	static const char *const frac[] = { "1.5" }, *const huge[] = { "99999999999" };
	char *e;

	e = parse_error("reuseaddr", five, 1);
	ck_assert_str_eq(e, "reuseaddr takes 1 or 0 (on or off), not 5");
	free(e);
	e = parse_error("nodelay", yes, 1);
	ck_assert_str_eq(e, "nodelay takes 1 or 0 (on or off), not yes");
	free(e);
	e = parse_error("reuseaddr", two, 2);
	ck_assert_str_eq(e, "reuseaddr takes 1 or 0 (on or off), not 1 2");
	free(e);
	e = parse_error("reuseaddr", NULL, 0);
	ck_assert_str_eq(e, "reuseaddr takes 1 or 0 (on or off)");
	free(e);
	e = parse_error("rcvbuf", neg, 1);
	ck_assert_str_eq(e, "rcvbuf takes a size in bytes, 0 to 2147483647, not -1");
	free(e);
	e = parse_error("rcvbuf", hex, 1);
	ck_assert_ptr_nonnull(strstr(e, "not 0x10"));
	free(e);
	e = parse_error("sndbuf", huge, 1);
	ck_assert_ptr_nonnull(strstr(e, "size in bytes"));
	free(e);
	e = parse_error("linger", on, 1);
	ck_assert_str_eq(e, "linger takes `on SECONDS` (0 to 65535) or `off`, not on");
	free(e);
	e = parse_error("linger", onx, 2);
	ck_assert_ptr_nonnull(strstr(e, "not on x"));
	free(e);
	e = parse_error("linger", big, 2);
	ck_assert_ptr_nonnull(strstr(e, "0 to 65535"));
	free(e);
	e = parse_error("rcvtimeo", frac, 1);
	ck_assert_str_eq(e, "rcvtimeo takes milliseconds, 0 to 2147483647 "
	    "(0: wait forever), not 1.5");
	free(e);
	e = parse_error("sndtimeo", NULL, 0);
	ck_assert_ptr_nonnull(strstr(e, "milliseconds"));
	free(e);
	e = parse_error("error", five, 1);
	ck_assert_str_eq(e, "error can only be read: getsockopt error");
	free(e);
	e = parse_error("type", five, 1);
	ck_assert_str_eq(e, "type can only be read: getsockopt type");
	free(e);
	e = parse_error("acceptconn", five, 1);
	ck_assert_str_eq(e, "acceptconn can only be read: getsockopt acceptconn");
	free(e);
}
END_TEST

START_TEST(test_quoted_values_refused)
{
	struct word w = { "1", 1, true, false };
	union sockopt_value v;
	char err[256];

	/* "1" in quotes is text, not a number */
	ck_assert(!sockopt_parse(opt("reuseaddr"), &w, 1, &v, err, sizeof err));
	ck_assert(!sockopt_parse(opt("rcvbuf"), &w, 1, &v, err, sizeof err));
}
END_TEST

START_TEST(test_explain)
{
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;

	memset(&v, 0, sizeof v);
	v.tv.tv_sec = 1;
	v.tv.tv_usec = 500000;
	sockopt_explain(&sb, opt("rcvtimeo"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "the bytes are a struct timeval "
	    "{tv_sec=1, tv_usec=500000}: 1500 ms");
	sb_reset(&sb);
	memset(&v, 0, sizeof v);
	sockopt_explain(&sb, opt("sndtimeo"), &v, false);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "0 ms, no timeout"));
	sb_reset(&sb);
	v.i = SOCK_DGRAM;
	sockopt_explain(&sb, opt("type"), &v, false);
	ck_assert_str_eq(sb_str(&sb), "2 is SOCK_DGRAM");
	sb_reset(&sb);
	v.i = ECONNREFUSED;
	sockopt_explain(&sb, opt("error"), &v, false);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "ECONNREFUSED"));
	sb_reset(&sb);
	v.i = 0;
	sockopt_explain(&sb, opt("error"), &v, false);
	ck_assert_uint_eq(sb.len, 0);
	v.linger.l_onoff = 1;
	v.linger.l_linger = 0;
	sockopt_explain(&sb, opt("linger"), &v, true);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "RST"));
	sb_reset(&sb);
	v.i = 1;
	sockopt_explain(&sb, opt("reuseaddr"), &v, true);
	ck_assert_uint_eq(sb.len, 0);

	/* what the TCP and IP options do, said under the call */
	v.i = 1;
	sockopt_explain(&sb, opt("cork"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "writes wait in the kernel until cork 0 or a "
	    "full segment");
	sb_reset(&sb);
	v.i = 10;
	sockopt_explain(&sb, opt("keepidle"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "the first probe after 10 s with nothing "
	    "received; only with keepalive 1 (`setsockopt keepalive 1`)");
	sb_reset(&sb);
	v.i = -1;
	sockopt_explain(&sb, opt("ttl"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "-1: the system's default");
	sb_reset(&sb);
	v.i = 1;
	sockopt_explain(&sb, opt("ip_multicast_ttl"), &v, true);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "they stay on this link"));
	sb_reset(&sb);
	memset(&v, 0, sizeof v);
	inet_pton(AF_INET, "127.0.0.1", &v.in);
	sockopt_explain(&sb, opt("ip_multicast_if"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "16777343 is the struct in_addr of 127.0.0.1 "
	    "read as an int: datagrams to a group now leave by 127.0.0.1's interface");
	sb_reset(&sb);
	memset(&v, 0, sizeof v);
	inet_pton(AF_INET, "239.1.1.1", &v.mreq.imr_multiaddr);
	sockopt_explain(&sb, opt("ip_add_membership"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "this socket joined 239.1.1.1 on the interface "
	    "of the route to it: a socket bound to the group's port gets what is "
	    "sent to it");
	sb_reset(&sb);
	sockopt_explain(&sb, opt("ip_drop_membership"), &v, true);
	ck_assert_ptr_nonnull(strstr(sb_str(&sb), "`setsockopt ip_multicast_all 0`"));
	sb_reset(&sb);
	memset(&v, 0, sizeof v);
	inet_pton(AF_INET6, "ff02::1:3", &v.mreq6.ipv6mr_multiaddr);
	v.mreq6.ipv6mr_interface = if_nametoindex("lo");
	sockopt_explain(&sb, opt("ipv6_join_group"), &v, true);
	ck_assert_str_eq(sb_str(&sb), "IPV6_JOIN_GROUP is IPV6_ADD_MEMBERSHIP, the "
	    "name strace prints; this socket joined ff02::1:3 on lo: a socket bound "
	    "to the group's port gets what is sent to it");
	sb_free(&sb);
}
END_TEST

/* ---- the commands, on real sockets ---- */

/* LINE prints WANT (with %d for the current descriptor after it) as its first line. */
static void
run_prints(struct shell *sh, const char *line, const char *want)
{
	char *out, *err, buf[512];

	ck_assert_msg(run(sh, line, &out, &err) == CMD_RETURN_NORMAL, "%s: %s",
	    line, err);
	snprintf(buf, sizeof buf, want, sh->fds.current);
	ck_assert_msg(strncmp(out, buf, strlen(buf)) == 0 &&
	    out[strlen(buf)] == '\n', "%s printed\n%s\nnot\n%s", line, out, buf);
	free(out);
	free(err);
}

START_TEST(test_commands)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	run_prints(&sh, "socket inet stream",
	    "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = %d");
	run_prints(&sh, "setsockopt reuseaddr 1",
	    "setsockopt(%d, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0");
	run_prints(&sh, "getsockopt reuseaddr",
	    "getsockopt(%d, SOL_SOCKET, SO_REUSEADDR, [1], [4]) = 0");
	run_prints(&sh, "setsockopt nodelay on",
	    "setsockopt(%d, SOL_TCP, TCP_NODELAY, [1], 4) = 0");
	run_prints(&sh, "setsockopt linger on 0",
	    "setsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, 8) = 0");
	run_prints(&sh, "getsockopt linger",
	    "getsockopt(%d, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=0}, [8]) = 0");
	run_prints(&sh, "getsockopt error",
	    "getsockopt(%d, SOL_SOCKET, SO_ERROR, [0], [4]) = 0");
	run_prints(&sh, "getsockopt type",
	    "getsockopt(%d, SOL_SOCKET, SO_TYPE, [1], [4]) = 0");
	run_prints(&sh, "getsockopt acceptconn",
	    "getsockopt(%d, SOL_SOCKET, SO_ACCEPTCONN, [0], [4]) = 0");
	/* strace: setsockopt(3, SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 ENOPROTOOPT */
	run_prints(&sh, "setsockopt v6only 1",
	    "setsockopt(%d, SOL_IPV6, IPV6_V6ONLY, [1], 4) = -1 ENOPROTOOPT "
	    "(Protocol not available)");
	ck_assert(sh.last.valid);
	ck_assert_str_eq(sh.last.name, "setsockopt");
	ck_assert_int_eq(sh.last.err, ENOPROTOOPT);

	/* the note under a timeval, and under the failure a hint */
	ck_assert(run(&sh, "setsockopt rcvtimeo 250", &out, &err) == CMD_RETURN_NORMAL);
	ck_assert_int_eq(count_lines(out), 2);
	ck_assert_ptr_nonnull(strstr(out, "\n  the bytes are a struct timeval "
	    "{tv_sec=0, tv_usec=250000}: 250 ms\n"));
	free(out);
	free(err);
	ck_assert(run(&sh, "getsockopt v6only", &out, &err) == CMD_RETURN_NORMAL);
	ck_assert_ptr_nonnull(strstr(out, "= -1 EOPNOTSUPP (Operation not supported)\n"
	    "  hint: "));
	free(out);
	free(err);

	/* refused before any call, one line each */
	run_refused(&sh, "setsockopt nosuch 1", "unknown option: nosuch (reuseaddr, ");
	run_refused(&sh, "getsockopt nosuch", "unknown option: nosuch");
	run_refused(&sh, "setsockopt \"reuseaddr\" 1", "unknown option");
	run_refused(&sh, "setsockopt reuseaddr", "reuseaddr takes 1 or 0");
	run_refused(&sh, "setsockopt reuseaddr maybe", "not maybe");
	run_refused(&sh, "setsockopt linger on", "linger takes `on SECONDS`");
	run_refused(&sh, "setsockopt error 0", "error can only be read");
	run_refused(&sh, "setsockopt", "missing argument");
	run_refused(&sh, "getsockopt", "missing argument");
	run_refused(&sh, "getsockopt rcvbuf 5", "too many arguments");
	run_refused(&sh, "setsockopt linger on 5 now", "too many arguments");
	run_refused(&sh, "setsockopt fd99 reuseaddr 1", "fd99 is not open");
	quiet_close(&sh);
}
END_TEST

START_TEST(test_v6only_on_inet6)
{
	struct shell sh;

	shell_init(&sh);
	run_prints(&sh, "socket inet6 stream",
	    "socket(AF_INET6, SOCK_STREAM, IPPROTO_TCP) = %d");
	if (sh.fds.current == -1) {
		quiet_close(&sh);
		return;		/* no IPv6 here */
	}
	run_prints(&sh, "setsockopt v6only 1",
	    "setsockopt(%d, SOL_IPV6, IPV6_V6ONLY, [1], 4) = 0");
	run_prints(&sh, "getsockopt v6only",
	    "getsockopt(%d, SOL_IPV6, IPV6_V6ONLY, [1], [4]) = 0");
	quiet_close(&sh);
}
END_TEST

Suite *
sockopt_suite(void)
{
	Suite *s = suite_create("sockopt");
	TCase *tc = tcase_create("table");
	TCase *run_tc = tcase_create("commands");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_set_int_forms);
	tcase_add_test(tc, test_set_linger_forms);
	tcase_add_test(tc, test_set_timeval_forms);
	tcase_add_test(tc, test_get_forms);
	tcase_add_test(tc, test_set_tcpip_forms);
	tcase_add_test(tc, test_get_tcpip_forms);
	tcase_add_test(tc, test_parse_errors_tcpip);
	tcase_add_test(tc, test_parse_errors);
	tcase_add_test(tc, test_quoted_values_refused);
	tcase_add_test(tc, test_explain);
	suite_add_tcase(s, tc);
	tcase_add_test(run_tc, test_commands);
	tcase_add_test(run_tc, test_v6only_on_inet6);
	suite_add_tcase(s, run_tc);
	return s;
}
