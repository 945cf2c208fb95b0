/* print.h: the one printer of calls, their arguments and results, strace-style. */
#ifndef SOCKSHELL_PRINT_H
#define SOCKSHELL_PRINT_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>

#include "shell.h"
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
/* A pointer the way strace shows an address it does not decode. */
void	pr_ptr(struct strbuf *, const void *);
/* A value-result length: "[16]" when unchanged, "[128 => 16]" when the kernel changed it. */
void	pr_socklen(struct strbuf *, socklen_t before, socklen_t after);
/* The separator between arguments. */
void	pr_sep(struct strbuf *);

/*
 * Finish LINE (the call up to and including its closing parenthesis) with its
 * result, print it, remember it for `expect`, and add a hint on failure.
 * RETTEXT, when not NULL, replaces the number on success ("0x2 (flags O_RDWR)").
 */
void	call_done(struct shell *, struct strbuf *line, const char *name, long ret,
	    int err, const char *rettext);
/* Remember the bytes a read or receive returned, for `expect "..."`. */
void	call_data(struct shell *, const void *, size_t);

/*
 * Before a call that may block on FD: one line saying what it waits for, when
 * FD is blocking and not ready for EVENTS (0: readiness cannot tell, as for connect).
 */
void	wait_note(struct shell *, int fd, short events, const char *what);

#endif
