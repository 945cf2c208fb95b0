/* transfer.c: the parts send, recv, sendto, recvfrom and read have in common. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "addr.h"
#include "call.h"
#include "print.h"
#include "transfer.h"
#include "xlat.h"

#define MSG_PREFIX	"MSG_"

bool
msg_flags_parse(const char *word, int *flags, char *bad, size_t badlen)
{
	char name[64];
	const char *p = word, *bar;
	long v;
	int all = 0;

	do {
		size_t n;

		bar = strchr(p, '|');
		n = bar != NULL ? (size_t)(bar - p) : strlen(p);
		if (n == 0 || n >= sizeof name) {
			snprintf(bad, badlen, "%.*s", (int)(n < 32 ? n : 32), p);
			return false;
		}
		memcpy(name, p, n);
		name[n] = '\0';
		if (!xlat_parse(xlat_msg_flags, MSG_PREFIX, name, &v)) {
			snprintf(bad, badlen, "%s", name);
			return false;
		}
		all |= (int)v;
		if (bar != NULL)
			p = bar + 1;
	} while (bar != NULL);
	*flags = all;
	return true;
}

void
msg_flag_names(struct strbuf *sb)
{
	size_t plen = strlen(MSG_PREFIX);

	for (const struct xlat *x = xlat_msg_flags; x->name != NULL; x++) {
		const char *s = x->name;

		if (strncmp(s, MSG_PREFIX, plen) == 0)
			s += plen;
		if (x != xlat_msg_flags)
			sb_add(sb, ", ");
		for (; *s != '\0'; s++)
			sb_addc(sb, (char)tolower((unsigned char)*s));
	}
}

bool
args_take_msg_flags(struct args *args, size_t keep, int *flags)
{
	const struct word *w;
	char bad[64];

	if (args->argc <= keep)
		return false;
	w = &args->argv[args->argc - 1];
	if (w->quoted || memchr(w->s, '\0', w->len) != NULL ||
	    !msg_flags_parse(w->s, flags, bad, sizeof bad))
		return false;
	args->argc--;
	return true;
}

bool
msg_flags_near(const struct word *w, char *bad, size_t badlen, char *near,
    size_t nearlen)
{
	size_t plen = strlen(MSG_PREFIX), best = 3;
	int dummy;

	*near = '\0';
	if (w->quoted || w->len == 0 || memchr(w->s, '\0', w->len) != NULL ||
	    msg_flags_parse(w->s, &dummy, bad, badlen))
		return false;
	/* BAD: the first name that is no flag; one near it (a typo), if any. */
	for (const struct xlat *x = xlat_msg_flags; x->name != NULL; x++) {
		const char *s = x->name;
		char lower[32];
		size_t i, d;

		if (strncmp(s, MSG_PREFIX, plen) == 0)
			s += plen;
		for (i = 0; s[i] != '\0' && i < sizeof lower - 1; i++)
			lower[i] = (char)tolower((unsigned char)s[i]);
		lower[i] = '\0';
		/* A short name is near only one edit away: "nope" is not "more". */
		if (strlen(bad) >= 4 && (d = edit_distance(bad, lower)) < best &&
		    d <= (strlen(bad) > 5 ? 2u : 1u)) {
			best = d;
			snprintf(near, nearlen, "%s", lower);
		}
	}
	/* A '|' is flags' own: a word with one was meant as flags. */
	return *near != '\0' || strchr(w->s, '|') != NULL;
}

/* "unknown flag: X (flags are oob, peek, ...)", for the word W that should be FLAGS. */
static bool
unknown_flag(struct shell *sh, struct args *args, const struct word *w)
{
	struct strbuf names = STRBUF_INIT;
	char bad[64];
	int dummy;

	if (w->quoted) {
		cmd_usage_error(sh, args->cmd, "COUNT and FLAGS are bare words, not "
		    "quoted text");
		return false;
	}
	msg_flags_parse(w->s, &dummy, bad, sizeof bad);
	msg_flag_names(&names);
	cmd_usage_error(sh, args->cmd, "unknown flag: %s (flags are %s, joined "
	    "with |)", bad, sb_str(&names));
	sb_free(&names);
	return false;
}

bool
args_recv(struct shell *sh, struct args *args, long *count, int *flags)
{
	*count = RECV_DEFAULT;
	*flags = 0;
	if (!args_take_msg_flags(args, 0, flags) && args->argc > 0) {
		const struct word *w = &args->argv[args->argc - 1];

		/* Two words, or one that is no number: the last should be FLAGS. */
		if (args->argc == 2 || w->quoted ||
		    !isdigit((unsigned char)w->s[0]))
			return unknown_flag(sh, args, w);
	}
	if (args->argc == 1 && !args_number(sh, args, 0, N_("count"), 0, RECV_MAX,
	    count))
		return false;
	return true;
}

void
pr_sendto_args(struct strbuf *sb, int fd, const void *buf, size_t len,
    int flags, const struct sockaddr *sa, socklen_t salen, size_t strsize)
{
	sb_addlong(sb, fd);
	sb_add(sb, ", ");
	pr_quoted(sb, buf, len, strsize);
	sb_add(sb, ", ");
	sb_addulong(sb, len);
	sb_add(sb, ", ");
	pr_flags(sb, xlat_msg_flags, (unsigned)flags, "MSG_???");
	pr_sep(sb);
	pr_sockaddr(sb, sa, salen);
	sb_add(sb, ", ");
	sb_addulong(sb, sa != NULL ? (unsigned)salen : 0u);
}

void
pr_recvfrom_args(struct strbuf *sb, int fd, const void *buf, size_t count,
    ssize_t ret, int flags, const struct sockaddr *sa, socklen_t before,
    socklen_t after, size_t strsize)
{
	sb_addlong(sb, fd);
	sb_add(sb, ", ");
	if (ret == -1)
		pr_ptr(sb, buf);
	else	/* MSG_TRUNC returns the datagram's size, more than the buffer */
		pr_quoted(sb, buf, (size_t)ret < count ? (size_t)ret : count,
		    strsize);
	sb_add(sb, ", ");
	sb_addulong(sb, count);
	sb_add(sb, ", ");
	pr_flags(sb, xlat_msg_flags, (unsigned)flags, "MSG_???");
	pr_sep(sb);
	if (sa == NULL)
		sb_add(sb, "NULL, NULL");
	else
		pr_sockaddr_result(sb, sa, before, after, ret == -1);
}

void
recv_wait_note(struct shell *sh, int fd, int flags, size_t count)
{
	short events = POLLIN;
	int avail;

	const struct fd_entry *e = fd_table_find(&sh->fds, fd);

	/* These return at once: no data is an error, not a wait. */
	if ((flags & (MSG_DONTWAIT | MSG_OOB)) || (e != NULL && e->listening))
		return;
	/*
	 * So does a receive of 0 bytes on TCP; on a unix socket or UDP it
	 * waits for data (or a datagram) all the same.
	 */
	if (count == 0 && e != NULL && e->type == SOCK_STREAM &&
	    (e->family == AF_INET || e->family == AF_INET6))
		return;
	/* MSG_WAITALL waits for all COUNT bytes, not for the first. */
	if ((flags & MSG_WAITALL) &&
	    !(ioctl(fd, FIONREAD, &avail) == 0 && (size_t)avail >= count))
		events = 0;
	wait_note(sh, fd, events, _("data"));
}

void
received(struct shell *sh, const struct fd_entry *e, const void *buf,
    ssize_t n, size_t count, bool hex)
{
	size_t got;

	if (n < 0)
		return;
	got = (size_t)n < count ? (size_t)n : count;
	call_data(sh, buf, got, hex);
	if (n == 0 && count > 0 && e->type == SOCK_STREAM) {
		shell_note(sh, "end of file: the peer closed its side (or shut down "
		    "writing); close fd%d too", e->fd);
		/* The prompt's news need not say it again. */
		fd_table_find(&sh->fds, e->fd)->eof_seen = true;
	} else if (n == 0 && count == 0 && e->type == SOCK_STREAM) {
		shell_note(sh, "a read of 0 bytes returns 0: that is not the end "
		    "of file");
	}
}

void
received_cut(struct shell *sh, const struct fd_entry *e, ssize_t n, size_t count)
{
	/* A datagram is read whole or cut: what did not fit is gone. */
	if (e->type == SOCK_DGRAM && count > 0 && n > 0 && (size_t)n > count)
		shell_note(sh, "the datagram was %zd bytes: the %zu that fit are "
		    "here, the rest is lost", n, count);
	else if (e->type == SOCK_DGRAM && count > 0 && n > 0 && (size_t)n == count)
		shell_note(sh, "the datagram filled all %zu bytes: had it more, "
		    "the rest is lost (the trunc flag gives its whole length)",
		    count);
}
