/* ladder.h: the time-sequence (ladder) diagram of a conversation, on a terminal or in SVG. */
#ifndef SOCKSHELL_LADDER_H
#define SOCKSHELL_LADDER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "strbuf.h"

enum ladder_kind {
	LADDER_PACKET,	/* an arrow from SIDE to the other side */
	LADDER_CALL,	/* a call written beside SIDE's lifeline; WAITED: from BEGIN to END */
	LADDER_STATE	/* SIDE's TCP state from here on: "SYN_SENT", "ESTABLISHED" */
};

enum ladder_side { LADDER_LEFT, LADDER_RIGHT };

struct ladder_item {
	enum ladder_kind	 kind;
	enum ladder_side	 side;		/* the sender of a packet; the maker of a call */
	struct timespec		 begin;		/* a packet's time; a call's start */
	struct timespec		 end;		/* a call's return (= begin otherwise) */
	bool			 waited;	/* a call that slept in the kernel */
	bool			 spans;		/* a call its own packets flew during (connect's handshake) */
	const char		*label;		/* "S seq 0 win 65495", "accept(3, ...) = 4", "ESTABLISHED" */
};

/* Items in time order; the titles head the two lifelines ("client fd4", "server fd3"). */
struct ladder {
	const char		*left, *right;
	const struct ladder_item *items;
	size_t			 n;
};

/*
 * The diagram in Unicode box drawing, every line at most WIDTH columns
 * (display columns: Hangul counts two), WIDTH >= 80 asked of the caller;
 * lines end in '\n'.
 */
void	ladder_text(struct strbuf *, const struct ladder *, int width);
/* One self-contained SVG document: no scripts, no external references. */
void	ladder_svg(struct strbuf *, const struct ladder *);

#endif
