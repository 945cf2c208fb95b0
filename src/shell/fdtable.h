/* fdtable.h: the descriptors this shell opened, and which one is current. */
#ifndef SOCKSHELL_FDTABLE_H
#define SOCKSHELL_FDTABLE_H

#include <stdbool.h>
#include <stddef.h>

enum fd_role {
	ROLE_SOCKET,		/* made by socket(2) */
	ROLE_ACCEPTED,		/* returned by accept(2) */
	ROLE_EPOLL,		/* made by epoll_create1(2): not a socket */
};

struct fd_entry {
	int		 fd;
	int		 family;
	int		 type;
	int		 protocol;
	enum fd_role	 role;
	int		 parent;	/* the listener an accepted socket came from */
	int		 host;		/* the lab's host it was made on (lab.h), -1 outside the lab */
	bool		 listening:1;	/* listen(2) succeeded on it */
	bool		 bound:1;	/* bind(2) succeeded on it */
	bool		 reuseaddr:1;	/* SO_REUSEADDR was set on it */
	bool		 nonblock:1;	/* made with SOCK_NONBLOCK, or nonblock on */
	bool		 cloexec:1;	/* FD_CLOEXEC: made with SOCK_CLOEXEC (never a dup) */
	bool		 eof_seen:1;	/* a read returned 0: the user saw the peer close */
	bool		 err_seen:1;	/* its last call failed: the user saw the error */
	/*
	 * Its local and peer port as the shell knows them without asking the
	 * kernel (bind, connect, accept): 0 none, -1 not known. Only a command
	 * that cannot change them leaves them known (cmd_run).
	 */
	int		 lport, pport;
	int		 linger;	/* SO_LINGER's seconds as set, 0 when off */
#define FD_EPOLL_WATCH_MAX 16
	struct fd_watch {		/* ROLE_EPOLL: what it watches, as added */
		int	 fd;
		unsigned events;
		bool	 fired;		/* oneshot, reported: off until epoll mod */
	}		*watch;		/* FD_EPOLL_WATCH_MAX of them, or NULL */
	unsigned	 nwatch;	/* may exceed the array: the rest is not listed */
	unsigned	 seq;		/* order of arrival */
	struct fd_entry	*newer, *older;	/* in order of arrival: the next current */
	struct {			/* what the prompt's news last said of it */
		long	 count;
		int	 what;
		short	 revents;	/* what poll said then: not quiet when set */
		bool	 eof;
	}		 told;
};

/*
 * Found, added and removed in constant time, whatever the number of
 * descriptors: an entry is at its number in SLOT. The newest entry heads a
 * list in order of arrival, so the one current after a close is known at once.
 */
struct fd_table {
	struct fd_entry	**slot;		/* slot[fd]: its entry, or NULL */
	int		 nslot;		/* room in slot */
	int		 hi;		/* every entry's fd is below it */
	int		 lo;		/* no entry's fd is below it (kept by fd_table_first) */
	size_t		 n;		/* entries */
	size_t		 nepoll;	/* of them ROLE_EPOLL: a close updates their lists */
	struct fd_entry	*newest;
	int		 current;	/* -1 when there is none */
	unsigned	 next_seq;
	size_t		 ncopies;	/* second numbers ever made (fd_table_add_copy) */
	struct fd_entry	*spare;		/* removed entries kept for the next add, by OLDER */
	size_t		 nspare;
};

void		 fd_table_init(struct fd_table *);
/*
 * The entries in order of number:
 *	for (e = fd_table_first(t); e != NULL; e = fd_table_next(t, e))
 * (E may not be removed while it is the loop's.)
 */
struct fd_entry	*fd_table_first(const struct fd_table *);
struct fd_entry	*fd_table_next(const struct fd_table *, const struct fd_entry *);
void		 fd_table_free(struct fd_table *);
/*
 * Add (or replace) fd, and make it current. Its host is the lab's current one
 * (lab_host_index(): -1 outside the lab), where a new socket is made; one
 * that belongs elsewhere (an accepted socket: its listener's) sets it after.
 */
struct fd_entry	*fd_table_add(struct fd_table *, int, int, int, int, enum fd_role);
struct fd_entry	*fd_table_find(struct fd_table *, int);
/*
 * NEWFD is a second number for OLDFD's socket (dup, a descriptor passed in a
 * message): its entry is a copy of OLDFD's (family, type, role, listening,
 * bound...), new in order of arrival, and current.
 */
struct fd_entry	*fd_table_add_copy(struct fd_table *, int oldfd, int newfd);
/*
 * Forget fd; if it was current, the most recent remaining socket becomes
 * current (an epoll descriptor never does).
 */
bool		 fd_table_remove(struct fd_table *, int);
/*
 * E's ports as known (fd_entry's lport, pport), or -1 for each when no longer
 * sure: a second number for its socket was made (what is done through that
 * one is not seen here), or another process holds it (fd_table_forget_ports).
 */
void		 fd_table_ports(const struct fd_table *, const struct fd_entry *e,
		    int *lport, int *pport);
/* No port of any entry is known any more: a child holds them all (fork). */
void		 fd_table_forget_ports(struct fd_table *);
/* Drop FD from E's watch list when E is an epoll descriptor. */
void		 fd_epoll_forget(struct fd_entry *, int fd);
bool		 fd_table_use(struct fd_table *, int);
/*
 * The lowest other number in the table for the same open socket as FD (dup,
 * dup2), as the kernel tells it now: fstat's st_dev and st_ino; -1 when none.
 */
int		 fd_table_sibling(const struct fd_table *, int);
/*
 * The same, asked only when the table ever held a second number for a socket
 * (dup, dup2, a descriptor received): without one, no two numbers share, and
 * a close or `fds` among thousands of sockets asks the kernel nothing.
 */
int		 fd_table_shared(const struct fd_table *, int);
/* How many numbers in the table, FD's among them, hold FD's open socket. */
size_t		 fd_table_holders(const struct fd_table *, int);
/* N in words, as a note says it: "two", "three"... "nine", then digits (in BUF). */
const char	*fd_count_words(size_t n, char buf[24]);

#endif
