/* script.h: running lines from a script, a pipe, a terminal, or step by step. */
#ifndef SOCKSHELL_SCRIPT_H
#define SOCKSHELL_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "shell.h"

/* Run one line (maybe several commands); false when the shell should leave. */
bool	run_line(struct shell *, const char *, size_t);
/* Run a script held in memory; in STEP mode each command waits on the prompt. */
bool	run_text(struct shell *, const char *name, const char *text, size_t len,
	    bool step);
/* Lines from a pipe or file, no prompt. */
bool	run_stream(struct shell *, FILE *);
/* Lines typed at the terminal. */
bool	run_interactive(struct shell *);
/* The whole file in memory (so it holds no descriptor while it runs). */
char	*read_file(const char *path, size_t *len);
/* The prompt: "sockshell fd3> ". */
void	shell_prompt(struct shell *, char *, size_t);

#endif
