/* term.h: the terminal sink: colour, which stream, every byte written. */
#ifndef SOCKSHELL_TERM_H
#define SOCKSHELL_TERM_H

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "event.h"
#include "strbuf.h"

/* Subscribe the terminal sink; COLOR: codes on stdout (stderr: only when it is a terminal). */
void	term_attach(bool color);
void	term_set_color(bool color);
bool	term_color(void);
/*
 * While a prompt is on the screen, the line reader wipes it before anything is
 * written and draws it again after: HIDE and SHOW, or NULL when none is shown.
 */
void	term_prompt_hooks(void (*hide)(void), void (*show)(void));
/* The line reader's own bytes (a prompt): written as they are, at once, to term_prompt_fd(). */
void	term_raw(const char *);
/*
 * Where the prompt and the typing go: standard output, or standard error
 * when standard output is a file or a pipe and standard error a terminal
 * (the calls recorded with `| tee`, the prompt still on the screen).
 */
int	term_prompt_fd(void);
/* The same as a stream, for Readline. */
FILE	*term_prompt_stream(void);
/*
 * Before a prompt on standard error: what standard output holds is written,
 * and a reader of the pipe it goes to (tee) given the time to show it, so
 * that the prompt comes after it on the screen.
 */
void	term_settle(void);
/*
 * Write what standard output holds. Off a terminal, standard output is
 * written a block at a time; the shell calls this before anything that can
 * wait (a call that may block, sleep, reading input, a child process), so
 * nobody waits on a line the shell has made but not written. Lines to
 * standard error and lines from another thread flush it by themselves.
 */
void	term_flush(void);
/* Is standard output held in a block until a flush (not a terminal, not /dev/null)? */
bool	term_holds_output(void);
/* A thread that may print began (+1) or ended (-1). */
void	term_threads(int delta);
/* 0, or the errno of the first write to stdout or stderr that failed. */
int	term_write_error(void);
/* Out of memory: say so on stderr, and leave with status 1 (for xalloc_failed). */
void	term_out_of_memory(void) __attribute__((noreturn));
/* Say on stderr that output was lost ("sockshell: write error: Broken pipe"). */
void	term_report_write_error(void);
/*
 * FLAG is set when the shell is ending on a signal: then no write waits more
 * than a second for a reader that stopped reading.
 */
void	term_ending_flag(const volatile sig_atomic_t *flag);

/*
 * EV as the terminal shows it: the bytes to write into OUT, and which stream
 * (1 or 2) into *FD. COLOR_OUT and COLOR_ERR say whether each stream takes colour.
 * The in-memory sink renders with this too, so tests see what a person sees.
 */
void	term_format(const struct event *, bool color_out, bool color_err,
	    struct strbuf *out, int *fd);

/*
 * The gate between the shell and the children that write their lines into
 * its pipe, in memory they all share (MAP_SHARED). A child counts itself in
 * WRITING while it puts a record into the pipe. At its end the shell sets
 * GONE to GATE_CLOSING and reads the pipe until no child is WRITING: then
 * every record put in is read, none lost, none printed twice. A child that
 * finds the gate closing waits until the shell has written all it holds
 * (GATE_CLOSED), then writes its lines to the terminal itself.
 */
enum { GATE_OPEN, GATE_CLOSING, GATE_CLOSED };
/*
 * BUSY[slot]: a child's call is under way (GATE_IN_CALL), from just before
 * it is made until its line is in the pipe, and returned already
 * (GATE_RETURNED) once it has; so the parent, after a call a child may have
 * woken or fed, knows a line of it may still come. A child's slot is its
 * number among the shell's children, modulo GATE_SLOTS.
 */
#define GATE_SLOTS	256
enum { GATE_IDLE, GATE_IN_CALL, GATE_RETURNED };
struct child_gate {
	_Atomic int	gone;
	_Atomic int	writing;
	_Atomic int	busy[GATE_SLOTS];
};

/*
 * In a child that `fork` made: from now on every line goes, marked
 * "[pid PID]", into PIPE_FD for the parent to print, as records
 * "PID@SEC.NSEC Mtext" (when its call took effect, CLOCK_MONOTONIC; M: 'o'
 * or 'e' for the stream; 'O' or 'E': the line goes on in the next record),
 * through GATE (NULL: none); the prompt is the parent's.
 */
void	term_child(int pipe_fd, int pid, struct child_gate *gate);
/*
 * In a forked child: when its last call took effect (CLOCK_MONOTONIC); its
 * lines until the next are marked with it, for the parent to order them.
 */
void	term_child_said(const struct timespec *);
/* LINE (LEN bytes, no newline) marked as strace -f marks a child's: into OUT. */
void	term_child_line(struct strbuf *out, int pid, const char *line, size_t len);

/* The terminal's width, or 80 off a terminal. */
int	term_columns(void);

/*
 * A progress line on stderr when it is a terminal, drawn over itself (\r):
 * TEXT, cut to the width; NULL wipes it. Returns whether a line was drawn:
 * off a terminal (a script's piped output) there is none.
 */
bool	term_progress(const char *text);

#endif
