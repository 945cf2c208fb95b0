/* shell.c: the shell's state, its own messages, signals, and the cleanExit. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <linux/sockios.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "call.h"
#include "clock.h"
#include "children.h"
#include "event.h"
#include "lab.h"
#include "lang.h"
#include "lookup.h"
#include "shell.h"
#include "term.h"
#include "trace.h"
#include "ss.h"

volatile sig_atomic_t sig_int_pending;
volatile sig_atomic_t sig_quit_pending;
volatile sig_atomic_t sig_chld_pending;

void
shell_init(struct shell *sh)
{
	memset(sh, 0, sizeof *sh);
	fd_table_init(&sh->fds);
	for (size_t i = 0; i < SETTING_MAX; i++)
		sh->setting[i] = setting_table[i].dflt;
	sh->setting[SETTING_LANG] = lang_current();
}

void
shell_free(struct shell *sh)
{
	trace_end();
	fd_table_free(&sh->fds);
	free(sh->last.data);
	sh->last.data = NULL;
}

void
shell_error(struct shell *sh, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT, where = STRBUF_INIT;
	struct event ev;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, _(fmt), ap);
	va_end(ap);
	if (msg.len > 0 && i18n_has_particles(_(fmt)))
		msg.len = i18n_particles(msg.s, msg.len);
	memset(&ev, 0, sizeof ev);
	ev.kind = EV_ERROR;
	ev.fd = -1;
	ev.text = sb_str(&msg);
	/* Line 0: typed at a step, not the file's own line. */
	if (sh->src_name != NULL && sh->src_line > 0) {
		sb_addf(&where, "%s:%zu", sh->src_name, sh->src_line);
		ev.where = sb_str(&where);
	}
	emit(&ev);
	sb_free(&msg);
	sb_free(&where);
	if (!sh->interactive)
		sh->status = sh->status ? sh->status : 1;
}

void
shell_note(struct shell *sh, const char *fmt, ...)
{
	char room[256];
	const char *said = _(fmt);
	struct strbuf msg;
	va_list ap;

	(void)sh;
	sb_init_on(&msg, room, sizeof room);
	va_start(ap, fmt);
	sb_vaddf(&msg, said, ap);
	va_end(ap);
	if (msg.len > 0 && i18n_has_particles(said))
		msg.len = i18n_particles(msg.s, msg.len);
	emit_text(EV_NOTE, -1, sb_str(&msg));
	sb_free(&msg);
}

void
shell_close_all(struct shell *sh)
{
	while (sh->fds.n > 0) {
		int fd = fd_table_first(&sh->fds)->fd;

		shell_close(sh, fd);
	}
}

void
shell_close_aside(struct shell *sh, int fd)
{
	struct last_call saved = sh->last;
	struct call c;
	int rc;

	sh->last.data = NULL;	/* SAVED keeps it: the close's call_end must not free it */
	call_begin(&c, "close", fd);
	rc = close(fd);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, fd);
	call_end(sh, &c);
	free(sh->last.data);
	sh->last = saved;
}

/*
 * The close of a TCP socket with SO_LINGER on for N seconds waits, up to N,
 * for what it still has queued to be sent and acknowledged: the peer may
 * not be reading. Not when another number or a child holds the socket: that
 * close is not the last.
 */
static void
linger_note(struct shell *sh, const struct fd_entry *e, int fd)
{
	char what[160];
	int queued = 0;

	if ((e->family != AF_INET && e->family != AF_INET6) ||
	    e->type != SOCK_STREAM || e->listening ||
	    fd_table_shared(&sh->fds, fd) != -1 || children_count() > 0)
		return;
	if (ioctl(fd, SIOCOUTQ, &queued) == -1 || queued <= 0)
		return;
	snprintf(what, sizeof what, P_("the peer to take %d byte still queued "
	    "(SO_LINGER: %d s at most)", "the peer to take %d bytes still "
	    "queued (SO_LINGER: %d s at most)", (unsigned long)queued), queued,
	    e->linger);
	wait_note_close(sh, fd, what);
}

void
shell_close(struct shell *sh, int fd)
{
	const struct fd_entry *e = fd_table_find(&sh->fds, fd);
	struct call c;
	int rc;

	/*
	 * So that `ss` still finds its port in TIME_WAIT, on its host: only a
	 * TCP connection lingers after its close (a listener, UDP, unix: none).
	 */
	if (e == NULL)
		ss_remember_fd(fd, lab_host_index());
	else if ((e->family == AF_INET || e->family == AF_INET6) &&
	    e->type == SOCK_STREAM && !e->listening) {
		int lport, pport;

		/* Those known from bind, connect and accept: not asked again. */
		fd_table_ports(&sh->fds, e, &lport, &pport);
		ss_remember_ports(fd, e->host, lport, pport);
	}
	if (e != NULL && e->linger > 0)
		linger_note(sh, e, fd);
	call_begin(&c, "close", fd);
	rc = close(fd);
	call_returned(&c, rc, errno);
	/* Linux frees the number even when close fails: the table follows. */
	fd_table_remove(&sh->fds, fd);
	sb_addlong(&c.args, fd);
	call_end(sh, &c);
}

/*
 * A signal that lands between the look at the flags and the blocking call
 * itself would leave the call to wait for its peer. So from that look until
 * the call returns, the handlers arm a timer whose own signal cuts the call
 * short a millisecond later (and every 10 ms after, until it returns): the
 * call then ends as if the Ctrl-C had come a little later, EINTR.
 */
static timer_t		kick_timer;
static bool		kick_made;
static volatile sig_atomic_t in_call, kicking;

static void
kick_set(long first_ns, long every_ns)
{
	struct itimerspec it = { { 0, every_ns }, { 0, first_ns } };

	(void)timer_settime(kick_timer, 0, &it, NULL);
}

/* In a handler: a call is under way, or about to be made: cut it short. */
static void
kick_arm(void)
{
	if (in_call && kick_made && !kicking) {
		kicking = 1;
		kick_set(1000000L, 10000000L);
	}
}

static void
on_kick(int sig)
{
	int saved = errno;

	(void)sig;
	if (!in_call && kicking) {
		kicking = 0;
		kick_set(0, 0);
	}
	errno = saved;
}

void
call_kick_off(void)
{
	in_call = 0;
	if (kicking) {
		kicking = 0;
		kick_set(0, 0);
	}
}

void
signals_kick_init(void)
{
	struct sigevent ev;
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_kick;	/* no SA_RESTART: its point is EINTR */
	sigaction(SIGRTMIN + 1, &sa, NULL);
	memset(&ev, 0, sizeof ev);
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGRTMIN + 1;
#ifdef sigev_notify_thread_id
	ev.sigev_notify_thread_id = gettid();
#else
	ev._sigev_un._tid = gettid();
#endif
	in_call = kicking = 0;
	kick_made = timer_create(CLOCK_MONOTONIC, &ev, &kick_timer) == 0;
}

const char *
shell_signal_name(void)
{
	return sig_int_pending ? "Ctrl-C (SIGINT)" : sig_quit_pending == SIGHUP ?
	    "SIGHUP" : "SIGTERM";
}

bool
shell_signal_before_call(struct shell *sh, const char *call)
{
	in_call = 1;
	if (!sig_int_pending && !sig_quit_pending)
		return false;
	call_kick_off();
	shell_note(sh, "%s was not called: %s came first", call,
	    shell_signal_name());
	return true;
}

int
stop_ppoll(struct pollfd *p, nfds_t n, const struct timespec *ts, bool chld)
{
	sigset_t stop, old, mask;
	int rc, saved;

	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGHUP);
	call_kick_off();	/* no call under way: a wait of the shell's own */
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	if (sig_int_pending || sig_quit_pending) {
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		errno = EINTR;
		return -1;
	}
	mask = old;
	if (chld)
		sigdelset(&mask, SIGCHLD);
	rc = ppoll(p, n, ts, &mask);
	saved = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return rc;
}

/*
 * A name lookup's wait (lookup.h): a quarter second, then a line on what it
 * waits for, then as long as it takes, or until Ctrl-C, SIGTERM or SIGHUP.
 * The children's lines print meanwhile, as in a call that waits.
 */
static int
lookup_wait(int fd, const char *node)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	struct timespec soon = ts_after_ms(CLOCK_MONOTONIC, 250), left;
	bool said = false, cut = false;
	int rc;

	if (fd == LOOKUP_HERE) {
		shell_note(NULL, "looking up %s in the shell itself (no process "
		    "for it: %s): Ctrl-C cannot cut this one short", node,
		    strerror(errno));
		return 1;
	}
	if (fd == LOOKUP_HERE_DONE)
		return !sig_int_pending && !sig_quit_pending;
	children_wait_begin();
	for (;;) {
		left = ts_left(&soon, CLOCK_MONOTONIC);
		if (!said && left.tv_sec < 0)
			left.tv_sec = left.tv_nsec = 0;
		rc = stop_ppoll(&p, 1, said ? NULL : &left, false);
		if (rc > 0 || (rc == -1 && errno != EINTR))
			break;	/* the pipe says what became of it */
		if (rc == -1 && (sig_int_pending || sig_quit_pending)) {
			cut = true;
			break;
		}
		if (rc == 0 && !said) {
			emitf(EV_WAIT, -1, _("looking up %s: waiting for the name "
			    "server (Ctrl-C interrupts)"), node);
			said = true;
		}
	}
	children_wait_end();
	return !cut;
}

static void
on_interrupt(int sig)
{
	int saved = errno;

	(void)sig;
	sig_int_pending = 1;
	kick_arm();
	errno = saved;
}

static void
on_quit(int sig)
{
	int saved = errno;

	/* Atomic: the watching thread (watch.h) reads it while it writes. */
	__atomic_store_n(&sig_quit_pending, sig, __ATOMIC_RELAXED);
	kick_arm();
	errno = saved;
}

void
signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking accept/read/connect must return EINTR. */
	sa.sa_flags = 0;
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_quit;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	/* A file past `ulimit -f` (read >FILE): the call fails with EFBIG, the shell stays. */
	sigaction(SIGXFSZ, &sa, NULL);
	term_ending_flag(&sig_quit_pending);
	lookup_set_wait(lookup_wait);
	signals_kick_init();
	children_init();
}
