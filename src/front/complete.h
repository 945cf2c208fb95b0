/* complete.h: what Tab offers, from the command table and the shell's state. */
#ifndef SOCKSHELL_COMPLETE_H
#define SOCKSHELL_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "commands.h"
#include "shell.h"

/* The candidates for the word being typed. */
struct completion {
	char	**v;		/* the words that can stand there, sorted, NULL-terminated */
	size_t	  n;
	bool	  files;	/* a file name stands there: the file system has the candidates */
};

/*
 * The candidates for the word LINE[START..END) (END is the cursor): a command
 * name at the start of a command (after ';' too), otherwise what the
 * command's complete[] says the argument is, among those beginning with the word.
 */
void	complete_line(struct shell *, const char *line, size_t start, size_t end,
	    struct completion *);
/* The candidates of one KIND beginning with PREFIX; FD is the descriptor the command acts on, or -1. */
void	complete_kind(struct shell *, enum arg_kind, int fd, const char *prefix,
	    struct completion *);
void	completion_free(struct completion *);
/* Make Readline's Tab complete with complete_line() for this shell (nothing without Readline). */
void	complete_attach(struct shell *);

#endif
