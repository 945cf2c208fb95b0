/* bulk.h: a file's bytes through a socket at the kernel's speed: write @FILE, read >FILE. */
#ifndef SOCKSHELL_BULK_H
#define SOCKSHELL_BULK_H

#include <stdbool.h>

#include "commands.h"

/* The bytes one sendfile or read of a transfer asks for. */
#define BULK_CHUNK	(1 << 20)
/* The calls of a transfer printed in full before the rest are summed up. */
#define BULK_SHOWN	3

/*
 * The file W names after PREFIX ('@' for write and send, '>' for read) when W
 * starts with it outside quotes: "@data" -> "data", @"my file" -> "my file",
 * "-" for the standard input or output; NULL otherwise ("@", a quoted "@x"
 * is text).
 */
const char	*bulk_file(const struct word *w, char prefix);

/*
 * write @FILE: open FILE (openat, printed), sendfile(2) it to FD in
 * BULK_CHUNK calls (splice(2) from a pipe) until end of file, an error,
 * EAGAIN or Ctrl-C, close it.
 * The first calls print in full, the rest as one summary line, the last in
 * full again; a note says how much went, how fast, and why it stopped. On a
 * terminal a progress line shows while a transfer takes over a second.
 */
enum cmd_retval	bulk_send(struct shell *, int fd, const char *path);
/*
 * read >FILE: read(2) FD in BULK_CHUNK calls and write(2) each piece to FILE
 * (opened for writing, created or truncated); splice(2) it into FILE when
 * that is a pipe; from a stream socket into a regular file or /dev/null,
 * splice(2) each piece into a pipe of the shell's and out of it into FILE;
 * until end of file, COUNT bytes (-1: no limit), an error, EAGAIN or
 * Ctrl-C. Printed as bulk_send.
 */
enum cmd_retval	bulk_recv(struct shell *, int fd, const char *path, long count);

#endif
