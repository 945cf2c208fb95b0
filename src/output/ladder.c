/*
 * ladder.c: the time-sequence diagram of the textbooks (Stevens, Kurose-Ross):
 * the client's lifeline on the left, the server's on the right, time running
 * down; each packet a slanted arrow from its sender to the other side, the
 * calls written outside the lifelines, the TCP states on them.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ladder.h"
#include "print.h"

#define ELLIPSIS	"\xe2\x80\xa6"	/* U+2026, one column */
/* Combining marks on one glyph: enough for any script, not for a pile-up. */
#define MAX_ATTACHED	4
/* Blocked calls drawn side by side on one side; more draw as plain calls. */
#define MAX_LANES	3
/* A label's width stops counting here, so that no sum of widths overflows. */
#define WIDTH_CAP	(1 << 28)
/* A group collapses to "{…}" only when its inside is wider than this. */
#define COLLAPSE_MIN	3

/* ---- labels: cleaned, and measured in display columns ---- */

/* A character as a terminal draws it, with the combining marks after it. */
struct glyph {
	size_t		 off;		/* into the text's bytes */
	size_t		 len;
	int		 width;		/* 1, or 2 for Hangul and CJK */
};

/* A label made safe to show: printable, well-formed UTF-8, measured. */
struct text {
	struct strbuf	 s;
	struct glyph	*g;
	size_t		 n, cap;
	int		 width;
};

static void
text_free(struct text *t)
{
	sb_free(&t->s);
	free(t->g);
	memset(t, 0, sizeof(*t));
}

static void
text_add(struct text *t, const char *p, size_t len, int width)
{
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 16 : t->cap * 2;
		t->g = xrealloc(t->g, t->cap * sizeof(*t->g));
	}
	t->g[t->n].off = t->s.len;
	t->g[t->n].len = len;
	t->g[t->n].width = width;
	t->n++;
	sb_addn(&t->s, p, len);
	if (t->width < WIDTH_CAP)
		t->width += width;
}

static uint32_t
utf8_decode(const unsigned char *p, size_t n)
{
	uint32_t c = p[0] & (0x7f >> n);

	for (size_t i = 1; i < n; i++)
		c = c << 6 | (p[i] & 0x3f);
	return c;
}

/*
 * Characters that steer the layout instead of drawing: bidi overrides,
 * joiners, line separators, the BOM. A terminal may honour them and move what
 * follows, so they are dropped, never passed on.
 */
static bool
is_format(uint32_t c)
{
	return c == 0x00ad || c == 0x061c || c == 0x180e ||
	    (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
	    (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
	    (c >= 0xfff9 && c <= 0xfffb) || (c >= 0xe0000 && c <= 0xe007f);
}

/*
 * East Asian wide characters, for when the locale cannot say (not UTF-8, or
 * a character its tables lack). Guessing two where a terminal draws one costs
 * that line a column; guessing one where it draws two would push the line
 * past the width.
 */
static int
wide_guess(uint32_t c)
{
	if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x231a && c <= 0x231b) ||
	    (c >= 0x2e80 && c <= 0x303e) || (c >= 0x3041 && c <= 0xa4cf) ||
	    (c >= 0xa960 && c <= 0xa97f) || (c >= 0xac00 && c <= 0xd7a3) ||
	    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe10 && c <= 0xfe19) ||
	    (c >= 0xfe30 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
		return 2;
	return 1;
}

/* Display columns of the character P (N bytes, code point C): 0, 1 or 2. */
static int
char_width(const unsigned char *p, size_t n, uint32_t c)
{
	mbstate_t st;
	wchar_t wc;
	int w = -1;

	if (is_format(c))
		return 0;
	memset(&st, 0, sizeof(st));
	if (mbrtowc(&wc, (const char *)p, n, &st) == n)
		w = wcwidth(wc);
	if (w < 0)
		w = wide_guess(c);
	return w > 2 ? 2 : w;
}

/*
 * LABEL as T: printable ASCII and well-formed UTF-8 as they are, so Korean
 * reads as Korean; every other byte (controls, stray high bytes, and the two
 * noncharacters XML forbids) as a three-digit \ooo, as the shell writes them
 * everywhere. Combining marks join the glyph before them; format characters
 * go. What is left cannot move a terminal's cursor or break an XML document.
 */
static void
text_clean(struct text *t, const char *label)
{
	const unsigned char *p =
	    (const unsigned char *)(label != NULL ? label : "");
	size_t len = strlen((const char *)p), i = 0, n;
	int attached = 0;

	while (i < len) {
		uint32_t c = 0;
		char esc[8];

		if (p[i] >= 0x20 && p[i] < 0x7f) {
			text_add(t, (const char *)p + i, 1, 1);
			attached = 0;
			i++;
			continue;
		}
		n = pr_utf8_len(p + i, len - i);
		if (n > 0)
			c = utf8_decode(p + i, n);
		if (n > 0 && c != 0xfffe && c != 0xffff) {
			int w = char_width(p + i, n, c);

			if (w > 0) {
				text_add(t, (const char *)p + i, n, w);
				attached = 0;
			} else if (!is_format(c) && t->n > 0 &&
			    attached < MAX_ATTACHED) {
				/* Its bytes follow the last glyph's. */
				sb_addn(&t->s, (const char *)p + i, n);
				t->g[t->n - 1].len += n;
				attached++;
			}
			i += n;
			continue;
		}
		snprintf(esc, sizeof(esc), "\\%03o", p[i]);
		for (size_t k = 0; esc[k] != '\0'; k++)
			text_add(t, esc + k, 1, 1);
		attached = 0;
		i++;
	}
}

/* Glyphs FROM to TO of T, added to OUT. */
static void
text_sub(struct text *out, const struct text *t, size_t from, size_t to)
{
	for (size_t k = from; k < to && k < t->n; k++)
		text_add(out, t->s.s + t->g[k].off, t->g[k].len, t->g[k].width);
}

/* The glyphs of T from FROM that fit in ROOM columns, cut with an ellipsis. */
static void
text_fit_from(struct text *out, const struct text *t, size_t from, size_t to,
    int room)
{
	int w = 0;
	size_t k;

	for (k = from; k < to; k++)
		w += t->g[k].width;
	if (w <= room) {
		text_sub(out, t, from, to);
		return;
	}
	if (room <= 0)
		return;
	for (k = from, w = 0; k < to && w + t->g[k].width <= room - 1; k++)
		w += t->g[k].width;
	text_sub(out, t, from, k);
	text_add(out, ELLIPSIS, strlen(ELLIPSIS), 1);
}

static void
text_fit(struct text *out, const struct text *t, int room)
{
	text_fit_from(out, t, 0, t->n, room);
}

/*
 * Where the result of a call line begins: the glyph of the space before the
 * last " = ", or T's length when there is none.
 */
static size_t
result_at(const struct text *t)
{
	for (size_t k = t->n; k >= 3; k--) {
		const char *p = t->s.s + t->g[k - 3].off;

		if (t->g[k - 3].len == 1 && t->g[k - 2].len == 1 &&
		    t->g[k - 1].len == 1 && p[0] == ' ' && p[1] == '=' &&
		    p[2] == ' ')
			return k - 3;
	}
	return t->n;
}

static int
width_of(const struct text *t, size_t from, size_t to)
{
	int w = 0;

	for (size_t k = from; k < to && k < t->n; k++)
		w += t->g[k].width;
	return w;
}

/* The glyph K of T is the one ASCII character C. */
static bool
is_char(const struct text *t, size_t k, char c)
{
	return k < t->n && t->g[k].len == 1 && t->s.s[t->g[k].off] == c;
}

/* The glyph K of T is one of the ASCII characters in SET. */
static bool
is_one_of(const struct text *t, size_t k, const char *set)
{
	for (; *set != '\0'; set++)
		if (is_char(t, k, *set))
			return true;
	return false;
}

/*
 * Past the group that opens at glyph K (a {struct}, an [array] or a "string",
 * nested in any way, strings' escapes skipped): the glyph after its closer,
 * or 0 when it never closes.
 */
static size_t
group_end(const struct text *t, size_t k)
{
	char stack[64];
	size_t depth = 0;

	for (; k < t->n; k++) {
		bool quoted = depth > 0 && stack[depth - 1] == '"';

		if (quoted && is_char(t, k, '\\')) {
			k++;
		} else if (quoted && is_char(t, k, '"')) {
			depth--;
		} else if (!quoted && is_one_of(t, k, "}]")) {
			if (depth > 0 && is_char(t, k, stack[depth - 1]))
				depth--;
		} else if (!quoted && depth < sizeof(stack) &&
		    is_one_of(t, k, "{[\"")) {
			const char *c = t->s.s + t->g[k].off;

			stack[depth++] =
			    *c == '{' ? '}' : *c == '[' ? ']' : '"';
		}
		if (depth == 0)
			return k + 1;
	}
	return 0;
}

/*
 * Glyphs FROM to TO of T into OUT, with the outermost groups that open with
 * one of OPENERS written as their brackets around an ellipsis: "{…}", "[…]",
 * "\"…\"", when that saves room: "hi" stays. The call's shape stays in view
 * when its arguments do not fit.
 */
static void
text_collapse(struct text *out, const struct text *t, size_t from, size_t to,
    const char *openers)
{
	size_t k = from;

	while (k < to) {
		size_t e;

		if (is_one_of(t, k, openers) && (e = group_end(t, k)) != 0 &&
		    e <= to && width_of(t, k + 1, e - 1) > COLLAPSE_MIN) {
			text_sub(out, t, k, k + 1);
			text_add(out, ELLIPSIS, strlen(ELLIPSIS), 1);
			text_sub(out, t, e - 1, e);
			k = e;
			continue;
		}
		if (is_one_of(t, k, "{[\"") && (e = group_end(t, k)) != 0 &&
		    e <= to) {
			/* Left whole: nothing inside it is outermost. */
			text_sub(out, t, k, e);
			k = e;
			continue;
		}
		text_sub(out, t, k, k + 1);
		k++;
	}
}

/*
 * A call line cut to ROOM, what matters most kept longest: first the
 * structures give way ("connect(3, {…}, 16) = 0"), then the arrays, then the
 * strings. When none of that is enough the arguments are cut, so that what
 * the call returned stays in view ("socket(AF_INET, SOCK… = 3"), unless the
 * result itself is too long to keep. RESULT: T ends in one (" = 0"); a
 * blocked call's first half does not.
 */
static void
text_fit_call(struct text *out, const struct text *t, int room, bool result)
{
	static const char *const stages[] = { "{", "{[", "{[\"" };
	size_t r = result ? result_at(t) : t->n;
	struct text c;
	int tail;

	if (t->width <= room) {
		text_sub(out, t, 0, t->n);
		return;
	}
	memset(&c, 0, sizeof(c));
	for (size_t i = 0; i < sizeof(stages) / sizeof(stages[0]); i++) {
		text_free(&c);
		text_collapse(&c, t, 0, r, stages[i]);
		text_sub(&c, t, r, t->n);
		if (c.width <= room) {
			text_sub(out, &c, 0, c.n);
			text_free(&c);
			return;
		}
	}
	/* Cut it is: the data a learner sent is worth more than its length. */
	text_free(&c);
	text_collapse(&c, t, 0, r, stages[1]);
	text_sub(&c, t, r, t->n);
	r = result ? result_at(&c) : c.n;
	tail = width_of(&c, r, c.n);
	if (r == c.n || tail > room / 2 || room - tail < 4) {
		text_fit(out, &c, room);
	} else {
		text_fit_from(out, &c, 0, r, room - tail);
		text_sub(out, &c, r, c.n);
	}
	text_free(&c);
}

/* A blocked call's two halves: "accept(3, NULL, NULL)" and "= 4". */
static void
call_head(struct text *out, const struct text *t)
{
	text_sub(out, t, 0, result_at(t));
}

static void
call_tail(struct text *out, const struct text *t)
{
	size_t r = result_at(t);

	if (r < t->n)
		text_sub(out, t, r + 1, t->n);
}

/* ---- the plan: rows in order, shared by both renderers ---- */

enum row_kind {
	ROW_PACKET,	/* an arrow */
	ROW_CALL,	/* a call that did not wait: one line */
	ROW_STATE,
	ROW_BEGIN,	/* a blocked call begins, its bracket opens */
	ROW_END		/* ...and returns */
};

struct row {
	enum row_kind	 kind;
	size_t		 item;
	int		 side;		/* 0 left, 1 right */
	int		 lane;		/* BEGIN and END: which bracket */
};

struct plan {
	struct row	*rows;
	size_t		 n;
	int		 lanes[2];	/* brackets side by side, at most */
	struct text	*label;		/* each item's label, cleaned */
};

/* Where a row goes: before an item's own row (0), as it (1), after it (2). */
struct mark {
	size_t		 pos;
	int		 phase;
	struct timespec	 key;
	size_t		 item;
};

static int
ts_cmp(const struct timespec *a, const struct timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/*
 * Beginnings in the order they began; endings in the order they returned,
 * and of two returning at once the one begun later first, so brackets nest.
 */
static int
mark_cmp(const void *va, const void *vb)
{
	const struct mark *a = va, *b = vb;
	int c;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	if ((c = ts_cmp(&a->key, &b->key)) != 0)
		return c;
	if (a->item == b->item)
		return 0;
	if (a->phase == 2)
		return a->item > b->item ? -1 : 1;
	return a->item < b->item ? -1 : 1;
}

static int
side_of(const struct ladder_item *it)
{
	return it->side == LADDER_LEFT ? 0 : 1;
}

/* Drawn as a bracket: a call that slept, or one its own packets flew during. */
static bool
is_waited(const struct ladder_item *it)
{
	return it->kind == LADDER_CALL && (it->waited || it->spans);
}

/*
 * Rows follow the items' order. A blocked call opens where it began and
 * closes where it returned: its time, not its place in the list, says which
 * items fall inside, so a call listed when it returned (after the packets it
 * waited for) still opens above them.
 */
static void
plan_make(struct plan *pl, const struct ladder *ld)
{
	size_t n = ld->items != NULL ? ld->n : 0, nm = 0;
	const struct ladder_item *items = ld->items;
	struct mark *m = xcalloc(2 * n + 1, sizeof(*m));
	size_t busy[2][MAX_LANES];
	bool *plain = xcalloc(n + 1, sizeof(*plain));

	memset(pl, 0, sizeof(*pl));
	memset(busy, 0, sizeof(busy));
	pl->rows = xcalloc(2 * n + 1, sizeof(*pl->rows));
	pl->label = xcalloc(n + 1, sizeof(*pl->label));
	for (size_t i = 0; i < n; i++) {
		const struct ladder_item *it = &items[i];
		size_t s = i, e = i;

		text_clean(&pl->label[i], it->label);
		if (!is_waited(it)) {
			m[nm++] = (struct mark){ i, 1, it->begin, i };
			continue;
		}
		while (s > 0 && ts_cmp(&items[s - 1].begin, &it->begin) > 0)
			s--;
		while (e + 1 < n && ts_cmp(&items[e + 1].begin, &it->end) <= 0)
			e++;
		m[nm++] = (struct mark){ s, 0, it->begin, i };
		m[nm++] = (struct mark){ e, 2, it->end, i };
	}
	qsort(m, nm, sizeof(*m), mark_cmp);

	for (size_t k = 0; k < nm; k++) {
		const struct ladder_item *it = &items[m[k].item];
		struct row *r = &pl->rows[pl->n];
		int side = side_of(it), lane;

		r->item = m[k].item;
		r->side = side;
		switch (m[k].phase) {
		case 0:
			for (lane = 0; lane < MAX_LANES; lane++)
				if (busy[side][lane] == 0)
					break;
			if (lane == MAX_LANES) {
				/* No room for a bracket: one plain line. */
				plain[m[k].item] = true;
				r->kind = ROW_CALL;
				break;
			}
			busy[side][lane] = m[k].item + 1;
			r->kind = ROW_BEGIN;
			r->lane = lane;
			if (lane + 1 > pl->lanes[side])
				pl->lanes[side] = lane + 1;
			break;
		case 1:
			r->kind = it->kind == LADDER_PACKET ? ROW_PACKET :
			    it->kind == LADDER_STATE ? ROW_STATE : ROW_CALL;
			break;
		default:
			if (plain[m[k].item])
				continue;
			for (lane = 0; lane < MAX_LANES; lane++)
				if (busy[side][lane] == m[k].item + 1)
					break;
			if (lane == MAX_LANES)
				continue;
			busy[side][lane] = 0;
			r->kind = ROW_END;
			r->lane = lane;
			break;
		}
		pl->n++;
	}
	free(m);
	free(plain);
}

static void
plan_free(struct plan *pl, size_t nitems)
{
	for (size_t i = 0; i < nitems; i++)
		text_free(&pl->label[i]);
	free(pl->label);
	free(pl->rows);
}

/* The text a row writes beside its lifeline (a call, or half of one). */
static void
row_text(struct text *out, const struct plan *pl, const struct row *r)
{
	const struct text *t = &pl->label[r->item];

	if (r->kind == ROW_BEGIN)
		call_head(out, t);
	else if (r->kind == ROW_END)
		call_tail(out, t);
	else
		text_sub(out, t, 0, t->n);
}

/* ---- the terminal ---- */

/*
 * Layout in columns. Left to right: the left calls' text (TL columns), a
 * space and two columns per bracket lane, a space, the left lifeline at XL,
 * M columns between the lifelines, the right lifeline at XR, a space, the
 * right lanes, the right calls' text (TR columns).
 */
#define MID_MIN		30	/* so an arrow still looks like one */
#define SIDE_MIN	16	/* the calls keep this, when they need it */
#define MID_SHARE	40	/* the middle's most, in percent */
#define ARROW_EXTRA	7	/* an arrow around its label: "├─ ", " ─╮  " */
#define DROP		3	/* the arrow's bend, before the far lifeline */

struct layout {
	int		 w;		/* the grid's width */
	int		 tl, tr, m;
	int		 xl, xr;
	int		 lanes[2];
};

/* Labels in one row, at most: the two titles. */
#define ROW_TEXTS	2

struct cell {
	const char	*s;		/* NULL: a space */
	size_t		 len;
	bool		 cont;		/* the right half of a wide glyph */
};

struct grid {
	struct cell	*c;
	int		 w;
	bool		 active[2][MAX_LANES];	/* brackets open at this row */
	/* Labels of the row being drawn: its cells point into them. */
	struct text	 scratch[ROW_TEXTS];
	int		 nscratch;
};

/* A fresh text that lives until the row is written. */
static struct text *
grid_text(struct grid *g)
{
	/* Reusing one would leave the row's cells pointing at freed bytes. */
	if (g->nscratch == ROW_TEXTS)
		abort();
	return &g->scratch[g->nscratch++];
}

static void
cell_clear(struct grid *g, int k)
{
	if (g->c[k].cont && k > 0)
		g->c[k - 1] = (struct cell){ NULL, 0, false };
	g->c[k] = (struct cell){ NULL, 0, false };
	if (k + 1 < g->w && g->c[k + 1].cont)
		g->c[k + 1] = (struct cell){ NULL, 0, false };
}

/* One glyph at COL; false when it does not fit, and nothing is written. */
static bool
grid_put(struct grid *g, int col, const char *s, size_t len, int width)
{
	if (col < 0 || width < 1 || col > g->w - width)
		return false;
	for (int k = col; k < col + width; k++)
		cell_clear(g, k);
	g->c[col] = (struct cell){ s, len, false };
	if (width == 2)
		g->c[col + 1].cont = true;
	return true;
}

static void
box(struct grid *g, int col, const char *s)
{
	grid_put(g, col, s, strlen(s), 1);
}

static void
hline(struct grid *g, int from, int to)
{
	for (int k = from; k < to; k++)
		box(g, k, "─");
}

/* T from COL on; the cells point into T, which outlives the row (grid_text). */
static void
put_text(struct grid *g, int col, const struct text *t)
{
	for (size_t k = 0; k < t->n; k++) {
		if (!grid_put(g, col, t->s.s + t->g[k].off, t->g[k].len,
		    t->g[k].width))
			break;
		col += t->g[k].width;
	}
}

/* The row as a line: trailing spaces dropped, '\n' at the end. */
static void
grid_emit(struct strbuf *sb, struct grid *g)
{
	int last = -1;

	for (int k = 0; k < g->w; k++)
		if (g->c[k].s != NULL || g->c[k].cont)
			last = k;
	for (int k = 0; k <= last; k++) {
		if (g->c[k].cont)
			continue;
		if (g->c[k].s != NULL)
			sb_addn(sb, g->c[k].s, g->c[k].len);
		else
			sb_addc(sb, ' ');
	}
	sb_addc(sb, '\n');
	for (int k = 0; k < g->w; k++)
		g->c[k] = (struct cell){ NULL, 0, false };
	for (int i = 0; i < g->nscratch; i++)
		text_free(&g->scratch[i]);
	g->nscratch = 0;
}

static int
bar_col(const struct layout *lo, int side, int lane)
{
	return side == 0 ? lo->xl - 2 - 2 * lane : lo->xr + 2 + 2 * lane;
}

/* The lifelines, and the bracket of every call still waiting. */
static void
grid_lifelines(struct grid *g, const struct layout *lo)
{
	box(g, lo->xl, "│");
	box(g, lo->xr, "│");
	for (int side = 0; side < 2; side++)
		for (int lane = 0; lane < lo->lanes[side]; lane++)
			if (g->active[side][lane])
				box(g, bar_col(lo, side, lane), "┆");
}

static int
imin(int a, int b)
{
	return a < b ? a : b;
}

static int
imax(int a, int b)
{
	return a > b ? a : b;
}

/*
 * The arrows' labels come first, being what the diagram is about: the middle
 * takes what they need (at least MID_MIN), as long as that leaves each
 * side's calls SIDE_MIN and is no more than MID_SHARE of the width when there
 * are calls at all; what remains goes to the calls, shared evenly where both
 * need more. A wide terminal shows everything, and the diagram keeps its
 * natural size.
 */
static void
layout_text(struct layout *lo, const struct plan *pl, int width,
    const int title_width[2])
{
	int need[2] = { 0, 0 }, need_m = 0, avail, rest, reserve;
	bool calls;
	struct text t;

	memset(lo, 0, sizeof(*lo));
	for (size_t i = 0; i < pl->n; i++) {
		const struct row *r = &pl->rows[i];
		const struct text *l = &pl->label[r->item];

		switch (r->kind) {
		case ROW_PACKET:
			need_m = imax(need_m, l->width + ARROW_EXTRA);
			break;
		case ROW_STATE:
			need_m = imax(need_m, l->width + 4);
			break;
		default:
			memset(&t, 0, sizeof(t));
			row_text(&t, pl, r);
			need[r->side] = imax(need[r->side], t.width);
			text_free(&t);
			break;
		}
	}
	/* Calls beside the lifelines share the width with the middle... */
	calls = need[0] + need[1] > 0;
	/* ...and half of each title is outside its lifeline: it is centred there. */
	for (int side = 0; side < 2; side++)
		need[side] = imax(need[side], (title_width[side] + 1) / 2);
	lo->lanes[0] = pl->lanes[0];
	lo->lanes[1] = pl->lanes[1];
	avail = imax(0, width - 4 - 2 * (lo->lanes[0] + lo->lanes[1]));
	reserve = imin(need[0], SIDE_MIN) + imin(need[1], SIDE_MIN);
	lo->m = imin(imax(need_m, MID_MIN), avail - reserve);
	if (calls)
		lo->m = imin(lo->m, imax(MID_MIN,
		    (int)((long long)avail * MID_SHARE / 100)));
	if (lo->m < 2 * DROP + 2)
		lo->m = imin(2 * DROP + 2, avail);
	rest = avail - lo->m;
	if (need[0] <= rest / 2) {
		lo->tl = need[0];
		lo->tr = imin(need[1], rest - lo->tl);
	} else if (need[1] <= rest - rest / 2) {
		lo->tr = need[1];
		lo->tl = imin(need[0], rest - lo->tr);
	} else {
		lo->tl = rest / 2;
		lo->tr = rest - rest / 2;
	}
	lo->xl = lo->tl + 1 + 2 * lo->lanes[0];
	lo->xr = lo->xl + lo->m + 1;
	lo->w = lo->xr + 2 + 2 * lo->lanes[1] + lo->tr;
}

/* The titles, each centred over its lifeline, neither crossing the middle. */
static void
text_titles(struct grid *g, const struct layout *lo, const struct ladder *ld)
{
	int mid = (lo->xl + lo->xr) / 2;

	for (int side = 0; side < 2; side++) {
		int x = side == 0 ? lo->xl : lo->xr;
		int from = side == 0 ? 0 : mid + 1;
		int to = side == 0 ? mid : g->w;	/* exclusive */
		struct text raw, *fit = grid_text(g);
		int col;

		memset(&raw, 0, sizeof(raw));
		text_clean(&raw, side == 0 ? ld->left : ld->right);
		text_fit(fit, &raw, to - from);
		text_free(&raw);
		col = imax(from, imin(x - fit->width / 2, to - fit->width));
		put_text(g, col, fit);
	}
}

/*
 * A packet over two rows: it leaves the sender's lifeline on the first, its
 * label riding on the line, and turns down to arrive on the second, so the
 * arrow slants the way the textbooks draw it: it arrives later than it left.
 *
 *   ├─ S seq 0 win 65495 ─────╮  │        │  ╭───────── S. seq 0 ack 1 ─┤
 *   │                         ╰─▶│        │◀─╯                          │
 */
static void
text_packet(struct strbuf *sb, struct grid *g, const struct layout *lo,
    const struct text *label, int side)
{
	struct text *t = grid_text(g);
	int xl = lo->xl, xr = lo->xr;

	text_fit(t, label, lo->m - ARROW_EXTRA);
	grid_lifelines(g, lo);
	if (side == 0) {
		int corner = xr - DROP, end = xl + 3 + t->width;

		box(g, xl, "├");
		if (t->width > 0) {
			box(g, xl + 1, "─");
			put_text(g, xl + 3, t);
			hline(g, end + 1, corner);
		} else {
			hline(g, xl + 1, corner);
		}
		box(g, corner, "╮");
		grid_emit(sb, g);
		grid_lifelines(g, lo);
		box(g, corner, "╰");
		hline(g, corner + 1, xr - 1);
		box(g, xr - 1, "▶");
	} else {
		int corner = xl + DROP, start = xr - 2 - t->width;

		box(g, xr, "┤");
		if (t->width > 0) {
			box(g, xr - 1, "─");
			put_text(g, start, t);
			hline(g, corner + 1, start - 1);
		} else {
			hline(g, corner + 1, xr);
		}
		box(g, corner, "╭");
		grid_emit(sb, g);
		grid_lifelines(g, lo);
		box(g, xl + 1, "◀");
		hline(g, xl + 2, corner);
		box(g, corner, "╯");
	}
	grid_emit(sb, g);
}

/* Where a side's call text begins (right side) or ends (left side). */
static int
text_edge(const struct layout *lo, int side)
{
	return side == 0 ? lo->tl : lo->xr + 2 + 2 * lo->lanes[1];
}

/*
 * A call beside its lifeline, outside the middle: the left side's flush
 * against it from the left, the right side's from the right. A blocked call
 * opens a bracket (┐ or ┌) where it began, with the call, and closes it (┘ or
 * └) where it returned, with what it returned; the bracket runs down beside
 * the lifeline meanwhile, the time the call slept in the kernel.
 */
static void
text_call(struct strbuf *sb, struct grid *g, const struct layout *lo,
    const struct plan *pl, const struct row *r)
{
	struct text raw, *t = grid_text(g);
	int side = r->side, edge = text_edge(lo, side);
	int room = side == 0 ? lo->tl : lo->tr;

	memset(&raw, 0, sizeof(raw));
	row_text(&raw, pl, r);
	if (r->kind == ROW_END)
		text_fit(t, &raw, room);
	else
		text_fit_call(t, &raw, room, r->kind == ROW_CALL);
	text_free(&raw);
	if (r->kind == ROW_BEGIN)
		g->active[side][r->lane] = true;
	grid_lifelines(g, lo);
	put_text(g, side == 0 ? edge - t->width : edge, t);
	if (r->kind != ROW_CALL) {
		int bar = bar_col(lo, side, r->lane);
		bool begin = r->kind == ROW_BEGIN;

		/* Across the lanes outside this one, to the text. */
		if (side == 0)
			hline(g, edge + 1, bar);
		else
			hline(g, bar + 1, edge - 1);
		for (int k = r->lane + 1; k < lo->lanes[side]; k++)
			if (g->active[side][k])
				box(g, bar_col(lo, side, k), "┼");
		box(g, bar, side == 0 ? (begin ? "┐" : "┘") :
		    (begin ? "┌" : "└"));
	}
	if (r->kind == ROW_END)
		g->active[side][r->lane] = false;
	grid_emit(sb, g);
}

/* A state written on the inside of its lifeline: "│ [SYN_SENT]". */
static void
text_state(struct strbuf *sb, struct grid *g, const struct layout *lo,
    const struct text *label, int side)
{
	struct text *t = grid_text(g);

	text_add(t, "[", 1, 1);
	text_fit(t, label, lo->m - 5);
	text_add(t, "]", 1, 1);
	grid_lifelines(g, lo);
	put_text(g, side == 0 ? lo->xl + 2 : lo->xr - 1 - t->width, t);
	grid_emit(sb, g);
}

void
ladder_text(struct strbuf *sb, const struct ladder *ld, int width)
{
	size_t nitems = ld->items != NULL ? ld->n : 0;
	struct text title;
	struct plan pl;
	struct layout lo;
	struct grid g;
	int wmax, tw[2];

	plan_make(&pl, ld);
	for (int side = 0; side < 2; side++) {
		memset(&title, 0, sizeof(title));
		text_clean(&title, side == 0 ? ld->left : ld->right);
		tw[side] = imin(title.width, WIDTH_CAP);
		text_free(&title);
	}
	layout_text(&lo, &pl, width, tw);
	/* As wide as the diagram and its titles, never wider than asked. */
	wmax = lo.w + tw[0] + tw[1];
	memset(&g, 0, sizeof(g));
	g.w = imax(0, imin(width, wmax));
	g.c = xcalloc((size_t)g.w + 1, sizeof(*g.c));

	text_titles(&g, &lo, ld);
	grid_emit(sb, &g);
	grid_lifelines(&g, &lo);
	grid_emit(sb, &g);
	for (size_t i = 0; i < pl.n; i++) {
		const struct row *r = &pl.rows[i];

		switch (r->kind) {
		case ROW_PACKET:
			text_packet(sb, &g, &lo, &pl.label[r->item], r->side);
			break;
		case ROW_STATE:
			text_state(sb, &g, &lo, &pl.label[r->item], r->side);
			break;
		default:
			text_call(sb, &g, &lo, &pl, r);
			break;
		}
	}
	grid_lifelines(&g, &lo);
	grid_emit(sb, &g);

	free(g.c);
	plan_free(&pl, nitems);
}
/* ---- SVG ---- */

/*
 * Sizes in pixels. Widths are estimated from columns, as the terminal counts
 * them: DejaVu Sans Mono advances 0.602em, and a Hangul syllable (two
 * columns) is at most 1em in the CJK fonts of the stack, so the estimate errs
 * on the side of room.
 */
#define SVG_FONT	"'DejaVu Sans Mono', 'Noto Sans Mono CJK KR', " \
			"'Noto Sans CJK KR', 'NanumGothicCoding', " \
			"'Malgun Gothic', monospace"
#define SVG_CW		79	/* a column at 13px, in tenths of a pixel */
#define SVG_CW_TITLE	91	/* at 15px */
#define SVG_CW_STATE	67	/* at 11px */
#define SVG_PAD		24
#define SVG_MARGIN_COLS	48	/* a call's text, at most */
#define SVG_TITLE_COLS	28
#define SVG_STATE_COLS	24
#define SVG_MID_MIN	400	/* between the lifelines, at least */
#define SVG_MID_COLS	72	/* an arrow's label, at most */
#define SVG_ROW		22	/* a call's row */
#define SVG_STATE_ROW	26
#define SVG_DROP	48	/* how much lower an arrow arrives */
#define SVG_PACKET_ROW	(SVG_DROP + 20)
#define SVG_LANE	10	/* between two brackets side by side */
#define SVG_BRACKET	16	/* the first bracket, from the lifeline */

#define SVG_C_RIGHTWARD	"#1c4e8f"	/* client to server */
#define SVG_C_LEFTWARD	"#a33a26"	/* server to client */
#define SVG_C_TEXT	"#1a1a1a"
#define SVG_C_WAIT	"#5f7592"

struct svg_layout {
	int		 xl, xr, w, h;
	int		 lanes[2];
	int		 room;		/* an arrow's label, in columns */
	int		 state_w[2];	/* the widest state box on each side */
};

static int
svg_px(int cols, int cw)
{
	return (int)(((long)cols * cw + 9) / 10);
}

/* From the lifeline to the edge of the calls' text: past the brackets. */
static int
svg_text_off(int lanes)
{
	return lanes == 0 ? 10 : SVG_BRACKET + SVG_LANE * (lanes - 1) + 10;
}

static int
svg_row_height(const struct row *r)
{
	switch (r->kind) {
	case ROW_PACKET:
		return SVG_PACKET_ROW;
	case ROW_STATE:
		return SVG_STATE_ROW;
	default:
		return SVG_ROW;
	}
}

/* T as XML character data: the five that XML reserves, escaped. */
static void
svg_escape(struct strbuf *sb, const struct text *t)
{
	for (size_t i = 0; i < t->s.len; i++) {
		switch (t->s.s[i]) {
		case '&':
			sb_add(sb, "&amp;");
			break;
		case '<':
			sb_add(sb, "&lt;");
			break;
		case '>':
			sb_add(sb, "&gt;");
			break;
		case '"':
			sb_add(sb, "&quot;");
			break;
		case '\'':
			sb_add(sb, "&apos;");
			break;
		default:
			sb_addc(sb, t->s.s[i]);
			break;
		}
	}
}

/* A label cleaned and cut to COLS, escaped. */
static void
svg_label(struct strbuf *sb, const char *label, int cols)
{
	struct text raw, fit;

	memset(&raw, 0, sizeof(raw));
	memset(&fit, 0, sizeof(fit));
	text_clean(&raw, label);
	text_fit(&fit, &raw, cols);
	svg_escape(sb, &fit);
	text_free(&raw);
	text_free(&fit);
}

/* V/10000 as a decimal, whatever LC_NUMERIC says a decimal point is. */
static void
svg_fixed(struct strbuf *sb, long v)
{
	if (v < 0) {
		sb_addc(sb, '-');
		v = -v;
	}
	sb_addf(sb, "%ld.%04ld", v / 10000, v % 10000);
}

static long
isqrt(long v)
{
	long x = v, y;

	if (v < 2)
		return v;
	for (y = (x + 1) / 2; y < x; y = (x + v / x) / 2)
		x = y;
	return x;
}

static void
svg_layout(struct svg_layout *lo, const struct plan *pl,
    const struct ladder *ld)
{
	int need[2] = { 0, 0 }, pkt = 0, mid, title[2], w;
	struct text t;

	memset(lo, 0, sizeof(*lo));
	lo->lanes[0] = pl->lanes[0];
	lo->lanes[1] = pl->lanes[1];
	for (size_t i = 0; i < pl->n; i++) {
		const struct row *r = &pl->rows[i];
		const struct text *l = &pl->label[r->item];

		switch (r->kind) {
		case ROW_PACKET:
			pkt = imax(pkt, imin(l->width, SVG_MID_COLS));
			break;
		case ROW_STATE:
			w = svg_px(imin(l->width, SVG_STATE_COLS),
			    SVG_CW_STATE) + 14;
			lo->state_w[r->side] = imax(lo->state_w[r->side], w);
			break;
		default:
			memset(&t, 0, sizeof(t));
			row_text(&t, pl, r);
			need[r->side] = imax(need[r->side],
			    imin(t.width, SVG_MARGIN_COLS));
			text_free(&t);
			break;
		}
	}
	for (int side = 0; side < 2; side++) {
		memset(&t, 0, sizeof(t));
		text_clean(&t, side == 0 ? ld->left : ld->right);
		title[side] = svg_px(imin(t.width, SVG_TITLE_COLS),
		    SVG_CW_TITLE);
		text_free(&t);
	}
	mid = imax(SVG_MID_MIN, svg_px(pkt, SVG_CW) + 80);
	mid = imax(mid, lo->state_w[0] + lo->state_w[1] + 20);
	lo->room = (mid - 80) * 10 / SVG_CW;
	lo->xl = SVG_PAD + svg_px(need[0], SVG_CW) + svg_text_off(lo->lanes[0]);
	lo->xl = imax(lo->xl, SVG_PAD + title[0] / 2);
	lo->xr = lo->xl + mid;
	lo->w = lo->xr + svg_text_off(lo->lanes[1]) + svg_px(need[1], SVG_CW) +
	    SVG_PAD;
	lo->w = imax(lo->w, lo->xr + title[1] / 2 + SVG_PAD);
	lo->h = SVG_PAD + 34;
	for (size_t i = 0; i < pl->n; i++)
		lo->h += svg_row_height(&pl->rows[i]);
	lo->h += 16 + SVG_PAD;
}

/*
 * An arrow from the sender's lifeline at Y down to the other's, its label
 * above it and slanted with it, as the textbooks letter their arrows.
 */
static void
svg_packet(struct strbuf *sb, const struct svg_layout *lo,
    const struct text *label, int side, int y)
{
	int x1 = side == 0 ? lo->xl : lo->xr, x2 = side == 0 ? lo->xr : lo->xl;
	int y1 = y + 12, y2 = y1 + SVG_DROP;
	long dx = lo->xr - lo->xl, dy = SVG_DROP;
	long len = isqrt(dx * dx + dy * dy);
	long c = dx * 10000 / len, s = dy * 10000 / len;
	const char *color = side == 0 ? SVG_C_RIGHTWARD : SVG_C_LEFTWARD;
	struct text fit;

	sb_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"%s\" stroke-width=\"1.6\" "
	    "marker-end=\"url(#head-%s)\"/>\n",
	    x1, y1, x2, y2, color, side == 0 ? "right" : "left");
	memset(&fit, 0, sizeof(fit));
	text_fit(&fit, label, lo->room);
	if (fit.n > 0) {
		/* Upright either way: a leftward arrow's text rises. */
		if (side != 0)
			s = -s;
		sb_add(sb, "<text transform=\"matrix(");
		svg_fixed(sb, c);
		sb_addc(sb, ' ');
		svg_fixed(sb, s);
		sb_addc(sb, ' ');
		svg_fixed(sb, -s);
		sb_addc(sb, ' ');
		svg_fixed(sb, c);
		sb_addf(sb, " %d %d)\" y=\"-6\" text-anchor=\"middle\" "
		    "fill=\"%s\">", (lo->xl + lo->xr) / 2, (y1 + y2) / 2,
		    color);
		svg_escape(sb, &fit);
		sb_add(sb, "</text>\n");
	}
	text_free(&fit);
}

/*
 * A call beside its side's lifeline, outside the middle. A blocked call: a
 * bracket from where it began to where it returned, dashed as the time it
 * slept, the call at its top and what it returned at its bottom.
 */
static void
svg_call(struct strbuf *sb, const struct svg_layout *lo, const struct plan *pl,
    const struct row *r, int y, int *begun)
{
	int side = r->side, off = svg_text_off(lo->lanes[side]);
	int x = side == 0 ? lo->xl - off : lo->xr + off;
	struct text raw, fit;

	memset(&raw, 0, sizeof(raw));
	memset(&fit, 0, sizeof(fit));
	row_text(&raw, pl, r);
	if (r->kind == ROW_END)
		text_fit(&fit, &raw, SVG_MARGIN_COLS);
	else
		text_fit_call(&fit, &raw, SVG_MARGIN_COLS, r->kind == ROW_CALL);
	if (fit.n > 0) {
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" "
		    "fill=\"%s\">", x, y + 15, side == 0 ? "end" : "start",
		    SVG_C_TEXT);
		svg_escape(sb, &fit);
		sb_add(sb, "</text>\n");
	}
	text_free(&raw);
	text_free(&fit);
	if (r->kind == ROW_BEGIN) {
		begun[side * MAX_LANES + r->lane] = y + SVG_ROW / 2;
	} else if (r->kind == ROW_END) {
		int dir = side == 0 ? -1 : 1;
		int bx = side == 0 ? lo->xl - SVG_BRACKET - SVG_LANE * r->lane :
		    lo->xr + SVG_BRACKET + SVG_LANE * r->lane;
		int y1 = begun[side * MAX_LANES + r->lane];
		int y2 = y + SVG_ROW / 2;

		sb_addf(sb, "<path d=\"M%d %dH%dM%d %dH%d\" stroke=\"%s\" "
		    "stroke-width=\"2\" fill=\"none\"/>\n",
		    bx + 6 * dir, y1, bx, bx, y2, bx + 6 * dir, SVG_C_WAIT);
		sb_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"%s\" stroke-width=\"2\" "
		    "stroke-dasharray=\"5 3\"/>\n",
		    bx, y1, bx, y2, SVG_C_WAIT);
	}
}

/* A state: a small box on the lifeline, reaching into the middle. */
static void
svg_state(struct strbuf *sb, const struct svg_layout *lo,
    const struct text *label, int side, int y)
{
	struct text fit;
	int bw, bx;

	memset(&fit, 0, sizeof(fit));
	text_fit(&fit, label, SVG_STATE_COLS);
	bw = svg_px(fit.width, SVG_CW_STATE) + 14;
	bx = side == 0 ? lo->xl - 6 : lo->xr + 6 - bw;
	sb_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" "
	    "rx=\"3\" fill=\"#fff5d1\" stroke=\"#b48a1e\"/>\n", bx, y + 4, bw);
	sb_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-size=\"11\" fill=\"#4d3c08\">", bx + bw / 2, y + 17);
	svg_escape(sb, &fit);
	sb_add(sb, "</text>\n");
	text_free(&fit);
}

void
ladder_svg(struct strbuf *sb, const struct ladder *ld)
{
	size_t nitems = ld->items != NULL ? ld->n : 0;
	int begun[2 * MAX_LANES] = { 0 }, y, bottom;
	struct svg_layout lo;
	struct plan pl;

	plan_make(&pl, ld);
	svg_layout(&lo, &pl, ld);
	bottom = lo.h - SVG_PAD;

	sb_add(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n",
	    lo.w, lo.h, lo.w, lo.h);
	sb_add(sb, "<title>Time-sequence diagram: ");
	svg_label(sb, ld->left, SVG_TITLE_COLS);
	sb_add(sb, " and ");
	svg_label(sb, ld->right, SVG_TITLE_COLS);
	sb_add(sb, "</title>\n<defs>\n");
	for (int side = 0; side < 2; side++)
		sb_addf(sb, "<marker id=\"head-%s\" markerWidth=\"11\" "
		    "markerHeight=\"8\" refX=\"11\" refY=\"4\" orient=\"auto\" "
		    "markerUnits=\"userSpaceOnUse\"><path d=\"M0 0L11 4L0 8z\" "
		    "fill=\"%s\"/></marker>\n", side == 0 ? "right" : "left",
		    side == 0 ? SVG_C_RIGHTWARD : SVG_C_LEFTWARD);
	sb_add(sb, "</defs>\n");
	sb_addf(sb, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	    "fill=\"#ffffff\"/>\n", lo.w, lo.h);
	sb_add(sb, "<g font-family=\"" SVG_FONT "\" font-size=\"13\" "
	    "xml:space=\"preserve\">\n");
	for (int side = 0; side < 2; side++) {
		int x = side == 0 ? lo.xl : lo.xr;

		sb_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"15\" font-weight=\"bold\" fill=\"#111111\">",
		    x, SVG_PAD + 14);
		svg_label(sb, side == 0 ? ld->left : ld->right, SVG_TITLE_COLS);
		sb_add(sb, "</text>\n");
		sb_addf(sb, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
		    "stroke=\"#333333\" stroke-width=\"2\"/>\n",
		    x, SVG_PAD + 24, x, bottom);
	}
	y = SVG_PAD + 34;
	for (size_t i = 0; i < pl.n; i++) {
		const struct row *r = &pl.rows[i];

		switch (r->kind) {
		case ROW_PACKET:
			svg_packet(sb, &lo, &pl.label[r->item], r->side, y);
			break;
		case ROW_STATE:
			svg_state(sb, &lo, &pl.label[r->item], r->side, y);
			break;
		default:
			svg_call(sb, &lo, &pl, r, y, begun);
			break;
		}
		y += svg_row_height(r);
	}
	sb_add(sb, "</g>\n</svg>\n");
	plan_free(&pl, nitems);
}
