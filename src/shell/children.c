/* children.c: the processes `fork` made: their lines, their end, their zombie. */
#include "config.h"

#include <sys/mman.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "children.h"
#include "event.h"
#include "fdhigh.h"
#include "i18n.h"
#include "loop.h"
#include "term.h"
#include "xlat.h"

static struct {
	struct child	*v;
	size_t		 n, cap;
	int		 rd, wr;	/* the one pipe every child writes its lines into */
	struct strbuf	 in;		/* read from it, not yet a whole record */
	bool		 am_child;	/* this process is a child `fork` made */
	unsigned	 forked;	/* children made, ever: the next one's slot */
	unsigned	 slot;		/* in a child: its BUSY slot in the gate */
	bool		 busy;		/* in a child: it set it */
	pid_t		 parent;
	int		*held;		/* in a child: the table when it was forked */
	size_t		 nheld;
	struct child_gate *gate;	/* shared with every child: see term.h */
	/*
	 * While a call's line is about to print: records said after the call
	 * returned (LIMIT) wait in LATER, to print after the line.
	 */
	struct timespec	 limit;
	bool		 limited;
	struct strbuf	 later;
} C = { .rd = -1, .wr = -1, .later = STRBUF_INIT };

/* How long a call that waited looks for the line of the child that woke it (us). */
#define HOLD_WAIT_US	3000
/* ...and, while a child's call is under way, for how long at most (us). */
#define HOLD_BUSY_US	100000

/* How long the shell's end waits for children still putting lines in (ms). */
#define GATE_WAIT_MS	2000

/*
 * While the shell waits in a call (an accept, a read, `wait`, `sleep`), the
 * children go on: a thread of the shell's prints what they say as they say
 * it, under the waiting line. It reads the pipe only then; at the prompt the
 * loop reads it, and after a command catch_up does.
 */
static struct {
	pthread_mutex_t	 lock;		/* the pipe, the list: the thread holds it to read */
	pthread_cond_t	 cond;		/* WAITING or QUIT became true */
	pthread_t	 thread;
	bool		 on;		/* the thread runs */
	bool		 waiting;	/* the shell waits in a call: the thread reads */
	bool		 quit;		/* the thread is to end */
	struct timespec	 since;		/* when the wait began (CLOCK_REALTIME) */
} W = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER };

/*
 * How long a call must have waited before the thread prints the children's
 * lines under it (ms). A call that returns sooner (a write the child then
 * reads) has its line printed first, and theirs after it: a child's line
 * never comes before the parent's call that caused it.
 */
#define READER_GRACE_MS	200

static void
on_sigchld(int sig)
{
	(void)sig;
	sig_chld_pending = 1;
}

void
children_init(void)
{
	struct sigaction sa;
	sigset_t chld;
	int p[2];

	/*
	 * Made now, before the learner's first descriptor, and kept high: its
	 * numbers never come near theirs (a fork makes no call they did not ask for).
	 */
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == 0) {
		C.rd = fd_move_high(p[0]);
		C.wr = fd_move_high(p[1]);
		/* The children's end blocks: a child waits for room, never loses a line. */
		fcntl(C.wr, F_SETFL, fcntl(C.wr, F_GETFL) & ~O_NONBLOCK);
	}

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/*
	 * SA_RESTART, and held off while a command runs: a child's end never
	 * cuts a call short. The loop lets it in while it waits at the prompt.
	 */
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sa.sa_handler = on_sigchld;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_BLOCK, &chld, NULL);
}

static struct child *
child_find(pid_t pid)
{
	for (size_t i = 0; i < C.n; i++)
		if (C.v[i].pid == pid)
			return &C.v[i];
	return NULL;
}

size_t
children_count(void)
{
	return C.n;
}

const struct child *
children_at(size_t i)
{
	return i < C.n ? &C.v[i] : NULL;
}

bool
children_am_child(void)
{
	return C.am_child;
}

void
children_end_words(struct strbuf *sb, int code, int status)
{
	struct strbuf sig = STRBUF_INIT;

	if (code == CLD_EXITED) {
		sb_addf(sb, _("exited with %d"), status);
		return;
	}
	pr_signal(&sig, status);
	sb_addf(sb, code == CLD_DUMPED ? _("was killed by %s (core dumped)") :
	    _("was killed by %s"), sb_str(&sig));
	sb_free(&sig);
}

/* Has C ended? Asked without reaping it (WNOWAIT): it stays a zombie for `wait`. */
static void
child_check(struct child *c)
{
	siginfo_t si;

	if (c->ended)
		return;
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)c->pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
	    si.si_pid == c->pid) {
		c->ended = true;
		c->code = si.si_code;
		c->status = si.si_status;
	}
}

/*
 * One record: "PID@SEC.NSEC Mtext", M 'o' or 'e' (the stream), 'O' or 'E'
 * when the line goes on. One said after the limit waits in LATER.
 */
static void
child_record(const char *s, size_t len)
{
	struct child *c;
	char *end, *text;
	long pid = strtol(s, &end, 10);
	struct timespec said = { 0, 0 };
	size_t at;
	char m;

	if (end == s)
		return;
	if (*end == '@') {
		said.tv_sec = (time_t)strtoll(end + 1, &end, 10);
		if (*end == '.')
			said.tv_nsec = strtol(end + 1, &end, 10);
	}
	if (*end != ' ' || (size_t)(end - s) + 2 > len)
		return;
	if (C.limited && (said.tv_sec > C.limit.tv_sec ||
	    (said.tv_sec == C.limit.tv_sec && said.tv_nsec > C.limit.tv_nsec))) {
		sb_addn(&C.later, s, len);
		sb_addc(&C.later, '\n');
		return;
	}
	at = (size_t)(end - s) + 2;
	m = end[1];
	c = child_find((pid_t)pid);
	if (c != NULL && (m == 'O' || m == 'E')) {
		sb_addn(&c->part, s + at, len - at);
		return;
	}
	if (c != NULL && c->part.len > 0) {
		sb_addn(&c->part, s + at, len - at);
		text = xstrdup(sb_str(&c->part));
		sb_reset(&c->part);
	} else {
		text = xmemdup(s + at, len - at + 1);
		text[len - at] = '\0';
	}
	emit_text(m == 'e' || m == 'E' ? EV_CHILD_ERR : EV_CHILD, -1, text);
	free(text);
}

/* Print every whole line the children have written into the pipe so far. */
static void
children_read(void)
{
	char buf[4096];
	ssize_t n;

	/* No child, nothing to read: no call made for nothing. */
	while (C.rd != -1 && C.n > 0) {
		char *nl;

		if ((n = read(C.rd, buf, sizeof buf)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		sb_addn(&C.in, buf, (size_t)n);
		while ((nl = memchr(C.in.s, '\n', C.in.len)) != NULL) {
			size_t len = (size_t)(nl - C.in.s);
			size_t rest = C.in.len - len - 1;

			child_record(C.in.s, len);
			memmove(C.in.s, nl + 1, rest);
			C.in.len = rest;
			C.in.s[rest] = '\0';
		}
	}
}

int
children_pipe(void)
{
	return C.wr;
}

/* Microseconds from T0 to now (CLOCK_MONOTONIC). */
static long
since_us(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(now.tv_sec - t0->tv_sec) * 1000000 +
	    (now.tv_nsec - t0->tv_nsec) / 1000;
}

struct child_gate *
children_gate(void)
{
	void *p;

	if (C.gate == NULL && C.wr != -1 && !C.am_child) {
		p = mmap(NULL, sizeof *C.gate, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED)
			C.gate = p;
	}
	return C.gate;
}

/*
 * At the shell's end, children still running: the gate closed, every record
 * they put in before is read (a child in the middle of one is waited for, a
 * while), so that none is lost in the pipe when it closes. After, they write
 * their lines themselves.
 */
static void
gate_close(void)
{
	struct timespec t0;
	bool running = false;

	for (size_t i = 0; i < C.n; i++) {
		child_check(&C.v[i]);
		running |= !C.v[i].ended;
	}
	if (C.gate == NULL || C.rd == -1 || !running)
		return;
	atomic_store(&C.gate->gone, GATE_CLOSING);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { .fd = C.rd, .events = POLLIN };

		children_read();
		if (atomic_load(&C.gate->writing) == 0 ||
		    since_us(&t0) >= GATE_WAIT_MS * 1000L)
			break;
		poll(&p, 1, 10);
	}
	/* What the last of them put in before it went out. */
	children_read();
}

static void
child_free(struct child *c)
{
	free(c->what);
	free(c->held);
	sb_free(&c->part);
}

/* ---- the thread that reads while the shell waits ---- */

/* What ends the thread's poll when the shell leaves. */
static void
on_reader_signal(int sig)
{
	(void)sig;
}

static void *
reader_main(void *arg)
{
	sigset_t in_poll;

	(void)arg;
	/* Every signal blocked but the one that ends its poll, and that only in the poll. */
	sigfillset(&in_poll);
	sigdelset(&in_poll, SIGRTMIN);
	for (;;) {
		struct pollfd p = { .fd = C.rd, .events = POLLIN };
		bool quit;
		int rc;

		/* Asleep until the shell waits: the pipe is not its to read before. */
		pthread_mutex_lock(&W.lock);
		while (!W.waiting && !W.quit)
			pthread_cond_wait(&W.cond, &W.lock);
		quit = W.quit;
		pthread_mutex_unlock(&W.lock);
		if (quit)
			break;
		rc = ppoll(&p, 1, NULL, &in_poll);
		if (rc == -1 && errno != EINTR)
			break;
		pthread_mutex_lock(&W.lock);
		if (W.waiting && !W.quit && rc > 0) {
			struct timespec until = W.since;

			ts_add_ms(&until, READER_GRACE_MS);
			/* A call just begun may be over at once: its line goes first. */
			while (W.waiting && !W.quit &&
			    pthread_cond_timedwait(&W.cond, &W.lock, &until) == 0)
				;
		}
		if (W.waiting && !W.quit && rc > 0) {
			emit_thread_begin();
			children_read();
			emit_thread_end();
		}
		pthread_mutex_unlock(&W.lock);
	}
	return NULL;
}

/* The thread, made once a child lives; false when it cannot be. */
static bool
reader_start(void)
{
	struct sigaction sa;
	sigset_t all, old;
	int rc;

	if (W.on)
		return true;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_reader_signal;	/* no SA_RESTART: the poll returns */
	sigaction(SIGRTMIN, &sa, NULL);
	/*
	 * Signals are the shell's to take: Ctrl-C must cut its call short.
	 * SIGRTMIN is the thread's alone, from now on: one from outside
	 * cuts no call of the shell's.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&W.thread, NULL, reader_main, NULL);
	sigaddset(&old, SIGRTMIN);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	W.on = rc == 0;
	if (W.on)
		term_threads(1);
	return W.on;
}

/* FLAG (of W) becomes ON, under the lock; the thread, asleep on the condition, sees it. */
static void
reader_set(bool *flag, bool on)
{
	pthread_mutex_lock(&W.lock);
	*flag = on;
	if (on && flag == &W.waiting)
		clock_gettime(CLOCK_REALTIME, &W.since);
	pthread_cond_signal(&W.cond);
	pthread_mutex_unlock(&W.lock);
}

static void
reader_stop(void)
{
	if (!W.on)
		return;
	/* Asleep on the condition, it wakes to QUIT; in its poll, the signal ends it. */
	reader_set(&W.quit, true);
	pthread_kill(W.thread, SIGRTMIN);
	pthread_join(W.thread, NULL);
	term_threads(-1);
	W.on = W.waiting = W.quit = false;
}

void
children_wait_begin(void)
{
	if (C.n == 0 || C.rd == -1 || !reader_start())
		return;
	reader_set(&W.waiting, true);
}

void
children_wait_end(void)
{
	if (W.on)
		reader_set(&W.waiting, false);
}

/* ---- the loop's slot ---- */

static size_t
slot_fds(void *ctx, struct pollfd *p, size_t max, int *timeout_ms)
{
	size_t n = 0;

	(void)ctx;
	if (C.rd != -1 && max > 0)
		p[n++] = (struct pollfd){ .fd = C.rd, .events = POLLIN };
	if (sig_chld_pending)
		*timeout_ms = 0;
	return n;
}

static void
slot_ready(void *ctx, const struct pollfd *p, size_t n, bool timed_out)
{
	(void)p, (void)n, (void)timed_out;
	children_catch_up(ctx, true);
}

static void
slot_update(struct shell *sh)
{
	static struct loop_watch w = { slot_fds, slot_ready, NULL };

	w.ctx = sh;
	loop_set(LOOP_CHILDREN, C.n > 0 ? &w : NULL);
}

/* ---- the parent's side ---- */

/* The numbers in the table now: what both processes hold just after the fork. */
static int *
table_numbers(struct shell *sh, size_t *n)
{
	int *v = xcalloc(sh->fds.n + 1, sizeof *v);

	*n = 0;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e))
		v[(*n)++] = e->fd;
	return v;
}

void
children_add(struct shell *sh, pid_t pid, const char *what)
{
	struct child *c;

	if (C.n == C.cap) {
		C.cap = C.cap ? C.cap * 2 : 4;
		C.v = xrealloc(C.v, C.cap * sizeof *C.v);
	}
	c = &C.v[C.n++];
	memset(c, 0, sizeof *c);
	c->slot = C.forked++ % GATE_SLOTS;	/* as the child took it */
	c->pid = pid;
	c->what = xstrdup(what);
	c->part = (struct strbuf)STRBUF_INIT;
	c->held = table_numbers(sh, &c->nheld);
	slot_update(sh);
}

static __attribute__((noinline)) void
catch_up(struct shell *sh, bool news)
{
	struct strbuf sb = STRBUF_INIT;

	/*
	 * Which have ended, first; then the pipe: a child's writes are in it
	 * before it ends, so all it said comes before the news of its end.
	 */
	for (size_t i = 0; i < C.n; i++)
		child_check(&C.v[i]);
	children_read();
	for (size_t i = 0; i < C.n; i++) {
		struct child *c = &C.v[i];

		if (!c->ended || c->told)
			continue;
		c->told = true;
		sb_reset(&sb);
		children_end_words(&sb, c->code, c->status);
		/* TRANSLATORS: the second %s is "exited with 3" or "was killed by SIGKILL". */
		emitf(news ? EV_NEWS : EV_NOTE, -1, _("SIGCHLD: pid %d %s: a zombie "
		    "until `wait` reaps it"), (int)c->pid, sb_str(&sb));
	}
	sb_free(&sb);
	(void)sh;
}

void
children_busy(bool busy)
{
	if (!C.am_child || C.gate == NULL || busy == C.busy)
		return;
	C.busy = busy;
	atomic_store(&C.gate->busy[C.slot], busy ? GATE_IN_CALL : GATE_IDLE);
}

void
children_returned(void)
{
	if (C.am_child && C.gate != NULL && C.busy)
		atomic_store(&C.gate->busy[C.slot], GATE_RETURNED);
}

/*
 * Is a call of a live child under way (its line not yet in the pipe), or,
 * RETURNED, one that has returned already?
 */
static bool
child_busy(bool returned)
{
	for (size_t i = 0; C.gate != NULL && i < C.n; i++) {
		int st;

		if (C.v[i].ended)
			continue;
		st = atomic_load(&C.gate->busy[C.v[i].slot]);
		if (returned ? st == GATE_RETURNED : st != GATE_IDLE)
			return true;
	}
	return false;
}

void
children_hold_after(const struct timespec *end, bool waited)
{
	struct timespec t0;

	if (C.n == 0 || C.am_child || C.rd == -1)
		return;
	C.limit = *end;
	C.limited = true;
	/*
	 * A call that waited was likely woken by a child, whose line of the
	 * call that woke it follows a moment later: a few ms for it.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pollfd p = { .fd = C.rd, .events = POLLIN };

		long us;

		children_read();
		if (C.later.len > 0)
			break;
		us = since_us(&t0);
		/*
		 * A call that did not wait may still have found what a child's
		 * call put there, a call that has returned but whose line is
		 * not in the pipe yet (the child kept off the processor): its
		 * line first. That child's line comes soon; one still in a
		 * call that waits (accept) is not waited for.
		 */
		if (!waited) {
			if (us >= HOLD_BUSY_US || !child_busy(true))
				break;
			(void)poll(&p, 1, 1);
			continue;
		}
		/*
		 * A child still in the call that may have woken this one (on a
		 * busy machine it may not run for a while): its line first.
		 */
		if (us >= HOLD_WAIT_US && (us >= HOLD_BUSY_US || !child_busy(false)))
			break;
		(void)poll(&p, 1, 1);
	}
}

void
children_release(void)
{
	struct strbuf later = C.later;

	if (!C.limited)
		return;
	C.limited = false;
	C.later = (struct strbuf)STRBUF_INIT;
	/* Whole records, in the order said. */
	for (size_t i = 0; i < later.len; ) {
		const char *nl = memchr(later.s + i, '\n', later.len - i);

		child_record(later.s + i, (size_t)(nl - (later.s + i)));
		i = (size_t)(nl - later.s) + 1;
	}
	sb_free(&later);
}

void
children_before_call(void)
{
	if (C.n == 0 || C.am_child)
		return;
	pthread_mutex_lock(&W.lock);
	children_read();
	pthread_mutex_unlock(&W.lock);
}

void
children_catch_up(struct shell *sh, bool news)
{
	sig_chld_pending = 0;
	if (C.n > 0)	/* no child: nothing ended, nothing said */
		catch_up(sh, news);
}

bool
children_zombie(struct shell *sh, pid_t pid)
{
	(void)sh;
	for (size_t i = 0; i < C.n; i++) {
		if (pid != -1 && C.v[i].pid != pid)
			continue;
		child_check(&C.v[i]);
		if (C.v[i].ended)
			return true;
	}
	return false;
}

void
children_reaped(struct shell *sh, pid_t pid)
{
	struct child *c = child_find(pid);

	/* It is gone: every line it wrote is in the pipe by now. */
	children_read();
	if (c == NULL)
		return;
	child_free(c);
	memmove(c, c + 1, (size_t)(C.v + C.n - (c + 1)) * sizeof *c);
	C.n--;
	slot_update(sh);
}

void
children_close_note(struct shell *sh, int fd, bool listening)
{
	const char *stays = listening ? _("it still listens") : _("no FIN");

	if (C.am_child) {
		for (size_t i = 0; i < C.nheld; i++)
			if (C.held[i] == fd)
				shell_note(sh, "the parent (pid %d) had fd%d open "
				    "when it forked: the socket stays open (%s) "
				    "while the parent holds it", (int)C.parent, fd,
				    stays);
		return;
	}
	for (size_t i = 0; i < C.n; i++) {
		struct child *c = &C.v[i];

		child_check(c);
		if (c->ended)
			continue;
		for (size_t k = 0; k < c->nheld; k++)
			if (c->held[k] == fd)
				shell_note(sh, "the child (pid %d) had fd%d open when "
				    "it was forked: the socket stays open (%s) "
				    "while the child holds it", (int)c->pid, fd, stays);
	}
}

void
children_at_exit(struct shell *sh)
{
	reader_stop();
	if (!C.am_child)
		gate_close();
	children_catch_up(sh, false);
	for (size_t i = 0; i < C.n; i++) {
		struct child *c = &C.v[i];

		if (c->ended)
			shell_note(sh, "pid %d, a zombie, is left unreaped: when "
			    "the shell ends, init adopts it and reaps it", (int)c->pid);
		else
			shell_note(sh, "pid %d still runs: it outlives the shell, "
			    "adopted by init, and says the rest itself", (int)c->pid);
		child_free(c);
	}
	free(C.v);
	C.v = NULL;
	C.n = C.cap = 0;
	slot_update(sh);
	/*
	 * Children still running find no reader: they say the rest themselves,
	 * after what the shell said, which goes out first.
	 */
	emit_flush();
	if (C.gate != NULL && !C.am_child)
		atomic_store(&C.gate->gone, GATE_CLOSED);
	if (C.rd != -1)
		close(C.rd);
	if (C.wr != -1)
		close(C.wr);
	C.rd = C.wr = -1;
	sb_free(&C.in);
}

/* ---- the child's side ---- */

void
children_in_child(struct shell *sh)
{
	struct sigaction sa;
	sigset_t chld;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	pthread_sigmask(SIG_UNBLOCK, &chld, NULL);
	sig_chld_pending = 0;
	C.slot = C.forked % GATE_SLOTS;	/* the parent gives it this one */
	C.busy = false;
	/* A signal that came just before the fork was the parent's, not its. */
	sig_int_pending = 0;
	sig_quit_pending = 0;
	/* Timers are not inherited: the child's own, aimed at itself. */
	signals_kick_init();
	/*
	 * The other children are the parent's, and so is reading the pipe; the
	 * parent's thread is not here (fork copies only the caller), its lock
	 * and condition start anew.
	 */
	pthread_mutex_init(&W.lock, NULL);
	pthread_cond_init(&W.cond, NULL);
	W.on = W.waiting = W.quit = false;
	for (size_t i = 0; i < C.n; i++)
		child_free(&C.v[i]);
	if (C.rd != -1)
		close(C.rd);
	C.rd = -1;
	sb_free(&C.in);
	free(C.v);
	C.v = NULL;
	C.n = C.cap = 0;
	loop_set(LOOP_CHILDREN, NULL);
	C.am_child = true;
	C.parent = getppid();
	C.held = table_numbers(sh, &C.nheld);
}
