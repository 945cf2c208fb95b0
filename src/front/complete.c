/*
 * complete.c: Tab completion. Where the word stands (a command name, or which
 * argument of which command) picks a kind from the command's complete[]; the
 * candidates of each kind come from the tables the commands themselves use.
 */
#include "config.h"

#include <sys/socket.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#ifdef HAVE_READLINE
#include "rl.h"
#endif

#include "children.h"
#include "complete.h"
#include "lab.h"
#include "settings.h"
#include "lessons.h"
#include "sockopt.h"
#include "xlat.h"

/* The most words a command may have before the one being completed. */
#define WORDS_MAX	32

/* Add WORD when it begins with PREFIX, in any case (errno names are upper case). */
static void
offer(struct completion *c, const char *prefix, const char *word)
{
	if (strncasecmp(word, prefix, strlen(prefix)) != 0)
		return;
	c->v = xrealloc(c->v, (c->n + 2) * sizeof *c->v);
	c->v[c->n++] = xstrdup(word);
	c->v[c->n] = NULL;
}

/* The fixed words of a kind, as completion offers them. */
static const char *const trace_words[] = { "on", "off", "clear", "save", "load", NULL };
static const char *const epoll_words[] = { "create", "add", "mod", "del", "wait", NULL };
static const char *const epoll_events[] = { "in", "out", "rdhup", "pri", "err",
    "hup", "et", "oneshot", "exclusive", NULL };
static const char *const expect_words[] = { "ok", "=", "state", "packet",
    "waited", "at-once", NULL };

/* Add each of WORDS (NULL-terminated) that begins with PREFIX. */
static void
offer_words(struct completion *c, const char *prefix, const char *const *words)
{
	for (size_t i = 0; words[i] != NULL; i++)
		offer(c, prefix, words[i]);
}

/* A table's names as a learner types them: without STRIP, lower case; EXCEPT left out. */
static void
offer_xlat(struct completion *c, const char *prefix, const struct xlat *x,
    const char *strip, const char *except)
{
	size_t slen = strlen(strip);
	char word[64];

	for (; x->name != NULL; x++) {
		const char *s = x->name;
		size_t i;

		if (strncmp(s, strip, slen) == 0)
			s += slen;
		for (i = 0; s[i] != '\0' && i < sizeof word - 1; i++)
			word[i] = (char)tolower((unsigned char)s[i]);
		word[i] = '\0';
		if (except == NULL || strcmp(word, except) != 0)
			offer(c, prefix, word);
	}
}

static int
compare_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each word once. */
static void
tidy(struct completion *c)
{
	size_t i, j;

	if (c->n == 0)
		return;
	qsort(c->v, c->n, sizeof *c->v, compare_words);
	for (i = 1, j = 1; i < c->n; i++) {
		if (strcmp(c->v[i], c->v[j - 1]) == 0)
			free(c->v[i]);
		else
			c->v[j++] = c->v[i];
	}
	c->n = j;
	c->v[j] = NULL;
}

void
complete_kind(struct shell *sh, enum arg_kind kind, int fd, const char *prefix,
    struct completion *c)
{
	const struct fd_entry *e = fd >= 0 ? fd_table_find(&sh->fds, fd) : NULL;
	struct lesson_list lessons;
	int err;
	const char *name;
	char word[32];

	switch (kind) {
	case ARGK_NONE:
		break;
	case ARGK_FAMILY:
		/* What `socket` teaches (its usage), not every family it parses. */
		offer(c, prefix, "inet");
		offer(c, prefix, "inet6");
		offer(c, prefix, "unix");
		break;
	case ARGK_UNIX:
		offer(c, prefix, "unix");
		break;
	case ARGK_TYPE:
		offer(c, prefix, "stream");
		offer(c, prefix, "dgram");
		break;
	case ARGK_HOST:
		/* A unix socket's address is a path. */
		if (e != NULL && e->family == AF_UNIX) {
			c->files = true;
			break;
		}
		offer(c, prefix, "localhost");
		/* In the lab, its hosts by name. */
		for (int i = 0; (name = lab_host_name(i)) != NULL; i++)
			offer(c, prefix, name);
		if (e == NULL || e->family != AF_INET6)
			offer(c, prefix, "127.0.0.1");
		if (e == NULL || e->family == AF_INET6)
			offer(c, prefix, "::1");
		break;
	case ARGK_PATH:
		c->files = true;
		break;
	case ARGK_FD:
		for (const struct fd_entry *e = fd_table_first(&sh->fds);
		    e != NULL; e = fd_table_next(&sh->fds, e)) {
			snprintf(word, sizeof word, "fd%d", e->fd);
			offer(c, prefix, word);
		}
		break;
	case ARGK_SOCKOPT:
	case ARGK_SOCKOPT_SET:
		/*
		 * setsockopt is offered only what it can set (not error,
		 * type...), getsockopt what it can read (not ip_add_membership).
		 */
		for (size_t i = 0; (name = sockopt_name(i)) != NULL; i++)
			if (kind == ARGK_SOCKOPT ?
			    sockopt_gettable(sockopt_find(name)) :
			    sockopt_settable(sockopt_find(name)))
				offer(c, prefix, name);
		break;
	case ARGK_MSGFLAG:
		offer_xlat(c, prefix, xlat_msg_flags, "MSG_", NULL);
		break;
	case ARGK_SHUTMODE:
		offer_xlat(c, prefix, xlat_shutdown_modes, "SHUT_", NULL);
		break;
	case ARGK_ONOFF:
		offer(c, prefix, "on");
		offer(c, prefix, "off");
		break;
	case ARGK_IOCTL:
		offer(c, prefix, "fionread");
		break;
	case ARGK_SOCKFLAG:
		offer(c, prefix, "nonblock");
		offer(c, prefix, "cloexec");
		break;
	case ARGK_SENDMSG:
		offer(c, prefix, "to");
		/* fall through */
	case ARGK_RECVMSG:
		offer(c, prefix, "rights");
		offer_xlat(c, prefix, xlat_msg_flags, "MSG_", NULL);
		break;
	case ARGK_CHILD:
		offer(c, prefix, "nohang");
		for (size_t i = 0; i < children_count(); i++) {
			snprintf(word, sizeof word, "%d", (int)children_at(i)->pid);
			offer(c, prefix, word);
		}
		break;
	case ARGK_COMMAND:
		for (const struct command *const *cmd = command_table; *cmd; cmd++) {
			offer(c, prefix, (*cmd)->name);
			if ((*cmd)->alias != NULL)
				offer(c, prefix, (*cmd)->alias);
		}
		break;
	case ARGK_SETTING:
		for (size_t i = 0; i < SETTING_MAX; i++)
			offer(c, prefix, setting_table[i].name);
		break;
	case ARGK_LESSON:
		/* The ones `lesson` finds, where it finds them. */
		lessons_find(&lessons);
		for (size_t i = 0; i < lessons.n; i++)
			offer(c, prefix, lessons.names[i]);
		lessons_free(&lessons);
		break;
	case ARGK_TRACE:
		offer_words(c, prefix, trace_words);
		break;
	case ARGK_LABHOST:
		for (int i = 0; (name = lab_host_name(i)) != NULL; i++)
			offer(c, prefix, name);
		break;
	case ARGK_EPOLL:
		offer_words(c, prefix, epoll_words);
		break;
	case ARGK_EPOLLEV:
		offer_words(c, prefix, epoll_events);
		break;
	case ARGK_EXPECT:
		offer_words(c, prefix, expect_words);
		for (size_t i = 0; (name = errno_name_at(i, &err)) != NULL; i++)
			offer(c, prefix, name);
		break;
	}
	tidy(c);
}

/* Is W (LEN bytes) a flag word ("-x") for CMD, as cmd_run takes it? */
static bool
is_flag_word(const struct command *cmd, const char *w, size_t len)
{
	if (cmd->args.flags == NULL || len < 2 || w[0] != '-')
		return false;
	for (size_t i = 1; i < len; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

/*
 * The kind of the positional argument in SLOT. Past the kinds written, the
 * last one repeats for a command that takes any number of arguments
 * (poll fd3 fd4...); for the others the rest is free text or numbers.
 */
static enum arg_kind
kind_at(const struct command *cmd, size_t slot)
{
	size_t last = ARGK_MAX;

	while (last > 0 && cmd->complete[last - 1] == ARGK_NONE)
		last--;
	if (slot < last)
		return cmd->complete[slot];
	return last > 0 && cmd->args.upper == -1 ? cmd->complete[last - 1] :
	    ARGK_NONE;
}

/* A word of the line (they are short: a longer one is cut, and matches nothing). */
struct span {
	size_t	at;
	size_t	len;
	bool	quoted;
};

static void
span_copy(const char *line, const struct span *s, char *buf, size_t size)
{
	size_t n = s->len < size - 1 ? s->len : size - 1;

	memcpy(buf, line + s->at, n);
	buf[n] = '\0';
}

/* The arguments after the command name: what the word in the cursor's place is. */
static void
complete_argument(struct shell *sh, const char *line, const struct span *w,
    size_t nw, const char *head, bool quoted, const char *text,
    struct completion *c)
{
	const struct command *cmd;
	char word[128], err[256];
	size_t pos[WORDS_MAX], npos = 0, slot = 0;
	int fd = -1;
	bool fd_slot = false;
	enum arg_kind kind;

	if (w[0].quoted)
		return;
	span_copy(line, &w[0], word, sizeof word);
	if ((cmd = cmd_find(word, err, sizeof err)) == NULL)
		return;
	/* write @FILE, send @FILE, read >FILE (or > FILE): a file name. */
	if (!quoted && (strcmp(cmd->name, "read") == 0 ? strcmp(head, ">") == 0 ||
	    (*head == '\0' && w[nw - 1].len == 1 && line[w[nw - 1].at] == '>') :
	    (strcmp(cmd->name, "write") == 0 || strcmp(cmd->name, "send") == 0) &&
	    strcmp(head, "@") == 0)) {
		c->files = true;
		return;
	}
	for (size_t i = 1; i < nw; i++)
		if (w[i].quoted || !is_flag_word(cmd, line + w[i].at, w[i].len))
			pos[npos++] = i;

	/* "-x": the command's flags. */
	if (*head == '\0' && !quoted && text[0] == '-' && cmd->args.flags != NULL) {
		for (const char *f = cmd->args.flags; *f != '\0'; f++) {
			snprintf(word, sizeof word, "-%c", *f);
			offer(c, text, word);
		}
		return;
	}

	/* The descriptor: an fdN first, or the current one. */
	if (cmd->fd == CMD_FD_CURRENT) {
		struct word fw = { .s = word };

		if (npos > 0 && !w[pos[0]].quoted) {
			span_copy(line, &w[pos[0]], word, sizeof word);
			fw.len = strlen(word);
		}
		if (npos > 0 && (fd = word_fd(&fw)) >= 0) {
			memmove(pos, pos + 1, --npos * sizeof pos[0]);
		} else {
			fd = sh->fds.current;
			fd_slot = npos == 0;
		}
	}
	if (cmd->args.upper >= 0 && npos >= (size_t)cmd->args.upper) {
		if (fd_slot && *head == '\0' && !quoted)
			complete_kind(sh, ARGK_FD, -1, text, c);
		return;
	}

	/* Which slot: a family may be left out ("socket stream"), the type comes first then. */
	for (size_t i = 0; i < npos; i++) {
		long v;

		span_copy(line, &w[pos[i]], word, sizeof word);
		if ((kind_at(cmd, slot) == ARGK_FAMILY ||
		    kind_at(cmd, slot) == ARGK_UNIX) &&
		    !xlat_parse(xlat_families, "AF_", word, &v))
			slot++;
		slot++;
	}
	kind = kind_at(cmd, slot);
	/* `set NAME VALUE`: the values that setting takes. */
	if (slot == 1 && kind_at(cmd, 0) == ARGK_SETTING) {
		const struct setting *st;

		span_copy(line, &w[pos[0]], word, sizeof word);
		if ((st = setting_find(word)) != NULL && st->choices != NULL &&
		    !quoted && *head == '\0')
			for (size_t i = 0; st->choices[i] != NULL; i++)
				offer(c, text, st->choices[i]);
		return;
	}

	/* `expect state [fdN] STATE`, `expect packet FLAGS...`; nothing after the others. */
	if (slot >= 1 && kind_at(cmd, 0) == ARGK_EXPECT) {
		static const char *const states[] = { "LISTEN", "SYN_SENT",
		    "SYN_RECV", "ESTABLISHED", "FIN_WAIT1", "FIN_WAIT2",
		    "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSE", NULL };
		static const char *const flags[] = { "S", "S.", ".", "P.", "F.",
		    "FP.", "R", "R.", "UDP", "ICMP", NULL };

		span_copy(line, &w[pos[0]], word, sizeof word);
		if (quoted || *head != '\0')
			return;
		if (strcasecmp(word, "state") == 0 && slot <= 2) {
			if (slot == 1)
				complete_kind(sh, ARGK_FD, -1, text, c);
			offer_words(c, text, states);
		} else if (strcasecmp(word, "packet") == 0) {
			offer_words(c, text, flags);
			if (slot == 1)	/* none stands alone */
				offer(c, text, "none");
		}
		return;
	}

	/* `setsockopt OPTION VALUE`: on or off, where the option is a switch. */
	if (slot == 1 && kind_at(cmd, 0) == ARGK_SOCKOPT_SET) {
		const struct sockopt *o;

		span_copy(line, &w[pos[0]], word, sizeof word);
		if ((o = sockopt_find(word)) != NULL && sockopt_settable(o) &&
		    (o->kind == SOCKOPT_BOOL || o->kind == SOCKOPT_LINGER))
			kind = ARGK_ONOFF;
	}

	/* Inside quotes only a path or a host; inside a word only flags ("peek|dont"). */
	if (quoted) {
		if (kind == ARGK_PATH || kind == ARGK_HOST)
			complete_kind(sh, kind, fd, text, c);
		return;
	}
	if (*head != '\0') {
		if ((kind == ARGK_MSGFLAG || kind == ARGK_SENDMSG ||
		    kind == ARGK_RECVMSG) && head[strlen(head) - 1] == '|')
			complete_kind(sh, ARGK_MSGFLAG, fd, text, c);
		return;
	}
	/* sendmsg's descriptors after rights; recvmsg's rights takes a number. */
	if ((kind == ARGK_SENDMSG || kind == ARGK_RECVMSG) && npos > 0) {
		bool after_rights = false;

		for (size_t i = 0; i < npos; i++) {
			span_copy(line, &w[pos[i]], word, sizeof word);
			if (!w[pos[i]].quoted)
				after_rights = strcmp(word, "rights") == 0 ?
				    true : strcmp(word, "to") == 0 ? false :
				    after_rights;
		}
		span_copy(line, &w[pos[npos - 1]], word, sizeof word);
		if (kind == ARGK_RECVMSG && strcmp(word, "rights") == 0)
			return;
		if (kind == ARGK_SENDMSG && after_rights)
			complete_kind(sh, ARGK_FD, -1, text, c);
	}
	if (fd_slot)
		complete_kind(sh, ARGK_FD, -1, text, c);
	/* sendto back: once recvfrom on the socket heard someone. */
	if (slot == 0 && strcmp(cmd->name, "sendto") == 0 && fd >= 0 &&
	    sender_of(sh, fd) != NULL)
		offer(c, text, "back");
	complete_kind(sh, kind, fd, text, c);
	if (kind == ARGK_FAMILY || kind == ARGK_UNIX)
		complete_kind(sh, ARGK_TYPE, fd, text, c);
	/* Optional words before trailing FLAGS (recv [COUNT] [FLAGS]): the flags may come now. */
	if (kind == ARGK_NONE && kind_at(cmd, slot + 1) == ARGK_MSGFLAG &&
	    slot >= (size_t)cmd->args.lower)
		complete_kind(sh, ARGK_MSGFLAG, fd, text, c);
}

void
complete_line(struct shell *sh, const char *line, size_t start, size_t end,
    struct completion *c)
{
	struct span w[WORDS_MAX];
	size_t nw = 0;
	bool inword = false, inq = false, esc = false, quoted;
	char *text, *head;

	memset(c, 0, sizeof *c);
	c->v = xcalloc(1, sizeof *c->v);
	/* The words of the command the cursor is in, as the lexer will split them. */
	for (size_t i = 0; i < start; i++) {
		char ch = line[i];

		if (!inq && (ch == ' ' || ch == '\t' || ch == ';')) {
			inword = false;
			if (ch == ';')
				nw = 0;		/* a new command starts */
			continue;
		}
		if (!inword) {
			if (ch == '#' || nw == WORDS_MAX)
				return;		/* a comment, or too long to help */
			w[nw].at = i;
			w[nw].quoted = false;
			nw++;
			inword = true;
		}
		w[nw - 1].len = i + 1 - w[nw - 1].at;
		if (inq) {
			if (esc)
				esc = false;
			else if (ch == '\\')
				esc = true;
			else if (ch == '"')
				inq = false;
		} else if (ch == '"') {
			inq = true;
			w[nw - 1].quoted = true;
		}
	}
	/* The cursor may sit inside a word: after a '|' or an opening quote. */
	quoted = inq || (inword && w[nw - 1].quoted);
	head = inword ? strndup(line + w[nw - 1].at, w[nw - 1].len) : xstrdup("");
	if (inword)
		nw--;
	text = strndup(line + start, end - start);
	if (text == NULL || head == NULL)
		abort();

	if (nw == 0) {
		if (*head == '\0' && !quoted && *text != '#')
			complete_kind(sh, ARGK_COMMAND, -1, text, c);
	} else {
		complete_argument(sh, line, w, nw, head, quoted, text, c);
	}
	tidy(c);
	free(text);
	free(head);
}

void
completion_free(struct completion *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i]);
	free(c->v);
	memset(c, 0, sizeof *c);
}

#ifdef HAVE_READLINE
static struct shell		*rl_shell;
static struct completion	 rl_comp;
static size_t			 rl_next;

/* Readline's generator: the candidates complete_line() found, one by one. */
static char *
next_candidate(const char *text, int state)
{
	(void)text;
	if (state == 0)
		rl_next = 0;
	return rl_next < rl_comp.n ? xstrdup(rl_comp.v[rl_next++]) : NULL;
}

static char **
attempt_completion(const char *text, int start, int end)
{
	/* Never Readline's fallback to file names: only where a path is expected. */
	rl_attempted_completion_over = 1;
	completion_free(&rl_comp);
	complete_line(rl_shell, rl_line_buffer, (size_t)start, (size_t)end,
	    &rl_comp);
	if (rl_comp.files)
		return rl_completion_matches(text, rl_filename_completion_function);
	if (rl_comp.n == 0)
		return NULL;
	return rl_completion_matches(text, next_candidate);
}

void
complete_attach(struct shell *sh)
{
	if (!readline_open(NULL))
		return;
	rl_shell = sh;
	rl_attempted_completion_function = attempt_completion;
	/*
	 * Words end at blanks, a command at ';', a flag at '|' (peek|dontwait);
	 * a file name starts after the @ of write @FILE and the > of read >FILE.
	 */
	rl_completer_word_break_characters = " \t;|@>";
	rl_completer_quote_characters = "\"";
}

#else /* !HAVE_READLINE */

void
complete_attach(struct shell *sh)
{
	(void)sh;
}

#endif
