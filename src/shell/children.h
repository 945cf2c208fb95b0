/*
 * children.h: the processes `fork` made, until `wait` reaps them: what they
 * say (each line through a pipe, printed by the parent so that it never
 * breaks the prompt), their end (SIGCHLD, told as news), the zombie each
 * leaves, and what they held when they were forked.
 */
#ifndef SOCKSHELL_CHILDREN_H
#define SOCKSHELL_CHILDREN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "shell.h"
#include "strbuf.h"

struct child {
	pid_t		 pid;
	char		*what;		/* what it runs, as given to fork */
	struct strbuf	 part;		/* a long line, not yet whole */
	int		*held;		/* the table's descriptors when it was forked */
	size_t		 nheld;
	bool		 ended;		/* exited or killed: a zombie until reaped */
	int		 code;		/* then: CLD_EXITED, CLD_KILLED or CLD_DUMPED */
	int		 status;	/* the exit status, or the signal */
	bool		 told;		/* its end was told */
	unsigned	 slot;		/* its BUSY slot in the gate (term.h) */
};

/*
 * SIGCHLD: caught (SA_RESTART) and held off, except while the loop waits;
 * and the pipe the children write their lines into, made high.
 */
void	children_init(void);
/* The children's end of that pipe (for term_child), or -1. */
int	children_pipe(void);
/* The gate into it (for term_child), made at the first call, before a fork; or NULL. */
struct child_gate *children_gate(void);
/*
 * In a child: a call of its is under way (BUSY), or its line is in the pipe
 * (not): the parent holds its own line meanwhile (children_hold_after).
 */
void	children_busy(bool busy);
/* In a child: the call under way has returned; its line is still to come. */
void	children_returned(void);
/* A new child, just forked. */
void	children_add(struct shell *, pid_t, const char *what);
/*
 * Print what the children said since, and tell (once) of those that ended:
 * as news at the prompt (NEWS), as notes after a command.
 */
void	children_catch_up(struct shell *, bool news);
/*
 * Before a call, while a child lives: print what the children have said
 * so far (a read of the pipe), so that what came before the call is not
 * printed after its line.
 */
void	children_before_call(void);
/*
 * Before a call's line (its end END, CLOCK_MONOTONIC): what the children said
 * until then prints now, what they said after waits for children_release,
 * after the line. A call that WAITED looks a few ms for the line of the
 * child that woke it.
 */
void	children_hold_after(const struct timespec *end, bool waited);
void	children_release(void);
/*
 * The shell waits in a call, and now no longer: meanwhile a thread prints
 * what the children say as they say it.
 */
void	children_wait_begin(void);
void	children_wait_end(void);
/* PID was reaped by wait4: print the rest of what it said, and forget it. */
void	children_reaped(struct shell *, pid_t);
/* Has child PID (-1: any) ended, not yet reaped (as the kernel says now)? */
bool	children_zombie(struct shell *, pid_t);
size_t	children_count(void);
const struct child *children_at(size_t);
/* "exited with 0", "killed by SIGKILL": how C ended, into SB. */
void	children_end_words(struct strbuf *, int code, int status);

/* After close(FD) (LISTENING: of a listener): who else may still hold the socket, in a note. */
void	children_close_note(struct shell *, int fd, bool listening);

/*
 * In the child, just after fork: SIGCHLD back to its default, the other
 * parent's end of the pipe closed, and the table as it was remembered (for close's
 * note of what the parent holds).
 */
void	children_in_child(struct shell *);
/* Is this process a child that `fork` made? */
bool	children_am_child(void);
/* The shell leaves: what the children said, what becomes of them; pipes closed. */
void	children_at_exit(struct shell *);

#endif
