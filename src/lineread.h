/* lineread.h: lines from a person at a terminal, with or without GNU Readline. */
#ifndef SOCKSHELL_LINEREAD_H
#define SOCKSHELL_LINEREAD_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

/* The most history lines kept, in memory and in the file. */
#define LR_HISTORY_MAX	1000

/*
 * What the prompt watches besides the keyboard, so the shell can tell about
 * its descriptors while a person types. The line reader knows nothing of them.
 */
struct lr_watch {
	/*
	 * Put the descriptors to wait on in FDS (at most MAX) and return how
	 * many; set *TIMEOUT_MS to look again after that long even if none
	 * stirs (-1: only when one does).
	 */
	size_t	(*fds)(void *ctx, struct pollfd *fds, size_t max, int *timeout_ms);
	/* One stirred, or the time passed: look, and tell with lr_print_above(). */
	void	(*look)(void *ctx);
	void	*ctx;
};

/*
 * Get ready to read lines from the terminal: Readline's settings, and the
 * history from lr_history_file(). Call only when stdin is a terminal.
 */
void	lr_init(void);
/* Save the history and give the terminal back. */
void	lr_end(void);
/*
 * Show PROMPT (and PREFILL already typed, for step mode) and read one line,
 * watching WATCH (may be NULL) meanwhile. Ctrl-C abandons the line and asks
 * again. Returns a malloc'd line, or NULL at end of input (Ctrl-D) or when
 * SIGTERM/SIGHUP arrived.
 */
char	*lr_readline(const char *prompt, const char *prefill,
	    const struct lr_watch *watch);
/* Print TEXT (whole lines) above the prompt, then redraw it with the half-typed line. */
void	lr_print_above(const char *text);
/* Remember a line for recall with the arrow keys (not a repeat, not an empty one). */
void	lr_history_add(const char *);
/*
 * Where the history lives: $SOCKSHELL_HISTORY (empty: nowhere), else
 * $XDG_STATE_HOME/sockshell/history, else ~/.local/state/sockshell/history.
 * A malloc'd path, or NULL for no history file.
 */
char	*lr_history_file(void);

#endif
