/* check_lexer.c: a typed line into commands of words, quoted strings into bytes. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "lexer.h"

/* Lex LEN bytes of LINE, which must succeed. */
static struct lexed
lex_n_ok(const char *line, size_t len)
{
	struct lexed lx;
	char err[256] = "";
	int rc = lex_line(line, len, &lx, err, sizeof err);

	ck_assert_msg(rc == 0, "lex_line(\"%s\") failed: %s", line, err);
	return lx;
}

static struct lexed
lex_ok(const char *line)
{
	return lex_n_ok(line, strlen(line));
}

/* Lex LINE, which must fail; the reason is left in ERR. */
static void
lex_fails(const char *line, size_t len, char *err, size_t errlen)
{
	struct lexed lx;
	int rc;

	err[0] = '\0';
	rc = lex_line(line, len, &lx, err, errlen);
	ck_assert_msg(rc == -1, "lex_line(\"%s\") succeeded", line);
	ck_assert_msg(err[0] != '\0', "no reason given for \"%s\"", line);
	ck_assert_msg(strchr(err, '\n') == NULL, "reason is not one line: %s", err);
	/* Nothing is handed back on failure. */
	ck_assert_uint_eq(lx.n, 0);
	ck_assert_ptr_null(lx.cmds);
	lexed_free(&lx);
}

/* Word W holds exactly LEN bytes S (NUL-terminated too), quoted or not. */
static void
assert_word(const struct word *w, const char *s, size_t len, bool quoted)
{
	ck_assert_uint_eq(w->len, len);
	ck_assert_mem_eq(w->s, s, len);
	ck_assert_int_eq(w->s[len], '\0');
	ck_assert_int_eq(w->quoted, quoted);
}

#define WORD(w, lit, q)	assert_word((w), (lit), sizeof(lit) - 1, (q))

START_TEST(test_bare_words)
{
	struct lexed lx = lex_ok("  socket \tinet  stream\t ");

	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 3);
	WORD(&lx.cmds[0].v[0], "socket", false);
	WORD(&lx.cmds[0].v[1], "inet", false);
	WORD(&lx.cmds[0].v[2], "stream", false);
	lexed_free(&lx);
	ck_assert_uint_eq(lx.n, 0);
	ck_assert_ptr_null(lx.cmds);
}
END_TEST

START_TEST(test_semicolons)
{
	struct lexed lx = lex_ok("socket stream; bind 8080;listen");

	ck_assert_uint_eq(lx.n, 3);
	ck_assert_uint_eq(lx.cmds[0].n, 2);
	WORD(&lx.cmds[0].v[0], "socket", false);
	WORD(&lx.cmds[0].v[1], "stream", false);
	ck_assert_uint_eq(lx.cmds[1].n, 2);
	WORD(&lx.cmds[1].v[0], "bind", false);
	WORD(&lx.cmds[1].v[1], "8080", false);
	ck_assert_uint_eq(lx.cmds[2].n, 1);
	WORD(&lx.cmds[2].v[0], "listen", false);
	lexed_free(&lx);

	/* Empty commands between separators are no commands. */
	lx = lex_ok(";; a ;;; b;");
	ck_assert_uint_eq(lx.n, 2);
	ck_assert_uint_eq(lx.cmds[0].n, 1);
	WORD(&lx.cmds[0].v[0], "a", false);
	ck_assert_uint_eq(lx.cmds[1].n, 1);
	WORD(&lx.cmds[1].v[0], "b", false);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_empty_lines)
{
	static const char *const empty[] = {
		"", " ", " \t \t", ";", " ; ;; ", "#", "# a comment; socket stream",
		"   # indented comment", ";# after a separator",
	};

	for (size_t i = 0; i < sizeof empty / sizeof empty[0]; i++) {
		struct lexed lx = lex_ok(empty[i]);

		ck_assert_msg(lx.n == 0, "\"%s\" gave %zu commands", empty[i], lx.n);
		lexed_free(&lx);
	}
}
END_TEST

START_TEST(test_comments)
{
	struct lexed lx;

	/* At the start of a word: the rest of the line, ';' included, is gone. */
	lx = lex_ok("write hi #comment; close");
	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 2);
	WORD(&lx.cmds[0].v[1], "hi", false);
	lexed_free(&lx);

	lx = lex_ok("socket stream;#listen");
	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 2);
	lexed_free(&lx);

	/* Inside a word it is an ordinary byte. */
	lx = lex_ok("write a#b c#");
	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 3);
	WORD(&lx.cmds[0].v[1], "a#b", false);
	WORD(&lx.cmds[0].v[2], "c#", false);
	lexed_free(&lx);

	/* Inside quotes, and right after a closing quote, too. */
	lx = lex_ok("write \"# not a comment\" \"x\"#y");
	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 3);
	WORD(&lx.cmds[0].v[1], "# not a comment", true);
	WORD(&lx.cmds[0].v[2], "x#y", true);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_quoted_plain)
{
	struct lexed lx = lex_ok("write \"hello, world; \t two\" after");

	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 3);
	WORD(&lx.cmds[0].v[0], "write", false);
	WORD(&lx.cmds[0].v[1], "hello, world; \t two", true);
	WORD(&lx.cmds[0].v[2], "after", false);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_simple_escapes)
{
	struct lexed lx = lex_ok("w \"\\n\\r\\t\\\\\\\"\" \"\\a\\b\\f\\v\\'\\?\"");

	ck_assert_uint_eq(lx.cmds[0].n, 3);
	WORD(&lx.cmds[0].v[1], "\n\r\t\\\"", true);
	WORD(&lx.cmds[0].v[2], "\a\b\f\v'?", true);
	lexed_free(&lx);

	lx = lex_ok("w \"GET / HTTP/1.0\\r\\n\\r\\n\"");
	WORD(&lx.cmds[0].v[1], "GET / HTTP/1.0\r\n\r\n", true);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_hex_escapes)
{
	struct lexed lx = lex_ok(
	    "w \"\\x41\" \"\\x4\" \"\\x412\" \"\\xff\" \"\\xAb\" \"\\x0\" \"\\x7g\"");
	const struct word *v = lx.cmds[0].v;

	ck_assert_uint_eq(lx.cmds[0].n, 8);
	WORD(&v[1], "A", true);
	WORD(&v[2], "\x04", true);		/* one digit */
	WORD(&v[3], "A2", true);		/* two digits at most */
	WORD(&v[4], "\xff", true);
	WORD(&v[5], "\xab", true);		/* either case */
	WORD(&v[6], "\0", true);
	WORD(&v[7], "\x07g", true);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_octal_escapes)
{
	struct lexed lx = lex_ok(
	    "w \"\\0\" \"\\101\" \"\\12\" \"\\377\" \"\\1234\" \"\\08\" \"\\0011\" \"\\7\"");
	const struct word *v = lx.cmds[0].v;

	ck_assert_uint_eq(lx.cmds[0].n, 9);
	WORD(&v[1], "\0", true);
	WORD(&v[2], "A", true);
	WORD(&v[3], "\n", true);
	WORD(&v[4], "\377", true);
	WORD(&v[5], "S" "4", true);		/* three digits at most */
	WORD(&v[6], "\0" "8", true);		/* 8 is not octal */
	WORD(&v[7], "\1" "1", true);
	WORD(&v[8], "\7", true);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_nul_bytes)
{
	struct lexed lx = lex_ok("write \"a\\0b\\x00c\\000\"");

	ck_assert_uint_eq(lx.cmds[0].n, 2);
	WORD(&lx.cmds[0].v[1], "a\0b\0c\0", true);
	lexed_free(&lx);

	/* A raw NUL outside quotes is refused, not silently cut. */
	{
		char err[256];
		static const char line[] = "write a\0b";

		lex_fails(line, sizeof line - 1, err, sizeof err);
		ck_assert_msg(strstr(err, "NUL") != NULL, "reason: %s", err);
	}
}
END_TEST

START_TEST(test_quoted_flag)
{
	struct lexed lx = lex_ok("use fd3 \"fd3\" ab\"c\"d \"\" x");
	const struct word *v = lx.cmds[0].v;

	ck_assert_uint_eq(lx.cmds[0].n, 6);
	WORD(&v[1], "fd3", false);
	WORD(&v[2], "fd3", true);
	WORD(&v[3], "abcd", true);
	WORD(&v[4], "", true);		/* "" is a word, of no bytes */
	WORD(&v[5], "x", false);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_concatenation)
{
	struct lexed lx = lex_ok("w pre\"mid dle\"post \"x\"y \"a\"\"b\" q\"\\x41\"");
	const struct word *v = lx.cmds[0].v;

	ck_assert_uint_eq(lx.cmds[0].n, 5);
	WORD(&v[1], "premid dlepost", true);
	WORD(&v[2], "xy", true);
	WORD(&v[3], "ab", true);
	WORD(&v[4], "qA", true);
	lexed_free(&lx);
}
END_TEST

/* "TEXT"*N: N copies of the quoted part, and only of it. */
START_TEST(test_repeat)
{
	struct lexed lx = lex_ok("w \"ab\"*3 \"x\"*0 a\"\\n\"*2\"b\" \"y\"* z*2 \"q\"*1;w \"r\"*100000");
	const struct word *v = lx.cmds[0].v;
	char *big;

	ck_assert_uint_eq(lx.n, 2);
	ck_assert_uint_eq(lx.cmds[0].n, 7);
	WORD(&v[1], "ababab", true);
	WORD(&v[2], "", true);
	WORD(&v[3], "a\n\nb", true);
	WORD(&v[4], "y*", true);	/* no digits: a star */
	WORD(&v[5], "z*2", false);	/* bare words do not repeat */
	WORD(&v[6], "q", true);
	big = malloc(100000);
	memset(big, 'r', 100000);
	assert_word(&lx.cmds[1].v[1], big, 100000, true);
	free(big);
	lexed_free(&lx);
}
END_TEST

START_TEST(test_err_repeat)
{
	char err[256];
	struct lexed lx;

	/* 64 MiB of repeats is fine, two bytes more are not; the star is at column 7. */
	lx = lex_ok("w \"ab\"*33554432");
	ck_assert_uint_eq(lx.cmds[0].v[1].len, LEX_REPEAT_MAX);
	lexed_free(&lx);
	lex_fails("w \"ab\"*33554433", strlen("w \"ab\"*33554433"), err, sizeof err);
	ck_assert_msg(strstr(err, "too long at column 7") != NULL, "reason: %s", err);
	ck_assert_msg(strstr(err, "64 MiB") != NULL, "reason: %s", err);
	/* The limit is for the line, not for each word. */
	lex_fails("w \"a\"*40000000 \"b\"*40000000", strlen("w \"a\"*40000000 \"b\"*40000000"), err, sizeof err);
	ck_assert_msg(strstr(err, "column 19") != NULL, "reason: %s", err);
	/* Numbers too big for any integer are refused, not wrapped. */
	lex_fails("w \"a\"*99999999999999999999999999", strlen("w \"a\"*99999999999999999999999999"), err, sizeof err);
	ck_assert_msg(strstr(err, "too long") != NULL, "reason: %s", err);
	/* A count is a whole number: not hex, not followed by letters, no sign. */
	{
		static const char *const bad[] = { "w \"x\"*0x10", "w \"x\"*3abc",
		    "w \"x\"*-1", "w \"x\"*+3", "w \"x\"*2.5" };

		for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			lex_fails(bad[i], strlen(bad[i]), err, sizeof err);
			ck_assert_msg(strstr(err, "whole number") != NULL &&
			    strstr(err, "column 6") != NULL, "%s: %s", bad[i], err);
		}
	}
	/* Still a count where a blank, ';' or a quote follows it. */
	lx = lex_ok("w \"x\"*3;w \"y\"*2\"z\"");
	ck_assert_str_eq(lx.cmds[0].v[1].s, "xxx");
	ck_assert_str_eq(lx.cmds[1].v[1].s, "yyz");
	lexed_free(&lx);
}
END_TEST

START_TEST(test_err_unterminated)
{
	char err[256];

	/* The quote is the 7th byte. */
	lex_fails("write \"abc", 10, err, sizeof err);
	ck_assert_msg(strstr(err, "unterminated") != NULL, "reason: %s", err);
	ck_assert_msg(strstr(err, "column 7") != NULL, "reason: %s", err);

	/* An escaped quote does not close it; the opening quote is at column 3. */
	lex_fails("w \"a\\\"", 6, err, sizeof err);
	ck_assert_msg(strstr(err, "unterminated") != NULL, "reason: %s", err);
	ck_assert_msg(strstr(err, "column 3") != NULL, "reason: %s", err);

	/* A good first command does not save the line. */
	lex_fails("socket stream; write \"x", 23, err, sizeof err);
}
END_TEST

START_TEST(test_err_bad_escape)
{
	char err[256];

	/* The backslash is the 9th byte. */
	lex_fails("write \"a\\qb\"", 12, err, sizeof err);
	ck_assert_msg(strstr(err, "\\q") != NULL, "reason: %s", err);
	ck_assert_msg(strstr(err, "column 9") != NULL, "reason: %s", err);
}
END_TEST

START_TEST(test_err_hex_without_digits)
{
	char err[256];

	lex_fails("w \"\\xg\"", 7, err, sizeof err);
	ck_assert_msg(strstr(err, "\\x") != NULL, "reason: %s", err);
	ck_assert_msg(strstr(err, "column 4") != NULL, "reason: %s", err);
	lex_fails("w \"\\x\"", 6, err, sizeof err);
	ck_assert_msg(strstr(err, "\\x") != NULL, "reason: %s", err);
}
END_TEST

START_TEST(test_err_octal_range)
{
	char err[256];

	lex_fails("w \"\\400\"", 8, err, sizeof err);
	ck_assert_msg(strstr(err, "\\400") != NULL, "reason: %s", err);
	lex_fails("w \"\\777\"", 8, err, sizeof err);
	ck_assert_msg(strstr(err, "\\777") != NULL, "reason: %s", err);
}
END_TEST

START_TEST(test_err_long_line)
{
	char *line = malloc(LINE_MAX_BYTES + 2), err[256];
	struct lexed lx;

	/* Exactly the limit is fine... */
	memcpy(line, "w ", 2);
	memset(line + 2, 'a', LINE_MAX_BYTES - 2);
	line[LINE_MAX_BYTES] = '\0';
	lx = lex_n_ok(line, LINE_MAX_BYTES);
	ck_assert_uint_eq(lx.n, 1);
	ck_assert_uint_eq(lx.cmds[0].n, 2);
	ck_assert_uint_eq(lx.cmds[0].v[1].len, LINE_MAX_BYTES - 2);
	lexed_free(&lx);

	/* ...one byte more is refused. */
	line[LINE_MAX_BYTES] = 'a';
	line[LINE_MAX_BYTES + 1] = '\0';
	lex_fails(line, LINE_MAX_BYTES + 1, err, sizeof err);
	ck_assert_msg(strstr(err, "too long") != NULL, "reason: %s", err);
	free(line);
}
END_TEST

/*
 * A line of many commands and words, one of them longer than the stack's
 * room: every word whole, in its command, NUL-terminated, after the rest moved.
 */
START_TEST(test_many_words)
{
	char line[LINE_MAX_BYTES], want[32];
	struct lexed lx;
	size_t at = 0;

	for (int c = 0; c < 40; c++) {
		for (int w = 0; w < 5; w++)
			at += (size_t)snprintf(line + at, sizeof line - at, "w%d.%d ", c, w);
		line[at++] = ';';
	}
	at += (size_t)snprintf(line + at, sizeof line - at, "last \"%s\"*3000", "ab");
	lx = lex_n_ok(line, at);
	ck_assert_uint_eq(lx.n, 41);
	for (int c = 0; c < 40; c++) {
		ck_assert_uint_eq(lx.cmds[c].n, 5);
		for (int w = 0; w < 5; w++) {
			snprintf(want, sizeof want, "w%d.%d", c, w);
			ck_assert_str_eq(lx.cmds[c].v[w].s, want);
			ck_assert_uint_eq(lx.cmds[c].v[w].len, strlen(want));
			ck_assert(!lx.cmds[c].v[w].quoted);
		}
	}
	ck_assert_uint_eq(lx.cmds[40].n, 2);
	ck_assert_str_eq(lx.cmds[40].v[0].s, "last");
	ck_assert_uint_eq(lx.cmds[40].v[1].len, 6000);
	ck_assert(lx.cmds[40].v[1].quoted);
	ck_assert_int_eq(lx.cmds[40].v[1].s[6000], '\0');
	ck_assert(memcmp(lx.cmds[40].v[1].s + 5998, "ab", 2) == 0);
	lexed_free(&lx);
}
END_TEST

/* Whether a word's first byte was outside quotes: >"my file" names a file, ">x" is text. */
START_TEST(test_bare_start)
{
	struct lexed lx = lex_ok("read >\"my file\" \">x\" plain \"q\"tail");

	ck_assert_uint_eq(lx.cmds[0].n, 5);
	ck_assert_str_eq(lx.cmds[0].v[1].s, ">my file");
	ck_assert(lx.cmds[0].v[1].quoted && lx.cmds[0].v[1].bare_start);
	ck_assert(lx.cmds[0].v[2].quoted && !lx.cmds[0].v[2].bare_start);
	ck_assert(!lx.cmds[0].v[3].quoted && lx.cmds[0].v[3].bare_start);
	ck_assert(lx.cmds[0].v[4].quoted && !lx.cmds[0].v[4].bare_start);
	lexed_free(&lx);
}
END_TEST

/* A line freed leaves its block to the next: each line's words stay its own. */
START_TEST(test_block_reused)
{
	struct lexed a = lex_ok("first line of words"), b, c;

	lexed_free(&a);
	ck_assert_ptr_null(a.cmds);
	b = lex_ok("socket stream; bind 127.0.0.1 8080");
	c = lex_ok("\"held\" while b is");	/* b holds the spare: a block of its own */
	ck_assert_ptr_ne(b.cmds, c.cmds);
	ck_assert_uint_eq(b.n, 2);
	ck_assert_str_eq(b.cmds[0].v[1].s, "stream");
	ck_assert_str_eq(b.cmds[1].v[2].s, "8080");
	ck_assert_str_eq(c.cmds[0].v[0].s, "held");
	ck_assert(c.cmds[0].v[0].quoted);
	lexed_free(&b);
	lexed_free(&c);
	/* a line longer than any block kept before */
	b = lex_ok("\"x\"*3000 tail");
	ck_assert_uint_eq(b.cmds[0].v[0].len, 3000);
	ck_assert_str_eq(b.cmds[0].v[1].s, "tail");
	lexed_free(&b);
}
END_TEST

/*
 * A line of bare words and blanks is cut by a short path; the same line with
 * a ';' at its end goes through the full lexer. Both must cut it alike, for
 * lines of every blank, word length and count, up to the longest line.
 */
START_TEST(test_plain_as_full)
{
	static const char blanks[] = " \t\r\n\v\f", bytes[] = "az09._-/:>@*\\\x80\xff";
	char line[LINE_MAX_BYTES + 1];
	unsigned seed = 7;

	for (int round = 0; round < 500; round++) {
		size_t len = round == 0 ? 0 : (size_t)(rand_r(&seed) %
		    (round % 50 == 0 ? LINE_MAX_BYTES - 1 : 60));
		struct lexed a, b;
		char err[256];

		for (size_t i = 0; i < len; i++)
			line[i] = rand_r(&seed) % 3 == 0 ?
			    blanks[rand_r(&seed) % (sizeof blanks - 1)] :
			    bytes[rand_r(&seed) % (sizeof bytes - 1)];
		ck_assert_int_eq(lex_line(line, len, &a, err, sizeof err), 0);
		line[len] = ';';
		ck_assert_int_eq(lex_line(line, len + 1, &b, err, sizeof err), 0);
		ck_assert_uint_eq(a.n, b.n);
		for (size_t c = 0; c < a.n; c++) {
			ck_assert_uint_eq(a.cmds[c].n, b.cmds[c].n);
			for (size_t w = 0; w < a.cmds[c].n; w++) {
				const struct word *x = &a.cmds[c].v[w], *y = &b.cmds[c].v[w];

				ck_assert_uint_eq(x->len, y->len);
				ck_assert(memcmp(x->s, y->s, x->len + 1) == 0);
				ck_assert(x->quoted == y->quoted);
				ck_assert(x->bare_start == y->bare_start);
			}
		}
		lexed_free(&a);
		lexed_free(&b);
	}
}
END_TEST

START_TEST(test_unescape)
{
	char *out = NULL, err[256] = "";
	size_t len = 99;

	ck_assert_int_eq(lex_unescape("a\\x41\\0\\\"z", 10, &out, &len, err,
	    sizeof err), 0);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(out, "aA\0\"z", 5);
	ck_assert_int_eq(out[5], '\0');
	free(out);

	ck_assert_int_eq(lex_unescape("", 0, &out, &len, err, sizeof err), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_nonnull(out);
	free(out);

	ck_assert_int_eq(lex_unescape("ab\\", 3, &out, &len, err, sizeof err), -1);
	ck_assert_int_eq(lex_unescape("\\q", 2, &out, &len, err, sizeof err), -1);
	ck_assert_msg(strstr(err, "\\q") != NULL, "reason: %s", err);
}
END_TEST

Suite *
lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *tc = tcase_create("lexer");

	tcase_add_test(tc, test_bare_words);
	tcase_add_test(tc, test_semicolons);
	tcase_add_test(tc, test_empty_lines);
	tcase_add_test(tc, test_comments);
	tcase_add_test(tc, test_quoted_plain);
	tcase_add_test(tc, test_simple_escapes);
	tcase_add_test(tc, test_hex_escapes);
	tcase_add_test(tc, test_octal_escapes);
	tcase_add_test(tc, test_nul_bytes);
	tcase_add_test(tc, test_quoted_flag);
	tcase_add_test(tc, test_concatenation);
	tcase_add_test(tc, test_repeat);
	tcase_add_test(tc, test_err_repeat);
	tcase_add_test(tc, test_err_unterminated);
	tcase_add_test(tc, test_err_bad_escape);
	tcase_add_test(tc, test_err_hex_without_digits);
	tcase_add_test(tc, test_err_octal_range);
	tcase_add_test(tc, test_err_long_line);
	tcase_add_test(tc, test_many_words);
	tcase_add_test(tc, test_bare_start);
	tcase_add_test(tc, test_block_reused);
	tcase_add_test(tc, test_plain_as_full);
	tcase_add_test(tc, test_unescape);
	suite_add_tcase(s, tc);
	return s;
}
