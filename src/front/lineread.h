/*
 * lineread.h: lines from a person at a terminal. Four calls make the whole
 * contract (as Lua's lua.c has it); two backends supply them: GNU Readline
 * (lineread-readline.c) and a plain reader (lineread-plain.c).
 */
#ifndef SOCKSHELL_LINEREAD_H
#define SOCKSHELL_LINEREAD_H

#include <stdbool.h>
#include <stddef.h>

/* The most history lines kept, in memory and in the file. */
#define LR_HISTORY_MAX	1000

/*
 * Get ready to read lines from the terminal: the backend's settings, and the
 * history from lr_history_file(). Call only when stdin is a terminal.
 */
void	lr_init(void);
/* Save the history and give the terminal back. */
void	lr_end(void);
/*
 * Show PROMPT (and PREFILL already typed, for step mode) and read one line.
 * While it waits, the loop (loop.h) serves its other slots; what the shell
 * says meanwhile goes above the prompt. Ctrl-C abandons the line and asks
 * again. Returns the line (free it with lr_freeline), or NULL at end of input
 * (Ctrl-D) or when SIGTERM/SIGHUP arrived.
 */
char	*lr_readline(const char *prompt, const char *prefill);
/* Remember a line for recall with the arrow keys (not a repeat, not an empty one). */
void	lr_saveline(const char *);
void	lr_freeline(char *);

#ifdef HAVE_READLINE
/* The plain backend, for a terminal when Readline cannot be opened. */
void	plain_lr_init(void);
void	plain_lr_end(void);
char	*plain_lr_readline(const char *prompt, const char *prefill);
void	plain_lr_saveline(const char *);
void	plain_lr_freeline(char *);
#endif

/* The terminal's own settings, shared by both backends (lineread.c). */
void	tty_quiet_ctrl(void);
void	tty_restore(void);
/*
 * Echo on while a person types at the prompt, off while a call runs: what is
 * typed ahead then waits for the next prompt instead of breaking a call line.
 */
void	tty_echo(bool on);
/*
 * Where the history lives: $SOCKSHELL_HISTORY (empty: nowhere), else
 * $XDG_STATE_HOME/sockshell/history, else ~/.local/state/sockshell/history.
 * A malloc'd path, or NULL for no history file.
 */
char	*lr_history_file(void);

#endif
