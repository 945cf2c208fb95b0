/* loop.h: the one poll loop and its named slots: input, prompt news, capture. */
#ifndef SOCKSHELL_LOOP_H
#define SOCKSHELL_LOOP_H

#include <poll.h>
#include <stdbool.h>
#include <stddef.h>

enum loop_slot {
	LOOP_INPUT,		/* the terminal, or a script's lines */
	LOOP_NEWS,		/* the shell's descriptors, watched for the prompt */
	LOOP_CAPTURE,		/* the packet capture */
	LOOP_CHILDREN,		/* what the children `fork` made say, and their end */
	LOOP_SLOTS
};

/* What one slot waits on, and what it does when that stirs. */
struct loop_watch {
	/*
	 * Put the descriptors to wait on into FDS (at most MAX) and return how
	 * many; lower *TIMEOUT_MS to be called again after that long (-1: only
	 * when one stirs).
	 */
	size_t	(*fds)(void *ctx, struct pollfd *fds, size_t max, int *timeout_ms);
	/* FDS came back from poll (revents set); TIMED_OUT: none stirred in time. */
	void	(*ready)(void *ctx, const struct pollfd *fds, size_t n,
		    bool timed_out);
	void	*ctx;
};

/* Fill SLOT with W (NULL empties it). */
void	loop_set(enum loop_slot, const struct loop_watch *);
const struct loop_watch *loop_get(enum loop_slot);
/*
 * One round: poll every slot's descriptors at once, then hand each slot
 * what came back. Returns 0, or -1 with errno (EINTR when a signal came).
 * SIGCHLD, held off while commands run, is let in only during this wait.
 */
int	loop_once(void);

#endif
