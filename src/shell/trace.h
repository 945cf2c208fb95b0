/*
 * trace.h: the kernel's side beside the calls: the packets of the shell's own
 * sockets (`trace`), their TCP states (`set states on`), and what both leave
 * for `diagram`, `trace save` and `expect packet`.
 *
 * A capture thread reads the packets. While the shell waits in a call (or in
 * `sleep`), the thread prints each packet as it comes; otherwise it only keeps
 * them, and the shell prints them under the call that caused them, or at the
 * prompt as news.
 */
#ifndef SOCKSHELL_TRACE_H
#define SOCKSHELL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "shell.h"
#include "strbuf.h"

struct call;
struct sockaddr;

/* `trace on [-v]`: 0, or -1 with one line in WHY (nothing changed). */
int	trace_start(struct shell *, bool verbose, struct strbuf *why);
/* `trace off`: stop capturing; what was captured stays for `diagram` and `save`. */
void	trace_stop(struct shell *);
bool	trace_running(void);
/* Forget what was kept; `trace on` and `trace off` keep adding to it. */
void	trace_clear(void);
/* Packets kept since `trace on` (or `trace load`). */
size_t	trace_count(void);
int	trace_save(const char *path, struct strbuf *why);
/* Read a pcap file as if it had just been captured: its lines, then kept. */
int	trace_load(struct shell *, const char *path, struct strbuf *why);

/* The shell is about to wait (a blocking call on FD, `sleep`: -1): packets print as they come. */
void	trace_wait_begin(int fd);
/* The wait is over: what came by END, when the call SLEPT, prints before its line. */
void	trace_wait_end(const struct timespec *end, bool slept);
/* After a call's line: the packets it caused, under it; it is kept for `diagram`. */
void	trace_call(struct shell *, const struct call *, const char *line);
/* After each command and at the prompt: packets not yet shown, and states. */
void	trace_catch_up(struct shell *, bool news);
/* Before a call to SA (connect, sendto): capture its port too. */
void	trace_watch(const struct sockaddr *sa);
/* Before a command: the names of the ends as they are now. */
void	trace_names_refresh(struct shell *);

/*
 * `expect packet F...`: did the last call cause packets with these flags, in
 * this order (others between allowed)? Waits a while for packets still on
 * their way. N 0: did it cause none (none came for half a second)? GOT gets
 * what it caused, in the same words.
 */
/*
 * A word of `expect packet`: TCP flags as tcpdump writes them ("S.", "P.",
 * "R"), in any order or case, as PKT_* bits; FLAGS_UDP, FLAGS_ICMP;
 * -1 when it is none of these.
 */
#define FLAGS_UDP	0x100
#define FLAGS_ICMP	0x200
int	trace_flags_parse(const char *word);
bool	trace_expect_flags(struct shell *, char *const *flags, size_t n,
	    struct strbuf *got);

/* The TCP state of FD as the kernel has it ("ESTABLISHED"), or NULL. */
const char *tcp_state_of(int fd);
/* Is NAME a TCP state ("ESTABLISHED", any case, without TCP_)? */
bool	tcp_state_known(const char *name);

/*
 * `diagram`: the ladder of FD's conversation (-1: the first connection
 * kept); -1 with WHY when there is none.
 */
int	trace_diagram(struct shell *, int fd, struct strbuf *out, bool svg,
	    int width, struct strbuf *why);

/* At exit: the thread stopped, everything freed. */
void	trace_end(void);

#endif
