/* shell.h: the state one running shell carries from command to command. */
#ifndef SOCKSHELL_SHELL_H
#define SOCKSHELL_SHELL_H

#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "fdtable.h"
#include "i18n.h"
#include "settings.h"

/*
 * The call the previous command made, for `expect`. call_end sets every
 * field, one by one: a field added here is set there too.
 */
struct last_call {
	bool	 valid;
	const char *name;	/* as strace names it: the call's own, static */
	long	 ret;
	int	 err;		/* errno when ret == -1 */
	bool	 has_data;	/* read/recv: the bytes it returned */
	char	*data;
	size_t	 len;
	bool	 waited;	/* the call slept in the kernel */
	struct timespec begin, end;	/* CLOCK_REALTIME */
	int	 fd;		/* the descriptor it acted on, or -1 */
	unsigned long id;	/* which call it was (the shell counts them) */
};

struct shell {
	struct fd_table	 fds;
	long		 setting[SETTING_MAX];	/* `set`: by enum setting_id */
	bool		 interactive;	/* commands typed at a prompt (not a script) */
	bool		 strict;	/* a refused line ends the run (a script file) */
	bool		 refused;	/* the last line run had a refused command */
	struct last_call last;
	int		 status;	/* exit status so far */
	const char	*src_name;	/* the script being run, for FILE:LINE: */
	const char	*program;	/* how a second terminal starts this shell: "sockshell", or the path it was started by */
	size_t		 src_line;
	bool		 quitting;
	bool		 stopped;	/* a failed expect ended the script: what follows needs it */
	bool		 missed;	/* in step mode, an expect failed: its step comes again */
	bool		 step_changed;	/* in step mode, the step was changed at the prompt */
	bool		 step_eof;	/* end of input at a step's prompt */
	size_t		 unheld;	/* expects that did not hold and stand (the lesson's end says) */
	size_t		 unheld_line;	/* the line of the first of them */
	bool		 stays;		/* after the file, the prompt (-i, --step -i) */
	int		 lesson_depth;	/* lessons running inside one another */
	unsigned long	 calls;		/* calls made so far */
	/*
	 * Run the file PATH as a lesson (STEP) or script (1: go on, 0: leave,
	 * -1: unreadable): the front end's, so that
	 * a command can start one without knowing how lines are read.
	 */
	int		(*run_file)(struct shell *, const char *path, bool step);
};

/* `set strsize`: bytes of data a call line shows, as strace -s. */
#define SH_STRSIZE(sh)	((size_t)(sh)->setting[SETTING_STRSIZE])

/* Set by the signal handlers, read by the loop and by the blocking calls. */
extern volatile sig_atomic_t sig_int_pending;
extern volatile sig_atomic_t sig_quit_pending;
/* A child ended (SIGCHLD came, at the prompt: children.h). */
extern volatile sig_atomic_t sig_chld_pending;

void	shell_init(struct shell *);
void	shell_free(struct shell *);
/*
 * A one-line error of the shell's own, with FILE:LINE: in a script; a script
 * run from a file fails with it (status 1).
 */
void	shell_error(struct shell *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Words of the shell's own, indented so they are never taken for a call line. */
void	shell_note(struct shell *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* close(2) FD, print it, and forget it. */
void	shell_close(struct shell *, int fd);
/*
 * close(FD) of a descriptor the table does not hold (a file, a pipe, one a
 * peer sent), printed; `expect` still sees the call before it.
 */
void	shell_close_aside(struct shell *, int fd);
/* Close every descriptor in the table, printing each close: the cleanExit handler. */
void	shell_close_all(struct shell *);
/*
 * Just before a call that may block: when a signal came already (during the
 * waiting line, say), the call is not made, and one line says so. The shell
 * never prints a call it did not make.
 */
bool	shell_signal_before_call(struct shell *, const char *call);
/* The signal that came, in words: "Ctrl-C (SIGINT)", "SIGTERM", "SIGHUP". */
const char *shell_signal_name(void);
/*
 * The call that shell_signal_before_call let through has returned (or was
 * never one): a signal from now on has no call to cut short.
 */
void	call_kick_off(void);
/* The timer that cuts a call short after a signal; again in a forked child. */
void	signals_kick_init(void);
/*
 * ppoll(2) that no stop signal (Ctrl-C, SIGTERM, SIGHUP) can slip past: they
 * are held from the look at their flags until the wait lets them in, so one
 * that comes between the two still ends the wait. With one pending already,
 * -1 and EINTR at once. CHLD lets SIGCHLD in during the wait too.
 */
int	stop_ppoll(struct pollfd *, nfds_t, const struct timespec *, bool chld);
/*
 * Install the handlers: SIGINT interrupts a call, SIGTERM/SIGHUP end the
 * shell, SIGCHLD is news at the prompt.
 */
void	signals_init(void);

#endif
