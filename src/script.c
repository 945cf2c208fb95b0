/* script.c: the loop that feeds lines to the commands, from any source. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "lexer.h"
#include "lineread.h"
#include "news.h"
#include "print.h"
#include "script.h"
#include "strbuf.h"

/*
 * After a command: should the line go on, and the shell? Signals decide
 * between commands. Ctrl-C ends a script; typed, it drops the rest of the
 * line and the prompt comes back, as in bash.
 */
static bool
keep_going(struct shell *sh, bool *line_over)
{
	if (sig_quit_pending || sh->stopped)
		return false;
	if (sig_int_pending) {
		sig_int_pending = 0;
		*line_over = true;
		if (!sh->interactive) {
			sh->status = 130;
			return false;
		}
	}
	return true;
}

bool
run_line(struct shell *sh, const char *line, size_t len)
{
	struct lexed lx;
	char err[256];
	bool go = true, over = false;

	if (lex_line(line, len, &lx, err, sizeof err) == -1) {
		shell_error(sh, "%s", err);
		sh->last.valid = false;
		return keep_going(sh, &over);
	}
	for (size_t i = 0; i < lx.n && go && !over; i++) {
		if (cmd_run(sh, &lx.cmds[i]) == CMD_RETURN_EXIT)
			go = false;
		else
			go = keep_going(sh, &over);
	}
	lexed_free(&lx);
	return go;
}

void
shell_prompt(struct shell *sh, char *buf, size_t size)
{
	char fd[32] = "";

	if (sh->fds.current != -1)
		snprintf(fd, sizeof fd, " fd%d", sh->fds.current);
	if (sh->color)
		/* \001 and \002 tell Readline the colour codes take no room. */
		snprintf(buf, size, "\001\033[1;34m\002sockshell%s>\001\033[0m\002 ",
		    fd);
	else
		snprintf(buf, size, "sockshell%s> ", fd);
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

/* Step mode: narration shown, the command put on the prompt for the teacher. */
static bool
step_line(struct shell *sh, const char *line, size_t len)
{
	char prompt[128], *typed, *cmd = strndup(line, len);
	bool go, tty = isatty(STDIN_FILENO);

	if (cmd == NULL)
		return false;
	shell_prompt(sh, prompt, sizeof prompt);
	if (tty) {
		typed = lr_readline(prompt, cmd, news_watch(sh));
	} else {
		size_t cap = 0;
		ssize_t n;

		/* From a pipe: an empty line runs the script's command as shown. */
		printf("%s%s\n", prompt, cmd);
		typed = NULL;
		n = getline(&typed, &cap, stdin);
		if (n == -1) {
			free(typed);
			typed = NULL;
		} else {
			if (n > 0 && typed[n - 1] == '\n')
				typed[--n] = '\0';
			if (n == 0) {
				free(typed);
				typed = strdup(cmd);
			}
		}
	}
	free(cmd);
	if (typed == NULL) {
		sh->step_eof = !sig_quit_pending;
		return false;
	}
	if (tty)
		lr_history_add(typed);
	go = run_line(sh, typed, strlen(typed));
	free(typed);
	return go;
}

bool
run_text(struct shell *sh, const char *name, const char *text, size_t len,
    bool step)
{
	const char *p = text, *end = text + len, *nl;
	bool go = true, comment, saved = sh->interactive, told = false, gap = false;
	struct strbuf words = STRBUF_INIT;

	sh->src_name = name;
	sh->src_line = 0;
	if (step)
		sh->interactive = true;
	while (go && p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		sh->src_line++;
		if (step && is_narration(p, (size_t)(nl - p), &comment)) {
			if (!comment && told && !gap) {
				putchar('\n');	/* between paragraphs of narration */
				gap = true;
			}
			if (comment) {
				gap = false;
				const char *t = memchr(p, '#', (size_t)(nl - p)) + 1;

				if (t < nl && *t == ' ')
					t++;
				/* A blank line opens each block of narration. */
				if (!told)
					putchar('\n');
				told = true;
				/* Kept behind its "#": narration is never taken for a call line. */
				sb_reset(&words);
				sb_add(&words, t < nl ? "# " : "#");
				pr_clean(&words, t, (size_t)(nl - t));
				printf("%s%s%s\n", sh->color ? "\033[36m" : "",
				    sb_str(&words), sh->color ? "\033[0m" : "");
			}
		} else if (step && (size_t)(nl - p) >= 6 &&
		    strncmp(p + strspn(p, " \t"), "expect", 6) == 0) {
			go = run_line(sh, p, (size_t)(nl - p));
		} else if (step) {
			told = false;
			go = step_line(sh, p, (size_t)(nl - p));
		} else {
			go = run_line(sh, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	sh->src_name = NULL;
	sh->interactive = saved;
	sb_free(&words);
	return go;
}

bool
run_stream(struct shell *sh, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool go = true;

	while (go && (n = getline(&line, &cap, fp)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			n--;
		go = run_line(sh, line, (size_t)n);
	}
	if (go && ferror(fp) && errno == EINTR && sig_int_pending)
		sh->status = 130;
	free(line);
	return go;
}

bool
run_interactive(struct shell *sh)
{
	char prompt[128], *line;
	bool go = true;

	sh->interactive = true;
	/* As in bash: Ctrl-\\ at the prompt or in a call does not end the shell. */
	signal(SIGQUIT, SIG_IGN);
	while (go) {
		shell_prompt(sh, prompt, sizeof prompt);
		if ((line = lr_readline(prompt, NULL, news_watch(sh))) == NULL)
			break;
		/* Even a line that will not parse: the arrow keys bring it back to mend. */
		lr_history_add(line);
		go = run_line(sh, line, strlen(line));
		free(line);
	}
	return go;
}

char *
read_file(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sb_addn(&sb, buf, (size_t)n);
	if (n == -1) {
		int err = errno;

		close(fd);
		sb_free(&sb);
		errno = err;
		return NULL;
	}
	close(fd);
	sb_addn(&sb, "", 0);
	*len = sb.len;
	return sb.s;
}
