/* width.h: how many terminal columns text takes (Hangul takes two), not how many bytes. */
#ifndef SOCKSHELL_WIDTH_H
#define SOCKSHELL_WIDTH_H

#include <stddef.h>

#include "strbuf.h"

/* Columns of the first N bytes of S in the current LC_CTYPE; a byte that is no character counts 1. */
size_t	text_width(const char *s, size_t n);
/* S, then spaces up to WIDTH columns (none when S is as wide or wider): printf's %-*s by columns. */
void	sb_addpad(struct strbuf *, const char *s, size_t width);

#endif
