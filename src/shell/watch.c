/*
 * The waiting line of a script's calls, said by a watching thread (watch.h).
 *
 * The shell's thread and the watcher share one word: the armed call's
 * number and where it is (OUT of a call, IN it, CLAIMED by the watcher,
 * SAID). The shell's thread stores IN before the call and, after it, turns
 * IN back to OUT with one compare-and-swap: no lock, no system call, when
 * the call did not wait. The watcher claims a call it found IN at two ticks
 * running while the shell's thread slept in the kernel; then it alone
 * touches the output (the shell's thread is in its call) until SAID, and
 * the shell's thread, back from its call, waits for SAID before it prints.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "event.h"
#include "fdhigh.h"
#include "i18n.h"
#include "shell.h"
#include "term.h"
#include "watch.h"

enum { OUT, IN, CLAIMED, SAID };
#define TAG(s)		((s) & 3u)
#define AT(seq, tag)	((unsigned)(seq) << 2 | (tag))

/* Ticks with no call under way before the watcher sleeps until one begins. */
#define PARK_TICKS	100
/* What cuts the watcher's write short when SIGTERM ends the shell meanwhile. */
#define WATCH_SIGNAL	(SIGRTMIN + 2)

static struct {
	_Atomic unsigned state;		/* AT(the armed call's number, where it is) */
	atomic_bool	 parked;	/* the watcher sleeps until a call begins */
	atomic_bool	 quit;
	pthread_mutex_t	 lock;
	pthread_cond_t	 cond;
	pthread_t	 thread;
	bool		 started;
	int		 stat_fd;	/* the shell's thread's /proc stat, or -1 */
	/* The shell's thread's alone, and the watcher's while a call is IN. */
	unsigned	 seq;
	bool		 armed, began;
	int		 fd;
	bool		 line;
	bool		 has_what;
	char		 what[160];
} W = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.stat_fd = -1,
};

/*
 * Is the shell's thread asleep in the kernel, not only slow (a loaded
 * machine can keep a call that never waits off the processor a tick)?
 */
static bool
asleep(void)
{
	char buf[512];
	const char *p;
	ssize_t n;

	if ((n = pread(W.stat_fd, buf, sizeof buf - 1, 0)) <= 0)
		return true;
	buf[n] = '\0';
	/* "TID (NAME) S ...": the name may hold anything, so the last ')'. */
	if ((p = strrchr(buf, ')')) == NULL || p[1] != ' ')
		return true;
	return p[2] == 'S' || p[2] == 'D';
}

/* The watcher's sleep between two looks. */
static void
tick(void)
{
	struct timespec t = { 0, WATCH_TICK_MS * 1000000L };

	nanosleep(&t, NULL);
}

/* No call under way for a while: sleep until one begins (or the end). */
static void
park(unsigned s)
{
	pthread_mutex_lock(&W.lock);
	atomic_store(&W.parked, true);
	while (atomic_load(&W.state) == s && !atomic_load(&W.quit))
		pthread_cond_wait(&W.cond, &W.lock);
	atomic_store(&W.parked, false);
	pthread_mutex_unlock(&W.lock);
}

/* The claimed call waits: out goes what the shell holds, and its line. */
static void
say(void)
{
	if (W.line && W.has_what)
		emitf(EV_WAIT, W.fd, _("waiting for %s on fd%d (Ctrl-C interrupts)"),
		    W.what, W.fd);
	else
		emit_flush();
}

static void *
watch_main(void *arg)
{
	unsigned seen = 0, idle = 0;
	sigset_t set;

	(void)arg;
	sigemptyset(&set);
	sigaddset(&set, WATCH_SIGNAL);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	while (!atomic_load(&W.quit)) {
		unsigned s = atomic_load(&W.state), claimed = s;

		if (TAG(s) == IN && s == seen && asleep() &&
		    atomic_compare_exchange_strong(&W.state, &claimed,
		    (s & ~3u) | CLAIMED)) {
			say();
			pthread_mutex_lock(&W.lock);
			atomic_store(&W.state, (s & ~3u) | SAID);
			pthread_cond_broadcast(&W.cond);
			/* Until the shell's thread has taken its output back. */
			while (atomic_load(&W.state) == ((s & ~3u) | SAID) &&
			    !atomic_load(&W.quit))
				pthread_cond_wait(&W.cond, &W.lock);
			pthread_mutex_unlock(&W.lock);
			seen = 0;
			idle = 0;
			continue;
		}
		if (TAG(s) == IN) {
			seen = s;
			idle = 0;
		} else {
			seen = 0;
			if (++idle >= PARK_TICKS) {
				park(s);
				idle = 0;
				continue;
			}
		}
		tick();
	}
	return NULL;
}

/* Only cuts a call short: the watcher's write, when the shell is ending. */
static void
on_watch_signal(int sig)
{
	(void)sig;
}

/* At the end: the watcher stopped, its descriptor closed. */
static void
watch_stop(void)
{
	if (W.started) {
		atomic_store(&W.quit, true);
		pthread_mutex_lock(&W.lock);
		pthread_cond_broadcast(&W.cond);
		pthread_mutex_unlock(&W.lock);
		pthread_kill(W.thread, WATCH_SIGNAL);
		pthread_join(W.thread, NULL);
		W.started = false;
	}
	if (W.stat_fd != -1)
		close(W.stat_fd);
	W.stat_fd = -1;
}

/* A child fork made has no watcher: the thread stayed with the parent. */
static void
watch_forget(void)
{
	W.started = W.armed = W.began = false;
	atomic_store(&W.state, AT(W.seq, OUT));
	atomic_store(&W.parked, false);
}

void
watch_prepare(void)
{
	char path[64];
	int fd;

	if (W.stat_fd != -1)
		return;
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)gettid());
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) != -1) {
		W.stat_fd = fd_move_high(fd);
		atexit(watch_stop);
	}
}

static void
watch_start(void)
{
	static bool tried;
	struct sigaction sa;
	pthread_attr_t attr;
	sigset_t all, old;
	int rc;

	if (tried)
		return;
	tried = true;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_watch_signal;	/* no SA_RESTART: the write returns */
	sigaction(WATCH_SIGNAL, &sa, NULL);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	/* Signals are the shell's thread's: Ctrl-C must cut its call short. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&W.thread, &attr, watch_main, NULL);
	/* WATCH_SIGNAL is the watcher's alone: one from outside cuts no call. */
	sigaddset(&old, WATCH_SIGNAL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return;
	W.started = true;
	pthread_atfork(NULL, NULL, watch_forget);
}

bool
watch_arm(int fd, const char *what, bool line)
{
	size_t n;

	/* Without its look-out (watch_prepare), no watcher. */
	if (!W.started && W.stat_fd != -1)
		watch_start();
	if (!W.started)
		return false;
	if (W.armed && what == NULL)
		return true;
	W.armed = true;
	W.fd = fd;
	W.line = line;
	W.has_what = what != NULL;
	if (what != NULL) {
		n = strnlen(what, sizeof W.what - 1);
		memcpy(W.what, what, n);
		W.what[n] = '\0';
	}
	return true;
}

void
watch_call_begin(void)
{
	if (!W.armed)
		return;
	W.armed = false;
	W.began = true;
	W.seq++;
	atomic_store(&W.state, AT(W.seq, IN));
	if (atomic_load(&W.parked)) {
		pthread_mutex_lock(&W.lock);
		pthread_cond_broadcast(&W.cond);
		pthread_mutex_unlock(&W.lock);
	}
}

bool
watch_call_end(void)
{
	unsigned in = AT(W.seq, IN);

	if (!W.began)
		return false;
	W.began = false;
	if (atomic_compare_exchange_strong(&W.state, &in, AT(W.seq, OUT)))
		return false;
	/* The watcher is saying the waiting line: the call's own comes after it. */
	pthread_mutex_lock(&W.lock);
	while (atomic_load(&W.state) != AT(W.seq, SAID)) {
		struct timespec t = ts_after_ms(CLOCK_REALTIME, 50);

		pthread_cond_timedwait(&W.cond, &W.lock, &t);
		/* SIGTERM while a reader holds standard error still: cut the write. */
		if (sig_quit_pending && atomic_load(&W.state) != AT(W.seq, SAID))
			pthread_kill(W.thread, WATCH_SIGNAL);
	}
	atomic_store(&W.state, AT(W.seq, OUT));
	pthread_cond_broadcast(&W.cond);
	pthread_mutex_unlock(&W.lock);
	return true;
}

void
watch_disarm(void)
{
	W.armed = false;
}
