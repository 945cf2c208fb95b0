/*
 * bulk.c: write @FILE and read >FILE, a file through a socket in big calls:
 * sendfile(2) from the file to the socket; from a stream socket into a
 * regular file or /dev/null, splice(2) into a pipe of the shell's and
 * splice(2) from it into the file, so the bytes never come up to the shell
 * (the kernel's zero-copy way); splice(2) straight when the file is a pipe
 * (@- and >- in a pipeline), as sendfile reads no pipe and a pipe takes
 * pages without a copy; read(2) and write(2) for anything else (a terminal,
 * a datagram socket). The shell opens and closes the file and the pipe
 * itself; those calls print too, as a program doing the same would make them. A transfer
 * makes many calls: the first BULK_SHOWN print as strace prints them, the
 * rest sum up in one indented line, and the last (end of file, the error, the
 * one Ctrl-C cut short) prints in full again.
 */
#include "config.h"

#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bulk.h"
#include "call.h"
#include "print.h"
#include "term.h"

/* Seconds a transfer runs before the progress line shows, and between updates. */
#define PROGRESS_AFTER	1.0
#define PROGRESS_EVERY	0.2

/* One transfer: what went, what was not printed, the progress line. */
struct bulk {
	struct shell	*sh;
	const char	*path;		/* the file, as typed ("-": the standard input or output) */
	const char	*names[2];	/* the calls summed up: "sendfile"; "read", "write" */
	unsigned long	 hidden[2];	/* of each, not printed */
	unsigned long long hidden_bytes;
	unsigned long long total;	/* bytes through the socket */
	unsigned long long size;	/* of the file when known, else 0 */
	unsigned long	 calls;		/* socket calls made */
	struct timespec	 start, shown;	/* the first call; the last progress line */
	bool		 progress;	/* a progress line is on the screen */
	bool		 spliced;	/* a splice into the file went through */
};

static double
since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	    (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

const char *
bulk_file(const struct word *w, char prefix)
{
	if ((w->quoted && !w->bare_start) || w->len < 2 || w->s[0] != prefix ||
	    memchr(w->s, '\0', w->len) != NULL)
		return NULL;
	return w->s + 1;
}

/* The line the summed-up calls make, once, before the next printed call; the progress line wiped. */
static void
bulk_flush(struct bulk *b)
{
	struct strbuf sb = STRBUF_INIT;

	/* Whatever prints next takes the progress line's place. */
	if (b->progress)
		term_progress(NULL);
	b->progress = false;
	if (b->hidden[0] == 0 && b->hidden[1] == 0)
		return;
	/* Both halves splice: one count of splice calls. */
	if (b->names[1] != NULL && (strcmp(b->names[0], b->names[1]) == 0 ||
	    b->hidden[0] == 0)) {
		sb_addf(&sb, P_("... %lu more %s call: %llu bytes",
		    "... %lu more %s calls: %llu bytes", b->hidden[0] + b->hidden[1]),
		    b->hidden[0] + b->hidden[1], b->names[b->hidden[0] == 0],
		    b->hidden_bytes);
	} else if (b->names[1] != NULL) {
		struct strbuf more = STRBUF_INIT;

		/* TRANSLATORS: the second part of "... 3 more read calls and %s". */
		sb_addf(&more, P_("%lu %s call", "%lu %s calls", b->hidden[1]),
		    b->hidden[1], b->names[1]);
		sb_addf(&sb, P_("... %lu more %s call and %s: %llu bytes",
		    "... %lu more %s calls and %s: %llu bytes", b->hidden[0]),
		    b->hidden[0], b->names[0], sb_str(&more), b->hidden_bytes);
		sb_free(&more);
	} else
		sb_addf(&sb, P_("... %lu more %s call: %llu bytes",
		    "... %lu more %s calls: %llu bytes", b->hidden[0]),
		    b->hidden[0], b->names[0], b->hidden_bytes);
	shell_note(b->sh, "%s", sb_str(&sb));
	sb_free(&sb);
	b->hidden[0] = b->hidden[1] = 0;
	b->hidden_bytes = 0;
}

/* " (1180 MB/s)" (kB/s below a megabyte), or nothing for a time too short to tell. */
static void
add_rate(struct strbuf *sb, unsigned long long bytes, double secs)
{
	double rate = secs >= 0.001 ? (double)bytes / secs : 0;

	if (rate >= 1e6)
		sb_addf(sb, " (%.0f MB/s)", rate / 1e6);
	else if (secs >= 0.001)
		sb_addf(sb, " (%.0f kB/s)", rate / 1e3);
}

/* On a terminal, for a transfer past a second: how far it is, on one line. */
static void
bulk_progress(struct bulk *b)
{
	struct strbuf sb = STRBUF_INIT;
	double secs = since(&b->start);

	if (secs < PROGRESS_AFTER || (b->progress && since(&b->shown) <
	    PROGRESS_EVERY))
		return;
	clock_gettime(CLOCK_MONOTONIC, &b->shown);
	if (b->size > 0)
		sb_addf(&sb, _("  %s: %llu bytes of %llu (%.0f%%) in %.2f s"),
		    b->names[0], b->total, b->size,
		    100.0 * (double)b->total / (double)b->size, secs);
	else
		sb_addf(&sb, _("  %s: %llu bytes in %.2f s"), b->names[0],
		    b->total, secs);
	add_rate(&sb, b->total, secs);
	sb_add(&sb, _(", Ctrl-C stops"));
	b->progress = term_progress(sb_str(&sb)) || b->progress;
	sb_free(&sb);
}

/*
 * The start and end of a transfer call: call_begin and call_returned for a
 * FULL one (the first few); the rest, most of them unprinted, only take the
 * time, as a fast transfer makes tens of thousands. (Whether such a call
 * slept is not known then: `expect waited` sees no.)
 */
static void
bulk_begin(struct call *c, const char *name, int fd, bool full)
{
	if (full) {
		call_begin(c, name, fd);
		return;
	}
	memset(c, 0, sizeof *c);
	c->name = name;
	c->fd = fd;
	c->nvcsw = -1;
	c->timed = call_timed();
	if (c->timed)
		clock_gettime(CLOCK_REALTIME, &c->begin);
}

static void
bulk_returned(struct call *c, long ret, int err, bool full)
{
	if (full) {
		call_returned(c, ret, err);
		return;
	}
	if (c->timed)
		clock_gettime(CLOCK_REALTIME, &c->end);
	c->ret = ret;
	c->err = ret == -1 ? err : 0;
}

static void
bulk_init(struct bulk *b, struct shell *sh, const char *path, const char *n0,
    const char *n1)
{
	memset(b, 0, sizeof *b);
	b->sh = sh;
	b->path = path;
	b->names[0] = n0;
	b->names[1] = n1;
	clock_gettime(CLOCK_MONOTONIC, &b->start);
}

/*
 * Open PATH with FLAGS, the call printed as strace prints openat; "-" is
 * STD (0 or 1), opened by no one. Returns the descriptor, or -1.
 */
static int
bulk_open(struct shell *sh, const char *path, int flags, int std)
{
	struct call c;
	int fd;

	if (strcmp(path, "-") == 0)
		return std;
	call_begin(&c, "openat", -1);
	fd = open(path, flags, 0666);
	call_returned(&c, fd, errno);
	sb_add(&c.args, "AT_FDCWD, ");
	pr_quoted(&c.args, path, strlen(path), PATH_MAX);
	sb_add(&c.args, flags == O_RDONLY ? ", O_RDONLY" :
	    ", O_WRONLY|O_CREAT|O_TRUNC, 0666");
	call_end(sh, &c);
	return fd;
}

/*
 * The end of a transfer: the progress line wiped, the file closed (printed),
 * and `expect` left with the transfer's last call, not the close.
 */
static void
bulk_close(struct bulk *b, int file)
{
	if (b->progress)
		term_progress(NULL);
	if (strcmp(b->path, "-") == 0)
		return;
	shell_close_aside(b->sh, file);
}

/*
 * The pipe a socket's bytes go through on their way to the file, made as
 * large as a call asks (fcntl F_SETPIPE_SZ; the default 64 KiB when that is
 * refused), both printed. False when no pipe could be made: then read and
 * write carry the bytes.
 */
static bool
through_open(struct shell *sh, int p[2])
{
	struct call c;
	int rc;

	call_begin(&c, "pipe2", -1);
	rc = pipe2(p, O_CLOEXEC);
	call_returned(&c, rc, errno);
	if (rc == 0)
		sb_addf(&c.args, "[%d, %d], O_CLOEXEC", p[0], p[1]);
	else {
		/* strace shows the array's address when the call failed */
		pr_ptr(&c.args, p);
		sb_add(&c.args, ", O_CLOEXEC");
	}
	call_end(sh, &c);
	if (rc == -1) {
		p[0] = p[1] = -1;
		return false;
	}
	call_begin(&c, "fcntl", p[1]);
	rc = fcntl(p[1], F_SETPIPE_SZ, BULK_CHUNK);
	call_returned(&c, rc, errno);
	sb_addf(&c.args, "%d, F_SETPIPE_SZ, %d", p[1], BULK_CHUNK);
	call_end(sh, &c);
	return true;
}

/* A socket's bytes go into FILE through a pipe: a stream socket, and a file that takes spliced pages. */
static bool
through_fits(const struct fd_entry *e, const struct stat *st)
{
	return e->type == SOCK_STREAM && (S_ISREG(st->st_mode) ||
	    (S_ISCHR(st->st_mode) && major(st->st_rdev) == 1 &&
	    minor(st->st_rdev) == 3));
}

static void
through_close(struct shell *sh, int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] != -1) {
			shell_close_aside(sh, p[i]);
			p[i] = -1;
		}
}

/* Why a transfer stopped, when it was not at its end: one more note. */
static void
bulk_why(struct shell *sh, long ret, int err, const char *rest)
{
	if (sig_int_pending || sig_quit_pending)
		shell_note(sh, sig_int_pending ? _("Ctrl-C stopped it: %s") :
		    _("a signal stopped it: %s"), rest);
	else if (ret == -1 && err == EAGAIN)
		shell_note(sh, "the descriptor is non-blocking and had no room or "
		    "data for more: %s", rest);
	else if (ret == -1)
		shell_note(sh, "the error ended it: %s", rest);
}

enum cmd_retval
bulk_send(struct shell *sh, int fd, const char *path)
{
	struct stat st = { 0 };
	struct bulk b;
	struct call c;
	bool is_pipe;
	int file;
	ssize_t n;

	if ((file = bulk_open(sh, path, O_RDONLY, 0)) == -1)
		return CMD_RETURN_NORMAL;
	/* sendfile reads no pipe (@- after a |): splice moves a pipe's pages. */
	is_pipe = fstat(file, &st) == 0 && S_ISFIFO(st.st_mode);
	bulk_init(&b, sh, path, is_pipe ? "splice" : "sendfile", NULL);
	if (S_ISREG(st.st_mode))
		b.size = (unsigned long long)st.st_size;
	/* The file's end may wait too (@- from a pipe): the socket's is peeked at. */
	wait_note_peeked(sh, fd, POLLOUT, _("room in the send buffer"));
	if (shell_signal_before_call(sh, b.names[0])) {
		bulk_close(&b, file);
		return CMD_RETURN_NORMAL;
	}
	for (;;) {
		bool full = b.calls < BULK_SHOWN, last;

		bulk_begin(&c, b.names[0], fd, full);
		if (is_pipe)
			n = splice(file, NULL, fd, NULL, BULK_CHUNK, SPLICE_F_MOVE);
		else
			n = sendfile(fd, file, NULL, BULK_CHUNK);
		bulk_returned(&c, n, errno, full);
		b.calls++;
		last = n <= 0 || sig_int_pending || sig_quit_pending;
		if (n > 0)
			b.total += (unsigned long long)n;
		if (full || last) {
			bulk_flush(&b);
			if (is_pipe)
				sb_addf(&c.args, "%d, NULL, %d, NULL, %d, "
				    "SPLICE_F_MOVE", file, fd, BULK_CHUNK);
			else
				sb_addf(&c.args, "%d, %d, NULL, %d", fd, file,
				    BULK_CHUNK);
			call_end(sh, &c);
		} else {
			b.hidden[0]++;
			b.hidden_bytes += (unsigned long long)n;
		}
		if (last)
			break;
		bulk_progress(&b);
	}
	bulk_close(&b, file);

	struct strbuf sb = STRBUF_INIT;
	double secs = since(&b.start);

	sb_addf(&sb, _("sent %llu bytes of %s to fd%d in %.2f s"), b.total,
	    strcmp(path, "-") == 0 ? _("standard input") : path, fd,
	    secs);
	add_rate(&sb, b.total, secs);
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
	if (c.ret == -1 && (c.err == EPIPE || c.err == ECONNRESET))
		shell_note(sh, "the peer is gone: the send buffer took the first "
		    "%llu bytes; it got at most those", b.total);
	else
		bulk_why(sh, c.ret, c.err, _("the rest was not sent"));
	return CMD_RETURN_NORMAL;
}

/* The arguments of a write into FILE (or a splice from FROM into it) of BUF[OFF..OFF+LEN). */
static void
put_args(struct call *c, const struct bulk *b, int file, int from,
    const char *buf, size_t off, size_t len)
{
	if (from != -1) {
		sb_addf(&c->args, "%d, NULL, %d, NULL, %zu, SPLICE_F_MOVE", from,
		    file, len);
		return;
	}
	sb_addlong(&c->args, file);
	sb_add(&c->args, ", ");
	pr_quoted(&c->args, buf + off, len, SH_STRSIZE(b->sh));
	sb_addf(&c->args, ", %zu", len);
}

/* The unprinted writes of one piece before one failed: printed after its read. */
struct put_hidden {
	unsigned long	 n;		/* that went through */
	unsigned long long bytes;	/* of them all but the last */
	size_t		 off, ask, got;	/* the last one's: where, asked, written */
	struct call	 last;
};

enum put_result {
	PUT_OK,
	PUT_FAILED,
	PUT_NO_SPLICE	/* the file takes no splice: read and write must do */
};

/*
 * The bytes of one read into FILE, each write a call, printed when SHOW; or,
 * when FROM is a pipe's end, LEN bytes spliced from it into FILE. When one
 * fails unprinted it is left in FAILED, its line ready, and the unprinted
 * ones of this piece before it in PH. PUT_NO_SPLICE: the first splice into
 * the file of the transfer was refused (EINVAL), printed, the bytes still
 * in the pipe.
 */
static enum put_result
bulk_put(struct bulk *b, int file, const char *buf, size_t len, bool show,
    struct call *failed, int from, struct put_hidden *ph)
{
	size_t off = 0;

	memset(ph, 0, offsetof(struct put_hidden, last));
	while (off < len) {
		struct call c;
		ssize_t n;

		if (strcmp(b->path, "-") == 0)
			emit_flush();	/* the data comes after the lines before it */
		bulk_begin(&c, b->names[1], file, show);
		if (from != -1) {
			n = splice(from, NULL, file, NULL, len - off, SPLICE_F_MOVE);
			c.what = "file";
		} else {
			n = write(file, buf + off, len - off);
		}
		bulk_returned(&c, n, errno, show);
		if (show || n <= 0)
			put_args(&c, b, file, from, buf, off, len - off);
		if (show) {
			call_end(b->sh, &c);
		} else if (n > 0) {
			if (ph->n++ > 0)
				ph->bytes += ph->got;
			ph->off = off;
			ph->ask = len - off;
			ph->got = (size_t)n;
			call_move(&ph->last, &c);
		}
		/* 0 from a pipe that holds bytes (or a write of none) is as much a failure. */
		if (n <= 0) {
			if (!show)
				call_move(failed, &c);
			return from != -1 && c.err == EINVAL && !b->spliced && show ?
			    PUT_NO_SPLICE : PUT_FAILED;
		}
		if (from != -1)
			b->spliced = true;
		off += (size_t)n;
	}
	return PUT_OK;
}

/*
 * The arguments of a read (or a splice into FILE when PIPE: FILE is the
 * file, or the write end of the shell's pipe) that returned N.
 */
static void
recv_args(struct call *c, int fd, int file, bool pipe, const char *buf,
    ssize_t n, size_t ask, size_t strsize)
{
	if (pipe) {
		sb_addf(&c->args, "%d, NULL, %d, NULL, %zu, SPLICE_F_MOVE", fd,
		    file, ask);
		return;
	}
	sb_addlong(&c->args, fd);
	sb_add(&c->args, ", ");
	if (n == -1)
		pr_ptr(&c->args, buf);
	else
		pr_quoted(&c->args, buf, (size_t)n, strsize);
	sb_addf(&c->args, ", %zu", ask);
}

/* The writes PH holds, printed: those before the last summed up, the last whole. */
static void
put_hidden_print(struct bulk *b, struct put_hidden *ph, int file, int from,
    const char *buf)
{
	if (ph->n == 0)
		return;
	if (ph->n > 1) {
		b->hidden[0] = 0;
		b->hidden[1] = ph->n - 1;
		b->hidden_bytes = ph->bytes;
		bulk_flush(b);
	}
	put_args(&ph->last, b, file, from, buf, ph->off, ph->ask);
	call_end(b->sh, &ph->last);
}

/*
 * The file refused the first splice into it: LEN bytes wait in the pipe
 * THROUGH. They are read out into BUF and written, each call printed, the
 * pipe closed; the transfer goes on by read and write. False when a write
 * failed (printed).
 */
static bool
through_drain(struct bulk *b, int through[2], int file, char *buf, size_t len,
    struct call *failed)
{
	struct put_hidden ph;
	bool ok = true;

	b->names[0] = "read";
	b->names[1] = "write";
	while (len > 0 && ok) {
		struct call c;
		ssize_t n;

		call_begin(&c, "read", through[0]);
		n = read(through[0], buf, len);
		call_returned(&c, n, errno);
		recv_args(&c, through[0], file, false, buf, n, len,
		    SH_STRSIZE(b->sh));
		call_end(b->sh, &c);
		if (n <= 0)
			break;
		ok = bulk_put(b, file, buf, (size_t)n, true, failed, -1, &ph) ==
		    PUT_OK;
		len -= (size_t)n;
	}
	through_close(b->sh, through);
	return ok;
}

enum cmd_retval
bulk_recv(struct shell *sh, int fd, const char *path, long count)
{
	struct fd_entry *e = fd_table_find(&sh->fds, fd);
	unsigned long long want = count < 0 ? ~0ULL : (unsigned long long)count;
	struct stat st;
	struct bulk b;
	struct call c, failed;
	struct put_hidden ph;
	enum put_result put = PUT_OK;
	bool is_pipe;
	int file, through[2] = { -1, -1 };
	char *buf = NULL;
	ssize_t n = 0;

	/* '-' is the standard output: its number is the shell's, never written to by name. */
	if ((file = bulk_open(sh, path, O_WRONLY | O_CREAT | O_TRUNC, 1)) == -1)
		return CMD_RETURN_NORMAL;
	/* Into a pipe (>- after a |) splice moves the socket's pages: one call, no copy. */
	is_pipe = fstat(file, &st) == 0 && S_ISFIFO(st.st_mode);
	if (is_pipe)
		bulk_init(&b, sh, path, "splice", NULL);
	else if (want > 0 && strcmp(path, "-") != 0 && through_fits(e, &st) &&
	    through_open(sh, through))
		bulk_init(&b, sh, path, "splice", "splice");
	else
		bulk_init(&b, sh, path, "read", "write");
	b.size = count > 0 ? (unsigned long long)count : 0;
	if (!is_pipe && through[0] == -1)
		buf = xmalloc(BULK_CHUNK);
	/* The file's end may wait too (>- into a full pipe): the socket's is peeked at. */
	if (want > 0 && !e->listening)
		wait_note_peeked(sh, fd, POLLIN, _("data"));
	if (shell_signal_before_call(sh, b.names[0])) {
		free(buf);
		through_close(sh, through);
		bulk_close(&b, file);
		return CMD_RETURN_NORMAL;
	}
	memset(&c, 0, sizeof c);
	while (b.total < want) {
		size_t ask = want - b.total < BULK_CHUNK ?
		    (size_t)(want - b.total) : BULK_CHUNK;
		bool full = b.calls < BULK_SHOWN, last, show;

		if (strcmp(b.path, "-") == 0)
			emit_flush();	/* the data comes after the lines before it */
		bulk_begin(&c, b.names[0], fd, full);
		if (is_pipe)
			n = splice(fd, NULL, file, NULL, ask, SPLICE_F_MOVE);
		else if (through[1] != -1)
			n = splice(fd, NULL, through[1], NULL, ask, SPLICE_F_MOVE);
		else
			n = read(fd, buf, ask);
		bulk_returned(&c, n, errno, full);
		b.calls++;
		if (n > 0)
			b.total += (unsigned long long)n;
		last = n <= 0 || b.total >= want || sig_int_pending ||
		    sig_quit_pending;
		if ((show = full || last)) {
			bulk_flush(&b);
			recv_args(&c, fd, through[1] != -1 ? through[1] : file,
			    is_pipe || through[1] != -1, buf, n, ask, SH_STRSIZE(sh));
			call_end(sh, &c);
		}
		ph.n = 0;
		if (n > 0 && !is_pipe)
			put = bulk_put(&b, file, buf, (size_t)n, show, &failed,
			    through[0], &ph);
		if (put == PUT_NO_SPLICE) {
			/* The file takes no splice: what the pipe holds, then the rest, by read and write. */
			buf = xmalloc(BULK_CHUNK);
			put = through_drain(&b, through, file, buf, (size_t)n,
			    &failed) ? PUT_OK : PUT_FAILED;
			if (put == PUT_FAILED)
				break;
		} else if (put == PUT_FAILED) {
			/* A write that fails prints, after the read that got its bytes. */
			if (!show) {
				bulk_flush(&b);
				recv_args(&c, fd, through[1] != -1 ?
				    through[1] : file, is_pipe || through[1] != -1,
				    buf, n, ask, SH_STRSIZE(sh));
				call_end(sh, &c);
				put_hidden_print(&b, &ph, file, through[0], buf);
				call_end(sh, &failed);
			}
			break;
		} else if (!show) {
			b.hidden[0]++;
			b.hidden[1] += ph.n;
			b.hidden_bytes += (unsigned long long)n;
		}
		if (last)
			break;
		bulk_progress(&b);
	}
	free(buf);
	bulk_flush(&b);
	if (n == 0 && want > 0 && e->type == SOCK_STREAM)
		e->eof_seen = true;
	through_close(sh, through);
	bulk_close(&b, file);

	struct strbuf sb = STRBUF_INIT;
	double secs = since(&b.start);

	sb_addf(&sb, _("received %llu bytes from fd%d into %s in %.2f s"),
	    b.total, fd, strcmp(path, "-") == 0 ? _("standard output") : path,
	    secs);
	add_rate(&sb, b.total, secs);
	shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
	if (put != PUT_OK)
		shell_note(sh, "writing the file failed: what was read last is lost");
	else if (n == 0 && want > 0)
		shell_note(sh, "end of file: the peer closed its side (or shut down "
		    "writing); close fd%d too", fd);
	else if (b.total < want)
		bulk_why(sh, n, c.err, _("the rest is still to be read"));
	return CMD_RETURN_NORMAL;
}
