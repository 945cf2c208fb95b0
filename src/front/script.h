/* script.h: running lines from a script, a pipe, a terminal, or step by step. */
#ifndef SOCKSHELL_SCRIPT_H
#define SOCKSHELL_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

#include "shell.h"

/* Run one line (maybe several commands); false when the shell should leave. */
bool	run_line(struct shell *, const char *, size_t);
/*
 * TEXT's lines one by one (-c, lines pasted at once); Ctrl-C drops those
 * still to come. TYPED: each is kept in the history and said, as typed.
 */
bool	run_text(struct shell *, const char *text, bool typed);
/*
 * Run the script at PATH as it is read; in STEP mode each command waits on
 * the prompt. Returns 1 to go on, 0 when the shell should leave, -1 when PATH
 * cannot be read (errno says why). It is struct shell's run_file.
 */
int	run_file(struct shell *, const char *path, bool step);
/*
 * Can the script (TEXT, or else the file at PATH) ask whether a call slept:
 * does it say "waited" or "at-once" anywhere? True when it cannot be told.
 */
bool	script_may_ask_waits(const char *text, const char *path);
/* Lines from standard input when it is not a terminal: no prompt. */
bool	run_stream(struct shell *);
/* Lines typed at the terminal. */
bool	run_interactive(struct shell *);
/* The prompt: "sockshell fd3> ", in colour when COLOR. */
void	shell_prompt(struct shell *, bool color, char *, size_t);

#endif
