/* lexer.h: one input line into commands, each a list of words. */
#ifndef SOCKSHELL_LEXER_H
#define SOCKSHELL_LEXER_H

#include <stdbool.h>
#include <stddef.h>

/* The longest line the shell accepts, in bytes. */
#define LINE_MAX_BYTES	4096
/* The bytes "TEXT"*N repetitions may make on one line: 64 MiB. */
#define LEX_REPEAT_MAX	(64 << 20)

struct word {
	char	*s;		/* the bytes, NUL-terminated for convenience; may hold NULs */
	size_t	 len;
	bool	 quoted;	/* some part was in double quotes: always text, never fdN */
	bool	 bare_start;	/* its first byte was outside quotes (>"my file": a FILE) */
};

struct command_words {
	struct word	*v;
	size_t		 n;
};

struct lexed {
	struct command_words	*cmds;	/* one block: the words and their bytes follow */
	size_t			 n;
	size_t			 size;	/* the block's */
};

/*
 * Split LINE into commands (separated by ';') of words (bare, or double-quoted
 * with C escapes). A '#' at the start of a word starts a comment. A quoted
 * part followed at once by *N ("x"*100000) stands for N copies of it (what
 * makes on a line is at most LEX_REPEAT_MAX bytes). Returns 0, or -1 with
 * a one-line reason in ERR.
 */
int	lex_line(const char *line, size_t len, struct lexed *, char *err, size_t errlen);
void	lexed_free(struct lexed *);

/* Decode C escapes of a quoted string's inside: used by the lexer and by tests. */
int	lex_unescape(const char *, size_t, char **, size_t *, char *err, size_t errlen);

#endif
