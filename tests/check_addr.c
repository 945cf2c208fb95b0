/*
 * check_addr.c: ports, numeric hosts and unix paths into sockaddrs, and
 * sockaddrs printed as strace 6.1 prints them (the expected strings below were
 * taken from `strace -s 32` of the same calls).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <errno.h>
#include <netdb.h>

#include "addr.h"
#include "lookup.h"
#include "check_suites.h"

START_TEST(test_port_valid)
{
	static const struct {
		const char	*s;
		unsigned	 port;
	} ok[] = {
		{ "0", 0 }, { "1", 1 }, { "80", 80 }, { "8080", 8080 },
		{ "65535", 65535 },
	};
	char err[256];

	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		unsigned port = 4242;

		err[0] = '\0';
		ck_assert_msg(addr_parse_port(ok[i].s, &port, err, sizeof err) == 0,
		    "\"%s\" refused: %s", ok[i].s, err);
		ck_assert_uint_eq(port, ok[i].port);
	}
}
END_TEST

START_TEST(test_port_invalid)
{
	static const char *const bad[] = {
		"65536", "99999", "", "abc", "-1", "+80", "80x", " 80", "8 0",
		"0x50",
		/* 2^32 + 80 and 2^64 + 80: must not wrap into port 80 */
		"4294967376", "18446744073709551696",
		"99999999999999999999999999999999",
	};
	char err[256];

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned port = 4242;

		err[0] = '\0';
		ck_assert_msg(addr_parse_port(bad[i], &port, err, sizeof err) == -1,
		    "\"%s\" accepted as %u", bad[i], port);
		ck_assert_msg(port == 4242, "\"%s\" wrote port %u", bad[i], port);
		ck_assert_msg(err[0] != '\0', "no reason for \"%s\"", bad[i]);
	}
	/* The reason names the number, as netcat does ("port too large: 99999"). */
	addr_parse_port("99999", &(unsigned){ 0 }, err, sizeof err);
	ck_assert_msg(strstr(err, "99999") != NULL, "reason: %s", err);
	addr_parse_port("65536", &(unsigned){ 0 }, err, sizeof err);
	ck_assert_msg(strstr(err, "65536") != NULL, "reason: %s", err);
}
END_TEST

START_TEST(test_lookup_numeric_v4)
{
	struct addr_list al;
	const struct sockaddr_in *sin;
	char err[256] = "";

	ck_assert_msg(addr_lookup(AF_INET, SOCK_STREAM, "127.0.0.1", 8080, &al,
	    err, sizeof err) == 0, "refused: %s", err);
	ck_assert_uint_eq(al.n, 1);
	ck_assert(!al.looked_up);
	ck_assert_uint_eq(al.v[0].len, sizeof(struct sockaddr_in));
	sin = (const struct sockaddr_in *)&al.v[0].ss;
	ck_assert_int_eq(sin->sin_family, AF_INET);
	ck_assert_uint_eq(ntohs(sin->sin_port), 8080);
	ck_assert_uint_eq(ntohl(sin->sin_addr.s_addr), 0x7f000001);
	addr_list_free(&al);
	ck_assert_uint_eq(al.n, 0);
	ck_assert_ptr_null(al.v);

	/* Taken as typed, even for an inet6 socket: the kernel judges it. */
	ck_assert_int_eq(addr_lookup(AF_INET6, SOCK_DGRAM, "10.1.2.3", 0, &al,
	    err, sizeof err), 0);
	ck_assert_uint_eq(al.n, 1);
	ck_assert(!al.looked_up);
	sin = (const struct sockaddr_in *)&al.v[0].ss;
	ck_assert_int_eq(sin->sin_family, AF_INET);
	ck_assert_uint_eq(ntohs(sin->sin_port), 0);
	ck_assert_uint_eq(ntohl(sin->sin_addr.s_addr), 0x0a010203);
	addr_list_free(&al);
}
END_TEST

START_TEST(test_lookup_numeric_v6)
{
	static const char *const hosts[] = { "::1", "[::1]" };
	struct addr_list al;
	char err[256] = "";

	for (size_t i = 0; i < 2; i++) {
		const struct sockaddr_in6 *sin6;

		ck_assert_msg(addr_lookup(AF_INET6, SOCK_STREAM, hosts[i], 443, &al,
		    err, sizeof err) == 0, "%s refused: %s", hosts[i], err);
		ck_assert_uint_eq(al.n, 1);
		ck_assert(!al.looked_up);
		ck_assert_uint_eq(al.v[0].len, sizeof(struct sockaddr_in6));
		sin6 = (const struct sockaddr_in6 *)&al.v[0].ss;
		ck_assert_int_eq(sin6->sin6_family, AF_INET6);
		ck_assert_uint_eq(ntohs(sin6->sin6_port), 443);
		ck_assert(IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr));
		addr_list_free(&al);
	}

	/*
	 * A v6 address that begins as a dotted quad would (1::1, 10::): nothing
	 * of the quad's try is left in it, sin6_flowinfo stays 0.
	 */
	{
		static const char *const quadlike[] = { "1::1", "10::", "100::1",
		    "64:ff9b::1", "1:2:3:4:5:6:7:8", "[1::1]" };

		for (size_t i = 0; i < sizeof quadlike / sizeof quadlike[0]; i++) {
			const struct sockaddr_in6 *sin6;

			ck_assert_int_eq(addr_lookup(AF_INET6, SOCK_STREAM,
			    quadlike[i], 80, &al, err, sizeof err), 0);
			sin6 = (const struct sockaddr_in6 *)&al.v[0].ss;
			ck_assert_int_eq(sin6->sin6_family, AF_INET6);
			ck_assert_msg(sin6->sin6_flowinfo == 0,
			    "%s: sin6_flowinfo %u", quadlike[i],
			    (unsigned)ntohl(sin6->sin6_flowinfo));
			addr_list_free(&al);
		}
	}

	/* An inet socket given a v6 address gets it as typed too. */
	ck_assert_int_eq(addr_lookup(AF_INET, SOCK_STREAM, "[fe80::1]", 1, &al,
	    err, sizeof err), 0);
	ck_assert_uint_eq(al.n, 1);
	ck_assert(!al.looked_up);
	ck_assert_int_eq(al.v[0].ss.ss_family, AF_INET6);
	addr_list_free(&al);
}
END_TEST

/* Numbers as typed: a dotted quad is taken at once, 127.1 by getaddrinfo. */
START_TEST(test_numeric_forms)
{
	static const struct {
		const char	*host;
		const char	*shown;
		bool		 short_form;	/* inet_aton's: a note says how it was read */
	} v[] = {
		{ "10.1.2.3", "sin_port=htons(7), sin_addr=inet_addr(\"10.1.2.3\")", false },
		{ "255.255.255.255", "inet_addr(\"255.255.255.255\")", false },
		{ "0.0.0.0", "inet_addr(\"0.0.0.0\")", false },
		{ "127.1", "inet_addr(\"127.0.0.1\")", true },
		{ "10.0.1", "inet_addr(\"10.0.0.1\")", true },
		{ "127.0.0.010", "inet_addr(\"127.0.0.8\")", true },
		{ "::1", "sin6_port=htons(7), sin6_flowinfo=htonl(0), "
		    "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0", false },
	};
	struct addr_list al;
	struct strbuf sb = STRBUF_INIT;
	char err[256];

	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		ck_assert_int_eq(addr_lookup(AF_INET, SOCK_STREAM, v[i].host, 7,
		    &al, err, sizeof err), 0);
		ck_assert_uint_eq(al.n, 1);
		ck_assert(!al.looked_up);
		ck_assert_msg(al.short_form == v[i].short_form, "%s: short form %d",
		    v[i].host, al.short_form);
		sb_reset(&sb);
		pr_sockaddr(&sb, (struct sockaddr *)&al.v[0].ss, al.v[0].len);
		ck_assert_msg(strstr(sb_str(&sb), v[i].shown) != NULL, "%s: %s",
		    v[i].host, sb_str(&sb));
		addr_list_free(&al);
	}
	sb_free(&sb);
}
END_TEST

START_TEST(test_wildcard)
{
	struct sockaddr_any a;
	struct strbuf sb = STRBUF_INIT;

	addr_wildcard(AF_INET, 8080, &a);
	ck_assert_uint_eq(a.len, sizeof(struct sockaddr_in));
	pr_sockaddr(&sb, (struct sockaddr *)&a.ss, a.len);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_INET, sin_port=htons(8080), "
	    "sin_addr=inet_addr(\"0.0.0.0\")}");
	sb_reset(&sb);

	addr_wildcard(AF_INET6, 80, &a);
	ck_assert_uint_eq(a.len, sizeof(struct sockaddr_in6));
	pr_sockaddr(&sb, (struct sockaddr *)&a.ss, a.len);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_INET6, sin6_port=htons(80), "
	    "sin6_flowinfo=htonl(0), inet_pton(AF_INET6, \"::\", &sin6_addr), "
	    "sin6_scope_id=0}");
	sb_free(&sb);
}
END_TEST

START_TEST(test_unix_limit)
{
	struct sockaddr_any a;
	const struct sockaddr_un *sun = (const struct sockaddr_un *)&a.ss;
	char path[109], err[256] = "";

	memset(path, 'a', sizeof path);
	path[0] = '/';

	/* 107 bytes and the NUL fill sun_path's 108 exactly. */
	ck_assert_msg(addr_unix(path, 107, &a, err, sizeof err) == 0,
	    "107 bytes refused: %s", err);
	ck_assert_int_eq(sun->sun_family, AF_UNIX);
	ck_assert_mem_eq(sun->sun_path, path, 107);
	ck_assert_int_eq(sun->sun_path[107], '\0');
	ck_assert_uint_eq(a.len, offsetof(struct sockaddr_un, sun_path) + 108);

	err[0] = '\0';
	ck_assert_int_eq(addr_unix(path, 108, &a, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "too long") != NULL, "reason: %s", err);
	ck_assert_int_eq(addr_unix(path, 109, &a, err, sizeof err), -1);

	/* strace shows 9 for connect() to "/tmp/s": the family, 6 bytes, the NUL. */
	ck_assert_int_eq(addr_unix("/tmp/s", 6, &a, err, sizeof err), 0);
	ck_assert_uint_eq(a.len, 9);
	ck_assert_str_eq(sun->sun_path, "/tmp/s");
}
END_TEST

/* pr_sockaddr of SA (LEN bytes) into a fresh string, compared with WANT. */
static void
assert_sockaddr(const void *sa, socklen_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_sockaddr(&sb, sa, len);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_print_inet)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	assert_sockaddr(&sin, sizeof sin, "{sa_family=AF_INET, sin_port=htons(9), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}");
	sin.sin_port = htons(65535);
	sin.sin_addr.s_addr = htonl(0xc0a80101);
	assert_sockaddr(&sin, sizeof sin, "{sa_family=AF_INET, "
	    "sin_port=htons(65535), sin_addr=inet_addr(\"192.168.1.1\")}");
	assert_sockaddr(NULL, 0, "NULL");
}
END_TEST

/* strace: connect(4, {sa_family=AF_INET, sa_data="\0\t\177\0\0\1"}, 8) */
START_TEST(test_print_inet_short)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(9);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	assert_sockaddr(&sin, 8, "{sa_family=AF_INET, sa_data=\"\\0\\t\\177\\0\\0\\1\"}");
}
END_TEST

START_TEST(test_print_inet6)
{
	struct sockaddr_in6 sin6;
	char ifname[IF_NAMESIZE], want[256];

	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(8080);
	inet_pton(AF_INET6, "::1", &sin6.sin6_addr);
	assert_sockaddr(&sin6, sizeof sin6, "{sa_family=AF_INET6, "
	    "sin6_port=htons(8080), sin6_flowinfo=htonl(0), "
	    "inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}");

	/* flowinfo in host order; a scope that names no interface as a number */
	sin6.sin6_flowinfo = htonl(0x12345);
	sin6.sin6_scope_id = 4242;
	inet_pton(AF_INET6, "fe80::1", &sin6.sin6_addr);
	assert_sockaddr(&sin6, sizeof sin6, "{sa_family=AF_INET6, "
	    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
	    "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), sin6_scope_id=4242}");

	/* a scope that names an interface by its name, as strace does */
	sin6.sin6_scope_id = 1;
	if (if_indextoname(1, ifname) != NULL)
		snprintf(want, sizeof want, "{sa_family=AF_INET6, "
		    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
		    "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), "
		    "sin6_scope_id=if_nametoindex(\"%s\")}", ifname);
	else
		snprintf(want, sizeof want, "{sa_family=AF_INET6, "
		    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
		    "inet_pton(AF_INET6, \"fe80::1\", &sin6_addr), "
		    "sin6_scope_id=1}");
	assert_sockaddr(&sin6, sizeof sin6, want);

	/* an address that is not link-local: the number, whatever it names */
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6.sin6_addr);
	assert_sockaddr(&sin6, sizeof sin6, "{sa_family=AF_INET6, "
	    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
	    "inet_pton(AF_INET6, \"::ffff:127.0.0.1\", &sin6_addr), sin6_scope_id=1}");
	inet_pton(AF_INET6, "ff05::1", &sin6.sin6_addr);
	assert_sockaddr(&sin6, sizeof sin6, "{sa_family=AF_INET6, "
	    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
	    "inet_pton(AF_INET6, \"ff05::1\", &sin6_addr), sin6_scope_id=1}");
	/* a link-scope multicast group is named as fe80:: is */
	inet_pton(AF_INET6, "ff02::1", &sin6.sin6_addr);
	if (if_indextoname(1, ifname) != NULL)
		snprintf(want, sizeof want, "{sa_family=AF_INET6, "
		    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
		    "inet_pton(AF_INET6, \"ff02::1\", &sin6_addr), "
		    "sin6_scope_id=if_nametoindex(\"%s\")}", ifname);
	else
		snprintf(want, sizeof want, "{sa_family=AF_INET6, "
		    "sin6_port=htons(8080), sin6_flowinfo=htonl(74565), "
		    "inet_pton(AF_INET6, \"ff02::1\", &sin6_addr), "
		    "sin6_scope_id=1}");
	assert_sockaddr(&sin6, sizeof sin6, want);
}
END_TEST

START_TEST(test_print_unix)
{
	struct sockaddr_un sun;
	size_t off = offsetof(struct sockaddr_un, sun_path);
	char want[256];

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/tmp/s");
	assert_sockaddr(&sun, off + 7, "{sa_family=AF_UNIX, sun_path=\"/tmp/s\"}");
	/* the kernel's getsockname length, or the whole struct: up to the NUL */
	assert_sockaddr(&sun, sizeof sun, "{sa_family=AF_UNIX, sun_path=\"/tmp/s\"}");

	/* abstract: a NUL, then the name, exactly as long as LEN says */
	memset(&sun.sun_path, 0, sizeof sun.sun_path);
	memcpy(sun.sun_path, "\0name", 5);
	assert_sockaddr(&sun, off + 5, "{sa_family=AF_UNIX, sun_path=@\"name\"}");

	/* unnamed: the family alone */
	assert_sockaddr(&sun, sizeof(sa_family_t),
	    "{sa_family=AF_UNIX}");

	/* a long path is not cut at strsize: strace shows all of sun_path */
	memset(sun.sun_path, 'a', 107);
	sun.sun_path[0] = '/';
	sun.sun_path[107] = '\0';
	snprintf(want, sizeof want, "{sa_family=AF_UNIX, sun_path=\"%s\"}",
	    sun.sun_path);
	assert_sockaddr(&sun, off + 108, want);

	/* odd bytes in a path are quoted, never raw */
	memset(&sun.sun_path, 0, sizeof sun.sun_path);
	memcpy(sun.sun_path, "/tmp/\033]0;x\a\"", 12);
	assert_sockaddr(&sun, off + 13,
	    "{sa_family=AF_UNIX, sun_path=\"/tmp/\\33]0;x\\7\\\"\"}");
}
END_TEST

START_TEST(test_print_unknown_family)
{
	struct sockaddr_storage ss;

	memset(&ss, 0, sizeof ss);
	ss.ss_family = 99;
	memcpy(((struct sockaddr *)&ss)->sa_data, "ab\0c", 4);
	assert_sockaddr(&ss, 16, "{sa_family=0x63 /* AF_??? */, "
	    "sa_data=\"ab\\0c\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\"}");
	assert_sockaddr(&ss, sizeof(sa_family_t), "{sa_family=0x63 /* AF_??? */}");
}
END_TEST

/*
 * strace shows all LEN - 2 bytes, not just the 14 of struct sockaddr: for
 * connect(3, ..., 20) it prints sa_data="aaaaaaaaaaaaaaaaaa" (18 bytes).
 */
START_TEST(test_print_unknown_family_long)
{
	struct sockaddr_storage ss;

	memset(&ss, 'a', sizeof ss);
	ss.ss_family = 99;
	assert_sockaddr(&ss, 3, "{sa_family=0x63 /* AF_??? */, sa_data=\"a\"}");
	assert_sockaddr(&ss, 20, "{sa_family=0x63 /* AF_??? */, "
	    "sa_data=\"aaaaaaaaaaaaaaaaaa\"}");
}
END_TEST

START_TEST(test_format)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct sockaddr_un sun;
	struct strbuf sb = STRBUF_INIT;
	size_t off = offsetof(struct sockaddr_un, sun_path);

	memset(&sin, 0, sizeof sin);
	sin.sin_family = AF_INET;
	sin.sin_port = htons(80);
	sin.sin_addr.s_addr = htonl(0x7f000001);
	addr_format(&sb, (struct sockaddr *)&sin, sizeof sin);
	ck_assert_str_eq(sb_str(&sb), "127.0.0.1:80");
	sb_reset(&sb);

	memset(&sin6, 0, sizeof sin6);
	sin6.sin6_family = AF_INET6;
	sin6.sin6_port = htons(8080);
	sin6.sin6_addr = in6addr_loopback;
	addr_format(&sb, (struct sockaddr *)&sin6, sizeof sin6);
	ck_assert_str_eq(sb_str(&sb), "[::1]:8080");
	sb_reset(&sb);

	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, "/tmp/s");
	addr_format(&sb, (struct sockaddr *)&sun, off + 7);
	ck_assert_msg(strstr(sb_str(&sb), "/tmp/s") != NULL, "got %s", sb_str(&sb));
	sb_reset(&sb);

	memcpy(sun.sun_path, "\0name", 5);
	addr_format(&sb, (struct sockaddr *)&sun, off + 5);
	ck_assert_msg(sb_str(&sb)[0] == '@' && strstr(sb_str(&sb), "name") != NULL,
	    "got %s", sb_str(&sb));
	sb_reset(&sb);

	/* A peer's path never reaches the terminal raw. */
	memset(&sun.sun_path, 0, sizeof sun.sun_path);
	memcpy(sun.sun_path, "/t\033[2J", 6);
	addr_format(&sb, (struct sockaddr *)&sun, off + 7);
	ck_assert_msg(strchr(sb_str(&sb), '\033') == NULL, "raw ESC in %s",
	    sb_str(&sb));
	sb_reset(&sb);

	addr_format(&sb, NULL, 0);
	ck_assert_str_eq(sb_str(&sb), "-");
	sb_free(&sb);
}
END_TEST

/* lookup's waits, for the tests: the answer is there, or a signal came first. */
static int
wait_ready(int fd, const char *node)
{
	(void)fd;
	(void)node;
	return 1;
}

static int
wait_cut(int fd, const char *node)
{
	(void)fd;
	(void)node;
	return 0;
}

/* What lookup's child found comes through the pipe whole: getaddrinfo's list, byte for byte. */
START_TEST(test_lookup_child)
{
	struct addrinfo hints, *want = NULL, *got = NULL, *w, *g;
	size_t n = 0;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	ck_assert_int_eq(getaddrinfo("::1", "80", &hints, &want), 0);
	lookup_set_wait(wait_ready);
	ck_assert_int_eq(lookup("::1", "80", &hints, &got), 0);
	for (w = want, g = got; w != NULL && g != NULL; w = w->ai_next, g = g->ai_next, n++) {
		ck_assert_int_eq(g->ai_family, w->ai_family);
		ck_assert_int_eq(g->ai_socktype, w->ai_socktype);
		ck_assert_int_eq(g->ai_protocol, w->ai_protocol);
		ck_assert_uint_eq(g->ai_addrlen, w->ai_addrlen);
		ck_assert(memcmp(g->ai_addr, w->ai_addr, w->ai_addrlen) == 0);
	}
	ck_assert_msg(w == NULL && g == NULL, "lists of different lengths");
	ck_assert_uint_ge(n, 1);
	lookup_free(got);
	/* getaddrinfo's failure, as it said it */
	hints.ai_flags = AI_NUMERICHOST;
	ck_assert_int_eq(lookup("not a number", NULL, &hints, &got), EAI_NONAME);
	ck_assert_ptr_null(got);
	/* the child is reaped: none is left */
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	lookup_set_wait(NULL);
	freeaddrinfo(want);
}
END_TEST

/* Cut short: EAI_INTR, nothing to free, the child killed and reaped. */
START_TEST(test_lookup_cut)
{
	struct addrinfo hints, *got = (struct addrinfo *)&hints;

	memset(&hints, 0, sizeof hints);
	lookup_set_wait(wait_cut);
	ck_assert_int_eq(lookup("localhost", NULL, &hints, &got), EAI_INTR);
	ck_assert_ptr_null(got);
	ck_assert_int_eq(waitpid(-1, NULL, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);
	lookup_set_wait(NULL);
}
END_TEST

Suite *
addr_suite(void)
{
	Suite *s = suite_create("addr");
	TCase *tc = tcase_create("addr");

	tcase_add_test(tc, test_port_valid);
	tcase_add_test(tc, test_port_invalid);
	tcase_add_test(tc, test_lookup_numeric_v4);
	tcase_add_test(tc, test_lookup_numeric_v6);
	tcase_add_test(tc, test_numeric_forms);
	tcase_add_test(tc, test_wildcard);
	tcase_add_test(tc, test_unix_limit);
	tcase_add_test(tc, test_print_inet);
	tcase_add_test(tc, test_print_inet_short);
	tcase_add_test(tc, test_print_inet6);
	tcase_add_test(tc, test_print_unix);
	tcase_add_test(tc, test_print_unknown_family);
	tcase_add_test(tc, test_print_unknown_family_long);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_lookup_child);
	tcase_add_test(tc, test_lookup_cut);
	suite_add_tcase(s, tc);
	return s;
}
