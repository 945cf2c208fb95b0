/*
 * cmd-msg.c: sendmsg(2) and recvmsg(2): data in pieces (scatter/gather, one
 * iovec a piece) and descriptors passed over a unix socket (SCM_RIGHTS). A
 * descriptor received enters the table as what the kernel says it is.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "call.h"
#include "commands.h"
#include "msghdr.h"
#include "print.h"
#include "trace.h"
#include "transfer.h"
#include "xlat.h"

/* At most this many pieces, and descriptors in one message. */
#define MSG_PIECES_MAX	16
#define MSG_RIGHTS_MAX	16
/* recvmsg's control buffer unless `rights N` says otherwise: room for this many. */
#define MSG_RIGHTS_DEFAULT 16

union control {
	char		buf[CMSG_SPACE(sizeof(int) * MSG_RIGHTS_MAX)];
	struct cmsghdr	align;
};

/* A bare word that starts a section: `rights`, `to`. */
static bool
is_keyword(const struct word *w, const char *kw)
{
	return !w->quoted && strcmp(w->s, kw) == 0;
}

/*
 * One descriptor for `rights`: fdN in the table, or a number no descriptor has
 * (the kernel says EBADF); the shell's own (0-2, scripts) are not to be sent.
 */
static bool
rights_fd(struct shell *sh, struct args *args, const struct word *w, int *fd)
{
	int n = word_fd(w);

	if (n == -1) {
		cmd_usage_error(sh, args->cmd, "rights takes descriptors (fdN): "
		    "%s", w->s);
		return false;
	}
	if (fd_table_find(&sh->fds, n) == NULL && (n <= 2 ||
	    fcntl(n, F_GETFD) != -1)) {
		cmd_usage_error(sh, args->cmd, "fd%d is one of the shell's own "
		    "descriptors: send one `fds` lists", n);
		return false;
	}
	*fd = n;
	return true;
}

/* sendmsg's words: PIECE... [rights fdN...] [to ADDRESS] [FLAGS]. */
struct send_words {
	struct iovec	 iov[MSG_PIECES_MAX];
	size_t		 npieces;
	int		 fds[MSG_RIGHTS_MAX];
	size_t		 nfds;
	size_t		 to, nto;	/* the address words, when nto > 0 */
	int		 flags;
};

static bool
parse_send(struct shell *sh, struct args *args, struct send_words *sw)
{
	enum { PIECES, RIGHTS, TO } where = PIECES;
	bool had_rights = false, had_to = false;

	memset(sw, 0, sizeof *sw);
	args_take_msg_flags(args, 1, &sw->flags);
	for (size_t i = 0; i < args->argc; i++) {
		const struct word *w = &args->argv[i];

		if (is_keyword(w, "rights") || is_keyword(w, "to")) {
			bool rights = w->s[0] == 'r';

			if (rights ? had_rights : had_to) {
				cmd_usage_error(sh, args->cmd, "%s given twice", w->s);
				return false;
			}
			had_rights |= rights;
			had_to |= !rights;
			where = rights ? RIGHTS : TO;
			if (!rights)
				sw->to = i + 1;
			continue;
		}
		switch (where) {
		case PIECES:
			if (sw->npieces == MSG_PIECES_MAX) {
				cmd_usage_error(sh, args->cmd, "at most %d pieces",
				    MSG_PIECES_MAX);
				return false;
			}
			sw->iov[sw->npieces].iov_base = w->s;
			sw->iov[sw->npieces++].iov_len = w->len;
			break;
		case RIGHTS:
			if (sw->nfds == MSG_RIGHTS_MAX) {
				cmd_usage_error(sh, args->cmd, "at most %d "
				    "descriptors in one message", MSG_RIGHTS_MAX);
				return false;
			}
			if (!rights_fd(sh, args, w, &sw->fds[sw->nfds++]))
				return false;
			break;
		case TO:
			sw->nto++;
			break;
		}
	}
	if (sw->npieces == 0) {
		cmd_usage_error(sh, args->cmd, "no piece of text to send (\"\" is "
		    "an empty one)");
		return false;
	}
	if (had_rights && sw->nfds == 0) {
		cmd_usage_error(sh, args->cmd, "rights names no descriptor");
		return false;
	}
	if (had_to && sw->nto == 0) {
		cmd_usage_error(sh, args->cmd, "to names no address");
		return false;
	}
	return true;
}

static enum cmd_retval
cmd_sendmsg_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct addr_list al = { .v = NULL };
	struct msghdr msg;
	struct send_words sw;
	union control u;
	struct call c;
	ssize_t n;

	if (!parse_send(sh, args, &sw))
		return CMD_RETURN_ERROR;
	memset(&msg, 0, sizeof msg);
	if (sw.nto > 0) {
		struct args where = *args;

		where.argv = args->argv + sw.to;
		where.argc = sw.nto;
		if (!args_address(sh, &where, 0, e, false, &al))
			return CMD_RETURN_ERROR;
		addr_list_note(sh, where.argv[0].s, &al);
		msg.msg_name = &al.v[0].ss;	/* one message, one address: the first */
		msg.msg_namelen = al.v[0].len;
	}
	msg.msg_iov = sw.iov;
	msg.msg_iovlen = sw.npieces;
	if (sw.nfds > 0) {
		struct cmsghdr *cm;

		memset(&u, 0, sizeof u);
		msg.msg_control = u.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * sw.nfds);
		cm = CMSG_FIRSTHDR(&msg);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int) * sw.nfds);
		memcpy(CMSG_DATA(cm), sw.fds, sizeof(int) * sw.nfds);
	}

	if (!e->listening && !(sw.flags & MSG_DONTWAIT)) {
		size_t bytes = 0;

		for (size_t i = 0; i < sw.npieces; i++)
			bytes += sw.iov[i].iov_len;
		wait_note_send(sh, args->fd, bytes, _("room in the send buffer"));
	}
	if (shell_signal_before_call(sh, args->cmd->name)) {
		addr_list_free(&al);
		return CMD_RETURN_NORMAL;
	}
	if (msg.msg_name != NULL)
		trace_watch(msg.msg_name);
	call_begin(&c, "sendmsg", args->fd);
	n = sendmsg(args->fd, &msg, sw.flags);
	call_returned(&c, n, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	pr_msghdr(&c.args, &msg, msg.msg_namelen, SIZE_MAX, SH_STRSIZE(sh));
	pr_sep(&c.args);
	pr_flags(&c.args, xlat_msg_flags, (unsigned)sw.flags, "MSG_???");
	call_end(sh, &c);

	if (n != -1 && sw.nfds > 0) {
		if (e->family != AF_UNIX)
			shell_note(sh, "only unix sockets pass descriptors: this "
			    "socket sent the bytes and dropped SCM_RIGHTS");
		else
			shell_note(sh, "%s", P_("the descriptor travels in the "
			    "message: recvmsg at the other end gets a number of its "
			    "own for each; here it stays open", "the descriptors "
			    "travel in the message: recvmsg at the other end gets a "
			    "number of its own for each; here they stay open",
			    sw.nfds));
	}
	addr_list_free(&al);
	return CMD_RETURN_NORMAL;
}

/* "a unix stream socket", "an epoll instance", from the table's entry. */
static void
describe(struct strbuf *sb, const struct fd_entry *e)
{
	const char *family = e->family == AF_UNIX ? "unix" :
	    e->family == AF_INET ? "inet" : e->family == AF_INET6 ? "inet6" : "?";
	const char *type = e->type == SOCK_STREAM ? "stream" :
	    e->type == SOCK_DGRAM ? "dgram" : e->type == SOCK_SEQPACKET ?
	    "seqpacket" : "raw";

	if (e->role == ROLE_EPOLL) {
		sb_add(sb, _("an epoll instance"));
		return;
	}
	/* "an inet stream socket", "a unix dgram socket": one sentence each. */
	if (e->family == AF_INET || e->family == AF_INET6)
		sb_addf(sb, e->listening ? _("an %s %s socket (listening)") :
		    _("an %s %s socket"), family, type);
	else
		sb_addf(sb, e->listening ? _("a %s %s socket (listening)") :
		    _("a %s %s socket"), family, type);
}

/* What the kernel says of a descriptor no other number in the table shares. */
static struct fd_entry *
enter_new(struct shell *sh, int fd)
{
	int family, type, protocol, on = 0;
	socklen_t len = sizeof family;
	struct fd_entry *e;
	char link[64], target[64];
	ssize_t n;
	int fl;

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) == 0) {
		len = sizeof type;
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == -1)
			type = 0;
		len = sizeof protocol;
		if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len) == -1)
			protocol = 0;
		len = sizeof on;
		e = fd_table_add(&sh->fds, fd, family, type, protocol, ROLE_SOCKET);
		e->listening = getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on,
		    &len) == 0 && on;
		e->nonblock = (fl = fcntl(fd, F_GETFL)) != -1 && (fl & O_NONBLOCK);
		return e;
	}
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	n = readlink(link, target, sizeof target - 1);
	if (n > 0 && (target[n] = '\0', strcmp(target, "anon_inode:[eventpoll]")
	    == 0))
		return fd_table_add(&sh->fds, fd, 0, 0, 0, ROLE_EPOLL);
	return NULL;
}

/*
 * A received descriptor that is no socket (a pipe, a file a peer sent): the
 * shell has no use for it, and closes it with its line; `expect` still sees
 * the recvmsg that brought it.
 */
static void
close_received(struct shell *sh, int fd)
{
	shell_note(sh, "received fd%d: not a socket; the shell closes it", fd);
	shell_close_aside(sh, fd);
}

/* The descriptors an SCM_RIGHTS message brought: into the table, each named. */
static void
enter_received(struct shell *sh, const struct msghdr *msg)
{
	int last = -1;

	for (struct cmsghdr *cm = CMSG_FIRSTHDR(msg); cm != NULL;
	    cm = CMSG_NXTHDR((struct msghdr *)msg, cm)) {
		size_t n;

		if (cm->cmsg_level != SOL_SOCKET || cm->cmsg_type != SCM_RIGHTS ||
		    cm->cmsg_len < CMSG_LEN(0))
			continue;
		n = (cm->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			struct strbuf what = STRBUF_INIT;
			struct fd_entry *e;
			int fd, sib;
			char buf[24];

			memcpy(&fd, CMSG_DATA(cm) + i * sizeof fd, sizeof fd);
			if ((sib = fd_table_sibling(&sh->fds, fd)) != -1) {
				e = fd_table_add_copy(&sh->fds, sib, fd);
				describe(&what, e);
				shell_note(sh, "received fd%d: %s, the same open "
				    "socket as fd%d (%s numbers now, as after dup)",
				    fd, sb_str(&what), sib, fd_count_words(
				    fd_table_holders(&sh->fds, fd), buf));
			} else if ((e = enter_new(sh, fd)) != NULL) {
				describe(&what, e);
				shell_note(sh, "received fd%d: %s, from the sender "
				    "(a new number here for a socket it has open)",
				    fd, sb_str(&what));
			} else {
				close_received(sh, fd);
				sb_free(&what);
				continue;
			}
			sb_free(&what);
			last = fd;
		}
	}
	if (last != -1)
		shell_note(sh, "fd%d is the current descriptor", last);
}

/* recvmsg's words: [SIZE...] [rights N] [FLAGS]. */
static bool
parse_recv(struct shell *sh, struct args *args, long *sizes, size_t *nsizes,
    long *room, int *flags)
{
	long total = 0;

	*nsizes = 0;
	*room = MSG_RIGHTS_DEFAULT;
	*flags = 0;
	args_take_msg_flags(args, 0, flags);
	for (size_t i = 0; i < args->argc; i++) {
		if (is_keyword(&args->argv[i], "rights")) {
			if (i + 2 == args->argc)
				return args_number(sh, args, i + 1, "rights", 0,
				    MSG_RIGHTS_MAX, room);
			cmd_usage_error(sh, args->cmd, "rights takes one number, "
			    "last (room for N descriptors)");
			return false;
		}
		if (*nsizes == MSG_PIECES_MAX) {
			cmd_usage_error(sh, args->cmd, "at most %d pieces",
			    MSG_PIECES_MAX);
			return false;
		}
		if (!args_number(sh, args, i, "size", 0, RECV_MAX, &sizes[*nsizes]))
			return false;
		if ((total += sizes[(*nsizes)++]) > RECV_MAX) {
			cmd_usage_error(sh, args->cmd, "at most %ld bytes in all",
			    RECV_MAX);
			return false;
		}
	}
	return true;
}

static enum cmd_retval
cmd_recvmsg_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	long sizes[MSG_PIECES_MAX], room;
	struct iovec iov[MSG_PIECES_MAX];
	struct sockaddr_storage ss;
	struct msghdr msg;
	union control u;
	size_t nsizes, total = 0, room_bytes = 0;
	socklen_t before;
	struct call c;
	int flags;
	ssize_t n;
	char *buf;

	if (!parse_recv(sh, args, sizes, &nsizes, &room, &flags))
		return CMD_RETURN_ERROR;
	if (nsizes == 0)
		sizes[nsizes++] = RECV_DEFAULT;
	for (size_t i = 0; i < nsizes; i++)
		total += (size_t)sizes[i];
	/* One buffer, the pieces one after another: the data reads in order. */
	buf = xcalloc(1, total ? total : 1);
	memset(&msg, 0, sizeof msg);
	for (size_t i = 0, off = 0; i < nsizes; off += (size_t)sizes[i++]) {
		iov[i].iov_base = buf + off;
		iov[i].iov_len = (size_t)sizes[i];
	}
	msg.msg_iov = iov;
	msg.msg_iovlen = nsizes;
	/* A datagram also tells who sent it, as recvfrom does. */
	memset(&ss, 0, sizeof ss);
	if (e->type != SOCK_STREAM) {
		msg.msg_name = &ss;
		msg.msg_namelen = sizeof ss;
	}
	before = msg.msg_namelen;
	memset(&u, 0, sizeof u);
	if (room > 0) {
		msg.msg_control = u.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)room);
		room_bytes = msg.msg_controllen;
	}

	recv_wait_note(sh, args->fd, flags, total);
	if (shell_signal_before_call(sh, args->cmd->name)) {
		free(buf);
		return CMD_RETURN_NORMAL;
	}
	call_begin(&c, "recvmsg", args->fd);
	n = recvmsg(args->fd, &msg, flags);
	call_returned(&c, n, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	if (n == -1)
		pr_msghdr_failed(&c.args, &msg);
	else
		pr_msghdr(&c.args, &msg, before, (size_t)n, SH_STRSIZE(sh));
	pr_sep(&c.args);
	pr_flags(&c.args, xlat_msg_flags, (unsigned)flags, "MSG_???");
	call_end(sh, &c);

	received(sh, e, buf, n, total, args->flags & FLAG('x'));
	free(buf);
	if (n == -1)
		return CMD_RETURN_NORMAL;
	if ((msg.msg_flags & MSG_TRUNC) && e->type != SOCK_STREAM)
		shell_note(sh, "MSG_TRUNC: the datagram was longer than the "
		    "pieces (%zu bytes in all): the rest of it is lost", total);
	if ((msg.msg_flags & MSG_CTRUNC) && room_bytes == 0)
		shell_note(sh, "MSG_CTRUNC: descriptors came and there was no "
		    "msg_control (rights 0): the kernel closed them, they are lost");
	else if (msg.msg_flags & MSG_CTRUNC)
		shell_note(sh, "MSG_CTRUNC: more descriptors came than msg_control "
		    "(%zu bytes) held: the kernel closed the rest, lost; give more "
		    "room (rights N)", room_bytes);
	if (msg.msg_controllen > 0)
		enter_received(sh, &msg);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_sendmsg_entry = {
	.name = "sendmsg",
	.usage = "[fdN] PIECE... [rights fdN...] [to ADDRESS] [FLAGS]",
	.summary = N_("send pieces of text as one message (scatter/gather), with descriptors"),
	.help = N_("Each word is one piece (an iovec); the kernel sends them as one run of\n"
	    "bytes. rights fdN... passes descriptors (SCM_RIGHTS, unix sockets only);\n"
	    "to HOST PORT or to PATH names a datagram's destination, as sendto does."),
	.proto = "ssize_t sendmsg(int sockfd, const struct msghdr *msg, int flags);",
	.see = "sendmsg(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, -1 },
	.complete = { ARGK_NONE, ARGK_SENDMSG },
	.exec = cmd_sendmsg_exec,
};

const struct command cmd_recvmsg_entry = {
	.name = "recvmsg",
	.usage = "[-x] [fdN] [SIZE...] [rights N] [FLAGS]",
	.summary = N_("receive into pieces of SIZE bytes each, and descriptors passed"),
	.help = N_("Fills the pieces (iovecs) in order: one of 4096 bytes unless SIZEs are\n"
	    "given. Room for 16 descriptors (rights N: for N); each received enters\n"
	    "the table. A datagram socket also learns the sender. -x adds a hexdump."),
	.proto = "ssize_t recvmsg(int sockfd, struct msghdr *msg, int flags);",
	.see = "recvmsg(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, -1 },
	.complete = { ARGK_RECVMSG },
	.exec = cmd_recvmsg_exec,
};
