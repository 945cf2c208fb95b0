/* script.c: the loop that feeds lines to the commands, from any source. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "call.h"
#include "commands.h"
#include "event.h"
#include "lab.h"
#include "lexer.h"
#include "lineread.h"
#include "linesrc.h"
#include "news.h"
#include "print.h"
#include "script.h"
#include "strbuf.h"
#include "term.h"

/* Standard input when it is not a terminal: a pipe, a file, /dev/null. */
static struct line_src	stdin_src;
static bool		stdin_ready;

static struct line_src *
stdin_lines(void)
{
	if (!stdin_ready) {
		line_src_init(&stdin_src, STDIN_FILENO, true);
		stdin_ready = true;
	}
	return &stdin_src;
}

/*
 * After a command: should the line go on, and the shell? Signals decide
 * between commands. Ctrl-C ends a script; typed, it drops the rest of the
 * line and the prompt comes back, as in bash.
 */
static bool
keep_going(struct shell *sh, bool *line_over)
{
	if (sig_quit_pending)
		return false;
	if (term_write_error() != 0)
		return false;
	/* Before the refusal: a lookup Ctrl-C cut short is refused too, and ends with 130. */
	if (sig_int_pending) {
		sig_int_pending = 0;
		*line_over = true;
		if (!sh->interactive) {
			sh->status = 130;
			return false;
		}
	}
	return !sh->stopped;
}

/* A refused line ends a script run from a file or -c: going on could wait for ever. */
static void
refused(struct shell *sh)
{
	sh->refused = true;
	if (sh->strict && !sh->interactive)
		sh->stopped = true;
}

/* One line; *OVER when Ctrl-C dropped the rest of it. */
static bool
run_line_over(struct shell *sh, const char *line, size_t len, bool *over)
{
	struct lexed lx;
	char err[256];
	bool go = true;

	*over = false;
	if (lex_line(line, len, &lx, err, sizeof err) == -1) {
		shell_error(sh, "%s", err);
		refused(sh);
		return keep_going(sh, over);
	}
	for (size_t i = 0; i < lx.n && go && !*over; i++) {
		enum cmd_retval rv = cmd_run(sh, &lx.cmds[i]);

		if (rv == CMD_RETURN_EXIT) {
			go = false;
			break;
		}
		if (rv == CMD_RETURN_ERROR)
			refused(sh);
		go = keep_going(sh, over);
	}
	lexed_free(&lx);
	return go;
}

bool
run_line(struct shell *sh, const char *line, size_t len)
{
	bool over;

	return run_line_over(sh, line, len, &over);
}

void
shell_prompt(struct shell *sh, bool color, char *buf, size_t size)
{
	char fd[32] = "", host[32] = "";

	if (sh->fds.current != -1)
		snprintf(fd, sizeof fd, " fd%d", sh->fds.current);
	/* In the lab, the host the next socket is made on, as user@host. */
	if (lab_host() != NULL)
		snprintf(host, sizeof host, "@%s", lab_host());
	if (color)
		/* \001 and \002 tell Readline the colour codes take no room. */
		snprintf(buf, size, "\001\033[1;34m\002sockshell%s%s>\001\033[0m\002 ",
		    host, fd);
	else
		snprintf(buf, size, "sockshell%s%s> ", host, fd);
}

/* LINE as an event: echoed, or for a sink that keeps a record. */
static void
said_command_now(const char *line, size_t len, bool echo)
{
	char room[LINE_MAX_BYTES + 2];
	struct event ev;
	char *text;

	text = len < sizeof room ? room : xmalloc(len + 1);
	memcpy(text, line, len);
	text[len] = '\0';
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_COMMAND;
	ev.fd = -1;
	ev.text = text;
	ev.echo = echo;
	emit(&ev);
	if (text != room)
		free(text);
}

/* The typed or scripted line, for the sinks that keep a record. */
static inline void
said_command(const char *line, size_t len, bool echo)
{
	/* Unechoed, a line goes only to a sink that keeps a record: if there is one. */
	if (echo || emit_shown(EV_COMMAND))
		said_command_now(line, len, echo);
}

/* A line from a person at the terminal, with the news watched meanwhile. */
static char *
prompt_line(struct shell *sh, const char *prefill)
{
	char prompt[128];
	char *line;

	news_look(sh);	/* news from before the prompt goes before it */
	shell_prompt(sh, term_color(), prompt, sizeof prompt);
	term_settle();
	news_watch(sh, true);
	line = lr_readline(prompt, prefill);
	news_watch(sh, false);
	return line;
}

/* Step mode: narration shown, the command put on the prompt for the teacher. */
static bool
step_line(struct shell *sh, const char *line, size_t len)
{
	char prompt[128], *cmd = xmemdup(line, len + 1), *typed = NULL;
	struct strbuf shown = STRBUF_INIT;
	bool go, tty = isatty(STDIN_FILENO);
	const char *in;
	size_t inlen = 0, lineno;

	cmd[len] = '\0';
	if (tty) {
		typed = prompt_line(sh, cmd);
	} else {
		/* From a pipe: an empty line runs the script's command as shown. */
		shell_prompt(sh, false, prompt, sizeof prompt);
		sb_add(&shown, prompt);
		pr_clean(&shown, cmd, len);
		said_command(sb_str(&shown), shown.len, true);
		sb_free(&shown);
		if (line_src_next(stdin_lines(), &in, &inlen) == 1)
			typed = inlen == 0 ? xstrdup(cmd) : xmemdup(in, inlen + 1);
		if (typed != NULL)
			typed[inlen == 0 ? len : inlen] = '\0';
	}
	free(cmd);
	if (typed == NULL) {
		sh->step_eof = !sig_quit_pending;
		return false;
	}
	if (tty)
		lr_saveline(typed);
	else
		said_command(typed, strlen(typed), false);
	sh->refused = false;
	/*
	 * A line the teacher changed is theirs: its errors name no line of the
	 * file, and the lesson's expects, written for the step as it was, say
	 * what they wanted but fail nothing (expect).
	 */
	lineno = sh->src_line;
	sh->step_changed = strlen(typed) != len || memcmp(typed, line, len) != 0;
	if (sh->step_changed)
		sh->src_line = 0;
	go = run_line(sh, typed, strlen(typed));
	sh->src_line = lineno;
	lr_freeline(typed);
	/* A typo at a step: the same step again, as the lesson has it. */
	if (go && sh->refused && tty) {
		shell_note(sh, "the step again, as the lesson has it");
		return step_line(sh, line, len);
	}
	return go;
}

/* Is this script line only a comment or blank? */
static bool
is_narration(const char *s, size_t len, bool *comment)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	*comment = i < len && s[i] == '#';
	return i == len || *comment;
}

/* One block of narration: each comment line kept behind its "#", never taken for a call. */
struct narration {
	struct strbuf	 text;
	bool		 told;		/* a block is open */
	bool		 gap;		/* a blank line closed a paragraph */
};

static void
narrate(struct narration *n, const char *p, size_t len, bool comment)
{
	const char *t, *end = p + len;

	if (!comment) {
		if (n->told && !n->gap) {
			sb_addc(&n->text, '\n');	/* between paragraphs */
			n->gap = true;
		}
		return;
	}
	n->gap = false;
	t = memchr(p, '#', len) + 1;
	if (t < end && *t == ' ')
		t++;
	/* A blank line opens each block of narration. */
	if (!n->told)
		sb_addc(&n->text, '\n');
	n->told = true;
	sb_add(&n->text, t < end ? "# " : "#");
	sb_addn(&n->text, t, (size_t)(end - t));
	sb_addc(&n->text, '\n');
}

/* Say the narration gathered so far. */
static void
narration_flush(struct narration *n)
{
	if (n->text.len == 0)
		return;
	n->text.s[--n->text.len] = '\0';	/* the last newline */
	emit_text(EV_NARRATION, -1, sb_str(&n->text));
	sb_reset(&n->text);
}

/* Is the line at P a step of a lesson: a command, not narration, not `expect`? */
static bool
is_step(const char *p, size_t len)
{
	bool comment;
	size_t i = strspn(p, " \t");

	return !is_narration(p, len, &comment) &&
	    !(len - i >= 6 && strncmp(p + i, "expect", 6) == 0);
}

/* How many steps the lesson PATH has, for "step 3 of 12"; 0 when it cannot be read. */
static size_t
count_steps(const char *path)
{
	struct line_src ls;
	struct stat st;
	const char *p;
	size_t len, n = 0;
	int fd;

	if ((fd = open_high(path)) == -1)
		return 0;
	/* A pipe or a device is read once, by the run itself: no count then. */
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	line_src_init(&ls, fd, false);
	while (line_src_next(&ls, &p, &len) == 1)
		n += is_step(p, len);
	line_src_free(&ls);
	close(fd);
	return n;
}

/*
 * In step mode, the step last put on the prompt and the expect lines after
 * it: when one of those fails, the step comes again and they are checked
 * again.
 */
struct step_again {
	struct strbuf	 step;
	size_t		 step_line;
	struct strbuf	 expects;	/* each line and its newline */
	size_t		*lines;		/* their line numbers */
	size_t		 n, cap;
	bool		 refused;	/* the step was refused: it made no call */
};

static void
again_step(struct step_again *a, const char *p, size_t len, size_t lineno)
{
	sb_reset(&a->step);
	sb_addn(&a->step, p, len);
	a->step_line = lineno;
	sb_reset(&a->expects);
	a->n = 0;
}

/*
 * Run the expect line P; while one of the step's expects fails, the step
 * again (as the lesson has it) and its expects checked again, until they
 * hold or the teacher goes on without it (a line that makes no call).
 */
static bool
again_expect(struct shell *sh, struct step_again *a, const char *p, size_t len,
    size_t lineno)
{
	bool go;

	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->lines = xrealloc(a->lines, a->cap * sizeof *a->lines);
	}
	a->lines[a->n++] = lineno;
	sb_addn(&a->expects, p, len);
	sb_addc(&a->expects, '\n');
	/* A refused step made no call: the call before it is not the step's to judge. */
	if (a->refused) {
		shell_note(sh, "the step made no call (it was refused): its expect "
		    "is not checked");
		return true;
	}
	size_t unheld = sh->unheld, unheld_line = sh->unheld_line;

	sh->missed = false;
	go = run_line(sh, p, len);
	while (go && sh->missed && a->step.len > 0) {
		unsigned long calls = sh->calls;
		const char *e = a->expects.s;

		sh->missed = false;
		sh->src_line = a->step_line;
		go = step_line(sh, a->step.s, a->step.len);
		/* No call made: the teacher goes on without the step. */
		if (!go || sh->calls == calls)
			break;
		for (size_t i = 0; go && !sh->missed && i < a->n; i++) {
			/* A line may hold a NUL byte: the newline is looked for by length. */
			const char *nl = memchr(e, '\n', (size_t)(a->expects.s +
			    a->expects.len - e));

			sh->src_line = a->lines[i];
			go = run_line(sh, e, (size_t)(nl - e));
			e = nl + 1;
		}
		/* Made again, the step held: its misses no longer stand. */
		if (go && !sh->missed) {
			sh->unheld = unheld;
			sh->unheld_line = unheld_line;
		}
	}
	/* Tried again and still not held: one expect that did not hold, not one per try. */
	if (sh->unheld > unheld + 1) {
		sh->unheld = unheld + 1;
		sh->unheld_line = unheld > 0 ? unheld_line : lineno;
	}
	sh->missed = false;
	sh->src_line = lineno;
	return go;
}

int
run_file(struct shell *sh, const char *path, bool step)
{
	struct step_again again = { STRBUF_INIT, 0, STRBUF_INIT, NULL, 0, 0, false };
	size_t steps = step ? count_steps(path) : 0, at = 0;
	struct narration nar = { STRBUF_INIT, false, false };
	const char *saved_name = sh->src_name;
	size_t saved_line = sh->src_line;
	/* This file's expects alone, for its end; the outer file's kept for its own. */
	size_t outer_unheld = sh->unheld, outer_unheld_line = sh->unheld_line;
	bool go = true, comment, saved = sh->interactive, waits;
	struct line_src ls;
	const char *p;
	size_t len;
	struct stat st;
	int fd, rc;

	if ((fd = open_high(path)) == -1)
		return -1;
	sh->step_changed = false;
	sh->unheld = 0;
	/* Unless nothing it holds can ask whether a call slept, the kernel is asked. */
	waits = call_want_waits(true);
	if (!waits && !step && !script_may_ask_waits(NULL, path))
		call_want_waits(false);
	/* A pipe or a FIFO may keep it waiting: in the loop, which no signal slips past. */
	line_src_init(&ls, fd, fstat(fd, &st) == 0 && !S_ISREG(st.st_mode));
	sh->src_name = path;
	sh->src_line = 0;
	if (step)
		sh->interactive = true;
	while (go && (rc = line_src_next(&ls, &p, &len)) == 1) {
		sh->src_line = ls.lineno;
		if (step && is_narration(p, len, &comment)) {
			narrate(&nar, p, len, comment);
			continue;
		}
		/* At a terminal, news of the last step comes before the next narration. */
		if (step && nar.text.len > 0 && isatty(STDIN_FILENO))
			news_look(sh);
		narration_flush(&nar);
		if (step && len >= 6 && strncmp(p + strspn(p, " \t"), "expect", 6) == 0) {
			go = again_expect(sh, &again, p, len, ls.lineno);
		} else if (step) {
			nar.told = false;
			if (steps > 0)
				shell_note(sh, "step %zu of %zu", ++at, steps);
			again_step(&again, p, len, ls.lineno);
			go = step_line(sh, p, len);
			again.refused = sh->refused;
		} else {
			said_command(p, len, false);
			go = run_line(sh, p, len);
		}
	}
	narration_flush(&nar);
	if (go && rc == -1 && errno == EINTR && (sig_int_pending || sig_quit_pending)) {
		/* A signal while the script's writer was slow: it ends the run. */
		if (sig_int_pending && !sh->interactive)
			sh->status = 130;
		go = false;
	} else if (go && rc == -1) {
		shell_error(sh, "reading the script: %s", strerror(errno));
		go = false;
	}
	/* Ctrl-D at a step: where the lesson was left, to come back to. */
	if (step && sh->step_eof && at > 0 && steps > 0)
		shell_note(sh, "the lesson was left at step %zu of %zu", at, steps);
	/* The class sees that the lesson is over, not only the closes that follow. */
	if (go && step && at > 0)
		emitf(EV_NOTE, -1, P_("the end of the lesson: its one step is done",
		    "the end of the lesson: all %zu steps are done", at), at);
	/* And what did not hold, so that the end does not read as all well. */
	if (go && step && at > 0 && sh->unheld > 0)
		emitf(EV_NOTE, -1, P_("but %zu expect did not hold (line %zu)",
		    "but %zu expects did not hold (the first at line %zu)",
		    sh->unheld), sh->unheld, sh->unheld_line);
	if (outer_unheld > 0)
		sh->unheld_line = outer_unheld_line;
	sh->unheld += outer_unheld;
	line_src_free(&ls);
	close(fd);
	sh->src_name = saved_name;
	sh->src_line = saved_line;
	sh->interactive = saved;
	call_want_waits(waits);
	sb_free(&nar.text);
	sb_free(&again.step);
	sb_free(&again.expects);
	free(again.lines);
	return go;
}

bool
run_stream(struct shell *sh)
{
	struct line_src *ls = stdin_lines();
	const char *line;
	size_t len;
	bool go = true;
	int rc;

	while (go && (rc = line_src_next(ls, &line, &len)) == 1) {
		said_command(line, len, false);
		go = run_line(sh, line, len);
	}
	if (go && rc == -1 && errno == EINTR && sig_int_pending)
		sh->status = 130;
	return go;
}

bool
run_text(struct shell *sh, const char *text, bool typed)
{
	bool go = true, over = false;

	while (go && !over) {
		size_t len = strcspn(text, "\r\n");

		if (len > 0 || text[len] == '\0') {
			if (typed) {
				char *one = xmemdup(text, len + 1);

				one[len] = '\0';
				/* Even one that will not parse: the arrow keys bring it back. */
				lr_saveline(one);
				free(one);
				said_command(text, len, false);
			}
			go = run_line_over(sh, text, len, &over);
		}
		if (text[len] == '\0')
			break;
		text += len + 1;
	}
	return go;
}

bool
run_interactive(struct shell *sh)
{
	char *line;
	bool go = true;

	sh->interactive = true;
	/* As in bash: Ctrl-\\ at the prompt or in a call does not end the shell. */
	signal(SIGQUIT, SIG_IGN);
	while (go) {
		if ((line = prompt_line(sh, NULL)) == NULL)
			break;
		/*
		 * Lines pasted at once (a terminal's bracketed paste brings them
		 * as one, newlines kept) run one by one, as typed.
		 */
		go = run_text(sh, line, true);
		lr_freeline(line);
	}
	return go;
}

/* Does TEXT hold "waited" or "at-once", in any case? */
static bool
says_waits(const char *text, size_t len)
{
	/* By the rarer letters, 'w' and '-', with memchr: a long script is read fast. */
	static const struct {
		char		 c;
		const char	*word;
		size_t		 at, len;
	} marks[] = {
		{ 'w', "waited", 0, 6 }, { 'W', "waited", 0, 6 },
		{ '-', "at-once", 2, 7 },
	};

	for (size_t m = 0; m < sizeof marks / sizeof marks[0]; m++) {
		const char *p = text, *end = text + len;

		while ((p = memchr(p, marks[m].c, (size_t)(end - p))) != NULL) {
			if ((size_t)(p - text) >= marks[m].at &&
			    (size_t)(end - p) + marks[m].at >= marks[m].len &&
			    strncasecmp(p - marks[m].at, marks[m].word,
			    marks[m].len) == 0)
				return true;
			p++;
		}
	}
	return false;
}

bool
script_may_ask_waits(const char *text, const char *path)
{
	char buf[65536];
	size_t keep = 0;
	struct stat st;
	ssize_t n;
	bool found = false;
	int fd;

	if (text != NULL)
		return says_waits(text, strlen(text));
	/* Only a regular file is read twice: a pipe's bytes would be gone. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return true;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		close(fd);
		return true;
	}
	while (!found && (n = read(fd, buf + keep, sizeof buf - keep)) > 0) {
		size_t len = keep + (size_t)n;

		found = says_waits(buf, len);
		/* A word cut at the end of a block is whole in the next. */
		keep = len < 6 ? len : 6;
		memmove(buf, buf + len - keep, keep);
	}
	if (n == -1)
		found = true;
	close(fd);
	return found;
}
