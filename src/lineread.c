/*
 * lineread.c: the terminal line reader. With Readline, its callback interface,
 * so the wait for a key is our poll(): Ctrl-C is ours to handle, and the
 * shell's descriptors can be watched while a person types. Without it, a
 * prompt and getline(). History lives in a file of its own across runs.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <poll.h>
#include <pwd.h>
#include <termios.h>
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
#include "strbuf.h"

/* The most descriptors a prompt watches besides the keyboard. */
#define WATCH_MAX	64

/* The terminal as it was, to give back as it was. */
static struct termios	saved_tty;
static bool		saved_tty_valid;

/*
 * The terminal echoes Ctrl-C as ^C where the cursor is, so an interrupted
 * call's line would start with it: the shell says ^C itself instead.
 */
static void
tty_quiet_ctrl(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &saved_tty) == -1)
		return;
	saved_tty_valid = true;
	t = saved_tty;
	t.c_lflag &= ~(tcflag_t)ECHOCTL;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

static void
tty_restore(void)
{
	if (saved_tty_valid)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	saved_tty_valid = false;
}

char *
lr_history_file(void)
{
	const char *env = getenv("SOCKSHELL_HISTORY"), *home;
	struct passwd *pw;
	char *path;

	if (env != NULL)
		return *env == '\0' ? NULL : xstrdup(env);
	env = getenv("XDG_STATE_HOME");
	if (env != NULL && *env == '/') {	/* the spec ignores relative ones */
		if (asprintf(&path, "%s/sockshell/history", env) == -1)
			return NULL;
		return path;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		if ((pw = getpwuid(getuid())) == NULL)
			return NULL;
		home = pw->pw_dir;
	}
	if (asprintf(&path, "%s/.local/state/sockshell/history", home) == -1)
		return NULL;
	return path;
}

#ifdef HAVE_READLINE
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

static void
on_line(char *line)
{
	rl_line = line;
	rl_got_line = true;
	rl_callback_handler_remove();
	rl_active = false;
}

void
lr_init(void)
{
	rl_readline_name = "sockshell";
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

void
lr_end(void)
{
	int n, rc;

	if (rl_active) {
		rl_callback_handler_remove();
		rl_active = false;
	}
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
			fprintf(stderr, "sockshell: history not saved: %s: %s\n",
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

char *
lr_readline(const char *prompt, const char *prefill, const struct lr_watch *w)
{
	struct pollfd p[1 + WATCH_MAX];
	size_t n;
	int timeout, rc;

	rl_got_line = false;
	rl_line = NULL;
	if (w != NULL)
		w->look(w->ctx);	/* news from before the prompt goes before it */
	rl_callback_handler_install(prompt, on_line);
	rl_active = true;
	if (prefill != NULL) {
		rl_insert_text(prefill);
		rl_redisplay();
	}
	while (!rl_got_line) {
		if (sig_quit_pending) {
			rl_callback_handler_remove();
			rl_active = false;
			putchar('\n');
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
		p[0].fd = STDIN_FILENO;
		p[0].events = POLLIN;
		timeout = -1;
		n = w != NULL ? w->fds(w->ctx, p + 1, WATCH_MAX, &timeout) : 0;
		if ((rc = poll(p, (nfds_t)n + 1, timeout)) == -1) {
			if (errno == EINTR) {
				rl_check_signals();	/* a resized window */
				continue;
			}
			rl_callback_handler_remove();
			rl_active = false;
			return NULL;
		}
		if (p[0].revents != 0)
			rl_callback_read_char();
		if (rl_got_line || w == NULL)
			continue;
		for (size_t i = 1; i <= n && rc > 0; i++)
			if (p[i].revents != 0)
				rc = 0;
		if (rc == 0)
			w->look(w->ctx);
	}
	if (rl_line == NULL)
		putchar('\n');	/* Ctrl-D: end the prompt's line */
	return rl_line;
}

void
lr_print_above(const char *text)
{
	if (!rl_active) {
		fputs(text, stdout);
		fflush(stdout);
		return;
	}
	/* Wipe the prompt and the half-typed line, print, then draw them again below. */
	rl_clear_visible_line();
	fputs(text, stdout);
	fflush(stdout);
	rl_on_new_line();
	rl_forced_update_display();
}

void
lr_history_add(const char *line)
{
	HIST_ENTRY *prev = history_length > 0 ? history_get(history_base +
	    history_length - 1) : NULL;

	if (*line == '\0' || (prev != NULL && strcmp(prev->line, line) == 0))
		return;
	add_history(line);
	history_added++;
}

#else /* !HAVE_READLINE */

/* A prompt as plain text: without the \001 \002 marks that only Readline reads. */
static void
put_prompt(const char *prompt)
{
	for (const char *p = prompt; *p != '\0'; p++)
		if (*p != '\001' && *p != '\002')
			putchar(*p);
}

static const char	*plain_prompt;	/* on the screen while not NULL */
static const char	*plain_prefill;

void
lr_init(void)
{
	tty_quiet_ctrl();
}

void
lr_end(void)
{
	tty_restore();
}

/* The prompt, and in step mode the command Enter will run. */
static void
show_prompt(void)
{
	put_prompt(plain_prompt);
	if (plain_prefill != NULL)
		printf("%s  (Enter runs it)", plain_prefill);
	fflush(stdout);
}

char *
lr_readline(const char *prompt, const char *prefill, const struct lr_watch *w)
{
	struct pollfd p[1 + WATCH_MAX];
	char *line = NULL;
	size_t cap = 0, n;
	ssize_t len;
	int timeout, rc;

	if (w != NULL)
		w->look(w->ctx);	/* news from before the prompt goes before it */
	plain_prompt = prompt;
	plain_prefill = prefill;
	show_prompt();
	for (;;) {
		if (sig_quit_pending) {
			plain_prompt = NULL;
			free(line);
			putchar('\n');
			return NULL;
		}
		if (sig_int_pending) {
			/* The terminal already dropped what was typed. */
			sig_int_pending = 0;
			fputs("^C\n", stdout);
			show_prompt();
			continue;
		}
		p[0].fd = STDIN_FILENO;
		p[0].events = POLLIN;
		timeout = -1;
		n = w != NULL ? w->fds(w->ctx, p + 1, WATCH_MAX, &timeout) : 0;
		if ((rc = poll(p, (nfds_t)n + 1, timeout)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents != 0) {
			/* A terminal hands over whole lines: getline() will not wait. */
			if ((len = getline(&line, &cap, stdin)) >= 0) {
				plain_prompt = NULL;
				if (len > 0 && line[len - 1] == '\n')
					line[--len] = '\0';
				if (len == 0 && prefill != NULL) {
					free(line);
					return xstrdup(prefill);
				}
				return line;
			}
			if (errno == EINTR && !feof(stdin)) {
				clearerr(stdin);
				continue;
			}
			break;
		}
		if (w != NULL)
			w->look(w->ctx);
	}
	plain_prompt = NULL;
	free(line);
	putchar('\n');
	return NULL;
}

void
lr_print_above(const char *text)
{
	/* No line editing to redraw: the note goes below, the prompt again after it. */
	if (plain_prompt != NULL)
		putchar('\n');
	fputs(text, stdout);
	if (plain_prompt != NULL)
		show_prompt();
	fflush(stdout);
}

void
lr_history_add(const char *line)
{
	(void)line;
}

#endif
