/* term.c: the terminal sink, the only code that writes to stdout and stderr. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "fdhigh.h"
#include "i18n.h"
#include "print.h"
#include "term.h"
#include "width.h"

#define COLOR_OK	"\033[32m"
#define COLOR_ERR	"\033[31m"
#define COLOR_HINT	"\033[33m"
#define COLOR_NOTE	"\033[2m"
#define COLOR_DATA	"\033[35m"
#define COLOR_NEWS	"\033[36m"
#define COLOR_PACKET	"\033[34m"
#define COLOR_OFF	"\033[0m"

static struct {
	struct sink	 sink;
	bool		 color;
	bool		 color_err;
	void		(*hide)(void);
	void		(*show)(void);
	int		 error;
	/*
	 * Standard output that is not a terminal (a file, a pipe) is written a
	 * block at a time: OUT holds what is not written yet. It goes out when
	 * full, before anything goes to standard error, and at term_flush(),
	 * which the shell calls before anything that can wait.
	 */
	bool		 buffered;
	/*
	 * Standard output or error is /dev/null: nobody sees it, so neither its
	 * order nor the waiting line needs work (OUT goes when full, at exit).
	 */
	bool		 out_null;
	bool		 err_null;
	struct strbuf	 out;
	pthread_t	 main_thread;	/* lines from another thread go out at once */
	pthread_mutex_t	 lock;		/* OUT, between the shell and the capture thread */
	int		 child_fd;	/* in a forked child: the pipe to the parent, else -1 */
	int		 child_pid;
	bool		 orphan;	/* the parent is gone: straight to the terminal */
	struct child_gate *gate;	/* in a forked child: the way into the pipe, or NULL */
	struct timespec	 said;		/* in a forked child: when its last call took effect */
} term = { .lock = PTHREAD_MUTEX_INITIALIZER, .child_fd = -1 };

#define TERM_OUT_BLOCK	65536

/*
 * The call's arguments, in colour: the data strings (those not inside a
 * {sockaddr} or [array]) stand out: the codes go around them, and the
 * characters stay exactly strace's.
 */
static void
put_call_colored(struct strbuf *sb, const char *s)
{
	int depth = 0;

	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"' && depth == 0) {
			const char *q = p + 1;

			while (*q != '\0' && *q != '"')
				q += q[0] == '\\' && q[1] != '\0' ? 2 : 1;
			if (*q == '"')
				q++;
			if (strncmp(q, "...", 3) == 0)
				q += 3;
			sb_add(sb, COLOR_DATA);
			sb_addn(sb, p, (size_t)(q - p));
			sb_add(sb, COLOR_OFF);
			p = q - 1;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && depth > 0)
			depth--;
		sb_addc(sb, *p);
	}
}

/*
 * Where words are broken onto a new line on a terminal (0: nowhere; the
 * terminal, a pipe or a file takes the lines as they come).
 */
static size_t wrap_width;

/* LEN bytes of P, cleaned, a tab kept where TABS allows it. */
static void
put_clean(struct strbuf *sb, const char *p, size_t len, bool tabs)
{
	if (!tabs) {
		pr_clean(sb, p, len);
		return;
	}
	for (size_t i = 0, j; i < len; i = j + 1) {
		for (j = i; j < len && !(tabs && p[j] == '\t'); j++)
			;
		pr_clean(sb, p + i, j - i);
		if (j < len)
			sb_addc(sb, '\t');
	}
}

/* Which long lines put_lines breaks between words to the terminal's width. */
enum wrap {
	WRAP_NONE,
	WRAP_PROSE,	/* but a table's row (columns parted by runs of spaces) stays whole */
	WRAP_ALL,	/* a packet's line too, whose fields runs of spaces part */
};

/*
 * TEXT line by line, each after INDENT and LABEL, between ON and OFF,
 * cleaned: no byte of it can move the cursor or retitle the window. WRAP:
 * which long lines are broken between words to the terminal's width.
 */
static void
put_lines(struct strbuf *sb, const char *text, const char *indent,
    const char *on, const char *off, bool tabs, const char *label, enum wrap wrap)
{
	const char *p = text != NULL ? text : "", *nl;

	do {
		const char *end = strchrnul(p, '\n');
		size_t len = (size_t)(end - p);

		nl = *end == '\n' ? end : NULL;

		/* An empty line stays empty: no indent, no colour codes. */
		if (len > 0) {
			/* Broken to the width only on a terminal: widths counted there. */
			bool may_wrap = wrap != WRAP_NONE && wrap_width > 0;
			size_t at = may_wrap ?
			    strlen(indent) + text_width(label, strlen(label)) : 0;

			sb_add(sb, indent);
			if (*on != '\0')
				sb_add(sb, on);
			if (*label != '\0')
				sb_add(sb, label);
			if (may_wrap && at + text_width(p, len) > wrap_width &&
			    (wrap == WRAP_ALL || memmem(p, len, "  ", 2) == NULL))
				pr_wrapped(sb, p, len, at, wrap_width,
				    wrap == WRAP_ALL);
			else
				put_clean(sb, p, len, tabs);
			if (*off != '\0')
				sb_add(sb, off);
		}
		sb_addc(sb, '\n');
		if (nl != NULL)
			p = nl + 1;
	} while (nl != NULL);
}

void
term_format(const struct event *ev, bool color, bool color_err,
    struct strbuf *sb, int *fd)
{
	const char *off = color ? COLOR_OFF : "";

	*fd = STDOUT_FILENO;
	switch (ev->kind) {
	case EV_CALL: {
		const struct ev_call *c = ev->call;
		size_t nlen = strlen(c->name);
		size_t alen = c->args_len > 0 ? c->args_len : strlen(c->args);
		size_t rlen = c->result_len > 0 ? c->result_len :
		    strlen(c->result);
		char *p;

		if (color) {
			sb_addn(sb, c->name, nlen);
			sb_addc(sb, '(');
			put_call_colored(sb, c->args);
			sb_add(sb, ") = ");
			sb_add(sb, c->ret == -1 ? COLOR_ERR : COLOR_OK);
			sb_addn(sb, c->result, rlen);
			sb_add(sb, off);
			sb_addc(sb, '\n');
			break;
		}
		/* Most lines: made in one piece, the room for it asked once. */
		if (sb->len + nlen + alen + rlen + 7 > sb->cap)
			sb_grow(sb, nlen + alen + rlen + 6);
		p = sb->s + sb->len;
		memcpy(p, c->name, nlen);
		p += nlen;
		*p++ = '(';
		memcpy(p, c->args, alen);
		p += alen;
		memcpy(p, ") = ", 4);
		p += 4;
		if (rlen == 1)	/* most calls return one digit */
			*p++ = c->result[0];
		else
			p = mempcpy(p, c->result, rlen);
		*p++ = '\n';
		*p = '\0';
		sb->len = (size_t)(p - sb->s);
		break;
	}
	case EV_HINT: {
		put_lines(sb, ev->text, "  ", color ? COLOR_HINT : "", off, false,
		    _("hint: "), WRAP_PROSE);
		break;
	}
	case EV_NOTE:
	case EV_EXPECT:
		put_lines(sb, ev->text, "  ", "", "", false, "", WRAP_PROSE);
		break;
	case EV_PACKET:
		/*
		 * Marked, so a packet is never taken for a call; a long one is
		 * broken between words, its further lines under the first's.
		 */
		put_lines(sb, ev->text, "  ~ ", color ? COLOR_PACKET : "", off, false,
		    "", WRAP_ALL);
		break;
	case EV_WAIT:
		*fd = STDERR_FILENO;
		put_lines(sb, ev->text, "  ", color_err ? COLOR_NOTE : "",
		    color_err ? COLOR_OFF : "", false, "", WRAP_NONE);
		break;
	case EV_NEWS:
		put_lines(sb, ev->text, "  ", color ? COLOR_NEWS : "", off, false,
		    "", WRAP_PROSE);
		break;
	case EV_ERROR:
		*fd = STDERR_FILENO;
		sb_add(sb, color_err ? COLOR_ERR : "");
		if (ev->where != NULL) {
			pr_clean(sb, ev->where, strlen(ev->where));
			sb_add(sb, ": ");
		} else {
			sb_add(sb, "sockshell: ");
		}
		/* One line, whatever the text holds: a newline in it is escaped. */
		pr_clean(sb, ev->text, strlen(ev->text));
		sb_add(sb, color_err ? COLOR_OFF "\n" : "\n");
		break;
	case EV_NARRATION:
		put_lines(sb, ev->text, "", color ? COLOR_NEWS : "", off, false,
		    "", WRAP_NONE);
		break;
	case EV_COMMAND:
		if (ev->echo)
			put_lines(sb, ev->text, "", "", "", false, "", WRAP_NONE);
		break;
	case EV_DATA:
	case EV_HELP:
		put_lines(sb, ev->text, "", "", "", ev->kind == EV_HELP, "",
		    WRAP_NONE);
		break;
	case EV_CHILD_ERR:
		*fd = STDERR_FILENO;
		/* FALLTHROUGH */
	case EV_CHILD:
		/* The child made the line with this very function: as it is. */
		sb_add(sb, ev->text != NULL ? ev->text : "");
		sb_addc(sb, '\n');
		break;
	case EV_KIND_MAX:
		break;
	}
}

void
term_child_line(struct strbuf *out, int pid, const char *line, size_t len)
{
	size_t indent = 0;

	/* An indented line stays indented: the mark goes after the indent. */
	while (indent < len && line[indent] == ' ')
		indent++;
	sb_addn(out, line, indent);
	sb_addf(out, "[pid %d]%s", pid, len > indent ? " " : "");
	sb_addn(out, line + indent, len - indent);
}

/* Set when the shell is ending on a signal (SIGTERM, SIGHUP). */
static const volatile sig_atomic_t *ending;
/* An output that took no bytes for a second while the shell was ending. */
static atomic_int stalled = -1;

void
term_ending_flag(const volatile sig_atomic_t *flag)
{
	ending = flag;
}

/* Does FD take more within MS milliseconds? A signal meanwhile does not shorten the wait. */
static bool
room_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	struct timespec until = ts_after_ms(CLOCK_MONOTONIC, ms), left;
	int n, wait_ms = ms;

	while ((n = poll(&p, 1, wait_ms)) == -1 && errno == EINTR) {
		left = ts_left(&until, CLOCK_MONOTONIC);
		if (left.tv_sec < 0)
			return false;
		wait_ms = (int)(left.tv_sec * 1000 + left.tv_nsec / 1000000L);
	}
	return n != 0;
}

/*
 * All of BUF to FD, whatever signal comes between: a line is never half lost.
 * But a reader that stopped reading (a pager not scrolled, Ctrl-S) must not
 * hold a shell that SIGTERM is ending: from then on each piece waits at
 * most a second for room, and once one did in vain, none to it waits.
 */
static int
write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		/* Read atomically: another thread than the one it is set on may write. */
		bool end = ending != NULL &&
		    __atomic_load_n(ending, __ATOMIC_RELAXED) != 0;
		ssize_t n;

		if (end) {
			if (atomic_load(&stalled) == fd || !room_within(fd, 1000)) {
				atomic_store(&stalled, fd);
				errno = EAGAIN;
				return -1;
			}
		}
		n = write(fd, buf, end && len > PIPE_BUF ? PIPE_BUF : len);
		if (n == -1) {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			if (errno == EINTR)
				continue;
			if (errno == EAGAIN) {
				poll(&p, 1, 100);
				continue;
			}
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Readline writes through stdio: what it holds goes first, so the order stays. */
static void
stdio_first(void)
{
	fflush(stdout);
}

int
term_columns(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 80;
}

/* What OUT holds, written; the caller holds the lock. */
static void
out_flush_locked(void)
{
	if (term.out.len > 0 && term.error == 0 &&
	    write_all(STDOUT_FILENO, term.out.s, term.out.len) == -1)
		term.error = errno;
	sb_reset(&term.out);
}

void
term_flush(void)
{
	pthread_mutex_lock(&term.lock);
	out_flush_locked();
	pthread_mutex_unlock(&term.lock);
}

/*
 * Threads besides the shell's that may print (the capture's, the children's
 * reader): without them OUT is the shell's alone, and a line is made in it
 * without the lock.
 */
static int	threads;

bool
term_holds_output(void)
{
	return term.buffered && !term.out_null;
}

void
term_threads(int delta)
{
	threads += delta;
}

/* LEN bytes of BUF to FD (stdout or stderr), in order with what OUT holds. */
static void
out_put(int fd, const char *buf, size_t len)
{
	pthread_mutex_lock(&term.lock);
	if (fd == STDOUT_FILENO && term.buffered) {
		sb_addn(&term.out, buf, len);
		if (term.out.len >= TERM_OUT_BLOCK ||
		    !pthread_equal(pthread_self(), term.main_thread))
			out_flush_locked();
	} else {
		if (!term.out_null)
			out_flush_locked();
		stdio_first();
		if (write_all(fd, buf, len) == -1 && term.error == 0)
			term.error = errno;
	}
	pthread_mutex_unlock(&term.lock);
}

bool
term_progress(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	size_t width = (size_t)term_columns() - 1;

	if (!isatty(STDERR_FILENO))
		return false;
	sb_addc(&sb, '\r');
	if (text != NULL) {
		/* As much as fits the width, by columns, cut between characters. */
		size_t n = strlen(text);

		while (n > 0 && text_width(text, n) > width)
			do
				n--;
			while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80);
		pr_clean(&sb, text, n);
	}
	sb_add(&sb, "\033[K");
	out_put(STDERR_FILENO, sb.s, sb.len);
	sb_free(&sb);
	return text != NULL;
}

int
term_prompt_fd(void)
{
	return !isatty(STDOUT_FILENO) && isatty(STDERR_FILENO) ?
	    STDERR_FILENO : STDOUT_FILENO;
}

FILE *
term_prompt_stream(void)
{
	return term_prompt_fd() == STDERR_FILENO ? stderr : stdout;
}

/* /proc/PID/NAME into BUF (SIZE at most, NUL-ended); its length, or -1. */
static ssize_t
proc_read(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof path, "/proc/%ld/%s", (long)pid, name);
	return fd_read_small(path, buf, size);
}

/* Does process PID hold the pipe WANT ("pipe:[INO]") open for reading, as its FD? */
static bool
reads_pipe(pid_t pid, const char *fd, const char *want)
{
	char path[64], name[48], link[64], info[256];
	const char *flags;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%ld/fd/%s", (long)pid, fd);
	if ((n = readlink(path, link, sizeof link - 1)) <= 0)
		return false;
	link[n] = '\0';
	if (strcmp(link, want) != 0)
		return false;
	snprintf(name, sizeof name, "fdinfo/%s", fd);
	/* "flags:\t0100000": the access mode is in the last octal digit. */
	return proc_read(pid, name, info, sizeof info) > 0 &&
	    (flags = strstr(info, "flags:")) != NULL &&
	    (strtoul(flags + 6, NULL, 8) & O_ACCMODE) == O_RDONLY;
}

/*
 * The process reading the pipe standard output is (tee, cat), or -1, from
 * /proc: kept while it holds the pipe, looked for again when it does not
 * (at the first prompt the reader may not have been started yet).
 */
static pid_t
pipe_reader(ino_t ino)
{
	static pid_t known = -1;
	static char known_fd[32];
	char want[64], path[64];
	struct dirent *p, *f;
	DIR *procs, *fds;
	pid_t self = getpid();

	snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)ino);
	if (known != -1 && reads_pipe(known, known_fd, want))
		return known;
	known = -1;
	if ((procs = opendir("/proc")) == NULL)
		return -1;
	while (known == -1 && (p = readdir(procs)) != NULL) {
		pid_t pid = (pid_t)atol(p->d_name);

		if (pid <= 0 || pid == self)
			continue;
		snprintf(path, sizeof path, "/proc/%ld/fd", (long)pid);
		if ((fds = opendir(path)) == NULL)
			continue;
		while ((f = readdir(fds)) != NULL)
			if (f->d_name[0] != '.' && strlen(f->d_name) < sizeof known_fd &&
			    reads_pipe(pid, f->d_name, want)) {
				known = pid;
				memcpy(known_fd, f->d_name, strlen(f->d_name) + 1);
				break;
			}
		closedir(fds);
	}
	closedir(procs);
	return known;
}

/* Where the pipe's reader is, as /proc says. */
enum reader_state {
	READER_UNKNOWN,		/* the kernel will not say (another user's process) */
	READER_READS,		/* asleep in a pipe's read: done with what it read */
	READER_RUNS,		/* running, waiting for a processor, or in an uninterruptible step (a fork) */
	READER_ELSEWHERE,	/* asleep in anything else: a pager waits for a key */
};

static enum reader_state
reader_state(pid_t pid)
{
	char path[64], wchan[64];
	struct stat st;

	if (proc_read(pid, "wchan", wchan, sizeof wchan) <= 0)
		return READER_UNKNOWN;
	if (strcmp(wchan, "0") != 0)
		return strstr(wchan, "pipe_read") != NULL ? READER_READS :
		    READER_ELSEWHERE;
	/*
	 * "0": the kernel will not say of another user's process; of one it
	 * lets us see, that it runs or is between two sleeps (a fork).
	 */
	snprintf(path, sizeof path, "/proc/%ld", (long)pid);
	if (stat(path, &st) == -1 || (geteuid() != 0 && st.st_uid != geteuid()))
		return READER_UNKNOWN;
	return READER_RUNS;
}

void
term_settle(void)
{
	struct stat st;
	struct timespec taken, shown;
	enum reader_state rs = READER_UNKNOWN;
	int left = 0;
	pid_t reader;

	term_flush();
	if (term_prompt_fd() != STDERR_FILENO || fstat(STDOUT_FILENO, &st) == -1 ||
	    !S_ISFIFO(st.st_mode))
		return;
	reader = pipe_reader(st.st_ino);
	/*
	 * Until the reader (tee) has taken it all and is back to reading, so
	 * that what it read is on the screen. A second at most while it runs;
	 * 200 ms while it sleeps elsewhere with the pipe full (a pager takes
	 * no more until a key is pressed).
	 */
	taken = ts_after_ms(CLOCK_MONOTONIC, 200);
	shown = ts_after_ms(CLOCK_MONOTONIC, 1000);
	for (;;) {
		struct timespec ms = { 0, 1000000L };

		if (ioctl(STDOUT_FILENO, FIONREAD, &left) == -1)
			break;
		rs = reader != -1 ? reader_state(reader) : READER_UNKNOWN;
		if (left == 0 && (rs == READER_READS || rs == READER_UNKNOWN))
			break;
		if (ts_left(left > 0 && rs != READER_RUNS ? &taken : &shown,
		    CLOCK_MONOTONIC).tv_sec < 0)
			break;
		nanosleep(&ms, NULL);
	}
	/* No reader known to watch: a moment to put it on the screen (20 ms). */
	if (left == 0 && rs == READER_UNKNOWN) {
		struct timespec moment = { 0, 20000000L };

		nanosleep(&moment, NULL);
	}
}

void
term_raw(const char *s)
{
	out_put(term_prompt_fd(), s, strlen(s));
	term_flush();
}

/*
 * A record REC into the pipe, through the gate: -1 when the parent is gone,
 * once what it held is out (a while at most, and not after it has died).
 */
static int
child_put(const struct strbuf *rec)
{
	struct child_gate *g = term.gate;
	int rc;

	if (g == NULL)
		return write_all(term.child_fd, rec->s, rec->len);
	/* In, then look: the parent sets GONE, then looks who is in (seq_cst). */
	atomic_fetch_add(&g->writing, 1);
	if (atomic_load(&g->gone) != GATE_OPEN) {
		struct timespec tick = { 0, 5 * 1000000L };
		pid_t parent = getppid();

		atomic_fetch_sub(&g->writing, 1);
		for (int i = 0; i < 400 && atomic_load(&g->gone) == GATE_CLOSING &&
		    getppid() == parent; i++)
			nanosleep(&tick, NULL);
		return -1;
	}
	rc = write_all(term.child_fd, rec->s, rec->len);
	atomic_fetch_sub(&g->writing, 1);
	return rc;
}

/*
 * In a forked child: each line marked "[pid N]" as strace -f marks it, into
 * the pipe the parent reads, as records "PID@SEC.NSEC Mtext\n" (when its
 * call took effect, CLOCK_MONOTONIC; M: 'o' or 'e', the
 * stream), each one write of at most PIPE_BUF bytes, so that no other
 * child's record can come between; a longer line goes in parts ('O', 'E':
 * more follows). Once the parent is gone (the gate says so, or EPIPE), the
 * whole line straight to the terminal, and every line after it.
 */
static void
child_deliver(const struct strbuf *sb, int fd)
{
	const char *p = sb->s, *end = sb->s + sb->len;
	struct strbuf line = STRBUF_INIT, rec = STRBUF_INIT;
	struct timespec now;

	/* When its call took effect: the parent prints it on the right side of its own. */
	if (term.said.tv_sec != 0)
		now = term.said;
	else
		clock_gettime(CLOCK_MONOTONIC, &now);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		size_t at = 0, room;

		sb_reset(&line);
		term_child_line(&line, term.child_pid, p, len);
		p += len + 1;
		if (term.orphan) {
			sb_addc(&line, '\n');
			(void)write_all(fd, line.s, line.len);
			continue;
		}
		do {
			sb_reset(&rec);
			sb_addf(&rec, "%d@%lld.%09ld ", term.child_pid,
			    (long long)now.tv_sec, now.tv_nsec);
			room = PIPE_BUF - rec.len - 2;
			room = line.len - at < room ? line.len - at : room;
			sb_addc(&rec, (fd == STDERR_FILENO ? 'e' : 'o') -
			    (at + room < line.len ? 'a' - 'A' : 0));
			sb_addn(&rec, line.s + at, room);
			sb_addc(&rec, '\n');
			at += room;
			if (child_put(&rec) == -1) {
				term.orphan = true;
				sb_addc(&line, '\n');
				(void)write_all(fd, line.s, line.len);
				break;
			}
		} while (at < line.len);
	}
	sb_free(&line);
	sb_free(&rec);
}

void
term_child_said(const struct timespec *t)
{
	term.said = *t;
}

void
term_child(int pipe_fd, int pid, struct child_gate *gate)
{
	term.child_fd = pipe_fd;
	term.child_pid = pid;
	term.gate = gate;
	term.hide = term.show = NULL;
	/* What the parent had not written yet is the parent's to write. */
	sb_reset(&term.out);
	term.buffered = false;
	term.out_null = false;
}

static void
term_deliver(struct sink *s, const struct event *ev)
{
	char room[512];
	struct strbuf sb;
	int fd;

	(void)s;
	/* Words are broken to the width only where a person reads them as they come. */
	wrap_width = term.buffered || term.child_fd != -1 ? 0 :
	    (size_t)term_columns();
	/* Most lines go to the block standard output is written from: made there. */
	if (term.buffered && threads == 0 && term.child_fd == -1 &&
	    term.hide == NULL && term.error == 0) {
		size_t at = term.out.len;

		term_format(ev, term.color, term.color_err, &term.out, &fd);
		if (fd == STDOUT_FILENO) {
			if (term.out.len >= TERM_OUT_BLOCK)
				out_flush_locked();
			return;
		}
		/* For standard error: taken back, to go after what came before. */
		sb_init_on(&sb, room, sizeof room);
		sb_addn(&sb, term.out.s + at, term.out.len - at);
		term.out.len = at;
		term.out.s[at] = '\0';
	} else {
		sb_init_on(&sb, room, sizeof room);
		term_format(ev, term.color, term.color_err, &sb, &fd);
	}
	if (sb.len == 0 || term.error != 0) {
		sb_free(&sb);
		return;
	}
	if (term.child_fd != -1) {
		child_deliver(&sb, fd);
		sb_free(&sb);
		return;
	}
	if (term.hide != NULL)
		term.hide();
	out_put(fd, sb.s, sb.len);
	if (term.show != NULL)
		term.show();
	sb_free(&sb);
}

/* Around fork: no other thread holds the lock while the child is made. */
static void
term_lock(void)
{
	pthread_mutex_lock(&term.lock);
}

static void
term_unlock(void)
{
	pthread_mutex_unlock(&term.lock);
}

static void
term_sink_flush(struct sink *s)
{
	(void)s;
	if (!term.out_null)
		term_flush();
}

static bool
term_sink_shows(struct sink *s, enum ev_kind kind)
{
	(void)s;
	/* A command is printed only when echoed, and an echoed one is always said. */
	if (kind == EV_COMMAND)
		return false;
	return kind != EV_WAIT || !term.err_null;
}

/* Is FD open on /dev/null? */
static bool
is_dev_null(int fd)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && S_ISCHR(a.st_mode) &&
	    stat("/dev/null", &b) == 0 && a.st_rdev == b.st_rdev;
}

void
term_attach(bool color)
{
	term.sink.deliver = term_deliver;
	term.sink.flush = term_sink_flush;
	term.sink.shows = term_sink_shows;
	term.buffered = !isatty(STDOUT_FILENO);
	term.out_null = term.buffered && is_dev_null(STDOUT_FILENO);
	term.err_null = is_dev_null(STDERR_FILENO);
	term.main_thread = pthread_self();
	atexit(term_flush);	/* whatever way the shell leaves, short of _exit */
	pthread_atfork(term_lock, term_unlock, term_unlock);
	term_set_color(color);
	sink_add(&term.sink);
}

void
term_set_color(bool color)
{
	term.color = color;
	term.color_err = color && isatty(STDERR_FILENO);
}

bool
term_color(void)
{
	return term.color;
}

void
term_prompt_hooks(void (*hide)(void), void (*show)(void))
{
	term.hide = hide;
	term.show = show;
}

int
term_write_error(void)
{
	return term.error;
}

void
term_report_write_error(void)
{
	struct strbuf sb = STRBUF_INIT;

	sb_reset(&term.out);
	sb_addf(&sb, _("sockshell: write error: %s\n"), strerror(term.error));
	(void)write_all(STDERR_FILENO, sb.s, sb.len);
	sb_free(&sb);
}

void
term_out_of_memory(void)
{
	static const char msg[] = "sockshell: out of memory\n";

	/* What was printed before stays printed (no lock: nothing else runs now that matters). */
	if (term.out.len > 0)
		(void)write_all(STDOUT_FILENO, term.out.s, term.out.len);
	(void)write_all(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(1);
}
