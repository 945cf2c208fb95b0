/* print.h: the one printer of calls, their arguments and results, strace-style. */
#ifndef SOCKSHELL_PRINT_H
#define SOCKSHELL_PRINT_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

#define STRSIZE_DEFAULT	32

/* Quote data as strace does, cut after strsize bytes with "..." after the quote. */
void	pr_quoted(struct strbuf *, const void *, size_t, size_t strsize);
/*
 * Text of the shell's own for the terminal (errors, echo, narration): printable
 * ASCII and well-formed UTF-8 as they are, so Korean reads as Korean; every
 * other byte, C0 and C1 controls and stray high bytes, as a three-digit \ooo.
 */
void	pr_clean(struct strbuf *, const void *, size_t);
/*
 * LEN bytes of TEXT, cleaned as pr_clean cleans it, from column AT (the
 * cursor is there), broken between words so that no line passes WIDTH
 * columns; the lines after the first start at column AT too. Columns are
 * display columns: Hangul counts two. FIELDS (a packet's line): broken
 * first where runs of two spaces and ", " part it, its spaces kept.
 */
void	pr_wrapped(struct strbuf *, const char *text, size_t len, size_t at,
	    size_t width, bool fields);
/*
 * The length of the well-formed UTF-8 character at P, or 0: also for a C1
 * control, and for one that hides or turns text (bidi overrides, zero-width
 * characters, line separators), which are shown as bytes.
 */
size_t	pr_utf8_len(const unsigned char *, size_t avail);
/*
 * Received data whole, for the data view under a call line: " | " and one
 * line of the data after another, escaped as strace escapes (the line's own
 * \n shown, then the break); UTF8: well-formed UTF-8 as itself, not octal.
 */
void	pr_data_lines(struct strbuf *, const void *, size_t, bool utf8);
/* A pointer the way strace shows an address it does not decode. */
void	pr_ptr(struct strbuf *, const void *);
/* A value-result length: "[16]" when unchanged, "[128 => 16]" when the kernel changed it. */
void	pr_socklen(struct strbuf *, socklen_t before, socklen_t after);
/*
 * clone(2)'s flags word as strace prints it: the CLONE_ flags, then the
 * signal sent at the child's end (its low byte): "CLONE_CHILD_SETTID|SIGCHLD".
 */
void	pr_clone_flags(struct strbuf *, unsigned long);
/*
 * A wait status as strace prints the int wait4 filled in, brackets included:
 * "[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]",
 * "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL && WCOREDUMP(s)}]".
 */
void	pr_wait_status(struct strbuf *, int);
/* The separator between arguments. */
void	pr_sep(struct strbuf *);

#endif
