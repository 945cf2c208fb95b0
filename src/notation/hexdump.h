/* hexdump.h: the bytes a call returned, as strace -e read=FD dumps them. */
#ifndef SOCKSHELL_HEXDUMP_H
#define SOCKSHELL_HEXDUMP_H

#include <stddef.h>

#include "strbuf.h"

/* Bytes per dump line. */
#define HEXDUMP_WIDTH	16

/*
 * Append the dump of DATA to SB, one line per 16 bytes, each ending in '\n':
 *  | 00000  68 69 0a                                          hi.              |
 * Only printable ASCII (0x20..0x7e) appears as itself, so no byte from a peer
 * reaches the terminal raw. Nothing is appended for no bytes.
 */
void	hexdump(struct strbuf *, const void *, size_t);

#endif
