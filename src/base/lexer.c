/* lexer.c: words and double-quoted, C-escaped strings into length-counted bytes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lexer.h"
#include "strbuf.h"

/* The bytes that end a run of a bare word's plain bytes: a space, ';', NUL, '"'. */
static const bool ends_run[256] = {
	[' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true, ['\v'] = true,
	['\f'] = true, [';'] = true, ['\0'] = true, ['"'] = true,
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
	    c == '\f';
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Decode one escape at p[0] == '\\'; append the byte to sb. Returns the number
 * of input bytes used, or 0 with ERR set.
 */
static size_t
unescape_one(const char *p, size_t avail, struct strbuf *sb, size_t col,
    char *err, size_t errlen)
{
	static const char simple_in[] = "ntr\\\"'abfve?";
	static const char simple_out[] = "\n\t\r\\\"'\a\b\f\v\033?";
	const char *q;
	size_t used;
	int v, d;

	if (avail < 2) {
		snprintf(err, errlen, _("a lone backslash ends the string at column %zu"),
		    col);
		return 0;
	}
	if ((q = strchr(simple_in, p[1])) != NULL && p[1] != '\0') {
		sb_addc(sb, simple_out[q - simple_in]);
		return 2;
	}
	if (p[1] == 'x') {
		v = 0;
		for (used = 2; used < 4 && used < avail &&
		    (d = hex_value(p[used])) >= 0; used++)
			v = v * 16 + d;
		if (used == 2) {
			snprintf(err, errlen,
			    _("bad escape \\x at column %zu: \\x needs one or two hex digits"),
			    col);
			return 0;
		}
		sb_addc(sb, (char)v);
		return used;
	}
	if (p[1] >= '0' && p[1] <= '7') {
		v = 0;
		for (used = 1; used < 4 && used < avail &&
		    p[used] >= '0' && p[used] <= '7'; used++)
			v = v * 8 + (p[used] - '0');
		if (v > 0377) {
			snprintf(err, errlen,
			    _("bad escape \\%.3s at column %zu: octal above \\377"),
			    p + 1, col);
			return 0;
		}
		sb_addc(sb, (char)v);
		return used;
	}
	if ((unsigned char)p[1] < 0x20 || (unsigned char)p[1] >= 0x7f)
		snprintf(err, errlen, _("bad escape at column %zu"), col);
	else
		snprintf(err, errlen,
		    _("bad escape \\%c at column %zu (known: \\n \\r \\t \\e \\a \\v \\f \\\\ \\\" \\0 \\xNN \\NNN)"),
		    p[1], col);
	return 0;
}

int
lex_unescape(const char *s, size_t len, char **out, size_t *outlen,
    char *err, size_t errlen)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0, used;

	while (i < len) {
		if (s[i] != '\\') {
			sb_addc(&sb, s[i++]);
			continue;
		}
		if ((used = unescape_one(s + i, len - i, &sb, i + 1, err,
		    errlen)) == 0) {
			sb_free(&sb);
			return -1;
		}
		i += used;
	}
	sb_addn(&sb, "", 0);
	*out = sb.s;
	*outlen = sb.len;
	return 0;
}

/*
 * While a line is cut: where each word's bytes start in the one buffer that
 * holds them all, and where each command's words start. Both sit on the stack
 * for a line of common size and move to the heap past that.
 */
struct word_at {
	size_t	off, len;
	bool	quoted, bare_start;
};

struct cut {
	struct word_at	*w, few_w[32];
	size_t		 nw, capw;
	size_t		*c, few_c[8];	/* the index of each command's first word */
	size_t		 nc, capc;
	size_t		 start;		/* the words of the command being cut start here */
};

static void *
cut_grow(void *v, void *few, size_t *cap, size_t size)
{
	void *p = xmalloc(2 * *cap * size);

	memcpy(p, v, *cap * size);
	if (v != few)
		free(v);
	*cap *= 2;
	return p;
}

/* The word SB holds from OFF on ends here: its NUL goes after it. */
static void
push_word(struct cut *ct, struct strbuf *sb, size_t off, bool quoted,
    bool bare_start)
{
	if (ct->nw == ct->capw)
		ct->w = cut_grow(ct->w, ct->few_w, &ct->capw, sizeof *ct->w);
	ct->w[ct->nw].off = off;
	ct->w[ct->nw].len = sb->len - off;
	ct->w[ct->nw].quoted = quoted;
	ct->w[ct->nw].bare_start = bare_start;
	ct->nw++;
	sb_addc(sb, '\0');
}

static void
push_command(struct cut *ct)
{
	if (ct->nw == ct->start)
		return;
	if (ct->nc == ct->capc)
		ct->c = cut_grow(ct->c, ct->few_c, &ct->capc, sizeof *ct->c);
	ct->c[ct->nc++] = ct->start;
	ct->start = ct->nw;
}

static void
cut_free(struct cut *ct)
{
	if (ct->w != ct->few_w)
		free(ct->w);
	if (ct->c != ct->few_c)
		free(ct->c);
}

/*
 * The block of the line freed last, kept for the next (a script's lines are
 * lexed and freed one after another): most lines then take no allocation.
 */
#define SPARE_MAX	8192

static void	*spare;
static size_t	 spare_size;

/* A block of at least SIZE bytes; *GOT says how many it has. */
static void *
block_get(size_t size, size_t *got)
{
	if (spare != NULL && spare_size >= size) {
		void *p = spare;

		*got = spare_size;
		spare = NULL;
		return p;
	}
	*got = size < 512 ? 512 : size;
	return xmalloc(*got);
}

/* BLOCK (of SIZE bytes) is done with: kept as the spare, or freed. */
static void
block_put(void *block, size_t size)
{
	if (spare == NULL && size <= SPARE_MAX) {
		spare = block;
		spare_size = size;
	} else {
		free(block);
	}
}

/*
 * The line's commands, words and bytes in one allocation: the commands
 * first, then the words, then the bytes, so that lexed_free frees it all.
 */
static void
cut_pack(struct cut *ct, const struct strbuf *sb, struct lexed *lx)
{
	size_t head = ct->nc * sizeof *lx->cmds + ct->nw * sizeof(struct word);
	char *block, *bytes;
	struct word *words;

	if (ct->nc == 0)
		return;
	block = block_get(head + sb->len, &lx->size);
	lx->cmds = (struct command_words *)(void *)block;
	words = (struct word *)(void *)(block + ct->nc * sizeof *lx->cmds);
	bytes = block + head;
	memcpy(bytes, sb->s, sb->len);
	for (size_t i = 0; i < ct->nw; i++) {
		words[i].s = bytes + ct->w[i].off;
		words[i].len = ct->w[i].len;
		words[i].quoted = ct->w[i].quoted;
		words[i].bare_start = ct->w[i].bare_start;
	}
	for (size_t i = 0; i < ct->nc; i++) {
		lx->cmds[i].v = words + ct->c[i];
		lx->cmds[i].n = (i + 1 < ct->nc ? ct->c[i + 1] : ct->nw) - ct->c[i];
	}
	lx->n = ct->nc;
}

/* ERR: the word from LINE[I] ('*') on is no whole number of repeats. */
static void
repeat_not_whole(const char *line, size_t len, size_t i, char *err,
    size_t errlen)
{
	size_t k = i + 1;

	while (k < len && k - i < 20 && line[k] > ' ' && line[k] < 0x7f &&
	    line[k] != ';' && line[k] != '|' && line[k] != '"')
		k++;
	snprintf(err, errlen, _("a repeat count is a whole number: %.*s at "
	    "column %zu"), (int)(k - i), line + i, i + 1);
}

/*
 * "TEXT"*N: at LINE[I] == '*' right after a closing quote, the quoted part
 * (SB from SEG on) N times over. REPEATED counts the bytes repetitions made on
 * this line, which LEX_REPEAT_MAX bounds. Returns the index after the digits,
 * or 0 with ERR set.
 */
static size_t
repeat_quoted(const char *line, size_t len, size_t i, struct strbuf *sb,
    size_t seg, size_t *repeated, char *err, size_t errlen)
{
	size_t n = 0, part = sb->len - seg, j, have;
	char *copy;

	for (j = i + 1; j < len && line[j] >= '0' && line[j] <= '9'; j++)
		if (n <= LEX_REPEAT_MAX)
			n = n * 10 + (size_t)(line[j] - '0');
	/* "x"*0x10, "x"*3abc: not a count and text, but a mistake. */
	if (j < len && ((line[j] >= 'a' && line[j] <= 'z') ||
	    (line[j] >= 'A' && line[j] <= 'Z') || line[j] == '_' ||
	    line[j] == '.')) {
		repeat_not_whole(line, len, i, err, errlen);
		return 0;
	}
	if (n > LEX_REPEAT_MAX || (part > 0 &&
	    n > (LEX_REPEAT_MAX - *repeated) / part)) {
		snprintf(err, errlen, _("repeated text too long at column %zu: "
		    "%.*s%s times %zu byte(s) is over %d MiB"), i + 1,
		    (int)(j - i - 1 < 20 ? j - i - 1 : 20), line + i + 1,
		    j - i - 1 > 20 ? "..." : "", part, LEX_REPEAT_MAX >> 20);
		return 0;
	}
	if (n == 0 || part == 0) {
		sb->len = seg;
		sb_addn(sb, "", 0);
		return j;
	}
	/* The copies, doubling, in a buffer of their own: SB may move as it grows. */
	copy = xmalloc(part * n);
	memcpy(copy, sb->s + seg, part);
	for (have = part; have < part * n; have *= 2)
		memcpy(copy + have, copy, have < part * n - have ? have :
		    part * n - have);
	sb->len = seg;
	sb_addn(sb, copy, part * n);
	free(copy);
	*repeated += n * part;
	return j;
}

/* What a byte is to a plain line: part of a word, a blank, or anything else. */
enum { PLAIN_BYTE, PLAIN_BLANK, PLAIN_NOT };

static const unsigned char plain_kind[256] = {
	[' '] = PLAIN_BLANK, ['\t'] = PLAIN_BLANK, ['\r'] = PLAIN_BLANK,
	['\n'] = PLAIN_BLANK, ['\v'] = PLAIN_BLANK, ['\f'] = PLAIN_BLANK,
	[';'] = PLAIN_NOT, ['\0'] = PLAIN_NOT, ['"'] = PLAIN_NOT, ['#'] = PLAIN_NOT,
};

/*
 * Most lines are bare words and blanks: nothing to decode, one command. Such
 * a line is cut here in one pass over a copy of it, with none of the full
 * lexer's state (a command touches little memory between two calls,
 * bench/RESULTS.md). Returns 1 for a line that needs the full lexer.
 */
static int
lex_plain(const char *line, size_t len, struct lexed *lx)
{
	/* Words, at most: one byte and one blank each. */
	size_t most = len / 2 + 1, size;
	size_t head = sizeof *lx->cmds + most * sizeof(struct word);
	struct command_words *cmds = block_get(head + len + 1, &size);
	struct word *first = (struct word *)(void *)(cmds + 1), *w = first;
	char *bytes = (char *)cmds + head;
	size_t i = 0;
	unsigned char k;

	memcpy(bytes, line, len);
	/* The NUL at the end is PLAIN_NOT: it ends both runs below. */
	bytes[len] = '\0';
	for (;;) {
		while ((k = plain_kind[(unsigned char)bytes[i]]) == PLAIN_BLANK)
			i++;
		if (k == PLAIN_NOT)
			break;
		w->s = bytes + i;
		w->quoted = false;
		w->bare_start = true;
		while ((k = plain_kind[(unsigned char)bytes[++i]]) == PLAIN_BYTE)
			;
		w->len = (size_t)(bytes + i - w->s);
		w++;
		if (k == PLAIN_NOT)
			break;
		bytes[i++] = '\0';
	}
	/* Not the end: a quote, a ';', a comment or a NUL byte in the line. */
	if (i != len) {
		block_put(cmds, size);
		return 1;
	}
	if (w == first) {
		block_put(cmds, size);
		return 0;
	}
	cmds[0].v = first;
	cmds[0].n = (size_t)(w - first);
	lx->cmds = cmds;
	lx->n = 1;
	lx->size = size;
	return 0;
}

static int	lex_full(const char *, size_t, struct lexed *, char *, size_t);

int
lex_line(const char *line, size_t len, struct lexed *lx, char *err,
    size_t errlen)
{
	lx->cmds = NULL;
	lx->n = 0;
	lx->size = 0;
	if (len > LINE_MAX_BYTES) {
		/* One byte over is what a reader that cuts long lines hands on. */
		if (len == LINE_MAX_BYTES + 1)
			snprintf(err, errlen, _("line too long: more than the %d "
			    "bytes a line may hold"), LINE_MAX_BYTES);
		else
			snprintf(err, errlen, _("line too long: %zu bytes, more than "
			    "the %d a line may hold"), len, LINE_MAX_BYTES);
		return -1;
	}
	if (lex_plain(line, len, lx) == 0)
		return 0;
	return lex_full(line, len, lx, err, errlen);
}

/* Any line: quotes, escapes, repetitions, ';' and comments. */
static __attribute__((noinline)) int
lex_full(const char *line, size_t len, struct lexed *lx, char *err,
    size_t errlen)
{
	char room[LINE_MAX_BYTES + 64];
	struct cut ct;
	struct strbuf sb;
	bool in_word = false, quoted = false, bare_start = false;
	size_t i = 0, used, open_col, seg = 0, repeated = 0, word = 0;

	ct.nw = ct.nc = ct.start = 0;
	ct.w = ct.few_w;
	ct.capw = sizeof ct.few_w / sizeof ct.few_w[0];
	ct.c = ct.few_c;
	ct.capc = sizeof ct.few_c / sizeof ct.few_c[0];
	sb_init_on(&sb, room, sizeof room);
	while (i < len) {
		char c = line[i];

		if (is_space(c) || c == ';') {
			if (in_word)
				push_word(&ct, &sb, word, quoted, bare_start);
			in_word = quoted = false;
			if (c == ';')
				push_command(&ct);
			i++;
			continue;
		}
		if (c == '#' && !in_word)
			break;
		if (c == '\0') {
			snprintf(err, errlen, _("NUL byte in the line at column %zu "
			    "(write it as \\0 inside quotes)"), i + 1);
			goto fail;
		}
		if (!in_word) {
			word = sb.len;
			bare_start = c != '"';
		}
		in_word = true;
		if (c != '"') {
			/* The run of plain bytes up to the word's end, at once. */
			size_t j = i + 1;

			while (j < len && !ends_run[(unsigned char)line[j]])
				j++;
			sb_addn(&sb, line + i, j - i);
			i = j;
			continue;
		}
		quoted = true;
		seg = sb.len;
		open_col = ++i;
		for (;;) {
			if (i >= len) {
				snprintf(err, errlen,
				    _("unterminated quote (opened at column %zu)"),
				    open_col);
				goto fail;
			}
			if (line[i] == '"') {
				i++;
				break;
			}
			if (line[i] != '\\') {
				size_t j = i + 1;

				while (j < len && line[j] != '"' && line[j] != '\\')
					j++;
				sb_addn(&sb, line + i, j - i);
				i = j;
				continue;
			}
			if ((used = unescape_one(line + i, len - i, &sb, i + 1,
			    err, errlen)) == 0)
				goto fail;
			i += used;
		}
		if (i < len && line[i] == '*' && i + 2 < len &&
		    (line[i + 1] == '-' || line[i + 1] == '+') &&
		    line[i + 2] >= '0' && line[i + 2] <= '9') {
			repeat_not_whole(line, len, i, err, errlen);
			goto fail;
		}
		if (i < len && line[i] == '*' && i + 1 < len &&
		    line[i + 1] >= '0' && line[i + 1] <= '9' &&
		    (i = repeat_quoted(line, len, i, &sb, seg, &repeated, err,
		    errlen)) == 0)
			goto fail;
	}
	if (in_word)
		push_word(&ct, &sb, word, quoted, bare_start);
	push_command(&ct);
	cut_pack(&ct, &sb, lx);
	cut_free(&ct);
	sb_free(&sb);
	return 0;

fail:
	cut_free(&ct);
	sb_free(&sb);
	return -1;
}

void
lexed_free(struct lexed *lx)
{
	if (lx->cmds != NULL)
		block_put(lx->cmds, lx->size);
	lx->cmds = NULL;
	lx->n = 0;
	lx->size = 0;
}
