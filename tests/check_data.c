/*
 * check_data.c: the data and address commands' own parts: the hexdump, the
 * FLAGS word, the sendto/recvfrom/getsockname lines (expected strings taken
 * from `strace -s 32` runs of the same calls), abstract unix names, and whole
 * commands run on a socketpair.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "check_suites.h"
#include "commands.h"
#include "hexdump.h"
#include "lexer.h"
#include "print.h"
#include "shell.h"
#include "transfer.h"

/* The call up to its closing parenthesis, as strace prints it: name, then arguments. */
#define pr_sendto_call(sb, ...) \
	(sb_add((sb), "sendto("), pr_sendto_args((sb), __VA_ARGS__), sb_addc((sb), ')'))
#define pr_recvfrom_call(sb, ...) \
	(sb_add((sb), "recvfrom("), pr_recvfrom_args((sb), __VA_ARGS__), sb_addc((sb), ')'))

/* ---- hexdump ---- */

static void
assert_dump(const void *data, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	hexdump(&sb, data, len);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_hexdump_empty)
{
	assert_dump("", 0, "");
}
END_TEST

/* The lines strace -e read=3 printed for the same 50 bytes. */
START_TEST(test_hexdump_as_strace)
{
	static const char data[50] =
	    "hello world, this is a test of the dump\n\0\1\2\033[31m";

	assert_dump(data, sizeof data,
	    " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |\n"
	    " | 00010  73 20 69 73 20 61 20 74  65 73 74 20 6f 66 20 74  s is a test of t |\n"
	    " | 00020  68 65 20 64 75 6d 70 0a  00 01 02 1b 5b 33 31 6d  he dump.....[31m |\n"
	    " | 00030  00 00                                             ..               |\n");
}
END_TEST

START_TEST(test_hexdump_partial_lines)
{
	assert_dump("hi\n", 3,
	    " | 00000  68 69 0a                                          hi.              |\n");
	/* eight bytes end just before the group gap; sixteen fill the line */
	assert_dump("ABCDEFGH", 8,
	    " | 00000  41 42 43 44 45 46 47 48                           ABCDEFGH         |\n");
	assert_dump("0123456789abcdefX", 17,
	    " | 00000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  0123456789abcdef |\n"
	    " | 00010  58                                                X                |\n");
}
END_TEST

/* No byte outside 0x20..0x7e reaches the terminal: every one is a dot. */
START_TEST(test_hexdump_no_raw_bytes)
{
	unsigned char all[256];
	struct strbuf sb = STRBUF_INIT;

	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	hexdump(&sb, all, sizeof all);
	ck_assert_uint_eq(sb.len, 16u * 79u);
	for (size_t i = 0; i < sb.len; i++) {
		unsigned char c = (unsigned char)sb.s[i];

		ck_assert_msg(c == '\n' || (c >= 0x20 && c <= 0x7e),
		    "byte %#x at %zu", c, i);
	}
	ck_assert_msg(strstr(sb_str(&sb), " | 000f0  f0 f1 f2 f3 f4 f5 f6 f7  "
	    "f8 f9 fa fb fc fd fe ff  ................ |\n") != NULL, "%s",
	    sb_str(&sb));
	ck_assert_msg(strstr(sb_str(&sb), "  78 79 7a 7b 7c 7d 7e 7f  "
	    "pqrstuvwxyz{|}~. |\n") != NULL, "%s", sb_str(&sb));
	sb_free(&sb);
}
END_TEST

START_TEST(test_hexdump_big_offsets)
{
	size_t len = 0x100010;
	char *big = calloc(1, len);
	struct strbuf sb = STRBUF_INIT;

	ck_assert_ptr_nonnull(big);
	hexdump(&sb, big, len);
	ck_assert_msg(strstr(sb_str(&sb), "\n | 100000  00 ") != NULL,
	    "offset past 0xfffff");
	sb_free(&sb);
	free(big);
}
END_TEST

/* ---- FLAGS words ---- */

static int
flags_ok(const char *word)
{
	char bad[64] = "?";
	int flags = -1;

	ck_assert_msg(msg_flags_parse(word, &flags, bad, sizeof bad),
	    "%s refused at %s", word, bad);
	return flags;
}

static void
flags_bad(const char *word, const char *want_bad)
{
	char bad[64] = "?";
	int flags = 12345;

	ck_assert_msg(!msg_flags_parse(word, &flags, bad, sizeof bad),
	    "%s taken as flags", word);
	ck_assert_str_eq(bad, want_bad);
	ck_assert_int_eq(flags, 12345);
}

START_TEST(test_flags_parse)
{
	ck_assert_int_eq(flags_ok("peek"), MSG_PEEK);
	ck_assert_int_eq(flags_ok("dontwait"), MSG_DONTWAIT);
	ck_assert_int_eq(flags_ok("waitall"), MSG_WAITALL);
	ck_assert_int_eq(flags_ok("oob"), MSG_OOB);
	ck_assert_int_eq(flags_ok("nosignal"), MSG_NOSIGNAL);
	ck_assert_int_eq(flags_ok("more"), MSG_MORE);
	ck_assert_int_eq(flags_ok("trunc"), MSG_TRUNC);
	ck_assert_int_eq(flags_ok("PEEK|dontwait"), MSG_PEEK | MSG_DONTWAIT);
	ck_assert_int_eq(flags_ok("MSG_WAITALL|msg_peek"), MSG_WAITALL | MSG_PEEK);
	ck_assert_int_eq(flags_ok("peek|peek"), MSG_PEEK);
}
END_TEST

START_TEST(test_flags_refused)
{
	flags_bad("", "");
	flags_bad("hello", "hello");
	flags_bad("peek|", "");
	flags_bad("|peek", "");
	flags_bad("peek||dontwait", "");
	flags_bad("peek|bogus|oob", "bogus");
	flags_bad("0", "0");
	flags_bad("MSG_", "MSG_");
}
END_TEST

START_TEST(test_flag_names)
{
	struct strbuf sb = STRBUF_INIT;

	msg_flag_names(&sb);
	ck_assert_msg(strncmp(sb_str(&sb), "oob, peek, ", 11) == 0, "%s",
	    sb_str(&sb));
	ck_assert_msg(strstr(sb_str(&sb), "dontwait") != NULL, "%s", sb_str(&sb));
	ck_assert_msg(strstr(sb_str(&sb), "MSG_") == NULL, "%s", sb_str(&sb));
	sb_free(&sb);
}
END_TEST

/* ARGS from LINE's words after the command name (no fdN handling). */
static void
args_from(const char *line, struct lexed *lx, struct args *args)
{
	char err[256];

	ck_assert_int_eq(lex_line(line, strlen(line), lx, err, sizeof err), 0);
	memset(args, 0, sizeof *args);
	args->argv = lx->cmds[0].v + 1;
	args->argc = lx->cmds[0].n - 1;
}

START_TEST(test_take_flags)
{
	struct lexed lx;
	struct args args;
	int flags = 0;

	/* the last bare word, when all its names are flags */
	args_from("send hello world dontwait|nosignal", &lx, &args);
	ck_assert(args_take_msg_flags(&args, 1, &flags));
	ck_assert_int_eq(flags, MSG_DONTWAIT | MSG_NOSIGNAL);
	ck_assert_uint_eq(args.argc, 2);
	lexed_free(&lx);

	/* TEXT comes first: a lone word is text even when it names a flag */
	flags = 0;
	args_from("send dontwait", &lx, &args);
	ck_assert(!args_take_msg_flags(&args, 1, &flags));
	ck_assert_uint_eq(args.argc, 1);
	lexed_free(&lx);

	/* a quoted word is always text */
	args_from("send hi \"peek\"", &lx, &args);
	ck_assert(!args_take_msg_flags(&args, 1, &flags));
	ck_assert_uint_eq(args.argc, 2);
	lexed_free(&lx);

	/* not all names are flags: text */
	args_from("send hi peek|hello", &lx, &args);
	ck_assert(!args_take_msg_flags(&args, 1, &flags));
	ck_assert_uint_eq(args.argc, 2);
	lexed_free(&lx);

	/* recv keeps nothing: a lone FLAGS word is taken */
	args_from("recv peek", &lx, &args);
	ck_assert(args_take_msg_flags(&args, 0, &flags));
	ck_assert_int_eq(flags, MSG_PEEK);
	ck_assert_uint_eq(args.argc, 0);
	lexed_free(&lx);
}
END_TEST

/* ---- call lines, as strace 6.1 printed them ---- */

static void
sin_loopback(struct sockaddr_in *sin, unsigned port)
{
	memset(sin, 0, sizeof *sin);
	sin->sin_family = AF_INET;
	sin->sin_port = htons((uint16_t)port);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
}

START_TEST(test_sendto_line)
{
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_in sin;

	sin_loopback(&sin, 54124);
	pr_sendto_call(&sb, 4, "ping\0\1\2", 7, 0, (struct sockaddr *)&sin,
	    sizeof sin, 32);
	ck_assert_str_eq(sb_str(&sb), "sendto(4, \"ping\\0\\1\\2\", 7, 0, "
	    "{sa_family=AF_INET, sin_port=htons(54124), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, 16)");
	sb_reset(&sb);

	/* send(): the same call with no address */
	pr_sendto_call(&sb, 5, "hello", 5, MSG_NOSIGNAL | MSG_MORE, NULL, 0, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "sendto(5, \"hello\", 5, MSG_NOSIGNAL|MSG_MORE, NULL, 0)");
	sb_reset(&sb);

	/* the strsize cut applies to the data, not to the length */
	pr_sendto_call(&sb, 4, "abcdefgh", 8, MSG_DONTWAIT, NULL, 0, 4);
	ck_assert_str_eq(sb_str(&sb),
	    "sendto(4, \"abcd\"..., 8, MSG_DONTWAIT, NULL, 0)");
	sb_free(&sb);
}
END_TEST

START_TEST(test_recvfrom_line)
{
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_in sin;
	void *buf = (void *)0x1000, *addr = (void *)0x2000;

	sin_loopback(&sin, 36724);
	/* MSG_TRUNC: the call returns 7, the buffer holds 3 */
	pr_recvfrom_call(&sb, 3, "pin", 3, 7, MSG_PEEK | MSG_TRUNC,
	    (struct sockaddr *)&sin, 128, 16, 32);
	ck_assert_str_eq(sb_str(&sb), "recvfrom(3, \"pin\", 3, MSG_PEEK|MSG_TRUNC, "
	    "{sa_family=AF_INET, sin_port=htons(36724), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16])");
	sb_reset(&sb);

	/* recv(): no address asked for */
	pr_recvfrom_call(&sb, 3, "pin", 3, 7, MSG_TRUNC, NULL, 0, 0, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "recvfrom(3, \"pin\", 3, MSG_TRUNC, NULL, NULL)");
	sb_reset(&sb);

	/* failed: the pointers, and the length as it went in */
	pr_recvfrom_call(&sb, 3, buf, 4096, -1, MSG_DONTWAIT, addr, 128, 128, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "recvfrom(3, 0x1000, 4096, MSG_DONTWAIT, 0x2000, [128])");
	sb_reset(&sb);
	pr_recvfrom_call(&sb, 3, buf, 4096, -1, MSG_DONTWAIT, NULL, 0, 0, 32);
	ck_assert_str_eq(sb_str(&sb),
	    "recvfrom(3, 0x1000, 4096, MSG_DONTWAIT, NULL, NULL)");
	sb_reset(&sb);

	/* TCP gives no address back: its length comes back 0 */
	pr_recvfrom_call(&sb, 8, "abc", 10, 3, 0, addr, 128, 0, 32);
	ck_assert_str_eq(sb_str(&sb), "recvfrom(8, \"abc\", 10, 0, 0x2000, [128 => 0])");
	sb_reset(&sb);

	/* end of file */
	pr_recvfrom_call(&sb, 4, "", 4096, 0, 0, NULL, 0, 0, 32);
	ck_assert_str_eq(sb_str(&sb), "recvfrom(4, \"\", 4096, 0, NULL, NULL)");
	sb_free(&sb);
}
END_TEST

START_TEST(test_sockaddr_result)
{
	struct strbuf sb = STRBUF_INIT;
	struct sockaddr_un sun;
	struct sockaddr_in sin;

	sin_loopback(&sin, 0);
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	pr_sockaddr_result(&sb, (struct sockaddr *)&sin, 128, 16, false);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_INET, sin_port=htons(0), "
	    "sin_addr=inet_addr(\"0.0.0.0\")}, [128 => 16]");
	sb_reset(&sb);
	pr_sockaddr_result(&sb, (struct sockaddr *)&sin, 16, 16, false);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_INET, sin_port=htons(0), "
	    "sin_addr=inet_addr(\"0.0.0.0\")}, [16]");
	sb_reset(&sb);
	pr_sockaddr_result(&sb, (void *)0x2000, 128, 128, true);
	ck_assert_str_eq(sb_str(&sb), "0x2000, [128]");
	sb_reset(&sb);

	/* an unnamed unix peer: the family alone */
	memset(&sun, 0, sizeof sun);
	sun.sun_family = AF_UNIX;
	pr_sockaddr_result(&sb, (struct sockaddr *)&sun, 128, 2, false);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_UNIX}, [128 => 2]");
	sb_reset(&sb);
	strcpy(sun.sun_path, "/tmp/refsock");
	pr_sockaddr_result(&sb, (struct sockaddr *)&sun, 128, 15, false);
	ck_assert_str_eq(sb_str(&sb),
	    "{sa_family=AF_UNIX, sun_path=\"/tmp/refsock\"}, [128 => 15]");
	sb_free(&sb);
}
END_TEST

/* ---- unix addresses ---- */

START_TEST(test_unix_abstract)
{
	struct sockaddr_any a;
	struct strbuf sb = STRBUF_INIT;
	char err[256], longname[120];

	ck_assert_int_eq(addr_unix("@abstractname", 13, &a, err, sizeof err), 0);
	ck_assert_uint_eq(a.len, offsetof(struct sockaddr_un, sun_path) + 13);
	pr_sockaddr(&sb, (struct sockaddr *)&a.ss, a.len);
	ck_assert_str_eq(sb_str(&sb),
	    "{sa_family=AF_UNIX, sun_path=@\"abstractname\"}");
	sb_reset(&sb);

	/* "@" alone: the family alone, so the kernel picks a name (autobind) */
	ck_assert_int_eq(addr_unix("@", 1, &a, err, sizeof err), 0);
	ck_assert_uint_eq(a.len, sizeof(sa_family_t));
	pr_sockaddr(&sb, (struct sockaddr *)&a.ss, a.len);
	ck_assert_str_eq(sb_str(&sb), "{sa_family=AF_UNIX}");
	sb_free(&sb);

	/* 107 name bytes fit after the NUL; 108 do not */
	memset(longname, 'n', sizeof longname);
	longname[0] = '@';
	ck_assert_int_eq(addr_unix(longname, 108, &a, err, sizeof err), 0);
	ck_assert_uint_eq(a.len, sizeof(struct sockaddr_un));
	ck_assert_int_eq(addr_unix(longname, 109, &a, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "ENAMETOOLONG") != NULL, "%s", err);
}
END_TEST

START_TEST(test_unix_path_limit)
{
	struct sockaddr_any a;
	char err[256], path[120];

	memset(path, 'p', sizeof path);
	path[0] = '/';
	ck_assert_int_eq(addr_unix(path, 107, &a, err, sizeof err), 0);
	ck_assert_uint_eq(a.len, sizeof(struct sockaddr_un));
	ck_assert_int_eq(addr_unix(path, 108, &a, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "path too long: 108 bytes") != NULL, "%s", err);
	ck_assert_msg(strchr(err, '\n') == NULL, "%s", err);
}
END_TEST

/* ---- whole commands on a socketpair ---- */

/* A shell holding both ends of a unix stream socketpair: fd s[0] and s[1]. */
static void
shell_pair(struct shell *sh, int type, int s[2])
{
	shell_init(sh);
	ck_assert_int_eq(socketpair(AF_UNIX, type, 0, s), 0);
	fd_table_add(&sh->fds, s[0], AF_UNIX, type, 0, ROLE_SOCKET);
	fd_table_add(&sh->fds, s[1], AF_UNIX, type, 0, ROLE_SOCKET);
}

static void
shell_pair_free(struct shell *sh, int s[2])
{
	close(s[0]);
	close(s[1]);
	shell_free(sh);
}

static enum cmd_retval
run_fd(struct shell *sh, const char *fmt, int fd, char **out, char **errout)
{
	char line[512];

	snprintf(line, sizeof line, fmt, fd, fd, fd);
	return run(sh, line, out, errout);
}

START_TEST(test_send_recv_commands)
{
	struct shell sh;
	int s[2];
	char *out, *err, want[256];

	shell_pair(&sh, SOCK_STREAM, s);
	ck_assert_int_eq(run_fd(&sh, "send fd%d \"hi\\n\\0\" nosignal", s[0], &out,
	    &err), CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "sendto(%d, \"hi\\n\\0\", 4, MSG_NOSIGNAL, NULL, 0) = 4\n", s[0]);
	ck_assert_str_eq(out, want);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);

	/* peek leaves the bytes there; -x dumps them under the line */
	ck_assert_int_eq(run_fd(&sh, "recv -x fd%d 2 peek", s[1], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "recvfrom(%d, \"hi\", 2, MSG_PEEK, NULL, NULL) = 2\n"
	    " | 00000  68 69                                             hi               |\n",
	    s[1]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
	ck_assert(sh.last.valid && sh.last.has_data);
	ck_assert_uint_eq(sh.last.len, 2);
	ck_assert_int_eq(memcmp(sh.last.data, "hi", 2), 0);

	/* expect sees every byte, the NUL too */
	ck_assert_int_eq(run_fd(&sh, "recv fd%d", s[1], &out, &err), CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "recvfrom(%d, \"hi\\n\\0\", 4096, 0, NULL, NULL) = 4\n", s[1]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
	ck_assert_uint_eq(sh.last.len, 4);
	ck_assert_int_eq(memcmp(sh.last.data, "hi\n\0", 4), 0);
	ck_assert_int_eq(run_fd(&sh, "expect \"hi\\n\\0\"", 0, &out, &err),
	    CMD_RETURN_NORMAL);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(sh.status, 0);
	free(out);
	free(err);

	/* nothing there: EAGAIN, and the buffer's address as strace shows it */
	ck_assert_int_eq(run_fd(&sh, "recv fd%d dontwait", s[1], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want, "recvfrom(%d, 0x", s[1]);
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "%s", out);
	ck_assert_msg(strstr(out, ", 4096, MSG_DONTWAIT, NULL, NULL) = -1 EAGAIN "
	    "(Resource temporarily unavailable)\n") != NULL, "%s", out);
	ck_assert(sh.last.valid && !sh.last.has_data);
	free(out);
	free(err);

	/* a last word that is not all flags is text; with a '|', a note says so */
	ck_assert_int_eq(run_fd(&sh, "send fd%d hi peek|nope", s[0], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "sendto(%d, \"hi peek|nope\", 12, 0, NULL, 0) = 12\n"
	    "  peek|nope went as data, with the text: nope is no flag "
	    "(`help send` lists them)\n", s[0]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
	shell_pair_free(&sh, s);
}
END_TEST

START_TEST(test_recv_bad_input)
{
	struct shell sh;
	int s[2];
	char *out, *err;

	shell_pair(&sh, SOCK_STREAM, s);
	sh.interactive = true;
	ck_assert_int_eq(run_fd(&sh, "recv fd%d 10 bogus", s[1], &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_str_eq(out, "");
	ck_assert_msg(strstr(err, "recv: unknown flag: bogus (flags are oob, peek")
	    != NULL, "%s", err);
	ck_assert_msg(strstr(err, "(usage: recv [-x] [fdN] [COUNT] [FLAGS])\n")
	    != NULL, "%s", err);
	ck_assert_int_eq(count_lines(err), 1);
	free(out);
	free(err);

	ck_assert_int_eq(run_fd(&sh, "recv fd%d peek|what", s[1], &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_msg(strstr(err, "unknown flag: what ") != NULL, "%s", err);
	free(out);
	free(err);

	/* a quoted word is text, never FLAGS or COUNT */
	ck_assert_int_eq(run_fd(&sh, "recv fd%d \"peek\"", s[1], &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_msg(strstr(err, "recv: COUNT and FLAGS are bare words, not "
	    "quoted text (usage: ") != NULL, "%s", err);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);

	ck_assert_int_eq(run_fd(&sh, "recv fd%d 99999999", s[1], &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_msg(strstr(err, "count out of range") != NULL, "%s", err);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);

	ck_assert_int_eq(run_fd(&sh, "shutdown fd%d sideways", s[1], &out, &err),
	    CMD_RETURN_ERROR);
	ck_assert_msg(strstr(err, "shutdown: unknown mode: sideways (rd, wr or "
	    "rdwr)") != NULL, "%s", err);
	ck_assert_str_eq(out, "");
	free(out);
	free(err);
	shell_pair_free(&sh, s);
}
END_TEST

START_TEST(test_shutdown_names_commands)
{
	struct shell sh;
	int s[2];
	char *out, *err, want[256];

	shell_pair(&sh, SOCK_STREAM, s);
	ck_assert_int_eq(run_fd(&sh, "shutdown fd%d wr", s[0], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want, "shutdown(%d, SHUT_WR) = 0\n", s[0]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);

	/* the peer reads end of file, and is told what it means */
	ck_assert_int_eq(run_fd(&sh, "read fd%d", s[1], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want, "read(%d, \"\", 4096) = 0\n  end of file", s[1]);
	ck_assert_msg(strncmp(out, want, strlen(want)) == 0, "%s", out);
	free(out);
	free(err);

	ck_assert_int_eq(run_fd(&sh, "getpeername fd%d", s[0], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "getpeername(%d, {sa_family=AF_UNIX}, [128 => 2]) = 0\n", s[0]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
	ck_assert_int_eq(run_fd(&sh, "getsockname fd%d", s[0], &out, &err),
	    CMD_RETURN_NORMAL);
	snprintf(want, sizeof want,
	    "getsockname(%d, {sa_family=AF_UNIX}, [128 => 2]) = 0\n", s[0]);
	ck_assert_str_eq(out, want);
	free(out);
	free(err);
	shell_pair_free(&sh, s);
}
END_TEST

START_TEST(test_read_hexdump)
{
	struct shell sh;
	int s[2];
	char *out, *err, want[512];

	shell_pair(&sh, SOCK_STREAM, s);
	sh.setting[SETTING_STRSIZE] = 4;
	ck_assert_int_eq(write(s[0], "\033]0;pwned\007\n", 11), 11);
	ck_assert_int_eq(run_fd(&sh, "read -x fd%d", s[1], &out, &err),
	    CMD_RETURN_NORMAL);
	/* the call line keeps the strsize cut; the dump shows every byte */
	snprintf(want, sizeof want,
	    "read(%d, \"\\33]0;\"..., 4096) = 11\n"
	    " | 00000  1b 5d 30 3b 70 77 6e 65  64 07 0a                 .]0;pwned..      |\n",
	    s[1]);
	ck_assert_str_eq(out, want);
	ck_assert_uint_eq(sh.last.len, 11);
	free(out);
	free(err);
	shell_pair_free(&sh, s);
}
END_TEST

Suite *
data_suite(void)
{
	Suite *s = suite_create("data");
	TCase *tc;

	tc = tcase_create("hexdump");
	tcase_add_test(tc, test_hexdump_empty);
	tcase_add_test(tc, test_hexdump_as_strace);
	tcase_add_test(tc, test_hexdump_partial_lines);
	tcase_add_test(tc, test_hexdump_no_raw_bytes);
	tcase_add_test(tc, test_hexdump_big_offsets);
	suite_add_tcase(s, tc);

	tc = tcase_create("flags");
	tcase_add_test(tc, test_flags_parse);
	tcase_add_test(tc, test_flags_refused);
	tcase_add_test(tc, test_flag_names);
	tcase_add_test(tc, test_take_flags);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_test(tc, test_sendto_line);
	tcase_add_test(tc, test_recvfrom_line);
	tcase_add_test(tc, test_sockaddr_result);
	suite_add_tcase(s, tc);

	tc = tcase_create("unix");
	tcase_add_test(tc, test_unix_abstract);
	tcase_add_test(tc, test_unix_path_limit);
	suite_add_tcase(s, tc);

	tc = tcase_create("commands");
	tcase_add_test(tc, test_send_recv_commands);
	tcase_add_test(tc, test_recv_bad_input);
	tcase_add_test(tc, test_shutdown_names_commands);
	tcase_add_test(tc, test_read_hexdump);
	suite_add_tcase(s, tc);
	return s;
}
