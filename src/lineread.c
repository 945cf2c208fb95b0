/*
 * lineread.c: the terminal line reader. With Readline, its callback interface,
 * so the wait for a key is our poll() and Ctrl-C is ours to handle; without it,
 * a prompt and getline().
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_READLINE
#include <readline/history.h>
#include <readline/readline.h>
#endif

#include "lineread.h"
#include "shell.h"

#ifdef HAVE_READLINE
static char	*rl_line;
static bool	 rl_got_line;

static void
on_line(char *line)
{
	rl_line = line;
	rl_got_line = true;
	rl_callback_handler_remove();
}

void
lr_init(void)
{
	rl_readline_name = "sockshell";
	/* The shell's own handlers stay in charge of SIGINT, SIGTERM and SIGHUP. */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	using_history();
}

void
lr_end(void)
{
	rl_callback_handler_remove();
}

char *
lr_readline(const char *prompt, const char *prefill)
{
	struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };

	rl_got_line = false;
	rl_line = NULL;
	rl_callback_handler_install(prompt, on_line);
	if (prefill != NULL) {
		rl_insert_text(prefill);
		rl_redisplay();
	}
	while (!rl_got_line) {
		if (sig_quit_pending) {
			rl_callback_handler_remove();
			putchar('\n');
			return NULL;
		}
		if (sig_int_pending) {
			/* Like bash: show ^C, drop the line, fresh prompt. */
			sig_int_pending = 0;
			rl_callback_sigcleanup();
			rl_replace_line("", 0);
			rl_point = rl_end = 0;
			fputs("^C", stdout);
			rl_crlf();
			rl_on_new_line();
			rl_redisplay();
			continue;
		}
		if (poll(&p, 1, -1) == -1) {
			if (errno == EINTR)
				continue;
			rl_callback_handler_remove();
			return NULL;
		}
		rl_callback_read_char();
	}
	if (rl_line == NULL)
		putchar('\n');	/* Ctrl-D: end the prompt's line */
	return rl_line;
}

void
lr_history_add(const char *line)
{
	HIST_ENTRY *prev = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;

	if (*line == '\0' || (prev != NULL && strcmp(prev->line, line) == 0))
		return;
	add_history(line);
}

#else /* !HAVE_READLINE */

void
lr_init(void)
{
}

void
lr_end(void)
{
}

char *
lr_readline(const char *prompt, const char *prefill)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	for (;;) {
		if (sig_quit_pending)
			return NULL;
		fputs(prompt, stdout);
		if (prefill != NULL)
			printf("%s  (Enter runs it)", prefill);
		fflush(stdout);
		n = getline(&line, &cap, stdin);
		if (n >= 0)
			break;
		if (errno == EINTR && !feof(stdin)) {
			clearerr(stdin);
			sig_int_pending = 0;
			fputs("^C\n", stdout);
			continue;
		}
		free(line);
		putchar('\n');
		return NULL;
	}
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n == 0 && prefill != NULL) {
		free(line);
		return strdup(prefill);
	}
	return line;
}

void
lr_history_add(const char *line)
{
	(void)line;
}

#endif
