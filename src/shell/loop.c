/* loop.c: one poll(2) over every slot's descriptors; each slot hears about its own. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "loop.h"
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
	if ((rc = poll(p, (nfds_t)total, timeout)) == -1)
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
