/* call.h: a system call from its beginning to its line: time, result, hint, expect. */
#ifndef SOCKSHELL_CALL_H
#define SOCKSHELL_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "shell.h"
#include "strbuf.h"

/*
 * One call: call_begin() names it and stamps its start; the command makes
 * the call, then call_returned() stamps its end and keeps the result; the
 * command writes the arguments into ARGS from the values the kernel got; and
 * call_end() makes the line, finds the hint, remembers the result for
 * `expect`, and emits it all.
 */
struct call {
	const char	*name;		/* as strace names it; written once, here */
	int		 fd;		/* the descriptor it acts on, or -1 */
	struct strbuf	 args;		/* between the parentheses: in ROOM while it fits */
	long		 ret;
	int		 err;		/* errno when ret == -1 */
	const char	*rettext;	/* on success, instead of the number */
	const char	*what;		/* what picks a hint of its own: the option */
	struct timespec	 begin, end;
	long		 nvcsw;		/* the thread's voluntary switches at the start */
	bool		 waited;	/* it slept in the kernel: it waited */
	bool		 announced;	/* its waiting line was printed: it was to wait */
	bool		 timed;		/* call_timed() when it began: its times are taken */
	/* CLOCK_MONOTONIC, in a shell with children and in a child: whose line goes first */
	struct timespec	 mono_begin, mono_end;
	/* call_begin sets each field above, one by one: a new one is set there too. */
	char		 room[256];
};

void	call_begin(struct call *, const char *name, int fd);
/* TO becomes FROM, its arguments its own (they may sit in FROM's room). */
void	call_move(struct call *to, struct call *from);
/*
 * Whether a call slept is asked of the kernel (getrusage before and after)
 * unless WANT is false: no `expect waited` or `expect at-once` can follow
 * (a script that has none). A trace or a child asks it anyway. Returns what
 * it was.
 */
bool	call_want_waits(bool want);
/* Are calls' times taken (a trace, a record)? Else begin and end stay zero. */
bool	call_timed(void);
void	call_returned(struct call *, long ret, int err);
void	call_end(struct shell *, struct call *);

/*
 * After a read or receive: remember the bytes for `expect "..."`, and show
 * them under the call line as `set data` says (HEX: a hexdump whatever it says).
 */
void	call_data(struct shell *, const void *, size_t, bool hex);

/*
 * Before a call that may block on FD: one line saying what it waits for, when
 * FD is blocking and not ready for EVENTS (0: readiness cannot tell, as for connect).
 * In a script (no trace, no child) the line is said only once the call has
 * waited a moment, by a watching thread (watch.h): no peek.
 */
void	wait_note(struct shell *, int fd, short events, const char *what);
/*
 * Before a send of LEN bytes: at the prompt, one of more than
 * SEND_ROOM_ASKED bytes on a unix stream also asks how much room the send
 * buffer has (SO_SNDBUF, SIOCOUTQ): more than that, and it will wait for
 * the peer.
 */
#define SEND_ROOM_ASKED	16384
void	wait_note_send(struct shell *, int fd, size_t len, const char *what);
/* Before a close that will linger: at the prompt, whether or not FD is non-blocking. */
void	wait_note_close(struct shell *, int fd, const char *what);
/*
 * The same, always decided by a peek before the call: for a call that may
 * also wait on its other end (a splice from a pipe, into a full one), whose
 * wait a watcher could not tell from a wait on FD.
 */
void	wait_note_peeked(struct shell *, int fd, short events, const char *what);
/*
 * Before a call on FD that may block though it has no waiting line (a
 * connect on loopback): what the shell holds is written out first, or, in
 * a script, once the call has waited a moment.
 */
void	wait_unsaid(struct shell *, int fd);
/*
 * The shell is about to wait (a blocking call on FD, `sleep`: -1): its
 * waiting line was said. From the call's call_begin on (or, with no call,
 * call_wait_start) packets and the children's lines print as they come.
 * The wait is over: what came by END, when the call SLEPT, prints before
 * its line.
 */
void	call_wait_begin(int fd);
void	call_wait_start(void);
void	call_wait_end(const struct timespec *end, bool slept);

#endif
