/*
 * linesrc.h: lines read from a descriptor as a stream (a script, a pipe, a
 * terminal without Readline), each at most LINE_MAX_BYTES + 1 long: memory
 * stays bounded whatever comes, and an over-long line is still refused whole.
 */
#ifndef SOCKSHELL_LINESRC_H
#define SOCKSHELL_LINESRC_H

#include <stdbool.h>
#include <stddef.h>

struct line_src {
	int	 fd;
	bool	 wait_in_loop;	/* wait for input in the shell's loop (a pipe, a terminal) */
	char	*buf;
	size_t	 len;		/* bytes held */
	size_t	 off;		/* where the next line starts */
	bool	 eof;
	bool	 skipping;	/* the rest of an over-long line is being dropped */
	unsigned long lineno;	/* lines returned so far */
};

void	line_src_init(struct line_src *, int fd, bool wait_in_loop);
void	line_src_free(struct line_src *);
/*
 * The next line, without its '\n', in *LINE (until the next call). Returns 1,
 * 0 at the end, or -1 with errno (EINTR: a signal came while waiting).
 */
int	line_src_next(struct line_src *, const char **line, size_t *len);
/*
 * Open PATH for reading on a descriptor far above the ones the shell hands
 * out, so a script being read never takes number 3. Returns it, or -1.
 */
int	open_high(const char *path);

#endif
