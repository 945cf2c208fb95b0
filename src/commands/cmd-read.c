/*
 * cmd-read.c: read(2), recv(2) and recvfrom(2): bytes from a socket's receive
 * buffer. The three differ only in the call, so they share one exec; recv is
 * the recvfrom system call with no address on Linux, as strace shows it.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "addr.h"
#include "bulk.h"
#include "call.h"
#include "commands.h"
#include "print.h"
#include "transfer.h"

extern const struct command cmd_read_entry, cmd_recv_entry, cmd_recvfrom_entry;

/*
 * Who sent the last datagram each socket got with recvfrom, for `sendto
 * back`: a few sockets at once, the oldest forgotten first; SEQ tells that
 * the number still names the socket it was heard on.
 */
#define SENDERS	16
static struct sender {
	int			fd;
	unsigned long		seq;
	struct sockaddr_any	from;
} senders[SENDERS];
static size_t senders_next;

static void
sender_keep(const struct fd_entry *e, const struct sockaddr_storage *ss,
    socklen_t len)
{
	struct sender *s = NULL;

	/* Unbound (a unix socket's may be): no address to send back to. */
	if (len <= sizeof(sa_family_t) || len > sizeof *ss)
		return;
	for (size_t i = 0; i < SENDERS && s == NULL; i++)
		if (senders[i].seq == e->seq && senders[i].fd == e->fd &&
		    senders[i].from.len > 0)
			s = &senders[i];
	if (s == NULL)
		s = &senders[senders_next++ % SENDERS];
	s->fd = e->fd;
	s->seq = e->seq;
	memset(&s->from, 0, sizeof s->from);
	memcpy(&s->from.ss, ss, len);
	s->from.len = len;
}

const struct sockaddr_any *
sender_of(struct shell *sh, int fd)
{
	const struct fd_entry *e = fd_table_find(&sh->fds, fd);

	for (size_t i = 0; e != NULL && i < SENDERS; i++)
		if (senders[i].from.len > 0 && senders[i].fd == fd &&
		    senders[i].seq == e->seq)
			return &senders[i].from;
	return NULL;
}

/* read [fdN] [COUNT] >FILE (or > FILE): to the end of file, or COUNT bytes. */
static enum cmd_retval
read_to_file(struct shell *sh, struct args *args)
{
	const char *path = bulk_file(&args->argv[args->argc - 1], '>');
	long count = -1;

	if (path == NULL) {
		path = args->argv[args->argc - 1].s;
		args->argc--;
	}
	args->argc--;
	if (*path == '\0')
		return cmd_usage_error(sh, args->cmd, "> needs a FILE after it "
		    "(>- is standard output)");
	/* A peer's bytes never reach the terminal raw: only a file or a pipe. */
	if (strcmp(path, "-") == 0 && isatty(STDOUT_FILENO))
		return cmd_usage_error(sh, args->cmd, ">- on a terminal would "
		    "put the peer's bytes on it raw: `read` shows them escaped; "
		    ">- is for a pipe or a file");
	if (args->flags & FLAG('x'))
		return cmd_usage_error(sh, args->cmd, "-x shows the data here; "
		    ">FILE puts it in the file: one or the other");
	if (args->argc > 1)
		return cmd_usage_error(sh, args->cmd, "one COUNT before >FILE");
	if (args->argc == 1 && !args_number(sh, args, 0, "count", 1, LONG_MAX,
	    &count))
		return CMD_RETURN_ERROR;
	return bulk_recv(sh, args->fd, path, count);
}

/*
 * The buffer a read or recv fills: one of the default size is kept from one
 * call to the next (a script reads again and again); a larger one is the
 * call's own. ZERO: cleared first.
 */
static char	*kept_buf;
static bool	 kept_lent;

static char *
read_buffer(size_t count, bool zero)
{
	char *buf;

	if (count <= RECV_DEFAULT && !kept_lent) {
		if (kept_buf == NULL)
			kept_buf = xmalloc(RECV_DEFAULT);
		kept_lent = true;
		buf = kept_buf;
	} else {
		buf = xmalloc(count > 0 ? count : 1);
	}
	if (zero)
		memset(buf, 0, count);
	return buf;
}

static void
read_buffer_done(char *buf)
{
	if (buf == kept_buf)
		kept_lent = false;
	else
		free(buf);
}

static enum cmd_retval
cmd_read_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	bool is_read = args->cmd == &cmd_read_entry;
	bool from = args->cmd == &cmd_recvfrom_entry;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	struct call c;
	long count = RECV_DEFAULT;
	int flags = 0;
	ssize_t n;
	char *buf;

	if (is_read && args->argc > 0 && (!args->argv[args->argc - 1].quoted ||
	    args->argv[args->argc - 1].bare_start) &&
	    strcmp(args->argv[args->argc - 1].s, ">") == 0)
		return cmd_usage_error(sh, args->cmd, "> needs a FILE after it "
		    "(>- is standard output)");
	if (is_read && args->argc > 0 && (bulk_file(&args->argv[args->argc - 1],
	    '>') != NULL || (args->argc > 1 && !args->argv[args->argc - 2].quoted &&
	    strcmp(args->argv[args->argc - 2].s, ">") == 0)))
		return read_to_file(sh, args);
	if (is_read) {
		if (args->argc > 1)
			return cmd_usage_error(sh, args->cmd, "one COUNT, or "
			    "[COUNT] >FILE");
		if (args->argc == 1 && !args_number(sh, args, 0, "count", 0,
		    RECV_MAX, &count))
			return CMD_RETURN_ERROR;
	} else if (!args_recv(sh, args, &count, &flags)) {
		return CMD_RETURN_ERROR;
	}
	/* MSG_TRUNC on TCP fills nothing: show zeros, not old bytes. */
	buf = read_buffer((size_t)count, flags & MSG_TRUNC);
	memset(&ss, 0, sizeof ss);

	/* A listener fails at once (ENOTCONN), and so does nothing asked for. */
	if (is_read) {
		if (count > 0 && !e->listening)
			wait_note(sh, args->fd, POLLIN, _("data"));
	} else {
		recv_wait_note(sh, args->fd, flags, (size_t)count);
	}
	if (shell_signal_before_call(sh, args->cmd->name)) {
		read_buffer_done(buf);
		return CMD_RETURN_NORMAL;
	}
	call_begin(&c, is_read ? "read" : "recvfrom", args->fd);
	if (is_read)
		n = read(args->fd, buf, (size_t)count);
	else if (from)
		n = recvfrom(args->fd, buf, (size_t)count, flags,
		    (struct sockaddr *)&ss, &len);
	else
		n = recv(args->fd, buf, (size_t)count, flags);
	call_returned(&c, n, errno);

	if (is_read) {
		sb_addlong(&c.args, args->fd);
		sb_add(&c.args, ", ");
		if (n == -1)
			pr_ptr(&c.args, buf);
		else
			pr_quoted(&c.args, buf, (size_t)n, SH_STRSIZE(sh));
		sb_add(&c.args, ", ");
		sb_addlong(&c.args, count);
	} else {
		pr_recvfrom_args(&c.args, args->fd, buf, (size_t)count, n, flags,
		    from ? (struct sockaddr *)&ss : NULL, before, len,
		    SH_STRSIZE(sh));
	}
	call_end(sh, &c);
	if (from && n >= 0)
		sender_keep(e, &ss, len);
	received(sh, e, buf, n, (size_t)count, args->flags & FLAG('x'));
	received_cut(sh, e, n, (size_t)count);
	read_buffer_done(buf);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_read_entry = {
	.name = "read",
	.usage = "[-x] [fdN] [COUNT] | [fdN] [COUNT] >FILE",
	.summary = N_("receive up to COUNT bytes (default 4096); 0 means the peer closed"),
	.help = N_("Waits until some data is there, then returns what has arrived, up to\n"
	    "COUNT bytes: TCP keeps no message boundaries. -x adds a hexdump.\n"
	    ">FILE reads in 1 MiB calls until end of file (or COUNT bytes in all) and\n"
	    "writes each piece to FILE, created or emptied (>- is standard output);\n"
	    "into a regular file, through a pipe with splice(2), without a copy."),
	.proto = "ssize_t read(int fd, void *buf, size_t count);",
	.see = "read(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 3 },
	.ports_kept = true,
	.exec = cmd_read_exec,
};

const struct command cmd_recv_entry = {
	.name = "recv",
	.usage = "[-x] [fdN] [COUNT] [FLAGS]",
	.summary = N_("receive like read, with flags: peek, dontwait, waitall, oob, trunc..."),
	.help = N_("read with a last argument: FLAGS are names joined by |, e.g. peek|dontwait.\n"
	    "Linux makes recv() the recvfrom call with no address; -x adds a hexdump."),
	.proto = "ssize_t recv(int sockfd, void *buf, size_t len, int flags);",
	.call = "recvfrom",
	.see = "recv(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 2 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.ports_kept = true,
	.exec = cmd_read_exec,
};

const struct command cmd_recvfrom_entry = {
	.name = "recvfrom",
	.usage = "[-x] [fdN] [COUNT] [FLAGS]",
	.summary = N_("receive one datagram and the address of its sender"),
	.help = N_("Waits for a datagram, returns up to COUNT bytes of it (the rest is lost)\n"
	    "and who sent it: reply there with sendto, or with `sendto back TEXT`.\n"
	    "-x adds a hexdump."),
	.proto = "ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, "
	    "struct sockaddr *src_addr, socklen_t *addrlen);",
	.see = "recvfrom(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { "x", 0, 2 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.ports_kept = true,
	.exec = cmd_read_exec,
};
