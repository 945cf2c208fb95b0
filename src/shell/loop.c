/* loop.c: one poll(2) over every slot's descriptors; each slot hears about its own. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "loop.h"
#include "shell.h"
#include "strbuf.h"

/* The most descriptors one slot may watch in a round. */
#define SLOT_MAX	256

static struct loop_watch	slots[LOOP_SLOTS];
static bool			filled[LOOP_SLOTS];

void
loop_set(enum loop_slot slot, const struct loop_watch *w)
{
	filled[slot] = w != NULL;
	if (w != NULL)
		slots[slot] = *w;
}

const struct loop_watch *
loop_get(enum loop_slot slot)
{
	return filled[slot] ? &slots[slot] : NULL;
}

int
loop_once(void)
{
	struct pollfd p[LOOP_SLOTS * SLOT_MAX];
	size_t at[LOOP_SLOTS], n[LOOP_SLOTS], total = 0;
	int timeout = -1, rc;
	struct timespec ts;

	for (int s = 0; s < LOOP_SLOTS; s++) {
		int t = -1;

		at[s] = total;
		n[s] = 0;
		if (!filled[s])
			continue;
		n[s] = slots[s].fds(slots[s].ctx, p + total, SLOT_MAX, &t);
		total += n[s];
		if (t >= 0 && (timeout < 0 || t < timeout))
			timeout = t;
	}
	/* What the slots said last round (news, a child's lines) is out before the wait. */
	if (timeout != 0)
		emit_flush();
	/* The wait at the prompt is where a child's SIGCHLD comes in. */
	ts.tv_sec = timeout / 1000;
	ts.tv_nsec = (long)(timeout % 1000) * 1000000L;
	rc = stop_ppoll(p, (nfds_t)total, timeout < 0 ? NULL : &ts, true);
	/* A child's SIGCHLD is the children slot's to tell: a round like any other. */
	if (rc == -1 && errno == EINTR && sig_chld_pending && !sig_int_pending &&
	    !sig_quit_pending)
		rc = 0;
	if (rc == -1)
		return -1;
	for (int s = 0; s < LOOP_SLOTS; s++) {
		bool stirred = false;

		if (!filled[s])
			continue;
		for (size_t i = 0; i < n[s]; i++)
			stirred |= p[at[s] + i].revents != 0;
		/* A slot that stirred, or every slot when the time ran out. */
		if (stirred || rc == 0)
			slots[s].ready(slots[s].ctx, p + at[s], n[s], rc == 0);
	}
	return 0;
}
