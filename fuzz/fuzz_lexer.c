/*
 * fuzz_lexer.c: libFuzzer harness for the lexer (src/base/lexer.c).
 *
 * Each input is one line, as the shell would read it, of any bytes (NULs,
 * lone quotes and backslashes, more than LINE_MAX_BYTES). lex_line must come
 * back with 0 or -1 without a sanitizer report, and what it hands back must
 * hold what lexer.h promises; a broken promise is an abort(), so libFuzzer
 * keeps the input as a crash:
 *
 *   - on success: no command is empty, every word is NUL-terminated at its
 *     length, and a word is never longer than the line it came from, but
 *     for what "TEXT"*N repetitions add (at most LEX_REPEAT_MAX in all);
 *   - on failure: nothing is handed back (lexed is empty) and ERR holds a
 *     one-line reason;
 *   - a second call on the same bytes gives the same words (no hidden state);
 *   - the same bytes wrapped in double quotes lex, when they hold no quote
 *     and no NUL, to the one quoted word that lex_unescape makes of them,
 *     or both refuse them.
 *
 * The lexer touches no descriptor and no file: no fence is needed here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexer.h"

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "fuzz_lexer: %s:%d: broken: %s\n",	\
			    __FILE__, __LINE__, #cond);			\
			abort();					\
		}							\
	} while (0)

static void
check_lexed(const struct lexed *lx, size_t len)
{
	for (size_t i = 0; i < lx->n; i++) {
		const struct command_words *cw = &lx->cmds[i];

		CHECK(cw->n > 0 && cw->v != NULL);
		for (size_t j = 0; j < cw->n; j++) {
			CHECK(cw->v[j].s != NULL);
			CHECK(cw->v[j].len <= len + LEX_REPEAT_MAX);
			CHECK(cw->v[j].s[cw->v[j].len] == '\0');
		}
	}
}

static void
check_error(const struct lexed *lx, const char *err, size_t errlen)
{
	CHECK(lx->n == 0 && lx->cmds == NULL);
	CHECK(memchr(err, '\0', errlen) != NULL);
	CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
}

static bool
same_lexed(const struct lexed *a, const struct lexed *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++) {
		if (a->cmds[i].n != b->cmds[i].n)
			return false;
		for (size_t j = 0; j < a->cmds[i].n; j++) {
			const struct word *x = &a->cmds[i].v[j];
			const struct word *y = &b->cmds[i].v[j];

			if (x->len != y->len || x->quoted != y->quoted ||
			    memcmp(x->s, y->s, x->len) != 0)
				return false;
		}
	}
	return true;
}

/* DATA in quotes is one quoted word: what lex_unescape makes of DATA. */
static void
check_quoted(const char *data, size_t size)
{
	char err1[256], err2[256], *line, *out = NULL;
	struct lexed lx;
	size_t outlen = 0;
	int r1, r2;

	if (size + 2 > LINE_MAX_BYTES || memchr(data, '"', size) != NULL ||
	    memchr(data, '\0', size) != NULL)
		return;
	line = malloc(size + 2);
	CHECK(line != NULL);
	line[0] = '"';
	memcpy(line + 1, data, size);
	line[size + 1] = '"';
	r1 = lex_line(line, size + 2, &lx, err1, sizeof err1);
	r2 = lex_unescape(data, size, &out, &outlen, err2, sizeof err2);
	/*
	 * One trailing backslash escapes the closing quote in the line and is a
	 * lone backslash to lex_unescape: both refuse it, as they must.
	 */
	CHECK(r1 == r2);
	if (r1 == 0) {
		CHECK(lx.n == 1 && lx.cmds[0].n == 1);
		CHECK(lx.cmds[0].v[0].quoted);
		CHECK(lx.cmds[0].v[0].len == outlen);
		CHECK(memcmp(lx.cmds[0].v[0].s, out, outlen) == 0);
		CHECK(out[outlen] == '\0');
		lexed_free(&lx);
		free(out);
	} else {
		check_error(&lx, err1, sizeof err1);
	}
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *line = (const char *)data;
	struct lexed lx, again;
	char err[256], err2[256];
	int rc;

	/* Poison ERR so that a failure that forgets to write it shows. */
	memset(err, 'E', sizeof err);
	rc = lex_line(line, size, &lx, err, sizeof err);
	CHECK(rc == 0 || rc == -1);
	if (rc == -1) {
		check_error(&lx, err, sizeof err);
		CHECK(lex_line(line, size, &again, err2, sizeof err2) == -1);
		CHECK(strcmp(err, err2) == 0);
		lexed_free(&lx);	/* safe on what a failure left */
	} else {
		check_lexed(&lx, size);
		CHECK(lex_line(line, size, &again, err2, sizeof err2) == 0);
		CHECK(same_lexed(&lx, &again));
		lexed_free(&again);
		lexed_free(&lx);
		CHECK(lx.n == 0 && lx.cmds == NULL);
	}
	check_quoted(line, size);
	return 0;
}
