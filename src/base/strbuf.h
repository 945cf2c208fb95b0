/* strbuf.h: a growable, NUL-terminated byte string for building output lines. */
#ifndef SOCKSHELL_STRBUF_H
#define SOCKSHELL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct strbuf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	bool	 borrowed;	/* S is the caller's array (sb_init_on): not the heap's */
};

#define STRBUF_INIT { NULL, 0, 0, false }

/*
 * SB writes into BUF (SIZE bytes, on the caller's stack) until it needs more,
 * then moves to the heap: a line that fits costs no allocation. sb_free as
 * ever; SB's string must not outlive BUF, nor be taken over (free'd by another).
 */
void	sb_init_on(struct strbuf *, char *buf, size_t size);

void	sb_add(struct strbuf *, const char *);
void	sb_addn(struct strbuf *, const char *, size_t);
void	sb_addc(struct strbuf *, char);
void	sb_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	sb_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* A number in decimal, as printf's %ld and %lu write it, without printf. */
void	sb_addlong(struct strbuf *, long);
void	sb_addulong(struct strbuf *, unsigned long);
void	sb_reset(struct strbuf *);
void	sb_free(struct strbuf *);
const char *sb_str(const struct strbuf *);

/*
 * Called when memory runs out, before the program aborts: the front end sets
 * it to say so and leave with a non-zero status.
 */
extern void	(*xalloc_failed)(void);

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
void	*xmemdup(const void *, size_t);

#endif
