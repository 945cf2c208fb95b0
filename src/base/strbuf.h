/* strbuf.h: a growable, NUL-terminated byte string for building output lines. */
#ifndef SOCKSHELL_STRBUF_H
#define SOCKSHELL_STRBUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

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
static inline void
sb_init_on(struct strbuf *sb, char *buf, size_t size)
{
	sb->s = buf;
	sb->s[0] = '\0';
	sb->len = 0;
	sb->cap = size;
	sb->borrowed = true;
}

/* Room for N more bytes and the NUL: what the appends below call when short. */
void	sb_grow(struct strbuf *, size_t n);

/* The appends, inline: most lines are many short pieces. */
static inline void
sb_addn(struct strbuf *sb, const char *s, size_t n)
{
	if (sb->len + n + 1 > sb->cap)
		sb_grow(sb, n);
	memcpy(sb->s + sb->len, s, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

static inline void
sb_add(struct strbuf *sb, const char *s)
{
	sb_addn(sb, s, strlen(s));
}

static inline void
sb_addc(struct strbuf *sb, char c)
{
	if (sb->len + 2 > sb->cap)
		sb_grow(sb, 1);
	sb->s[sb->len++] = c;
	sb->s[sb->len] = '\0';
}
void	sb_addf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	sb_vaddf(struct strbuf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* A number in decimal, as printf's %ld and %lu write it, without printf. */
void	sb_addulong_any(struct strbuf *, unsigned long);

/* A line's numbers are mostly one digit (a descriptor, a return): inline. */
static inline void
sb_addulong(struct strbuf *sb, unsigned long v)
{
	if (v < 10)
		sb_addc(sb, (char)('0' + v));
	else
		sb_addulong_any(sb, v);
}

static inline void
sb_addlong(struct strbuf *sb, long v)
{
	if (v < 0) {
		sb_addc(sb, '-');
		/* LONG_MIN has no positive twin: negate as unsigned. */
		sb_addulong_any(sb, -(unsigned long)v);
	} else {
		sb_addulong(sb, (unsigned long)v);
	}
}

/* Inline, as a line's buffers are made and freed a few times a call. */
static inline void
sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s != NULL)
		sb->s[0] = '\0';
}

static inline void
sb_free(struct strbuf *sb)
{
	if (!sb->borrowed && sb->s != NULL)	/* free(NULL) is still a call */
		free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
	sb->borrowed = false;
}

static inline const char *
sb_str(const struct strbuf *sb)
{
	return sb->s != NULL ? sb->s : "";
}

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
