/* lineread.h: lines from a person at a terminal, with or without GNU Readline. */
#ifndef SOCKSHELL_LINEREAD_H
#define SOCKSHELL_LINEREAD_H

#include <stdbool.h>

void	lr_init(void);
void	lr_end(void);
/*
 * Show PROMPT (and PREFILL already typed, for step mode) and read one line.
 * Ctrl-C abandons the line and asks again. Returns a malloc'd line, or NULL at
 * end of input (Ctrl-D) or when SIGTERM/SIGHUP arrived.
 */
char	*lr_readline(const char *prompt, const char *prefill);
/* Remember a line for recall with the arrow keys. */
void	lr_history_add(const char *);

#endif
