/*
 * check_ladder.c: the ladder diagram on a terminal and in SVG. Every line
 * within the width asked for and the lifelines straight, whatever the labels
 * hold (Hangul, controls, bytes that are not UTF-8, 500 bytes of them, a
 * thousand items); the lifecycle of a TCP connection exactly as reviewed by
 * eye (tests/golden/ladder-lifecycle-*.txt); SVG that is well-formed XML, with
 * every label escaped.
 */
#include "config.h"

#include <check.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "check_suites.h"
#include "ladder.h"
#include "strbuf.h"

#define MS(ms)			{ 1, (ms) * 1000000L }
#define CALL(side, t, l)	{ LADDER_CALL, side, MS(t), MS(t), false, false, l }
#define WAITED(side, b, e, l)	{ LADDER_CALL, side, MS(b), MS(e), true, false, l }
/* A call that did not sleep, but packets of its own flew while it ran (connect). */
#define SPANS(side, b, e, l)	{ LADDER_CALL, side, MS(b), MS(e), false, true, l }
#define PACKET(side, t, l)	{ LADDER_PACKET, side, MS(t), MS(t), false, false, l }
#define STATE(side, t, l)	{ LADDER_STATE, side, MS(t), MS(t), false, false, l }
#define L			LADDER_LEFT
#define R			LADDER_RIGHT
#define NITEMS(a)		(sizeof(a) / sizeof((a)[0]))

/*
 * A TCP connection from socket() to TIME_WAIT, two processes on loopback: the
 * server listens and blocks in accept(), the client connects (and waits for
 * the handshake), sends "hi", and closes first.
 */
static const struct ladder_item lifecycle[] = {
	CALL(R, 1, "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3"),
	CALL(R, 2, "bind(3, {sa_family=AF_INET, sin_port=htons(5000), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"),
	CALL(R, 3, "listen(3, 5) = 0"),
	STATE(R, 3, "LISTEN"),
	WAITED(R, 4, 110, "accept(3, {sa_family=AF_INET, sin_port=htons(40000), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, [128 => 16]) = 4"),
	CALL(L, 5, "socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3"),
	WAITED(L, 6, 100, "connect(3, {sa_family=AF_INET, sin_port=htons(5000), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"),
	STATE(L, 7, "SYN_SENT"),
	PACKET(L, 7, "S seq 0 win 65495 mss 65495"),
	STATE(R, 8, "SYN_RCVD"),
	PACKET(R, 8, "S. seq 0 ack 1 win 65483 mss 65495"),
	STATE(L, 9, "ESTABLISHED"),
	PACKET(L, 9, ". ack 1"),
	STATE(R, 105, "ESTABLISHED"),
	CALL(L, 120, "write(3, \"hi\", 2) = 2"),
	PACKET(L, 130, "P. seq 1:3 ack 1 len 2 \"hi\""),
	PACKET(R, 140, ". ack 3"),
	CALL(R, 150, "read(4, \"hi\", 1024) = 2"),
	CALL(L, 160, "close(3) = 0"),
	STATE(L, 160, "FIN_WAIT1"),
	PACKET(L, 170, "F. seq 3 ack 1"),
	STATE(R, 180, "CLOSE_WAIT"),
	PACKET(R, 180, ". ack 4"),
	STATE(L, 180, "FIN_WAIT2"),
	CALL(R, 190, "read(4, \"\", 1024) = 0"),
	CALL(R, 200, "close(4) = 0"),
	STATE(R, 200, "LAST_ACK"),
	PACKET(R, 210, "F. seq 1 ack 4"),
	STATE(L, 220, "TIME_WAIT"),
	PACKET(L, 220, ". ack 2"),
	STATE(R, 230, "CLOSED"),
};

static const struct ladder ld_lifecycle = {
	"client fd3", "server fd4", lifecycle, NITEMS(lifecycle)
};

/* A datagram each way, and one to a port where nobody listens. */
static const struct ladder_item udp[] = {
	CALL(R, 1, "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3"),
	CALL(R, 2, "bind(3, {sa_family=AF_INET, sin_port=htons(6000), "
	    "sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"),
	WAITED(R, 3, 20, "recvfrom(3, \"ping\", 1024, 0, {sa_family=AF_INET, "
	    "sin_port=htons(41000), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 4"),
	CALL(L, 10, "socket(AF_INET, SOCK_DGRAM, IPPROTO_IP) = 3"),
	CALL(L, 11, "sendto(3, \"ping\", 4, 0, {sa_family=AF_INET, "
	    "sin_port=htons(6000), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 4"),
	PACKET(L, 12, "UDP len 4 \"ping\""),
	CALL(R, 30, "sendto(3, \"pong\", 4, 0, {...}, 16) = 4"),
	PACKET(R, 31, "UDP len 4 \"pong\""),
	CALL(L, 40, "recvfrom(3, \"pong\", 1024, 0, NULL, NULL) = 4"),
};

static const struct ladder ld_udp = { "client fd3", "server fd3", udp, NITEMS(udp) };

static const struct ladder ld_empty = { "client", "server", NULL, 0 };

/* Hangul, markup, controls, bytes that are not UTF-8, in every place a label goes. */
static const struct ladder_item odd[] = {
	CALL(L, 1, "write(3, \"안녕하세요\", 15) = 15"),
	PACKET(L, 2, "P. seq 1:16 ack 1 len 15 \"안녕하세요\""),
	STATE(R, 3, "연결됨"),
	CALL(R, 4, "read(4, \"<b>&amp;</b> \\\"'\", 1024) = 17"),
	PACKET(R, 5, "label <&>\"'"),
	STATE(L, 6, "<&>\"'"),
	CALL(L, 7, "bad \xff\xfe\xc3( utf-8 \xed\xa0\x80 \xef\xbf\xbe = 0"),
	PACKET(L, 8, "ctl \x1b[31mred\x07 \x7f \xc2\x85 tab\there"),
	STATE(R, 9, "\xe2\x80\xaeRLO\xe2\x80\xac zw\xe2\x80\x8bsp e\xcc\x81"),
	WAITED(R, 10, 12, "\xe1\x84\x80\xe1\x85\xa1 jamo \xf0\x9f\x98\x80 = \xff"),
	PACKET(L, 11, "한"),
	CALL(L, 13, NULL),
	PACKET(R, 14, ""),
	STATE(L, 15, ""),
};

static const struct ladder ld_odd = { "클라이언트 <fd3>", "서버 & \xff", odd, NITEMS(odd) };

/* ---- helpers ---- */

static char saved_locale[256];

static void
utf8_setup(void)
{
	static const char *const names[] = { "C.UTF-8", "C.utf8", "en_US.UTF-8" };
	const char *cur = setlocale(LC_CTYPE, NULL);

	snprintf(saved_locale, sizeof(saved_locale), "%s", cur != NULL ? cur : "C");
	for (size_t i = 0; i < NITEMS(names); i++)
		if (setlocale(LC_CTYPE, names[i]) != NULL)
			return;
	ck_abort_msg("no UTF-8 locale (C.UTF-8) to count display columns in");
}

static void
utf8_teardown(void)
{
	setlocale(LC_CTYPE, saved_locale);
}

/* What SB holds, as a malloc'd string of its own. */
static char *
take(struct strbuf *sb)
{
	char *s = xstrdup(sb_str(sb));

	sb_free(sb);
	return s;
}

static char *
render_text(const struct ladder *ld, int width)
{
	struct strbuf sb = STRBUF_INIT;

	ladder_text(&sb, ld, width);
	return take(&sb);
}

static char *
render_svg(const struct ladder *ld)
{
	struct strbuf sb = STRBUF_INIT;

	ladder_svg(&sb, ld);
	return take(&sb);
}

/*
 * The characters of one line: LEN bytes at P, well-formed UTF-8, printable
 * (no control reaches the terminal). Their display columns go to COLS[] (the
 * column each begins at), up to MAX; returns the line's width.
 */
static int
line_columns(const char *p, size_t len, int line, int *cols, const char **chars,
    int max)
{
	mbstate_t st;
	int width = 0, n = 0;

	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < len;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, p + i, len - i, &st);
		int w;

		ck_assert_msg(k != (size_t)-1 && k != (size_t)-2 && k != 0,
		    "line %d: not UTF-8 at byte %zu", line, i);
		w = wcwidth(wc);
		ck_assert_msg(w >= 0, "line %d: unprintable U+%04X", line,
		    (unsigned)wc);
		if (w > 0 && n < max && p[i] != ' ') {
			cols[n] = width;
			chars[n] = p + i;
			n++;
		}
		width += w;
		i += k;
	}
	if (n < max)
		chars[n] = NULL;
	return width;
}

/* The character at display column COL of the line, or "" when none begins there. */
static const char *
char_at(const int *cols, const char **chars, int max, int col, char *buf)
{
	for (int i = 0; i < max && chars[i] != NULL; i++) {
		if (cols[i] == col) {
			mbstate_t st;
			size_t k;

			memset(&st, 0, sizeof(st));
			k = mbrlen(chars[i], MB_CUR_MAX, &st);
			memcpy(buf, chars[i], k);
			buf[k] = '\0';
			return buf;
		}
		if (cols[i] > col)
			break;
	}
	return "";
}

#define MAXCHARS	4096

/*
 * What any diagram keeps to: lines end in '\n', no trailing space, none wider
 * than WIDTH; and (STRAIGHT) the lifelines hold their columns on every line
 * after the titles, whatever wide characters come before them. Returns the
 * number of lines.
 */
static int
check_text(const char *out, int width, bool straight)
{
	static int cols[MAXCHARS];
	static const char *chars[MAXCHARS];
	int line = 0, xl = -1, xr = -1;
	char buf[8];

	ck_assert_msg(*out != '\0', "no output");
	ck_assert_msg(out[strlen(out) - 1] == '\n', "the last line has no '\\n'");
	for (const char *p = out; *p != '\0'; line++) {
		const char *nl = strchr(p, '\n');
		size_t len = (size_t)(nl - p);
		int w;

		ck_assert_msg(len == 0 || p[len - 1] != ' ',
		    "line %d ends in a space: \"%.*s\"", line, (int)len, p);
		w = line_columns(p, len, line, cols, chars, MAXCHARS);
		ck_assert_msg(w <= width,
		    "line %d is %d columns wide (at most %d): %.*s",
		    line, w, width, (int)len, p);
		if (straight && line == 1) {
			/* The line under the titles: the two lifelines alone. */
			ck_assert_msg(chars[0] != NULL && chars[1] != NULL &&
			    chars[2] == NULL, "line 1 is not two lifelines: %.*s",
			    (int)len, p);
			xl = cols[0];
			xr = cols[1];
		} else if (straight && line > 1) {
			const char *a = char_at(cols, chars, MAXCHARS, xl, buf);

			ck_assert_msg(strcmp(a, "│") == 0 || strcmp(a, "├") == 0,
			    "line %d: the left lifeline is not at column %d: %.*s",
			    line, xl, (int)len, p);
			a = char_at(cols, chars, MAXCHARS, xr, buf);
			ck_assert_msg(strcmp(a, "│") == 0 || strcmp(a, "┤") == 0,
			    "line %d: the right lifeline is not at column %d: %.*s",
			    line, xr, (int)len, p);
		}
		p = nl + 1;
	}
	return line;
}

/* Index of the first line holding NEEDLE, or -1. */
static int
line_of(const char *out, const char *needle)
{
	int line = 0;

	for (const char *p = out; *p != '\0'; line++) {
		const char *nl = strchr(p, '\n');
		const char *hit = strstr(p, needle);

		if (hit != NULL && hit < nl)
			return line;
		p = nl + 1;
	}
	return -1;
}

static const char *
srcdir(void)
{
	const char *d = getenv("top_srcdir");

	/* Outside `make check` (a run under valgrind by hand): the tree configured. */
	return d != NULL && *d != '\0' ? d : SRCDIR_LESSONS "/..";
}

/*
 * OUT against the golden file NAME, exactly. With LADDER_GOLDEN_UPDATE set,
 * OUT is written there instead, to be reviewed by eye before it is committed.
 */
static void
compare_golden(const char *out, const char *name)
{
	char path[4096];
	struct strbuf want = STRBUF_INIT;
	char buf[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/golden/%s", srcdir(), name);
	if (getenv("LADDER_GOLDEN_UPDATE") != NULL) {
		f = fopen(path, "w");
		ck_assert_msg(f != NULL, "cannot write %s", path);
		fputs(out, f);
		ck_assert_int_eq(fclose(f), 0);
		return;
	}
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&want, buf, n);
	fclose(f);
	if (strcmp(sb_str(&want), out) != 0) {
		const char *a = sb_str(&want), *b = out;
		int line = 1;

		for (; *a != '\0' && *a == *b; a++, b++)
			if (*a == '\n')
				line++;
		ck_abort_msg("%s differs at line %d; the diagram is:\n%s", name,
		    line, out);
	}
	sb_free(&want);
}

/*
 * What any SVG here keeps to: one document, declared as SVG with its size,
 * nothing that runs or fetches, printable UTF-8 throughout; and well-formed,
 * as xmllint says when it is installed.
 */
static void
check_svg(const char *svg)
{
	char path[] = "/tmp/check_ladder_XXXXXX";
	const unsigned char *p = (const unsigned char *)svg;
	mbstate_t st;
	int fd;

	ck_assert_msg(strncmp(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg ", 44) == 0, "not an SVG document: %.60s", svg);
	ck_assert_ptr_nonnull(strstr(svg, "xmlns=\"http://www.w3.org/2000/svg\""));
	ck_assert_ptr_nonnull(strstr(svg, " viewBox=\"0 0 "));
	ck_assert_ptr_nonnull(strstr(svg, " width=\""));
	ck_assert_ptr_nonnull(strstr(svg, " height=\""));
	ck_assert_ptr_nonnull(strstr(svg, "font-family=\"'DejaVu Sans Mono', "
	    "'Noto Sans Mono CJK KR', 'Noto Sans CJK KR', 'NanumGothicCoding', "
	    "'Malgun Gothic', monospace\""));
	ck_assert_ptr_null(strstr(svg, "<script"));
	ck_assert_ptr_null(strstr(svg, "href"));
	ck_assert_ptr_null(strstr(svg, "<image"));
	ck_assert_ptr_null(strstr(svg, "foreignObject"));
	ck_assert_ptr_null(strstr(svg, "url(http"));
	ck_assert_msg(strcmp(svg + strlen(svg) - 7, "</svg>\n") == 0,
	    "no </svg> at the end");
	memset(&st, 0, sizeof(st));
	for (size_t i = 0, len = strlen(svg); i < len;) {
		size_t k;

		ck_assert_msg(p[i] >= 0x20 || p[i] == '\n',
		    "a control byte 0x%02x at %zu", p[i], i);
		k = mbrlen(svg + i, len - i, &st);
		ck_assert_msg(k != (size_t)-1 && k != (size_t)-2,
		    "not UTF-8 at byte %zu", i);
		i += k;
	}

	if (system("command -v xmllint > /dev/null 2>&1") != 0)
		return;
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, svg, strlen(svg)), (ssize_t)strlen(svg));
	close(fd);
	{
		char cmd[256];
		int status;

		snprintf(cmd, sizeof(cmd), "xmllint --noout %s", path);
		status = system(cmd);
		unlink(path);
		ck_assert_msg(status == 0, "xmllint finds the SVG not well-formed");
	}
}

/* ---- the terminal ---- */

static const int widths[] = { 80, 100, 120, 200 };

/* Every ladder at every width: within it, no trailing space, lifelines straight. */
START_TEST(test_text_widths)
{
	const struct ladder *all[] = { &ld_lifecycle, &ld_udp, &ld_empty, &ld_odd };

	for (size_t i = 0; i < NITEMS(all); i++) {
		for (size_t j = 0; j < NITEMS(widths); j++) {
			char *out = render_text(all[i], widths[j]);

			check_text(out, widths[j], true);
			free(out);
		}
	}
}
END_TEST

START_TEST(test_text_golden_80)
{
	char *out = render_text(&ld_lifecycle, 80);

	compare_golden(out, "ladder-lifecycle-80.txt");
	free(out);
}
END_TEST

START_TEST(test_text_golden_120)
{
	char *out = render_text(&ld_lifecycle, 120);

	compare_golden(out, "ladder-lifecycle-120.txt");
	free(out);
}
END_TEST

/*
 * The lifecycle, read as a student reads it: titles on top, the calls on
 * their side, the handshake inside accept()'s bracket, the arrows pointing
 * the way the packets went.
 */
START_TEST(test_text_lifecycle)
{
	char *out = render_text(&ld_lifecycle, 80);
	int open = line_of(out, "┌ accept("), syn = line_of(out, "S seq 0 win");
	int ack = line_of(out, ". ack 1 "), ret = line_of(out, "└ = 4");

	ck_assert_int_eq(line_of(out, "client fd3"), 0);
	ck_assert_int_eq(line_of(out, "server fd4"), 0);
	ck_assert_int_gt(line_of(out, "connect(3, {…}, 16) ┐ │"), 0);
	ck_assert_int_gt(line_of(out, "= 0 ┘ │"), line_of(out, "connect("));
	ck_assert_int_gt(line_of(out, "│ [SYN_SENT]"), 0);
	ck_assert_int_gt(line_of(out, "[SYN_RCVD] │"), 0);
	ck_assert_msg(open > 0 && open < syn && syn < ack && ack < ret,
	    "accept's bracket does not hold the handshake:\n%s", out);
	/* Rightward arrows end in ▶ at the server, leftward ones in ◀ at the client. */
	ck_assert_int_eq(line_of(out, "╰─▶│"), syn + 1);
	ck_assert_int_eq(line_of(out, "│◀─╯"), line_of(out, "S. seq 0 ack 1") + 1);
	/* On the server's side, right of its lifeline: never in the middle. */
	ck_assert_ptr_nonnull(strstr(out, "│   bind(3, {…}, 16) = 0\n"));
	ck_assert_ptr_nonnull(strstr(out, "│   listen(3, 5) = 0\n"));
	free(out);
}
END_TEST

/* A wide terminal shows the calls whole, a narrow one cuts them, the result kept. */
START_TEST(test_text_cut_calls)
{
	char *wide = render_text(&ld_lifecycle, 300);
	char *narrow = render_text(&ld_lifecycle, 80);

	ck_assert_ptr_nonnull(strstr(wide, "│   bind(3, {sa_family=AF_INET, "
	    "sin_port=htons(5000), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0\n"));
	ck_assert_ptr_nonnull(strstr(wide, "S. seq 0 ack 1 win 65483 mss 65495 ─┤"));
	ck_assert_ptr_null(strstr(wide, "…"));
	ck_assert_ptr_nonnull(strstr(narrow, "socket(AF_INET, … = 3"));
	ck_assert_ptr_null(strstr(narrow, "sin_port"));
	free(wide);
	free(narrow);
}
END_TEST

START_TEST(test_text_udp)
{
	char *out = render_text(&ld_udp, 100);

	ck_assert_int_gt(line_of(out, "UDP len 4 \"ping\""),
	    line_of(out, "sendto(3, \"ping\""));
	ck_assert_int_gt(line_of(out, "└ = 4"), line_of(out, "UDP len 4 \"ping\""));
	ck_assert_int_lt(line_of(out, "└ = 4"), line_of(out, "UDP len 4 \"pong\""));
	free(out);
}
END_TEST

START_TEST(test_text_empty)
{
	char *out = render_text(&ld_empty, 80);

	ck_assert_int_eq(check_text(out, 80, true), 3);
	ck_assert_int_eq(line_of(out, "client"), 0);
	ck_assert_int_eq(line_of(out, "server"), 0);
	free(out);

	/* No titles either. */
	{
		const struct ladder none = { NULL, NULL, NULL, 0 };

		out = render_text(&none, 80);
		ck_assert_int_eq(check_text(out, 80, false), 3);
		free(out);
	}
}
END_TEST

/*
 * Hangul counts two columns and keeps the lifelines straight (test_text_widths);
 * controls and bytes that are not UTF-8 come out as \ooo, never raw, and so
 * do bidi overrides and zero-width spaces; combining marks stay.
 */
START_TEST(test_text_odd_labels)
{
	char *out = render_text(&ld_odd, 200);

	ck_assert_ptr_nonnull(strstr(out, "write(3, \"안녕하세요\", 15) = 15"));
	ck_assert_ptr_nonnull(strstr(out, "[연결됨] │"));
	ck_assert_ptr_nonnull(strstr(out, "bad \\377\\376\\303( utf-8 \\355\\240\\200 "
	    "\\357\\277\\276 = 0"));
	ck_assert_ptr_nonnull(strstr(out,
	    "ctl \\033[31mred\\007 \\177 \\302\\205 tab\\011here"));
	ck_assert_ptr_nonnull(strstr(out,
	    "[\\342\\200\\256RLO\\342\\200\\254 zw\\342\\200\\213sp e\xcc\x81]"));
	ck_assert_ptr_nonnull(strstr(out, "└ = \\377"));
	ck_assert_ptr_nonnull(strstr(out, "클라이언트 <fd3>"));
	ck_assert_ptr_nonnull(strstr(out, "서버 & \\377"));
	ck_assert_ptr_null(strstr(out, "\x1b"));
	ck_assert_ptr_null(strstr(out, "\xe2\x80\xae"));
	free(out);
}
END_TEST

/* 500 bytes in every label, ASCII and Hangul: cut with "…", never past the width. */
START_TEST(test_text_long_labels)
{
	char ascii[501], hangul[502];
	struct ladder_item items[8];
	struct ladder ld = { ascii, hangul, items, NITEMS(items) };

	memset(ascii, 'x', 500);
	ascii[500] = '\0';
	for (size_t i = 0; i + 3 <= 501; i += 3)
		memcpy(hangul + i, "한", 3);
	hangul[501] = '\0';
	items[0] = (struct ladder_item)CALL(L, 1, ascii);
	items[1] = (struct ladder_item)CALL(R, 2, hangul);
	items[2] = (struct ladder_item)PACKET(L, 3, hangul);
	items[3] = (struct ladder_item)PACKET(R, 4, ascii);
	items[4] = (struct ladder_item)STATE(L, 5, hangul);
	items[5] = (struct ladder_item)STATE(R, 6, ascii);
	items[6] = (struct ladder_item)WAITED(L, 7, 9, hangul);
	items[7] = (struct ladder_item)WAITED(R, 8, 9, ascii);
	for (size_t j = 0; j < NITEMS(widths); j++) {
		char *out = render_text(&ld, widths[j]);

		check_text(out, widths[j], true);
		ck_assert_ptr_nonnull(strstr(out, "…"));
		free(out);
	}
}
END_TEST

/*
 * A thousand items, blocked calls among them: within the width, straight,
 * one row or two each.
 */
START_TEST(test_text_many)
{
	enum { N = 1000 };
	struct ladder_item *items = xcalloc(N, sizeof(*items));
	struct ladder ld = { "client fd3", "server fd4", items, N };
	char labels[N][64];	/* room for any int, as the compiler counts */
	int rows = 0;

	for (int i = 0; i < N; i++) {
		struct ladder_item *it = &items[i];

		it->kind = i % 3 == 0 ? LADDER_PACKET :
		    i % 3 == 1 ? LADDER_CALL : LADDER_STATE;
		it->side = i % 2 == 0 ? L : R;
		it->begin.tv_sec = it->end.tv_sec = i;
		if (it->kind == LADDER_CALL && i % 7 == 1) {
			it->waited = true;
			it->end.tv_sec = i + 5;
		}
		snprintf(labels[i], sizeof(labels[i]),
		    "item %d read(3, \"x\", %d) = %d", i, i, i);
		it->label = labels[i];
		rows += it->kind == LADDER_PACKET || it->waited ? 2 : 1;
	}
	for (size_t j = 0; j < NITEMS(widths); j++) {
		char *out = render_text(&ld, widths[j]);

		ck_assert_int_eq(check_text(out, widths[j], true), rows + 3);
		free(out);
	}
	free(items);
}
END_TEST

/*
 * A blocked call listed where it returned, after what happened meanwhile:
 * its bracket still opens where it began, above the packets it waited for.
 */
START_TEST(test_text_waited_listed_late)
{
	static const struct ladder_item items[] = {
		CALL(R, 1, "listen(3, 5) = 0"),
		PACKET(L, 5, "S seq 0"),
		PACKET(R, 6, "S. seq 0 ack 1"),
		PACKET(L, 7, ". ack 1"),
		WAITED(R, 2, 8, "accept(3, NULL, NULL) = 4"),
		CALL(R, 9, "close(4) = 0"),
	};
	static const struct ladder ld = { "client", "server", items, NITEMS(items) };
	char *out = render_text(&ld, 80);

	check_text(out, 80, true);
	ck_assert_int_lt(line_of(out, "listen("),
	    line_of(out, "┌ accept(3, NULL, NULL)"));
	ck_assert_int_lt(line_of(out, "┌ accept("), line_of(out, "S seq 0"));
	ck_assert_int_gt(line_of(out, "└ = 4"), line_of(out, ". ack 1"));
	ck_assert_int_lt(line_of(out, "└ = 4"), line_of(out, "close(4)"));
	free(out);
}
END_TEST

/* A connect that never slept still brackets the handshake that flew while it ran. */
START_TEST(test_text_connect_spans)
{
	static const struct ladder_item items[] = {
		SPANS(L, 4, 8, "connect(3, {...}, 16) = 0"),
		PACKET(L, 5, "S seq 0"),
		PACKET(R, 6, "S. seq 0 ack 1"),
		PACKET(L, 7, ". ack 1"),
		CALL(L, 9, "close(3) = 0"),
	};
	static const struct ladder ld = { "client", "server", items, NITEMS(items) };
	char *out = render_text(&ld, 80);

	check_text(out, 80, true);
	ck_assert_int_lt(line_of(out, "connect(3, {...}, 16) ┐"), line_of(out, "S seq 0"));
	ck_assert_int_gt(line_of(out, "= 0 ┘"), line_of(out, ". ack 1"));
	ck_assert_int_lt(line_of(out, "= 0 ┘"), line_of(out, "close(3)"));
	free(out);
}
END_TEST

/*
 * Blocked calls nested on one side take brackets side by side, crossing
 * where one opens inside another; past MAX_LANES they are written plainly.
 */
START_TEST(test_text_nested_waits)
{
	static const struct ladder_item items[] = {
		WAITED(L, 1, 20, "poll([{fd=3, events=POLLIN}], 1, -1) = 1"),
		WAITED(L, 2, 8, "read(4, \"a\", 1) = 1"),
		WAITED(L, 3, 10, "read(5, \"b\", 1) = 1"),
		WAITED(L, 4, 9, "read(6, \"c\", 1) = 1"),
		PACKET(R, 5, "P. seq 1:2 ack 1 len 1 \"a\""),
		CALL(L, 6, "getpid() = 1"),
		WAITED(L, 9, 12, "read(7, \"d\", 1) = 1"),
	};
	static const struct ladder ld = { "client", "server", items, NITEMS(items) };
	char *out = render_text(&ld, 80);

	check_text(out, 80, true);
	/* Three brackets open: the fourth call is written whole, on one line. */
	ck_assert_int_gt(line_of(out, "read(6, \"c\", 1) = 1 ┆ ┆ ┆ │"), 0);
	ck_assert_int_gt(line_of(out, "getpid() = 1 ┆ ┆ ┆ │"), 0);
	ck_assert_int_gt(line_of(out,
	    "poll([{fd=3, events=POLLIN}], 1, -1) ────┐ │"), 0);
	/*
	 * read(4) returns while read(5), outside it, still waits: its bracket
	 * closes across read(5)'s, and read(7) takes its place, crossing too.
	 */
	ck_assert_int_gt(line_of(out, "= 1 ┼─┘ ┆ │"), line_of(out, "getpid()"));
	ck_assert_int_eq(line_of(out, "read(7, \"d\", 1) ┼─┐ ┆ │"),
	    line_of(out, "= 1 ┼─┘ ┆ │") + 1);
	ck_assert_int_eq(line_of(out, "= 1 ┘ ┆ ┆ │"), line_of(out, "read(7, ") + 1);
	ck_assert_int_eq(line_of(out, "= 1 ──┘ ┆ │"), line_of(out, "read(7, ") + 2);
	ck_assert_int_eq(line_of(out, "= 1 ────┘ │"), line_of(out, "read(7, ") + 3);
	free(out);
}
END_TEST

/*
 * Narrower than asked of callers: still never past the width. And as wide as
 * an int goes: the diagram keeps its own size.
 */
START_TEST(test_text_odd_widths)
{
	static const int narrow[] = { -5, 0, 1, 10, 40, 79 };
	char *out, *natural;

	for (size_t j = 0; j < NITEMS(narrow); j++) {
		out = render_text(&ld_lifecycle, narrow[j]);
		check_text(out, narrow[j] > 0 ? narrow[j] : 0, false);
		free(out);
	}
	out = render_text(&ld_lifecycle, INT_MAX);
	natural = render_text(&ld_lifecycle, 400);
	check_text(out, 400, true);
	ck_assert_str_eq(out, natural);
	free(out);
	free(natural);
}
END_TEST

/* ---- SVG ---- */

START_TEST(test_svg_wellformed)
{
	const struct ladder *all[] = { &ld_lifecycle, &ld_udp, &ld_empty, &ld_odd };

	for (size_t i = 0; i < NITEMS(all); i++) {
		char *svg = render_svg(all[i]);

		check_svg(svg);
		free(svg);
	}
}
END_TEST

START_TEST(test_svg_lifecycle)
{
	char *svg = render_svg(&ld_lifecycle);

	/* Two lifelines, an arrow per packet with its head, a box per state. */
	ck_assert_ptr_nonnull(strstr(svg, "<marker id=\"head-right\""));
	ck_assert_ptr_nonnull(strstr(svg, "<marker id=\"head-left\""));
	ck_assert_ptr_nonnull(strstr(svg, ">S seq 0 win 65495 mss 65495</text>"));
	ck_assert_ptr_nonnull(strstr(svg,
	    ">P. seq 1:3 ack 1 len 2 &quot;hi&quot;</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">connect(3, {…}, 16)</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">= 4</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">TIME_WAIT</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "stroke-dasharray"));
	ck_assert_ptr_nonnull(strstr(svg, "<rect x=\"0\" y=\"0\""));
	{
		int n = 0;

		for (const char *p = svg; (p = strstr(p, "marker-end=")) != NULL; p++)
			n++;
		ck_assert_int_eq(n, 9);
	}
	free(svg);
}
END_TEST

/* Markup in labels is text: escaped, never a tag; controls and stray bytes as \ooo. */
START_TEST(test_svg_escaped)
{
	char *svg = render_svg(&ld_odd);

	ck_assert_ptr_nonnull(strstr(svg, ">label &lt;&amp;&gt;&quot;&apos;</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">&lt;&amp;&gt;&quot;&apos;</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "read(4, &quot;&lt;b&gt;&amp;amp;&lt;/b&gt; "));
	ck_assert_ptr_nonnull(strstr(svg, ">클라이언트 &lt;fd3&gt;</text>"));
	ck_assert_ptr_nonnull(strstr(svg, ">서버 &amp; \\377</text>"));
	ck_assert_ptr_nonnull(strstr(svg, "안녕하세요"));
	ck_assert_ptr_nonnull(strstr(svg, "bad \\377\\376\\303( utf-8"));
	ck_assert_ptr_null(strstr(svg, "<b>"));
	ck_assert_ptr_null(strstr(svg, "<&>"));
	ck_assert_ptr_null(strstr(svg, "<fd3>"));
	free(svg);
}
END_TEST

START_TEST(test_svg_long_and_many)
{
	enum { N = 1000 };
	struct ladder_item *items = xcalloc(N, sizeof(*items));
	struct ladder ld = { NULL, "server", items, N };
	char *big = xmalloc(501), *svg;

	memset(big, '<', 500);
	big[500] = '\0';
	for (int i = 0; i < N; i++) {
		items[i].kind = (enum ladder_kind)(i % 3);
		items[i].side = i % 2 == 0 ? L : R;
		items[i].begin.tv_sec = items[i].end.tv_sec = i;
		items[i].waited = i % 9 == 1;
		items[i].end.tv_sec += items[i].waited ? 4 : 0;
		items[i].label = i % 10 == 0 ? big : "&";
	}
	svg = render_svg(&ld);
	check_svg(svg);
	ck_assert_ptr_nonnull(strstr(svg, "&lt;&lt;&lt;…</text>"));
	free(svg);
	free(big);
	free(items);
}
END_TEST

Suite *
ladder_suite(void)
{
	Suite *s = suite_create("ladder");
	TCase *tc = tcase_create("text");

	tcase_add_checked_fixture(tc, utf8_setup, utf8_teardown);
	tcase_add_test(tc, test_text_widths);
	tcase_add_test(tc, test_text_golden_80);
	tcase_add_test(tc, test_text_golden_120);
	tcase_add_test(tc, test_text_lifecycle);
	tcase_add_test(tc, test_text_cut_calls);
	tcase_add_test(tc, test_text_udp);
	tcase_add_test(tc, test_text_empty);
	tcase_add_test(tc, test_text_odd_labels);
	tcase_add_test(tc, test_text_long_labels);
	tcase_add_test(tc, test_text_many);
	tcase_add_test(tc, test_text_waited_listed_late);
	tcase_add_test(tc, test_text_connect_spans);
	tcase_add_test(tc, test_text_nested_waits);
	tcase_add_test(tc, test_text_odd_widths);
	suite_add_tcase(s, tc);

	tc = tcase_create("svg");
	tcase_add_checked_fixture(tc, utf8_setup, utf8_teardown);
	tcase_add_test(tc, test_svg_wellformed);
	tcase_add_test(tc, test_svg_lifecycle);
	tcase_add_test(tc, test_svg_escaped);
	tcase_add_test(tc, test_svg_long_and_many);
	suite_add_tcase(s, tc);
	return s;
}
