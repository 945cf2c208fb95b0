/* check_complete.c: what Tab offers where, and where the history file lives. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "commands.h"
#include "complete.h"
#include "lineread.h"
#include "shell.h"

static struct shell sh;

/* A shell with fd3 (inet stream, listening as far as the table knows), fd5 (unix), fd4 current. */
static void
setup(void)
{
	shell_init(&sh);
	fd_table_add(&sh.fds, 3, AF_INET, SOCK_STREAM, IPPROTO_TCP, ROLE_SOCKET);
	fd_table_add(&sh.fds, 5, AF_UNIX, SOCK_STREAM, 0, ROLE_SOCKET);
	fd_table_add(&sh.fds, 4, AF_INET, SOCK_STREAM, IPPROTO_TCP, ROLE_ACCEPTED);
	fd_table_use(&sh.fds, 4);
}

static void
teardown(void)
{
	shell_free(&sh);
}

/* Complete LINE with the cursor at its end, the word starting after the last blank, ';' or '|'. */
static void
complete_at_end(const char *line, struct completion *c)
{
	size_t end = strlen(line), start = end;

	while (start > 0 && strchr(" \t;|@>\"", line[start - 1]) == NULL)
		start--;
	complete_line(&sh, line, start, end, c);
}

/* The candidates, space-separated, for failure messages and exact checks. */
static char *
joined(const struct completion *c)
{
	static char buf[8192];

	buf[0] = '\0';
	for (size_t i = 0; i < c->n; i++) {
		if (i > 0)
			strncat(buf, " ", sizeof buf - strlen(buf) - 1);
		strncat(buf, c->v[i], sizeof buf - strlen(buf) - 1);
	}
	return buf;
}

static bool
offers(const struct completion *c, const char *word)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i], word) == 0)
			return true;
	return false;
}

/* LINE<Tab> offers exactly WANT (space-separated, sorted; "" for nothing). */
static void
check_exactly(const char *line, const char *want)
{
	struct completion c;

	complete_at_end(line, &c);
	ck_assert_msg(!c.files, "%s: file names, wanted \"%s\"", line, want);
	ck_assert_msg(strcmp(joined(&c), want) == 0, "%s<Tab>: \"%s\", wanted \"%s\"",
	    line, joined(&c), want);
	ck_assert_ptr_null(c.v[c.n]);
	completion_free(&c);
}

/* LINE<Tab> offers every word given (and maybe more). */
static void
check_offers(const char *line, ...)
{
	struct completion c;
	const char *w;
	va_list ap;

	complete_at_end(line, &c);
	va_start(ap, line);
	while ((w = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(offers(&c, w), "%s<Tab>: no %s in \"%s\"", line, w,
		    joined(&c));
	va_end(ap);
	completion_free(&c);
}

/* LINE<Tab> completes a file name. */
static void
check_files(const char *line)
{
	struct completion c;

	complete_at_end(line, &c);
	ck_assert_msg(c.files, "%s<Tab>: \"%s\", wanted file names", line, joined(&c));
	completion_free(&c);
}

START_TEST(test_command_names)
{
	struct completion c;
	size_t n = 0;

	check_exactly("soc", "socket socketpair");
	check_exactly("acc", "accept accept4");
	check_exactly("socket inet stream non", "nonblock");
	check_exactly("ioctl fi", "fionread");
	check_exactly("wait n", "nohang");
	check_offers("e", "echo", "exit", "expect", NULL);	/* an alias is a name too */
	check_exactly("zzz", "");
	/* at the very start: every command */
	complete_at_end("", &c);
	for (const struct command *const *cmd = command_table; *cmd; cmd++, n++)
		ck_assert_msg(offers(&c, (*cmd)->name), "no %s", (*cmd)->name);
	ck_assert_uint_ge(c.n, n);
	completion_free(&c);
	/* leading blanks do not matter; after ';' a new command starts */
	check_exactly("   soc", "socket socketpair");
	check_exactly("socket stream; lis", "listen");
	check_exactly("socket stream;lis", "listen");
}
END_TEST

START_TEST(test_descriptors)
{
	check_exactly("close f", "fd3 fd4 fd5");
	check_exactly("close fd3 ", "");		/* close takes one */
	check_exactly("use fd", "fd3 fd4 fd5");
	/* a command on the current descriptor may name another first */
	check_exactly("accept ", "fd3 fd4 fd5");
	check_exactly("accept fd3 ", "");
	check_offers("read ", "fd3", "fd4", "fd5", NULL);
	check_exactly("listen fd3 ", "");
	check_exactly("dup ", "fd3 fd4 fd5");
	check_exactly("dup fd3 ", "");
	check_exactly("dup2 f", "fd3 fd4 fd5");
	check_exactly("dup2 fd3 ", "");		/* M is a number of your choice */
	check_exactly("du", "dup dup2");
}
END_TEST

START_TEST(test_families_and_types)
{
	check_offers("socket ", "inet", "inet6", "unix", "stream", "dgram", NULL);
	check_exactly("socket in", "inet inet6");
	check_exactly("socket inet ", "dgram stream");
	check_exactly("socket ", "dgram inet inet6 stream unix");
	check_exactly("socket unix d", "dgram");
	check_exactly("socket st", "stream");
	check_exactly("socketpair ", "dgram stream unix");
	check_exactly("socketpair unix ", "dgram stream");
	check_exactly("socketpair stream ", "");
	check_exactly("socketp", "socketpair");
	check_exactly("socket stream ", "cloexec nonblock");	/* the family was left out: flags next */
	check_exactly("socket inet stream ", "cloexec nonblock");
}
END_TEST

START_TEST(test_hosts_and_paths)
{
	/* the current descriptor is inet: addresses; a unix one: file names */
	check_offers("connect ", "127.0.0.1", "localhost", NULL);
	check_exactly("connect 127.0.0.1 ", "");	/* the port */
	check_files("connect fd5 ");
	check_files("fork ");
	check_files("bind fd5 /tm");
	check_files("bind fd5 \"/tmp/my");
	check_exactly("bind fd3 loc", "localhost");
	/* the file of write @FILE, send @FILE, read >FILE */
	check_files("write @");
	check_files("write fd3 @/tm");
	check_files("send @da");
	check_files("read >");
	check_files("read fd3 100 >/tm");
	check_files("read > ");
	check_exactly("sendto fd3 @", "");
}
END_TEST

START_TEST(test_kinds)
{
	struct completion c;

	memset(&c, 0, sizeof c);
	complete_kind(&sh, ARGK_SHUTMODE, -1, "r", &c);
	ck_assert_str_eq(joined(&c), "rd rdwr");
	completion_free(&c);

	complete_kind(&sh, ARGK_MSGFLAG, -1, "dont", &c);
	ck_assert_str_eq(joined(&c), "dontroute dontwait");
	completion_free(&c);

	complete_kind(&sh, ARGK_MSGFLAG, -1, "", &c);
	ck_assert_msg(offers(&c, "peek") && offers(&c, "waitall"), "%s", joined(&c));
	for (size_t i = 0; i < c.n; i++)
		ck_assert_msg(strncmp(c.v[i], "msg_", 4) != 0, "%s", c.v[i]);
	completion_free(&c);

	complete_kind(&sh, ARGK_SOCKOPT, -1, "reu", &c);
	ck_assert_str_eq(joined(&c), "reuseaddr reuseport");
	completion_free(&c);

	complete_kind(&sh, ARGK_ONOFF, -1, "", &c);
	ck_assert_str_eq(joined(&c), "off on");
	completion_free(&c);

	complete_kind(&sh, ARGK_PATH, -1, "", &c);
	ck_assert(c.files);
	completion_free(&c);
}
END_TEST

START_TEST(test_msg_flags_after_bar)
{
	const struct command *recv;
	char err[256];

	if ((recv = cmd_find("recv", err, sizeof err)) == NULL ||
	    strcmp(recv->name, "recv") != 0)
		return;		/* no recv command in this tree yet */
	check_offers("recv 10 ", "peek", "dontwait", NULL);
	check_offers("recv ", "peek", "fd3", NULL);	/* COUNT may be left out */
	check_exactly("recv 10 peek|dont", "dontroute dontwait");
	check_exactly("recv 10 pe|dont", "dontroute dontwait");
}
END_TEST

/* sendmsg: after a piece, rights, to and the flags; after rights, descriptors. recvmsg: rights and flags. */
START_TEST(test_msg_words)
{
	check_exactly("sendmsg \"ab\" r", "rights");
	check_exactly("sendmsg \"ab\" t", "to trunc");
	check_offers("sendmsg \"ab\" ", "rights", "to", "peek", NULL);
	check_exactly("sendmsg \"ab\" rights f", "fd3 fd4 fd5");
	check_offers("sendmsg \"ab\" rights fd5 ", "fd3", "to", "dontwait", NULL);
	check_exactly("sendmsg fd5 \"ab\" rights fd3 to /tmp/x nosig", "nosignal");
	check_exactly("sendmsg \"ab\" peek|dont", "dontroute dontwait");
	check_offers("recvmsg ", "rights", "peek", "fd3", NULL);
	check_offers("recvmsg 10 20 ", "rights", "waitall", NULL);
	check_exactly("recvmsg 10 rights ", "");
	check_exactly("recvmsg r", "rights");
}
END_TEST

/* Past the kinds written, the last repeats only where any number of words may come. */
START_TEST(test_repeating_kinds)
{
	const struct command *poll;
	char err[256];

	check_exactly("socket inet stream ", "cloexec nonblock");	/* then its flags */
	check_exactly("help bind ", "");
	if ((poll = cmd_find("poll", err, sizeof err)) == NULL ||
	    strcmp(poll->name, "poll") != 0 || poll->args.upper != -1)
		return;		/* no poll [fdN...] in this tree yet */
	check_exactly("poll f", "fd3 fd4 fd5");
	check_exactly("poll fd3 f", "fd3 fd4 fd5");
	check_exactly("poll fd3 fd4 fd5 f", "fd3 fd4 fd5");
}
END_TEST

/* Option names from the option table; a switch's value is on or off. */
START_TEST(test_sockopts)
{
	check_exactly("setsockopt reu", "reuseaddr reuseport");
	check_exactly("setsockopt fd3 reu", "reuseaddr reuseport");
	check_exactly("getsockopt rcv", "rcvbuf rcvtimeo");
	check_exactly("setsockopt reuseaddr ", "off on");
	check_exactly("setsockopt linger ", "off on");
	check_exactly("setsockopt rcvbuf ", "");		/* a number */
	check_exactly("setsockopt reuseaddr on ", "");
	check_exactly("getsockopt error ", "");
	/* Read-only options are offered to getsockopt, not to setsockopt. */
	check_exactly("getsockopt e", "error");
	check_exactly("setsockopt e", "");
	check_exactly("getsockopt ty", "type");
	check_exactly("setsockopt ty", "");
	check_exactly("getsockopt t", "ttl type");
	check_exactly("setsockopt t", "ttl");
	/* The TCP and IP ones; the joins only set, the others both ways. */
	check_exactly("setsockopt keep", "keepalive keepcnt keepidle keepintvl");
	check_exactly("setsockopt ip_", "ip_add_membership ip_drop_membership "
	    "ip_multicast_all ip_multicast_if ip_multicast_loop ip_multicast_ttl");
	check_exactly("getsockopt ip_", "ip_multicast_all ip_multicast_if "
	    "ip_multicast_loop ip_multicast_ttl");
	check_exactly("setsockopt ipv6_j", "ipv6_join_group");
	check_exactly("getsockopt ipv6_j", "");
	check_exactly("setsockopt cork ", "off on");
	check_exactly("setsockopt ip_multicast_loop ", "off on");
	check_exactly("setsockopt maxseg ", "");
}
END_TEST

START_TEST(test_shell_words)
{
	check_exactly("help soc", "socket socketpair");
	check_offers("help ", "bind", "quit", "exit", NULL);
	check_exactly("set ", "data lang notify states strsize");
	check_exactly("set data ", "hex off text");
	check_exactly("set notify ", "off on");
	check_exactly("set strsize ", "");
	check_offers("expect ", "ok", "=", NULL);
	check_exactly("expect ECONNRE", "ECONNREFUSED ECONNRESET");
	check_exactly("expect eaddrin", "EADDRINUSE");		/* any case */
	check_exactly("expect = ", "");
	check_exactly("set states ", "off on");
	check_offers("expect ", "state", "packet", "waited", "at-once", NULL);
	check_exactly("expect packet ", ". F. FP. ICMP P. R R. S S. UDP none");
	check_exactly("expect packet S ", ". F. FP. ICMP P. R R. S S. UDP");
	check_exactly("expect state EST", "ESTABLISHED");
	check_exactly("expect state CLOSE", "CLOSE CLOSE_WAIT");
	check_exactly("expect ok ", "");
	check_exactly("trace ", "clear load off on save");
	check_exactly("trace o", "off on");
	check_exactly("help tra", "trace");
	check_exactly("help diag", "diagram");
}
END_TEST

START_TEST(test_nothing_where_text_goes)
{
	check_exactly("echo ", "");
	check_exactly("write \"he", "");
	check_exactly("write fd4 \"soc", "");
	check_exactly("# soc", "");
	check_exactly("socket stream # cl", "");
	check_exactly("\"soc", "");
	check_exactly("nosuchcommand ", "");
}
END_TEST

/* "-" offers the flags a command takes (read -x...), as "-x" words. */
START_TEST(test_flags)
{
	char line[64], want[64];

	for (const struct command *const *c = command_table; *c; c++) {
		if ((*c)->args.flags == NULL)
			continue;
		snprintf(line, sizeof line, "%s -", (*c)->name);
		want[0] = '\0';
		for (const char *f = (*c)->args.flags; *f; f++)
			snprintf(want + strlen(want), sizeof want - strlen(want),
			    "%s-%c", f == (*c)->args.flags ? "" : " ", *f);
		check_exactly(line, want);
	}
	check_exactly("echo -", "");		/* no flags: nothing */
}
END_TEST

START_TEST(test_history_file)
{
	char *p;

	setenv("HOME", "/home/learner", 1);
	unsetenv("XDG_STATE_HOME");
	unsetenv("SOCKSHELL_HISTORY");
	p = lr_history_file();
	ck_assert_str_eq(p, "/home/learner/.local/state/sockshell/history");
	free(p);

	setenv("XDG_STATE_HOME", "/var/state", 1);
	p = lr_history_file();
	ck_assert_str_eq(p, "/var/state/sockshell/history");
	free(p);

	setenv("XDG_STATE_HOME", "relative/state", 1);	/* ignored, as the spec says */
	p = lr_history_file();
	ck_assert_str_eq(p, "/home/learner/.local/state/sockshell/history");
	free(p);

	setenv("SOCKSHELL_HISTORY", "/tmp/h", 1);
	p = lr_history_file();
	ck_assert_str_eq(p, "/tmp/h");
	free(p);

	setenv("SOCKSHELL_HISTORY", "", 1);		/* no history at all */
	ck_assert_ptr_null(lr_history_file());
	unsetenv("SOCKSHELL_HISTORY");
}
END_TEST

Suite *
complete_suite(void)
{
	Suite *s = suite_create("complete");
	TCase *tc = tcase_create("candidates");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_command_names);
	tcase_add_test(tc, test_descriptors);
	tcase_add_test(tc, test_families_and_types);
	tcase_add_test(tc, test_hosts_and_paths);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_msg_flags_after_bar);
	tcase_add_test(tc, test_msg_words);
	tcase_add_test(tc, test_repeating_kinds);
	tcase_add_test(tc, test_sockopts);
	tcase_add_test(tc, test_shell_words);
	tcase_add_test(tc, test_nothing_where_text_goes);
	tcase_add_test(tc, test_flags);
	suite_add_tcase(s, tc);
	tc = tcase_create("history");
	tcase_add_test(tc, test_history_file);
	suite_add_tcase(s, tc);
	return s;
}
