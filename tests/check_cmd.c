/* check_cmd.c: finding a command, fdN words, and bad input refused in one line. */
#include "config.h"

#include <sys/socket.h>

#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "commands.h"
#include "fdtable.h"
#include "lexer.h"
#include "shell.h"

static const struct command *
find_ok(const char *name)
{
	char err[512] = "";
	const struct command *cmd = cmd_find(name, err, sizeof err);

	ck_assert_msg(cmd != NULL, "cmd_find(%s): %s", name, err);
	return cmd;
}

/* cmd_find must fail on NAME; its reason is left in ERR. */
static void
find_fails(const char *name, char *err, size_t errlen)
{
	err[0] = '\0';
	ck_assert_msg(cmd_find(name, err, errlen) == NULL,
	    "cmd_find(%s) found a command", name);
	ck_assert_msg(err[0] != '\0', "cmd_find(%s): no reason", name);
}

START_TEST(test_find_exact)
{
	ck_assert_str_eq(find_ok("socket")->name, "socket");
	ck_assert_str_eq(find_ok("bind")->name, "bind");
	ck_assert_str_eq(find_ok("set")->name, "set");
	/* every name finds itself, even when it is a prefix of another name */
	for (const struct command *const *c = command_table; *c != NULL; c++)
		ck_assert_ptr_eq(find_ok((*c)->name), *c);
}
END_TEST

START_TEST(test_find_alias)
{
	ck_assert_str_eq(find_ok("exit")->name, "quit");
	ck_assert_str_eq(find_ok("quit")->name, "quit");
	for (const struct command *const *c = command_table; *c != NULL; c++)
		if ((*c)->alias != NULL)
			ck_assert_ptr_eq(find_ok((*c)->alias), *c);
	/* A word with a NUL in it ("exit\0" in quotes) is the name before the NUL. */
	{
		char err[256];

		ck_assert_ptr_eq(cmd_find_len("exit\0", 5, err, sizeof err),
		    find_ok("quit"));
		ck_assert_ptr_eq(cmd_find_len("netstat\0x", 9, err, sizeof err),
		    find_ok("netstat"));
		ck_assert_ptr_eq(cmd_find_len("bind\0", 5, err, sizeof err),
		    find_ok("bind"));
	}
}
END_TEST

/* The shortest prefix of NAME that no other command's name starts with. */
static size_t
unique_prefix_len(const char *name)
{
	size_t len;

	for (len = 1; len < strlen(name); len++) {
		size_t n = 0;

		for (const struct command *const *c = command_table; *c != NULL; c++)
			n += strncmp((*c)->name, name, len) == 0;
		if (n == 1)
			break;
	}
	return len;
}

START_TEST(test_find_prefix)
{
	char buf[64];

	ck_assert_str_eq(find_ok("lis")->name, "listen");
	ck_assert_str_eq(find_ok("accept")->name, "accept");	/* accept4 too: exact only */
	ck_assert_str_eq(find_ok("soc")->name, "socket");
	for (const struct command *const *c = command_table; *c != NULL; c++) {
		size_t len = unique_prefix_len((*c)->name);

		if (len == strlen((*c)->name))
			continue;	/* a prefix of another name: exact only */
		snprintf(buf, sizeof buf, "%.*s", (int)len, (*c)->name);
		ck_assert_msg(find_ok(buf) == *c, "%s does not find %s", buf,
		    (*c)->name);
	}
}
END_TEST

/* "ambiguous command: P, could be: " and every name starting with P, in table order. */
static void
assert_ambiguous(const char *prefix)
{
	char err[512], want[512];
	int n = 0, off;

	off = snprintf(want, sizeof want, "ambiguous command: %s, could be: ",
	    prefix);
	for (const struct command *const *c = command_table; *c != NULL; c++) {
		if (strncmp((*c)->name, prefix, strlen(prefix)) != 0)
			continue;
		off += snprintf(want + off, sizeof want - (size_t)off, "%s%s",
		    n++ ? ", " : "", (*c)->name);
	}
	ck_assert_msg(n >= 2, "prefix %s is not ambiguous in this table", prefix);
	find_fails(prefix, err, sizeof err);
	ck_assert_str_eq(err, want);
}

START_TEST(test_find_ambiguous)
{
	assert_ambiguous("s");		/* socket, set, sleep, ... */
	assert_ambiguous("c");		/* connect, close, ... */
	/* accept and accept4 both begin with accept: the shorter one is meant. */
	ck_assert_str_eq(find_ok("acc")->name, "accept");
}
END_TEST

START_TEST(test_find_unknown)
{
	char err[512];

	find_fails("sokcet", err, sizeof err);
	ck_assert_msg(strncmp(err, "unknown command: sokcet", 23) == 0, "%s", err);
	ck_assert_msg(strstr(err, "socket") != NULL, "no suggestion: %s", err);
	find_fails("lsiten", err, sizeof err);
	ck_assert_msg(strncmp(err, "unknown command: lsiten", 23) == 0, "%s", err);
	ck_assert_msg(strstr(err, "listen") != NULL, "no suggestion: %s", err);
	find_fails("acept", err, sizeof err);
	ck_assert_msg(strstr(err, "accept") != NULL, "no suggestion: %s", err);

	/* nothing near: no suggestion, but still one clear reason */
	find_fails("xyzzyxyzzy", err, sizeof err);
	ck_assert_msg(strncmp(err, "unknown command: xyzzyxyzzy", 27) == 0, "%s",
	    err);
	ck_assert_msg(strstr(err, "did you mean") == NULL, "%s", err);
	ck_assert_msg(strchr(err, '\n') == NULL, "%s", err);
}
END_TEST

static struct word
word(const char *s, bool quoted)
{
	struct word w = { (char *)s, strlen(s), quoted, !quoted };

	return w;
}

START_TEST(test_word_fd)
{
	struct word w;

	w = word("fd3", false);
	ck_assert_int_eq(word_fd(&w), 3);
	w = word("fd0", false);
	ck_assert_int_eq(word_fd(&w), 0);
	w = word("fd1023", false);
	ck_assert_int_eq(word_fd(&w), 1023);
	w = word("fd3", true);		/* "fd3" in quotes is text */
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("fd", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("3", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("fd3x", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("fdx", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("fd-3", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("fd+3", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("FD3", false);
	ck_assert_int_eq(word_fd(&w), -1);
	w = word("xfd3", false);
	ck_assert_int_eq(word_fd(&w), -1);
	/* 2^32 + 3: must not wrap into fd3, nor fall through as text */
	w = word("fd4294967299", false);
	ck_assert_int_eq(word_fd(&w), INT_MAX);
	w = word("fd99999999999999999999", false);
	ck_assert_int_eq(word_fd(&w), INT_MAX);
	/* length-counted: a NUL inside is not the end */
	w.s = "fd3\0" "5";
	w.len = 5;
	w.quoted = false;
	ck_assert_int_eq(word_fd(&w), -1);
}
END_TEST

/* LINE runs and makes its call. */
static void
run_ok(struct shell *sh, const char *line)
{
	char *out, *err;

	ck_assert_msg(run(sh, line, &out, &err) == CMD_RETURN_NORMAL,
	    "%s refused: %s", line, err);
	ck_assert_msg(strstr(out, " = -1 ") == NULL, "%s failed: %s", line, out);
	free(out);
	free(err);
}

/*
 * LINE is refused before any call: CMD_RETURN_ERROR, nothing on stdout, one
 * line on stderr naming the command and holding WHAT (and the usage of the
 * command NAME unless NULL), and the descriptor table unchanged.
 */
static void
assert_refused(struct shell *sh, const char *line, const char *name,
    const char *what)
{
	size_t n = sh->fds.n;
	int current = sh->fds.current;
	char *out, *err, prefix[64], usage[256];
	const struct command *cmd;

	sh->status = 0;
	ck_assert_msg(run(sh, line, &out, &err) == CMD_RETURN_ERROR,
	    "%s was not refused: %s%s", line, out, err);
	ck_assert_msg(strcmp(out, "") == 0, "%s printed on stdout: %s", line, out);
	ck_assert_msg(count_lines(err) == 1, "%s: not one line: %s", line, err);
	ck_assert_msg(strstr(err, what) != NULL, "%s: no \"%s\" in: %s", line,
	    what, err);
	if (name != NULL) {
		cmd = find_ok(name);
		snprintf(prefix, sizeof prefix, "sockshell: %s: ", name);
		ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0,
		    "%s: does not start with \"%s\": %s", line, prefix, err);
		snprintf(usage, sizeof usage, "usage: %s%s%s", name,
		    *cmd->usage ? " " : "", cmd->usage);
		ck_assert_msg(strstr(err, usage) != NULL,
		    "%s: no \"%s\" in: %s", line, usage, err);
	}
	ck_assert_int_ne(sh->status, 0);	/* a script run fails */
	ck_assert_uint_eq(sh->fds.n, n);
	ck_assert_int_eq(sh->fds.current, current);
	free(out);
	free(err);
}

/* The kernel's side: expectations, trace and diagram refuse bad words in one line. */
START_TEST(test_run_kernel_side)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	run_refused(&sh, "trace sideways", "say on, off, clear, save FILE.pcap or load FILE.pcap");
	run_refused(&sh, "trace off -v", "-v goes with trace on");
	run_refused(&sh, "trace save", "trace save needs a file");
	run_refused(&sh, "trace save lesson.sock", "ends in .pcap");
	run_refused(&sh, "diagram fd5 x.png", "ends in .svg");
	run_refused(&sh, "diagram fd5 a.svg b.svg", "too many arguments");
	run_refused(&sh, "expect packet", "say which flags");
	run_refused(&sh, "expect packet S", "`trace on` first");
	run_refused(&sh, "expect state", "say expect state [fdN] STATE");
	run_refused(&sh, "expect state BOGUS", "unknown TCP state: BOGUS");
	run_refused(&sh, "expect state fd9 LISTEN", "fd9 is not open");
	run_refused(&sh, "expect waited now", "too many arguments");
	run_refused(&sh, "diagram", "nothing was captured");

	/* A listener is in LISTEN; the call that made it listen returned at once. */
	run_ok(&sh, "socket stream");
	run_ok(&sh, "bind 127.0.0.1 0");
	run_ok(&sh, "listen 1");
	run(&sh, "expect state LISTEN", &out, &err);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	run(&sh, "expect at-once", &out, &err);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	run(&sh, "expect state tcp_listen", &out, &err);	/* any case, TCP_ or not */
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	run(&sh, "expect state ESTABLISHED", &out, &err);
	ck_assert_msg(strstr(err, " in ESTABLISHED, got fd") != NULL && strstr(err, " in LISTEN") != NULL,
	    "%s", err);
	free(out);
	free(err);
	run(&sh, "expect waited", &out, &err);
	ck_assert_msg(strstr(err, "expected a call that waited, got listen returned at once") != NULL,
	    "%s", err);
	free(out);
	free(err);
	quiet_close(&sh);
}
END_TEST

START_TEST(test_run_arg_count)
{
	struct shell sh;
	char line[64];

	shell_init(&sh);
	assert_refused(&sh, "socket", "socket", "missing argument");
	assert_refused(&sh, "socket inet stream nonblock cloexec now", "socket",
	    "too many arguments");
	assert_refused(&sh, "socket inet stream now", "socket", "not a flag: now");
	assert_refused(&sh, "quit now", "quit", "too many arguments");
	/* an empty usage gets no trailing space */
	assert_refused(&sh, "quit now", "quit", "(usage: quit)");

	run_ok(&sh, "socket stream");
	assert_refused(&sh, "listen 5 6", "listen", "too many arguments");
	snprintf(line, sizeof line, "listen fd%d 5 6", sh.fds.current);
	assert_refused(&sh, line, "listen", "too many arguments");
	assert_refused(&sh, "bind", "bind", "missing argument");
	assert_refused(&sh, "accept now", "accept", "too many arguments");
	quiet_close(&sh);
}
END_TEST

START_TEST(test_run_bad_values)
{
	struct shell sh;
	char line[256];

	shell_init(&sh);
	assert_refused(&sh, "socket bogus stream", "socket", "bogus");
	assert_refused(&sh, "socket inet bogus", "socket", "bogus");
	/* no current descriptor yet */
	assert_refused(&sh, "listen", "listen", "descriptor");

	run_ok(&sh, "socket stream");
	assert_refused(&sh, "bind 99999", "bind", "99999");
	assert_refused(&sh, "bind 127.0.0.1 65536", "bind", "65536");
	assert_refused(&sh, "bind 127.0.0.1 -1", "bind", "-1");
	assert_refused(&sh, "listen many", "listen", "many");

	run_ok(&sh, "socket unix stream");
	snprintf(line, sizeof line, "bind /%0107d", 0);	/* 108 bytes */
	assert_refused(&sh, line, "bind", "too long");
	quiet_close(&sh);
}
END_TEST

START_TEST(test_run_unknown_fd)
{
	struct shell sh;

	shell_init(&sh);
	run_ok(&sh, "socket stream");
	assert_refused(&sh, "listen fd999", "listen", "fd999");
	assert_refused(&sh, "write fd999 hi", "write", "fd999");
	assert_refused(&sh, "use fd999", "use", "fd999");
	assert_refused(&sh, "use 999", "use", "fd999");
	assert_refused(&sh, "close fd999", "close", "fd999");
	/* stdin is no socket of this shell's */
	assert_refused(&sh, "read fd0", "read", "fd0");
	quiet_close(&sh);
}
END_TEST

/* OUT begins with WANT, the call line as strace prints it. */
static void
assert_starts(char *out, char *err, const char *want)
{
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0,
	    "wanted \"%s\", got: %s%s", want, out, err);
	free(out);
	free(err);
}

/* socketpair, dup and dup2: their lines, the table they leave, their refusals. */
START_TEST(test_run_dup)
{
	struct shell sh;
	char *out, *err, line[64], want[128];
	const struct fd_entry *e;
	int a, b, d;

	shell_init(&sh);
	assert_refused(&sh, "socketpair inet stream", "socketpair", "unix");
	assert_refused(&sh, "socketpair bogus", "socketpair", "bogus");
	assert_refused(&sh, "socketpair tcp", "socketpair", "tcp");
	assert_refused(&sh, "dup", "dup", "no current descriptor");
	run(&sh, "socketpair stream", &out, &err);
	ck_assert_uint_eq(sh.fds.n, 2);
	a = fd_table_first(&sh.fds)->fd;
	b = fd_table_next(&sh.fds, fd_table_first(&sh.fds))->fd;
	snprintf(want, sizeof want,
	    "socketpair(AF_UNIX, SOCK_STREAM, 0, [%d, %d]) = 0\n", a, b);
	assert_starts(out, err, want);
	ck_assert_int_eq(sh.fds.current, b);
	ck_assert_int_eq(fd_table_find(&sh.fds, a)->family, AF_UNIX);
	ck_assert_int_eq(fd_table_find(&sh.fds, b)->type, SOCK_STREAM);
	ck_assert_int_eq(fd_table_sibling(&sh.fds, a), -1);

	snprintf(line, sizeof line, "dup fd%d", a);
	run(&sh, line, &out, &err);
	d = sh.fds.current;
	snprintf(want, sizeof want, "dup(%d) = %d\n", a, d);
	assert_starts(out, err, want);
	ck_assert_int_ne(d, a);
	ck_assert_ptr_nonnull(e = fd_table_find(&sh.fds, d));
	ck_assert_int_eq(e->family, AF_UNIX);
	ck_assert_int_eq(e->type, SOCK_STREAM);
	ck_assert_int_eq(fd_table_sibling(&sh.fds, d), a);

	/* onto a number in the table: the kernel closed it, the entry is replaced */
	snprintf(line, sizeof line, "dup2 fd%d %d", a, b);
	run(&sh, line, &out, &err);
	snprintf(want, sizeof want, "dup2(%d, %d) = %d\n", a, b, b);
	ck_assert_msg(strstr(out, "dup2 closed it first") != NULL, "%s", out);
	assert_starts(out, err, want);
	ck_assert_uint_eq(sh.fds.n, 3);
	ck_assert_int_eq(fd_table_sibling(&sh.fds, b), a);

	/* the call's own failure: a number over the open-file limit */
	snprintf(line, sizeof line, "dup2 fd%d 2147483647", a);
	run(&sh, line, &out, &err);
	snprintf(want, sizeof want,
	    "dup2(%d, 2147483647) = -1 EBADF (Bad file descriptor)\n", a);
	assert_starts(out, err, want);
	ck_assert_uint_eq(sh.fds.n, 3);

	snprintf(line, sizeof line, "dup2 fd%d x", a);
	assert_refused(&sh, line, "dup2", "not a number");
	snprintf(line, sizeof line, "dup2 fd%d 2147483648", a);
	assert_refused(&sh, line, "dup2", "2147483648");
	snprintf(line, sizeof line, "dup2 fd%d -1", a);
	assert_refused(&sh, line, "dup2", "-1");
	snprintf(line, sizeof line, "dup2 fd%d 1", a);
	assert_refused(&sh, line, "dup2", "the shell's own");
	snprintf(line, sizeof line, "dup2 %d 7", a);
	assert_refused(&sh, line, "dup2", "not a descriptor");
	assert_refused(&sh, "dup2 fd999 7", "dup2", "fd999");
	assert_refused(&sh, "dup fd999", "dup", "fd999");

	/* closing one number: another still holds the socket */
	snprintf(line, sizeof line, "close fd%d", a);
	run(&sh, line, &out, &err);
	ck_assert_msg(strstr(out, "still holds the socket") != NULL, "%s", out);
	free(out);
	free(err);
	quiet_close(&sh);
}
END_TEST

START_TEST(test_run_unknown_flag)
{
	const struct command *with = NULL;
	struct shell sh;
	char line[64], what[32];

	for (const struct command *const *c = command_table; *c != NULL; c++) {
		if ((*c)->args.flags != NULL && *(*c)->args.flags != '\0') {
			with = *c;
			break;
		}
	}
	shell_init(&sh);
	run_ok(&sh, "socket stream");
	if (with != NULL) {
		char bad = 'a';

		while (strchr(with->args.flags, bad) != NULL)
			bad++;
		snprintf(line, sizeof line, "%s -%c", with->name, bad);
		snprintf(what, sizeof what, "unknown flag -%c", bad);
		assert_refused(&sh, line, with->name, what);
		/* one bad letter among good ones */
		snprintf(line, sizeof line, "%s -%c%c", with->name,
		    with->args.flags[0], bad);
		assert_refused(&sh, line, with->name, what);
	} else {
		/* No command takes flags yet: a dash word is still refused. */
		assert_refused(&sh, "read -z", "read", "-z");
	}
	quiet_close(&sh);
}
END_TEST

START_TEST(test_run_unknown_command)
{
	struct shell sh;

	shell_init(&sh);
	assert_refused(&sh, "sokcet stream", NULL, "unknown command: sokcet");
	assert_refused(&sh, "sokcet stream", NULL, "socket");
	assert_refused(&sh, "s stream", NULL, "ambiguous command: s");
	shell_free(&sh);
}
END_TEST

/* In a script the error says where: FILE:LINE: instead of the program name. */
START_TEST(test_run_error_in_script)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	sh.src_name = "lesson.txt";
	sh.src_line = 7;
	ck_assert_int_eq(run(&sh, "socket", &out, &err), CMD_RETURN_ERROR);
	ck_assert_msg(strncmp(err, "lesson.txt:7: socket: ", 22) == 0, "%s", err);
	ck_assert_int_eq(count_lines(err), 1);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

/* Bytes the user typed never reach the terminal raw through an error. */
START_TEST(test_run_error_escapes)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	ck_assert_int_eq(run(&sh, "socket \"in\\033]0;x\\aet\" stream", &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_int_eq(count_lines(err), 1);
	ck_assert_msg(strchr(err, '\033') == NULL && strchr(err, '\a') == NULL,
	    "raw control bytes in: %s", err);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

/* listen on a socket never bound binds it, and says so once: a second listen finds it bound. */
START_TEST(test_run_listen_autobind)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	run(&sh, "socket stream", &out, &err);
	free(out);
	free(err);
	run(&sh, "listen 3", &out, &err);
	ck_assert_msg(strstr(out, "was not bound, so listen bound it") != NULL, "%s", out);
	free(out);
	free(err);
	run(&sh, "listen 5", &out, &err);
	ck_assert_msg(strstr(out, "listen(") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "was not bound") == NULL, "said twice: %s", out);
	free(out);
	free(err);
	shell_close_all(&sh);
	shell_free(&sh);
}
END_TEST

Suite *
cmd_suite(void)
{
	Suite *s = suite_create("cmd");
	TCase *find = tcase_create("find");
	TCase *runs = tcase_create("run");

	tcase_add_test(find, test_find_exact);
	tcase_add_test(find, test_find_alias);
	tcase_add_test(find, test_find_prefix);
	tcase_add_test(find, test_find_ambiguous);
	tcase_add_test(find, test_find_unknown);
	tcase_add_test(find, test_word_fd);
	suite_add_tcase(s, find);

	tcase_add_test(runs, test_run_arg_count);
	tcase_add_test(runs, test_run_bad_values);
	tcase_add_test(runs, test_run_unknown_fd);
	tcase_add_test(runs, test_run_unknown_flag);
	tcase_add_test(runs, test_run_dup);
	tcase_add_test(runs, test_run_unknown_command);
	tcase_add_test(runs, test_run_kernel_side);
	tcase_add_test(runs, test_run_error_in_script);
	tcase_add_test(runs, test_run_error_escapes);
	tcase_add_test(runs, test_run_listen_autobind);
	suite_add_tcase(s, runs);
	return s;
}
