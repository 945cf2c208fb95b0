/* xlat.h: tables that turn the kernel's constants into their names and back. */
#ifndef SOCKSHELL_XLAT_H
#define SOCKSHELL_XLAT_H

#include <stdbool.h>

#include "strbuf.h"

struct xlat {
	long		 val;
	const char	*name;
};

/* An entry made from the identifier itself, so name and value cannot drift apart. */
#define XLAT(x)		{ (long)(x), #x }
#define XLAT_END	{ 0, NULL }

extern const struct xlat xlat_families[];
extern const struct xlat xlat_socktypes[];
extern const struct xlat xlat_sock_flags[];
extern const struct xlat xlat_ipprotos[];
extern const struct xlat xlat_sol_levels[];
extern const struct xlat xlat_shutdown_modes[];
extern const struct xlat xlat_msg_flags[];
extern const struct xlat xlat_open_access[];
extern const struct xlat xlat_open_flags[];
extern const struct xlat xlat_poll_events[];
extern const struct xlat xlat_epoll_events[];
extern const struct xlat xlat_epoll_ctl_ops[];
extern const struct xlat xlat_tcp_states[];
extern const struct xlat xlat_clone_flags[];
extern const struct xlat xlat_wait_options[];
extern const struct xlat xlat_signals[];

/* A signal as strace names it: "SIGKILL", "SIGRT_2"; a number when it has no name. */
void		 pr_signal(struct strbuf *, int);

const char	*xlat_name(const struct xlat *, long);
/* Print the name, or for an unknown value the hex number and a comment with DFLT, as strace does. */
void		 pr_xlat(struct strbuf *, const struct xlat *, long, const char *);
/* Print a flag set joined with '|', unknown bits in hex; 0 prints as "0". */
void		 pr_flags(struct strbuf *, const struct xlat *, unsigned long, const char *);
/*
 * Parse a word the way a learner types a constant: the name without its
 * prefix, any case ("wr" for SHUT_WR with prefix "SHUT_"), or the full name.
 */
bool		 xlat_parse(const struct xlat *, const char *, const char *, long *);

/* errno value to its name ("ECONNREFUSED"; "E41" for one without) and back (errnoent.c). */
const char	*errno_name(int);
/* Its name, or NULL for a value no name has (strace prints "(errno 41)"). */
const char	*errno_known(int);
/* The errno called NAME, in any case, aliases too; 0 when there is none. */
int		 errno_parse(const char *);
/* The errno name nearest to NAME (a typo), or NULL when none is near. */
const char	*errno_near(const char *);
/* strerror's text in the C locale: "Connection refused", whatever LANG says. */
const char	*errno_message(int);
/* The names in the table, for completion: the I-th, or NULL past the last. */
size_t		 errno_count(void);
const char	*errno_name_at(size_t, int *);

/* Edit distance between two short words (longer than 31 bytes: far). */
size_t		 edit_distance(const char *, const char *);

#endif
