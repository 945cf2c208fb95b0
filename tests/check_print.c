/*
 * check_print.c: data quoted, lengths and whole call lines printed exactly as
 * strace 6.1 prints them (expected strings taken from `strace -s 32` runs of
 * the same calls), and what a call leaves behind for `expect`.
 */
#include "config.h"

#include <errno.h>
#include <check.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "clock.h"
#include "call.h"
#include "commands.h"
#include "hints.h"
#include "i18n.h"
#include "lexer.h"
#include "print.h"
#include "shell.h"

/* ---- pr_quoted ---- */

/* pr_quoted of LEN bytes with STRSIZE, compared with WANT. */
static void
assert_quoted(const char *data, size_t len, size_t strsize, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_quoted(&sb, data, len, strsize);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

#define QUOTED(lit, want) \
	assert_quoted((lit), sizeof(lit) - 1, STRSIZE_DEFAULT, (want))

START_TEST(test_quoted_plain)
{
	QUOTED("", "\"\"");
	QUOTED("hello", "\"hello\"");
	QUOTED("'? ~#", "\"'? ~#\"");
}
END_TEST

/* strace: write(3, "\f\n\r\t\v\"\\", 7) */
START_TEST(test_quoted_c_escapes)
{
	QUOTED("\f\n\r\t\v\"\\", "\"\\f\\n\\r\\t\\v\\\"\\\\\"");
	QUOTED("GET / HTTP/1.0\r\n\r\n", "\"GET / HTTP/1.0\\r\\n\\r\\n\"");
}
END_TEST

/*
 * strace uses the shortest octal unless the next byte is an octal digit:
 * write(3, "\0\0011", 3), write(3, "\08", 2), write(3, "\0007", 2),
 * write(3, "\7\10\33", 3), write(3, "\33[2J", 4), write(3, "a\0b\0001\377", 6)
 */
START_TEST(test_quoted_octal)
{
	QUOTED("\0\1" "1", "\"\\0\\0011\"");
	QUOTED("\0" "8", "\"\\08\"");
	QUOTED("\0" "7", "\"\\0007\"");
	QUOTED("\0" "0", "\"\\0000\"");
	QUOTED("\7\10\33", "\"\\7\\10\\33\"");
	QUOTED("\33[2J", "\"\\33[2J\"");
	QUOTED("a\0b\0" "1\377", "\"a\\0b\\0001\\377\"");
	QUOTED("\0", "\"\\0\"");
}
END_TEST

/* strace: write(3, "\177\200\377\3760", 5) */
START_TEST(test_quoted_high)
{
	QUOTED("\x7f\x80\xff\xfe" "0", "\"\\177\\200\\377\\3760\"");
	QUOTED("\xc3\xa9", "\"\\303\\251\"");	/* UTF-8 is bytes too */
}
END_TEST

/*
 * strace -s 32: 32 bytes whole, 33 cut with "..." after the quote; the octal
 * rule looks only at bytes shown: write(3, "aaa...aaa\1"..., 33).
 */
START_TEST(test_quoted_strsize)
{
	static const char s33[] = "abcdefghijklmnopqrstuvwxyz0123456";
	char b[40];

	assert_quoted(s33, 32, 32, "\"abcdefghijklmnopqrstuvwxyz012345\"");
	assert_quoted(s33, 33, 32, "\"abcdefghijklmnopqrstuvwxyz012345\"...");

	memset(b, 'a', sizeof b);
	b[31] = 1;
	b[32] = '1';
	assert_quoted(b, 33, 32, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\1\"...");
	b[31] = 0;
	b[32] = '0';
	assert_quoted(b, 40, 32, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\0\"...");

	/* strace -s 0 / -s 1: write(3, ""..., 3), write(3, "\0"..., 3) */
	assert_quoted("\0\1" "1", 3, 0, "\"\"...");
	assert_quoted("", 0, 0, "\"\"");
	assert_quoted("\0\1" "1", 3, 1, "\"\\0\"...");
	/* a cut escape is cut whole: two bytes shown as \n\r, not three */
	assert_quoted("\n\r\t", 3, 2, "\"\\n\\r\"...");
}
END_TEST

/* sb_addlong and sb_addulong write what printf's %ld and %lu write. */
START_TEST(test_numbers)
{
	const long sv[] = { 0, 1, -1, 9, 10, -10, 65535, 2147483647L,
	    -2147483647L - 1, LONG_MAX, LONG_MIN };
	const unsigned long uv[] = { 0, 7, 100, 4294967295UL, ULONG_MAX };
	char want[32];
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < sizeof sv / sizeof sv[0]; i++) {
		sb_reset(&sb);
		sb_add(&sb, "x");
		sb_addlong(&sb, sv[i]);
		snprintf(want, sizeof want, "x%ld", sv[i]);
		ck_assert_str_eq(sb_str(&sb), want);
		ck_assert_uint_eq(sb.len, strlen(want));
	}
	for (size_t i = 0; i < sizeof uv / sizeof uv[0]; i++) {
		sb_reset(&sb);
		sb_addulong(&sb, uv[i]);
		snprintf(want, sizeof want, "%lu", uv[i]);
		ck_assert_str_eq(sb_str(&sb), want);
	}
	/* Each count of digits, at both its ends: the digits are counted by size. */
	for (unsigned long p = 1; p <= 10000000000000000000UL / 10; p *= 10) {
		const unsigned long edge[] = { p - 1, p, p * 10 - 1 };

		for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++) {
			sb_reset(&sb);
			sb_addulong(&sb, edge[i]);
			snprintf(want, sizeof want, "%lu", edge[i]);
			ck_assert_str_eq(sb_str(&sb), want);
			ck_assert_uint_eq(sb.len, strlen(want));
		}
	}
	sb_free(&sb);
}
END_TEST

/*
 * sb_addf writes its common conversions by hand and hands the rest to
 * printf: either way, the bytes are snprintf's.
 */
#define ASSERT_ADDF(...) do {						\
	char want_[256];						\
	struct strbuf sb_ = STRBUF_INIT;				\
	int n_ = snprintf(want_, sizeof want_, __VA_ARGS__);		\
	sb_add(&sb_, "<");						\
	sb_addf(&sb_, __VA_ARGS__);					\
	ck_assert_uint_eq(sb_.len, (size_t)n_ + 1);			\
	ck_assert_mem_eq(sb_.s + 1, want_, (size_t)n_);		\
	ck_assert_int_eq(sb_.s[sb_.len], '\0');			\
	sb_free(&sb_);							\
} while (0)

START_TEST(test_addf_by_hand)
{
	ASSERT_ADDF("plain, no conversion");
	ASSERT_ADDF("%s", "");
	ASSERT_ADDF("fd%d is the current descriptor now", 3);
	ASSERT_ADDF("%d %d %d", 0, INT_MIN, INT_MAX);
	ASSERT_ADDF("%u|%lu|%ld|%ld", UINT_MAX, ULONG_MAX, LONG_MIN, LONG_MAX);
	ASSERT_ADDF("%zu and %zd", (size_t)-1, (ssize_t)-5);
	ASSERT_ADDF("%c%c%% 100%%", 'o', 'k');
	ASSERT_ADDF("a %s b %s", "x", "two words");
	ASSERT_ADDF("%%d is not a number%s", "");
	/* What falls to printf: widths, precision, flags, hex, positions. */
	ASSERT_ADDF("%5d|%-4s|%x|%.2f", 42, "ab", 255u, 1.5);
	ASSERT_ADDF("%.*s", 3, "abcdef");
	ASSERT_ADDF("%2$s %1$lu", 7ul, "calls");
	ASSERT_ADDF("%d then %03o", 5, 8u);
	ASSERT_ADDF("%llu bytes", 1ull << 40);
}
END_TEST

/* A string on the caller's array stays there while it fits, then moves whole. */
START_TEST(test_borrowed_room)
{
	char room[8];
	struct strbuf sb;

	sb_init_on(&sb, room, sizeof room);
	ck_assert_str_eq(sb_str(&sb), "");
	sb_add(&sb, "abc");
	sb_addlong(&sb, 1234);
	ck_assert_ptr_eq(sb.s, room);
	ck_assert_str_eq(room, "abc1234");
	sb_addc(&sb, 'x');			/* 9 bytes with the NUL: to the heap */
	ck_assert_ptr_ne(sb.s, room);
	ck_assert(!sb.borrowed);
	ck_assert_str_eq(sb_str(&sb), "abc1234x");
	sb_addf(&sb, "%s", " and a longer tail than the array held");
	ck_assert_str_eq(sb_str(&sb), "abc1234x and a longer tail than the array held");
	sb_free(&sb);
	/* Formatted past the array at once: the whole text, not the cut one. */
	sb_init_on(&sb, room, sizeof room);
	sb_addf(&sb, "%d-%s", 42, "abcdefghij");
	ck_assert_str_eq(sb_str(&sb), "42-abcdefghij");
	sb_free(&sb);
	/* Never taken to the heap: sb_free leaves the array alone. */
	sb_init_on(&sb, room, sizeof room);
	sb_add(&sb, "ok");
	sb_free(&sb);
	ck_assert_ptr_null(sb.s);
	ck_assert_str_eq(room, "ok");
}
END_TEST

START_TEST(test_socklen)
{
	struct strbuf sb = STRBUF_INIT;

	pr_socklen(&sb, 16, 16);
	ck_assert_str_eq(sb_str(&sb), "[16]");
	sb_reset(&sb);
	pr_socklen(&sb, 128, 16);
	ck_assert_str_eq(sb_str(&sb), "[128 => 16]");
	sb_reset(&sb);
	pr_socklen(&sb, 16, 110);
	ck_assert_str_eq(sb_str(&sb), "[16 => 110]");
	sb_reset(&sb);
	pr_socklen(&sb, 0, 0);
	ck_assert_str_eq(sb_str(&sb), "[0]");
	sb_reset(&sb);
	pr_sep(&sb);
	ck_assert_str_eq(sb_str(&sb), ", ");
	sb_free(&sb);
}
END_TEST

/* ---- call_done ---- */

static bool
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * The call LINE ("name(args)") made with call_begin/call_returned/call_end,
 * returning RET with ERR; what it said on stdout and stderr.
 */
static void
done(struct shell *sh, const char *line, const char *name, long ret, int err,
    const char *rettext, char **out, char **errout)
{
	size_t len = strlen(line), at = strlen(name) + 1;
	struct capture c;
	struct call call;

	ck_assert(len > at && line[len - 1] == ')' && line[at - 1] == '(');
	ck_assert(strncmp(line, name, at - 1) == 0);
	capture_begin(&c);
	call_begin(&call, name, -1);
	call_returned(&call, ret, err);
	sb_addn(&call.args, line + at, len - at - 1);
	call.rettext = rettext;
	call_end(sh, &call);
	capture_end(&c, out, errout);
}

START_TEST(test_call_done_success)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	done(&sh, "listen(3, 5)", "listen", 0, 0, NULL, &out, &err);
	ck_assert_str_eq(out, "listen(3, 5) = 0\n");
	ck_assert_str_eq(err, "");
	ck_assert(sh.last.valid);
	ck_assert_str_eq(sh.last.name, "listen");
	ck_assert_int_eq(sh.last.ret, 0);
	ck_assert_int_eq(sh.last.err, 0);
	ck_assert(!sh.last.has_data);
	free(out);
	free(err);

	/* a stale errno is not a failure */
	done(&sh, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP)", "socket", 3,
	    EBADF, NULL, &out, &err);
	ck_assert_str_eq(out, "socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 3\n");
	ck_assert_int_eq(sh.last.ret, 3);
	ck_assert_int_eq(sh.last.err, 0);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

/*
 * strace: connect(5, {sa_family=AF_INET, sin_port=htons(9),
 * sin_addr=inet_addr("127.0.0.1")}, 16) = -1 ECONNREFUSED (Connection refused)
 */
START_TEST(test_call_done_failure)
{
	static const char call[] = "connect(5, {sa_family=AF_INET, "
	    "sin_port=htons(9), sin_addr=inet_addr(\"127.0.0.1\")}, 16)";
	const char *hint = hint_for("connect", ECONNREFUSED);
	struct shell sh;
	char *out, *err, want[1024];

	ck_assert_ptr_nonnull(hint);
	shell_init(&sh);
	done(&sh, call, "connect", -1, ECONNREFUSED, NULL, &out, &err);
	snprintf(want, sizeof want, "%s = -1 ECONNREFUSED (Connection refused)\n"
	    "  hint: %s\n", call, hint);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(count_lines(out), 2);
	ck_assert_str_eq(err, "");
	ck_assert(sh.last.valid);
	ck_assert_str_eq(sh.last.name, "connect");
	ck_assert_int_eq(sh.last.ret, -1);
	ck_assert_int_eq(sh.last.err, ECONNREFUSED);
	free(out);
	free(err);

	/* no hint for this pair: the call line alone */
	ck_assert_ptr_null(hint_for("read", EXDEV));
	done(&sh, "read(3, 0x1234, 4096)", "read", -1, EXDEV, NULL, &out, &err);
	ck_assert_str_eq(out,
	    "read(3, 0x1234, 4096) = -1 EXDEV (Invalid cross-device link)\n");
	free(out);
	free(err);

	/* strace: = -1 EAGAIN (Resource temporarily unavailable) */
	done(&sh, "read(5, 0x5581, 4096)", "read", -1, EAGAIN, NULL, &out, &err);
	ck_assert_msg(starts_with(out, "read(5, 0x5581, 4096) = -1 EAGAIN "
	    "(Resource temporarily unavailable)\n  hint: "), "got %s", out);
	free(out);
	free(err);

	/* strace (its -e inject): a value no name has, and one only the kernel names */
	done(&sh, "read(3, 0x1234, 4096)", "read", -1, 41, NULL, &out, &err);
	ck_assert_str_eq(out, "read(3, 0x1234, 4096) = -1 (errno 41)\n");
	free(out);
	free(err);
	done(&sh, "read(3, 0x1234, 4096)", "read", -1, 524, NULL, &out, &err);
	ck_assert_str_eq(out, "read(3, 0x1234, 4096) = -1 ENOTSUPP (Unknown error 524)\n");
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

/* strace: fcntl(4, F_GETFL) = 0x2 (flags O_RDWR) */
START_TEST(test_call_done_rettext)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	done(&sh, "fcntl(4, F_GETFL)", "fcntl", 2, 0, "0x2 (flags O_RDWR)", &out,
	    &err);
	ck_assert_str_eq(out, "fcntl(4, F_GETFL) = 0x2 (flags O_RDWR)\n");
	ck_assert_int_eq(sh.last.ret, 2);
	free(out);
	free(err);

	/* the text is for success only: a failure still shows the errno */
	done(&sh, "poll([{fd=4, events=POLLIN}], 1, 1000)", "poll", -1, EINTR,
	    "1 ([{fd=4, revents=POLLIN}])", &out, &err);
	ck_assert_msg(starts_with(out, "poll([{fd=4, events=POLLIN}], 1, 1000) = -1 "
	    "EINTR (Interrupted system call)\n"), "got %s", out);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

START_TEST(test_call_done_no_color)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	done(&sh, "connect(3, NULL, 0)", "connect", -1, ECONNREFUSED, NULL, &out,
	    &err);
	ck_assert_msg(strchr(out, '\033') == NULL, "colour without a terminal: %s",
	    out);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

START_TEST(test_call_data_survives)
{
	static const char got[] = "he\0llo\n";
	struct shell sh;
	char *buf, *out, *err;

	shell_init(&sh);
	/* a read as cmd-read.c does it: the line, then the bytes */
	done(&sh, "read(3, \"he\\0llo\\n\", 4096)", "read", 7, 0, NULL, &out, &err);
	free(out);
	free(err);
	buf = malloc(sizeof got);
	memcpy(buf, got, sizeof got);
	call_data(&sh, buf, 7, false);
	memset(buf, 'X', sizeof got);	/* the caller's buffer is gone */
	free(buf);

	ck_assert(sh.last.valid);
	ck_assert(sh.last.has_data);
	ck_assert_uint_eq(sh.last.len, 7);
	ck_assert_mem_eq(sh.last.data, got, 7);

	/* `expect` sees them, and does not use them up */
	ck_assert_int_eq(run(&sh, "expect \"he\\0llo\\n\"", &out, &err),
	    CMD_RETURN_NORMAL);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(sh.status, 0);
	free(out);
	free(err);
	ck_assert_int_eq(run(&sh, "expect = 7", &out, &err), CMD_RETURN_NORMAL);
	ck_assert_str_eq(err, "");
	free(out);
	free(err);
	ck_assert_int_eq(run(&sh, "echo narration", &out, &err),
	    CMD_RETURN_NORMAL);
	free(out);
	free(err);
	ck_assert_int_eq(run(&sh, "expect \"he\\0llo\\n\"", &out, &err),
	    CMD_RETURN_NORMAL);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(sh.status, 0);
	free(out);
	free(err);

	/* other bytes do not match: one line, the run fails */
	ck_assert_int_eq(run(&sh, "expect \"he\"", &out, &err), CMD_RETURN_NORMAL);
	ck_assert_int_eq(count_lines(err), 1);
	ck_assert_msg(strstr(err, "\"he\\0llo\\n\"") != NULL, "got %s", err);
	ck_assert_int_eq(sh.status, 1);
	free(out);
	free(err);

	/* the next call forgets them */
	done(&sh, "close(3)", "close", 0, 0, NULL, &out, &err);
	free(out);
	free(err);
	ck_assert(!sh.last.has_data);
	ck_assert_ptr_null(sh.last.data);
	shell_free(&sh);
}
END_TEST

/* End of file: a read of 0 bytes has data, and it is empty. */
START_TEST(test_call_data_empty)
{
	struct shell sh;
	char *out, *err;

	shell_init(&sh);
	done(&sh, "read(3, \"\", 4096)", "read", 0, 0, NULL, &out, &err);
	free(out);
	free(err);
	call_data(&sh, "", 0, false);
	ck_assert(sh.last.has_data);
	ck_assert_uint_eq(sh.last.len, 0);
	ck_assert_int_eq(run(&sh, "expect \"\"", &out, &err), CMD_RETURN_NORMAL);
	ck_assert_str_eq(err, "");
	ck_assert_int_eq(sh.status, 0);
	free(out);
	free(err);
	shell_free(&sh);
}
END_TEST

/* ---- pr_clean: the shell's own words on the terminal ---- */

static void
assert_clean(const char *data, size_t len, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_clean(&sb, data, len);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_clean)
{
	assert_clean("plain text", 10, "plain text");
	/* Korean stays Korean: well-formed UTF-8 passes. */
	assert_clean("\xec\x95\x88\xeb\x85\x95", 6, "\xec\x95\x88\xeb\x85\x95");
	/* C0 controls and DEL, three digits so a following digit cannot merge. */
	assert_clean("\x1b[2J\a\0" "1\x7f", 8, "\\033[2J\\007\\0001\\177");
	/* C1 controls (CSI as U+009B), stray and overlong bytes, surrogates, cut sequences. */
	assert_clean("\xc2\x9b", 2, "\\302\\233");
	assert_clean("\xff\xfe", 2, "\\377\\376");
	assert_clean("\xc0\x80", 2, "\\300\\200");
	assert_clean("\xed\xa0\x80", 3, "\\355\\240\\200");
	assert_clean("a\xe0\xa4", 3, "a\\340\\244");
	/* U+00A0 and U+10FFFF are fine; U+110000 is not. */
	assert_clean("\xc2\xa0", 2, "\xc2\xa0");
	assert_clean("\xf4\x8f\xbf\xbf", 4, "\xf4\x8f\xbf\xbf");
	assert_clean("\xf4\x90\x80\x80", 4, "\\364\\220\\200\\200");
	/* What turns or hides text is shown as bytes: RLO, zero-width space, U+2028, BOM, U+FFFF. */
	assert_clean("a\xe2\x80\xaez", 5, "a\\342\\200\\256z");
	assert_clean("\xe2\x80\x8b", 3, "\\342\\200\\213");
	assert_clean("\xe2\x80\xa8", 3, "\\342\\200\\250");
	assert_clean("\xef\xbb\xbf", 3, "\\357\\273\\277");
	assert_clean("\xef\xbf\xbf", 3, "\\357\\277\\277");
	/* Its neighbours are fine: U+2010 (hyphen), U+2030 (per mille). */
	assert_clean("\xe2\x80\x90\xe2\x80\xb0", 6, "\xe2\x80\x90\xe2\x80\xb0");
}
END_TEST

/* ---- clock.h: deadlines ---- */

START_TEST(test_deadlines)
{
	struct timespec t = { 5, 999000000L }, later, left;

	ts_add_ms(&t, 2);		/* carries into the seconds */
	ck_assert_int_eq(t.tv_sec, 6);
	ck_assert_int_eq(t.tv_nsec, 1000000L);
	ts_add(&t, 1, 2500000000L);	/* nanoseconds past a second */
	ck_assert_int_eq(t.tv_sec, 9);
	ck_assert_int_eq(t.tv_nsec, 501000000L);
	later = ts_after_ms(CLOCK_MONOTONIC, 60000);
	left = ts_left(&later, CLOCK_MONOTONIC);
	ck_assert(left.tv_sec >= 0 && left.tv_sec <= 60);
	ck_assert(left.tv_nsec >= 0 && left.tv_nsec < NSEC_PER_SEC);
	clock_gettime(CLOCK_MONOTONIC, &later);
	later.tv_sec -= 2;
	ck_assert(ts_left(&later, CLOCK_MONOTONIC).tv_sec < 0);
}
END_TEST

/* ---- pr_wrapped: long lines broken to a terminal's width ---- */

static void
assert_wrapped(const char *text, size_t at, size_t width, bool fields,
    const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_wrapped(&sb, text, strlen(text), at, width, fields);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_wrapped)
{
	/* Prose: between words. */
	assert_wrapped("aaaa bbbb cccc dddd eeee ffff gggg", 0, 30, false,
	    "aaaa bbbb cccc dddd eeee ffff\ngggg");
	/* A packet: whole pieces, "length 0" kept together, the two spaces before the flags kept. */
	assert_wrapped("127.0.0.1:40000 -> 127.0.0.1:5000  [S] seq 0, win 65495, "
	    "options [mss 65495,sackOK,TS,nop,wscale 10], length 0", 4, 60, true,
	    "127.0.0.1:40000 -> 127.0.0.1:5000  [S] seq 0, win 65495,\n"
	    "    options [mss 65495,sackOK,TS,nop,wscale 10], length 0");
	/* A piece wider than the line: between its words. */
	assert_wrapped("aaaa bbbb cccc dddd eeee ffff gggg", 0, 30, true,
	    "aaaa bbbb cccc dddd eeee ffff\ngggg");
}
END_TEST

/* A long run is looked at eight bytes a step: a bad byte anywhere in it is still seen. */
START_TEST(test_clean_long_runs)
{
	static const unsigned char bad[] = { 0x00, 0x01, 0x1f, 0x7f, 0x80, 0xfe, 0xff };
	static const unsigned char good[] = { 0x20, 0x21, 0x41, 0x7e };

	for (size_t g = 0; g < sizeof good; g++) {
		for (size_t b = 0; b < sizeof bad; b++) {
			for (size_t at = 0; at < 24; at++) {
				char data[24], want[24 + 4], esc[8];

				memset(data, good[g], sizeof data);
				data[at] = (char)bad[b];
				snprintf(esc, sizeof esc, "\\%03o", bad[b]);
				memset(want, good[g], at);
				memcpy(want + at, esc, 4);
				memset(want + at + 4, good[g], sizeof data - at - 1);
				want[sizeof want - 1] = '\0';
				assert_clean(data, sizeof data, want);
			}
		}
		{
			char data[24], want[25];

			memset(data, good[g], sizeof data);
			memset(want, good[g], sizeof data);
			want[24] = '\0';
			assert_clean(data, sizeof data, want);
		}
	}
}
END_TEST

/* ---- fork's clone and wait's status, as strace 6.1 printed them ---- */

static void
assert_wait_status(int status, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	pr_wait_status(&sb, status);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_wait_status)
{
	/* _exit(0), _exit(3), _exit(255) */
	assert_wait_status(0, "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]");
	assert_wait_status(3 << 8, "[{WIFEXITED(s) && WEXITSTATUS(s) == 3}]");
	assert_wait_status(255 << 8, "[{WIFEXITED(s) && WEXITSTATUS(s) == 255}]");
	/* kill -KILL, kill -TERM, SIGRTMIN+2 (36: the kernel's 32 + 4) */
	assert_wait_status(9, "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]");
	assert_wait_status(15, "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGTERM}]");
	assert_wait_status(36, "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGRT_4}]");
	/* abort() with cores on */
	assert_wait_status(6 | 0x80,
	    "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGABRT && WCOREDUMP(s)}]");
	/* waitpid(WUNTRACED) of a child stopped by SIGSTOP */
	assert_wait_status((19 << 8) | 0x7f, "[{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}]");
}
END_TEST

START_TEST(test_clone_flags)
{
	struct strbuf sb = STRBUF_INIT;

	/* glibc 2.36's fork() */
	pr_clone_flags(&sb, 0x01200000 | 17);
	ck_assert_str_eq(sb_str(&sb), "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD");
	sb_reset(&sb);
	/* CLONE_VM and CLONE_VFORK, in strace's order (its flags table is by value) */
	pr_clone_flags(&sb, 0x100 | 0x4000 | 17);
	ck_assert_str_eq(sb_str(&sb), "CLONE_VM|CLONE_VFORK|SIGCHLD");
	sb_reset(&sb);
	/* syscall(SYS_clone, SIGCHLD, ...): the signal alone */
	pr_clone_flags(&sb, 17);
	ck_assert_str_eq(sb_str(&sb), "SIGCHLD");
	sb_free(&sb);
}
END_TEST

/* Korean's particles, fitted to the word before them where its sound is known. */
START_TEST(test_particles)
{
	static const struct {
		const char	*in, *out;
	} v[] = {
		{ "fd3\xec\x99\x80(\xea\xb3\xbc) fd4\xec\x9d\x80(\xeb\x8a\x94)",
		    "fd3\xea\xb3\xbc fd4\xeb\x8a\x94" },		/* fd3과 fd4는 */
		{ "\xec\x86\x8c\xec\xbc\x93\xec\x9d\x84(\xeb\xa5\xbc)",
		    "\xec\x86\x8c\xec\xbc\x93\xec\x9d\x84" },	/* 소켓을 */
		{ "\xed\x8f\xac\xed\x8a\xb8\xec\x9d\xb4(\xea\xb0\x80)",
		    "\xed\x8f\xac\xed\x8a\xb8\xea\xb0\x80" },	/* 포트가 */
		{ "\xed\x8c\x8c\xec\x9d\xbc(\xec\x9c\xbc)\xeb\xa1\x9c",
		    "\xed\x8c\x8c\xec\x9d\xbc\xeb\xa1\x9c" },	/* 파일로: after ㄹ */
		{ "fd7(\xec\x9c\xbc)\xeb\xa1\x9c", "fd7\xeb\xa1\x9c" },	/* 칠: 로 */
		{ "fd3(\xec\x9c\xbc)\xeb\xa1\x9c", "fd3\xec\x9c\xbc\xeb\xa1\x9c" },	/* 삼: 으로 */
		{ "\"8080\"\xec\x9d\x80(\xeb\x8a\x94)", "\"8080\"\xec\x9d\x80" },	/* past the quote */
		/* A Latin word's sound is not known: both forms stay. */
		{ "`fds`\xec\x9d\x80(\xeb\x8a\x94)", "`fds`\xec\x9d\x80(\xeb\x8a\x94)" },
		{ "\xec\x9d\x80(\xeb\x8a\x94)", "\xec\x9d\x80(\xeb\x8a\x94)" },
		{ "no particle (here)", "no particle (here)" },
	};
	char buf[128];
#ifdef ENABLE_NLS
	bool saved = i18n_english;

	i18n_english = false;
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		size_t n;

		snprintf(buf, sizeof buf, "%s", v[i].in);
		n = i18n_particles(buf, strlen(buf));
		ck_assert_str_eq(buf, v[i].out);
		ck_assert_uint_eq(n, strlen(v[i].out));
	}
	/* Only a format that writes both forms itself is fitted: "%s" (echo's) never. */
	ck_assert(i18n_has_particles("%s\xec\x9d\x80(\xeb\x8a\x94) x"));
	ck_assert(!i18n_has_particles("%s"));
	ck_assert(!i18n_has_particles("fd%d (x)"));
	/* In English, nothing is touched. */
	i18n_english = true;
	snprintf(buf, sizeof buf, "%s", v[0].in);
	ck_assert_uint_eq(i18n_particles(buf, strlen(buf)), strlen(v[0].in));
	ck_assert_str_eq(buf, v[0].in);
	i18n_english = saved;
#else
	snprintf(buf, sizeof buf, "%s", v[0].in);
	ck_assert_str_eq(buf, v[0].in);
#endif
}
END_TEST

Suite *
print_suite(void)
{
	Suite *s = suite_create("print");
	TCase *tc = tcase_create("quote");
	TCase *calls = tcase_create("calls");

	tcase_add_test(tc, test_quoted_plain);
	tcase_add_test(tc, test_clean);
	tcase_add_test(tc, test_clean_long_runs);
	tcase_add_test(tc, test_wrapped);
	tcase_add_test(tc, test_deadlines);
	tcase_add_test(tc, test_quoted_c_escapes);
	tcase_add_test(tc, test_quoted_octal);
	tcase_add_test(tc, test_quoted_high);
	tcase_add_test(tc, test_quoted_strsize);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_addf_by_hand);
	tcase_add_test(tc, test_borrowed_room);
	tcase_add_test(tc, test_socklen);
	tcase_add_test(tc, test_wait_status);
	tcase_add_test(tc, test_clone_flags);
	tcase_add_test(tc, test_particles);
	suite_add_tcase(s, tc);

	tcase_add_test(calls, test_call_done_success);
	tcase_add_test(calls, test_call_done_failure);
	tcase_add_test(calls, test_call_done_rettext);
	tcase_add_test(calls, test_call_done_no_color);
	tcase_add_test(calls, test_call_data_survives);
	tcase_add_test(calls, test_call_data_empty);
	suite_add_tcase(s, calls);
	return s;
}
