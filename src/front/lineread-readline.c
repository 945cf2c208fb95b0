/*
 * lineread-readline.c: the line reader on GNU Readline's callback interface,
 * so the wait for a key is the shell's own loop: Ctrl-C is ours to handle,
 * and the shell's descriptors are watched while a person types. History lives
 * in a file of its own across runs.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rl.h"

#include "event.h"
#include "i18n.h"
#include "lineread.h"
#include "loop.h"
#include "shell.h"
#include "strbuf.h"
#include "term.h"

/* mkdir -p for the directories above PATH, private as a state directory should be. */
static void
make_parents(const char *path)
{
	char *dir = xstrdup(path), *p;

	for (p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			break;
		*p = '/';
	}
	free(dir);
}

static char	*rl_line;
static bool	 rl_got_line;
static bool	 rl_active;		/* a prompt is on the screen */
static char	*history_path;
static int	 history_added;		/* lines added in this run, to append */

static bool	 eof_asked;		/* Ctrl-D in step mode, whatever was on the line */

static void
on_line(char *line)
{
	if (eof_asked) {
		free(line);
		line = NULL;
		eof_asked = false;
	}
	rl_line = line;
	rl_got_line = true;
	rl_callback_handler_remove();
	rl_active = false;
	term_prompt_hooks(NULL, NULL);
}

/* Before the shell says something while the prompt is up: wipe the prompt and the half-typed line. */
static void
prompt_hide(void)
{
	rl_clear_visible_line();
	fflush(rl_outstream != NULL ? rl_outstream : stdout);
}

/* ...and after: draw them again below what was said. */
static void
prompt_show(void)
{
	rl_on_new_line();
	rl_forced_update_display();
}

void
lr_init(void)
{
	const char *why;

	if (!readline_open(&why)) {
		emitf(EV_NOTE, -1, _("no line editing: GNU Readline could not be "
		    "opened (%s)"), why);
		plain_lr_init();
		return;
	}
	rl_readline_name = "sockshell";
	/*
	 * Output to a file or a pipe (`| tee log`): it gets the calls alone,
	 * and the prompt and what is typed go to the terminal, as bash does.
	 */
	rl_outstream = term_prompt_stream();
	/* The shell's own handlers stay in charge of SIGINT, SIGTERM and SIGHUP. */
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	/* ...and Readline's SIGWINCH handler stays while we poll, to redraw at once. */
	rl_persistent_signal_handlers = 1;
	tty_quiet_ctrl();
	using_history();
	stifle_history(LR_HISTORY_MAX);
	history_added = 0;
	/* Only a person at a terminal has a history: never a pipe or a script. */
	if (isatty(STDIN_FILENO) && (history_path = lr_history_file()) != NULL)
		read_history(history_path);	/* none yet is fine */
}

/* The prompt leaves the screen (a line is in, or the shell leaves). */
static void
prompt_off(void)
{
	if (rl_active) {
		rl_callback_handler_remove();
		rl_active = false;
	}
	term_prompt_hooks(NULL, NULL);
}

void
lr_end(void)
{
	int n, rc;

	if (!readline_open(NULL)) {
		plain_lr_end();
		return;
	}
	prompt_off();
	tty_restore();
	if (history_path == NULL)
		return;
	if (history_added > 0) {
		/* Append this run's lines, so two shells at once both keep theirs. */
		n = history_added < history_length ? history_added : history_length;
		make_parents(history_path);
		if (access(history_path, F_OK) == 0)
			rc = append_history(n, history_path);
		else
			rc = write_history(history_path);
		if (rc == 0)
			history_truncate_file(history_path, LR_HISTORY_MAX);
		else
			emitf(EV_ERROR, -1, _("history not saved: %s: %s"),
			    history_path, strerror(rc));
	}
	free(history_path);
	history_path = NULL;
}

/* Ctrl-C at the prompt, like bash: show ^C after the line, drop it, fresh prompt. */
static void
abandon_line(void)
{
	rl_callback_sigcleanup();	/* out of a search or a half-typed key sequence */
	rl_point = rl_end;
	rl_redisplay();
	fputs("^C", rl_outstream != NULL ? rl_outstream : stdout);
	rl_crlf();
	rl_free_line_state();
	rl_replace_line("", 1);
	rl_point = rl_mark = 0;
	using_history();		/* Up starts again from the newest line */
	rl_on_new_line();
	rl_redisplay();
}

/* Step mode: Ctrl-D leaves the lesson whatever is on the line (it came typed). */
static int
eof_whatever(int count, int key)
{
	(void)count;
	(void)key;
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	eof_asked = true;
	rl_done = 1;
	return 0;
}

/* The loop's input slot: the keyboard. */
static size_t
input_fds(void *ctx, struct pollfd *p, size_t max, int *timeout_ms)
{
	(void)ctx;
	(void)max;
	(void)timeout_ms;
	p[0].fd = STDIN_FILENO;
	p[0].events = POLLIN;
	p[0].revents = 0;
	return 1;
}

static void
input_ready(void *ctx, const struct pollfd *p, size_t n, bool timed_out)
{
	(void)ctx;
	(void)timed_out;
	if (n > 0 && p[0].revents != 0)
		rl_callback_read_char();
}

char *
lr_readline(const char *prompt, const char *prefill)
{
	static const struct loop_watch input = { input_fds, input_ready, NULL };

	if (!readline_open(NULL))
		return plain_lr_readline(prompt, prefill);
	/* Readline echoes what is typed only when the terminal would. */
	tty_echo(true);
	rl_got_line = false;
	rl_line = NULL;
	eof_asked = false;
	rl_bind_key(CTRL('D'), prefill != NULL ? eof_whatever : rl_delete);
	rl_callback_handler_install(prompt, on_line);
	rl_active = true;
	term_prompt_hooks(prompt_hide, prompt_show);
	if (prefill != NULL) {
		rl_insert_text(prefill);
		rl_redisplay();
	}
	loop_set(LOOP_INPUT, &input);
	while (!rl_got_line) {
		if (sig_quit_pending) {
			prompt_off();
			rl_crlf();
			loop_set(LOOP_INPUT, NULL);
			return NULL;
		}
		if (sig_int_pending) {
			sig_int_pending = 0;
			abandon_line();
			/* In step mode Ctrl-C gives the step's command back, unedited. */
			if (prefill != NULL) {
				rl_insert_text(prefill);
				rl_redisplay();
			}
			continue;
		}
		if (loop_once() == -1) {
			if (errno == EINTR) {
				rl_check_signals();	/* a resized window */
				continue;
			}
			prompt_off();
			loop_set(LOOP_INPUT, NULL);
			return NULL;
		}
	}
	loop_set(LOOP_INPUT, NULL);
	if (rl_line == NULL)
		rl_crlf();	/* Ctrl-D: end the prompt's line */
	tty_echo(false);
	return rl_line;
}

void
lr_saveline(const char *line)
{
	HIST_ENTRY *prev;

	if (!readline_open(NULL))
		return;
	prev = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;
	if (*line == '\0' || (prev != NULL && strcmp(prev->line, line) == 0))
		return;
	add_history(line);
	history_added++;
}

void
lr_freeline(char *line)
{
	free(line);
}

