/* script.c: the loop that feeds lines to the commands, from any source. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "lexer.h"
#include "lineread.h"
#include "script.h"
#include "strbuf.h"

/*
 * After a command: should the line go on, and the shell? Signals decide
 * between commands. Ctrl-C ends a script; typed, it drops the rest of the
 * line and the prompt comes back, as in bash.
 */
static bool
keep_going(struct shell *sh, bool *line_over)
{
	if (sig_quit_pending)
		return false;
	if (sig_int_pending) {
		sig_int_pending = 0;
		*line_over = true;
		if (!sh->interactive) {
			sh->status = 130;
			return false;
		}
	}
	return true;
}

bool
run_line(struct shell *sh, const char *line, size_t len)
{
	struct lexed lx;
	char err[256];
	bool go = true, over = false;

	if (lex_line(line, len, &lx, err, sizeof err) == -1) {
		shell_error(sh, "%s", err);
		sh->last.valid = false;
		return keep_going(sh, &over);
	}
	for (size_t i = 0; i < lx.n && go && !over; i++) {
		if (cmd_run(sh, &lx.cmds[i]) == CMD_RETURN_EXIT)
			go = false;
		else
			go = keep_going(sh, &over);
	}
	lexed_free(&lx);
	return go;
}

void
shell_prompt(struct shell *sh, char *buf, size_t size)
{
	char fd[32] = "";

	if (sh->fds.current != -1)
		snprintf(fd, sizeof fd, " fd%d", sh->fds.current);
	if (sh->color)
		/* \001 and \002 tell Readline the colour codes take no room. */
		snprintf(buf, size, "\001\033[1;34m\002sockshell%s>\001\033[0m\002 ",
		    fd);
	else
		snprintf(buf, size, "sockshell%s> ", fd);
}

/*
 * News at the prompt (`set notify`): while a person types, the shell watches
 * its descriptors and says, once, when one has something waiting. It looks
 * only with calls that neither consume data nor change a descriptor: poll,
 * ioctl(FIONREAD), getsockopt.
 */

/* What waits on a descriptor. */
struct news {
	int		 fd;
	unsigned long	 seq;		/* which socket had that number */
	enum { NEWS_NONE, NEWS_CONN, NEWS_DATA, NEWS_EOF, NEWS_ERROR } what;
	long		 count;		/* connections or bytes waiting */
	bool		 eof;		/* after the bytes, the peer closed */
};

static bool		 notify_on = true;
static struct news	*told;		/* parallel to the descriptor table */
static size_t		 ntold;

#define NEWS_COLOR	"\033[36m"
#define NEWS_COLOR_OFF	"\033[0m"
/* How often descriptors that already have news are looked at again, in ms. */
#define NEWS_RECHECK_MS	300

bool
prompt_notify(void)
{
	return notify_on;
}

void
prompt_notify_set(bool on)
{
	notify_on = on;
}

/* What waits on E now. */
static void
news_now(const struct fd_entry *e, struct news *n)
{
	struct pollfd p = { .fd = e->fd, .events = POLLIN | POLLRDHUP };
	struct tcp_info ti;
	socklen_t len = sizeof ti;
	int listening = 0, bytes = 0;
	socklen_t olen = sizeof listening;

	memset(n, 0, sizeof *n);
	n->fd = e->fd;
	n->seq = e->seq;
	if (poll(&p, 1, 0) != 1 || (p.revents & POLLNVAL))
		return;
	if (getsockopt(e->fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &olen) == 0 &&
	    listening) {
		if (!(p.revents & POLLIN))
			return;
		n->what = NEWS_CONN;
		n->count = 1;
		/* On a TCP listener the kernel reports its accept queue here. */
		if (e->type == SOCK_STREAM && e->family != AF_UNIX &&
		    getsockopt(e->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == 0 &&
		    ti.tcpi_unacked > 0)
			n->count = ti.tcpi_unacked;
		return;
	}
	if (p.revents & POLLERR) {
		n->what = NEWS_ERROR;
		return;
	}
	if (!(p.revents & (POLLIN | POLLRDHUP)))
		return;
	if (ioctl(e->fd, FIONREAD, &bytes) == -1)
		bytes = 0;
	if (e->type != SOCK_STREAM) {
		/* A datagram may be empty: readable is the news. */
		if (p.revents & POLLIN) {
			n->what = NEWS_DATA;
			n->count = bytes;
		}
		return;
	}
	n->eof = (p.revents & POLLRDHUP) || bytes == 0;
	if (bytes > 0) {
		n->what = NEWS_DATA;
		n->count = bytes;
	} else {
		n->what = NEWS_EOF;
	}
}

/* Is NOW worth a line, after OLD was told? Only what the user has not heard yet. */
static bool
news_worth(const struct news *old, const struct news *now)
{
	bool eof_told = old->what == NEWS_EOF || old->eof;

	switch (now->what) {
	case NEWS_NONE:
		return false;
	case NEWS_EOF:
		return !eof_told;
	case NEWS_CONN:
	case NEWS_DATA:
		return old->what != now->what || now->count > old->count ||
		    (now->eof && !eof_told);
	case NEWS_ERROR:
		return old->what != NEWS_ERROR;
	}
	return false;
}

/* One line of news: "fd4: 6 bytes waiting — read fd4". */
static void
news_line(struct shell *sh, const struct fd_entry *e, const struct news *n,
    struct strbuf *sb)
{
	const char *dash = strcmp(nl_langinfo(CODESET), "UTF-8") == 0 ?
	    "\u2014" : "--";

	sb_add(sb, sh->color ? "  " NEWS_COLOR : "  ");
	sb_addf(sb, "fd%d: ", e->fd);
	switch (n->what) {
	case NEWS_CONN:
		if (n->count == 1)
			sb_add(sb, "a connection is waiting");
		else
			sb_addf(sb, "%ld connections are waiting", n->count);
		sb_addf(sb, " %s accept fd%d", dash, e->fd);
		break;
	case NEWS_DATA:
		if (e->type != SOCK_STREAM) {
			sb_addf(sb, "a datagram of %ld byte%s is waiting %s recvfrom fd%d",
			    n->count, n->count == 1 ? "" : "s", dash, e->fd);
			break;
		}
		sb_addf(sb, "%ld byte%s waiting%s %s read fd%d", n->count,
		    n->count == 1 ? "" : "s", n->eof ? ", then the peer closed" : "",
		    dash, e->fd);
		break;
	case NEWS_EOF:
		sb_addf(sb, "the peer closed %s read returns 0", dash);
		break;
	case NEWS_ERROR:
		sb_addf(sb, "an error is pending %s the next call on fd%d returns it",
		    dash, e->fd);
		break;
	case NEWS_NONE:
		break;
	}
	sb_add(sb, sh->color ? NEWS_COLOR_OFF "\n" : "\n");
}

/* What was seen on E last time (NULL when E is new at that number). */
static struct news *
news_told(const struct fd_entry *e)
{
	for (size_t i = 0; i < ntold; i++)
		if (told[i].fd == e->fd && told[i].seq == e->seq)
			return &told[i];
	return NULL;
}

/* The prompt's poll: only the quiet descriptors, so a wake always means news. */
static size_t
watch_fds(void *ctx, struct pollfd *fds, size_t max, int *timeout_ms)
{
	struct shell *sh = ctx;
	size_t n = 0;

	for (size_t i = 0; i < sh->fds.n && n < max; i++) {
		struct pollfd p = { .fd = sh->fds.v[i].fd,
		    .events = POLLIN | POLLRDHUP };

		/* Readable already, or hung up (a socket never connected): look again soon. */
		if (poll(&p, 1, 0) != 0)
			*timeout_ms = NEWS_RECHECK_MS;
		else
			fds[n++] = p;
	}
	return n;
}

/* Something stirred, or it is time to look again: tell what is new, once. */
static void
watch_look(void *ctx)
{
	struct shell *sh = ctx;
	struct strbuf sb = STRBUF_INIT;
	struct news *now = xcalloc(sh->fds.n + 1, sizeof *now);
	static const struct news none;

	/* Compared with what was seen last time: a count that fell is no news. */
	for (size_t i = 0; i < sh->fds.n; i++) {
		const struct fd_entry *e = &sh->fds.v[i];
		const struct news *old = news_told(e);

		news_now(e, &now[i]);
		if (news_worth(old != NULL ? old : &none, &now[i]))
			news_line(sh, e, &now[i], &sb);
	}
	/* Closed descriptors are forgotten with the rest of the old list. */
	free(told);
	told = now;
	ntold = sh->fds.n;
	if (sb.len > 0)
		lr_print_above(sb_str(&sb));
	sb_free(&sb);
}

/* The watch for a prompt, or NULL when `set notify off`. */
static const struct lr_watch *
prompt_watch(struct shell *sh)
{
	static struct lr_watch w = { .fds = watch_fds, .look = watch_look };

	w.ctx = sh;
	return notify_on ? &w : NULL;
}

/* Is this script line only a comment or blank? */
static bool
is_narration(const char *s, size_t len, bool *comment)
{
	size_t i = 0;

	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	*comment = i < len && s[i] == '#';
	return i == len || *comment;
}

/* Step mode: narration shown, the command put on the prompt for the teacher. */
static bool
step_line(struct shell *sh, const char *line, size_t len)
{
	char prompt[128], *typed, *cmd = strndup(line, len);
	bool go, tty = isatty(STDIN_FILENO);

	if (cmd == NULL)
		return false;
	shell_prompt(sh, prompt, sizeof prompt);
	if (tty) {
		typed = lr_readline(prompt, cmd, prompt_watch(sh));
	} else {
		size_t cap = 0;
		ssize_t n;

		/* From a pipe: an empty line runs the script's command as shown. */
		printf("%s%s\n", prompt, cmd);
		typed = NULL;
		n = getline(&typed, &cap, stdin);
		if (n == -1) {
			free(typed);
			typed = NULL;
		} else {
			if (n > 0 && typed[n - 1] == '\n')
				typed[--n] = '\0';
			if (n == 0) {
				free(typed);
				typed = strdup(cmd);
			}
		}
	}
	free(cmd);
	if (typed == NULL)
		return false;
	if (tty)
		lr_history_add(typed);
	go = run_line(sh, typed, strlen(typed));
	free(typed);
	return go;
}

bool
run_text(struct shell *sh, const char *name, const char *text, size_t len,
    bool step)
{
	const char *p = text, *end = text + len, *nl;
	bool go = true, comment, saved = sh->interactive;

	sh->src_name = name;
	sh->src_line = 0;
	if (step)
		sh->interactive = true;
	while (go && p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		sh->src_line++;
		if (step && is_narration(p, (size_t)(nl - p), &comment)) {
			if (comment) {
				const char *t = memchr(p, '#', (size_t)(nl - p)) + 1;

				if (t < nl && *t == ' ')
					t++;
				printf("%s%.*s%s\n", sh->color ? "\033[36m" : "",
				    (int)(nl - t), t, sh->color ? "\033[0m" : "");
			}
		} else if (step && (size_t)(nl - p) >= 6 &&
		    strncmp(p + strspn(p, " \t"), "expect", 6) == 0) {
			go = run_line(sh, p, (size_t)(nl - p));
		} else if (step) {
			go = step_line(sh, p, (size_t)(nl - p));
		} else {
			go = run_line(sh, p, (size_t)(nl - p));
		}
		p = nl + 1;
	}
	sh->src_name = NULL;
	sh->interactive = saved;
	return go;
}

bool
run_stream(struct shell *sh, FILE *fp)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	bool go = true;

	while (go && (n = getline(&line, &cap, fp)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			n--;
		go = run_line(sh, line, (size_t)n);
	}
	if (go && ferror(fp) && errno == EINTR && sig_int_pending)
		sh->status = 130;
	free(line);
	return go;
}

bool
run_interactive(struct shell *sh)
{
	char prompt[128], *line;
	bool go = true;

	sh->interactive = true;
	while (go) {
		shell_prompt(sh, prompt, sizeof prompt);
		if ((line = lr_readline(prompt, NULL, prompt_watch(sh))) == NULL)
			break;
		/* Even a line that will not parse: the arrow keys bring it back to mend. */
		lr_history_add(line);
		go = run_line(sh, line, strlen(line));
		free(line);
	}
	return go;
}

char *
read_file(const char *path, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		sb_addn(&sb, buf, (size_t)n);
	if (n == -1) {
		int err = errno;

		close(fd);
		sb_free(&sb);
		errno = err;
		return NULL;
	}
	close(fd);
	sb_addn(&sb, "", 0);
	*len = sb.len;
	return sb.s;
}
