/*
 * cmd-write.c: write(2), send(2) and sendto(2): bytes into a socket's send
 * buffer. They differ only in the call, so they share one exec; send is the
 * sendto system call with no address on Linux, as strace shows it.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>
#include <poll.h>
#include <stdlib.h>
#include <unistd.h>

#include "addr.h"
#include "bulk.h"
#include "call.h"
#include "commands.h"
#include "trace.h"
#include "print.h"
#include "transfer.h"

extern const struct command cmd_write_entry, cmd_send_entry, cmd_sendto_entry;

/*
 * Bare TEXT that begins with quotes that are not the shell's ('...', or the
 * curly ones a slide gives): they were sent as bytes, which may surprise.
 */
static void
quote_note(struct shell *sh, const char *w)
{
	static const char *const quotes[] = {
		"'", "\xe2\x80\x9c", "\xe2\x80\x98",	/* ' “ ‘ */
	};

	for (size_t i = 0; i < sizeof quotes / sizeof quotes[0]; i++)
		if (strncmp(w, quotes[i], strlen(quotes[i])) == 0) {
			shell_note(sh, "%s is not a quote here: it was sent as "
			    "bytes, as the words are; the shell's quotes are "
			    "\"...\"", quotes[i]);
			return;
		}
}

/* send's last word went as data, but looks meant as FLAGS (a typo): say so. */
static void
flags_note(struct shell *sh, const struct word *w)
{
	char bad[64], near[32];

	if (!msg_flags_near(w, bad, sizeof bad, near, sizeof near))
		return;
	if (*near != '\0')
		shell_note(sh, "%s went as data, with the text: it is no flag "
		    "(did you mean %s?)", w->s, near);
	else
		shell_note(sh, "%s went as data, with the text: %s is no flag "
		    "(`help send` lists them)", w->s, bad);
}

static enum cmd_retval
cmd_write_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	bool is_write = args->cmd == &cmd_write_entry;
	bool to = args->cmd == &cmd_sendto_entry;
	struct addr_list al = { .v = NULL };
	struct sockaddr_any *dest = NULL;
	size_t naddr = 0;
	struct call c;
	int flags = 0;
	char *data;
	size_t len;
	ssize_t n;

	if (to && args->argc >= 2 && !args->argv[0].quoted &&
	    strcmp(args->argv[0].s, "back") == 0) {
		/* Back to who sent the last datagram recvfrom got here. */
		const struct sockaddr_any *from = sender_of(sh, args->fd);

		if (from == NULL && e->family == AF_UNIX)
			return cmd_usage_error(sh, args->cmd, "fd%d has no sender "
			    "to send back to: recvfrom a datagram from a bound "
			    "socket first (./back is a file named back)", args->fd);
		if (from == NULL)
			return cmd_usage_error(sh, args->cmd, "fd%d has no sender "
			    "to send back to: recvfrom on it first", args->fd);
		*addr_list_one(&al) = *from;
		naddr = 1;
		dest = &al.v[0];
	} else if (to) {
		struct args where = *args;

		naddr = e->family == AF_UNIX ? 1 : 2;
		if (args->argc < naddr + 1)
			return cmd_usage_error(sh, args->cmd, e->family == AF_UNIX ?
			    N_("a unix socket takes PATH TEXT") :
			    N_("missing argument"));
		/* The address is the first words, the text all the rest. */
		where.argc = naddr;
		if (!args_address(sh, &where, 0, e, false, &al))
			return CMD_RETURN_ERROR;
		addr_list_note(sh, args->argv[0].s, &al);
		dest = &al.v[0];	/* a datagram goes to one address: the first found */
	} else if (!is_write) {
		args_take_msg_flags(args, 1, &flags);
	}
	/* @ alone, or @"": no file named (a quoted "@" is the character). */
	if (!to && args->argc == 1 && args->argv[0].len == 1 &&
	    args->argv[0].s[0] == '@' && (!args->argv[0].quoted ||
	    args->argv[0].bare_start))
		return cmd_usage_error(sh, args->cmd, "@ needs a FILE after it "
		    "(@- is standard input; \"@\" sends the character)");
	if (!to && args->argc == 1 && bulk_file(&args->argv[0], '@') != NULL) {
		if (flags != 0)
			return cmd_usage_error(sh, args->cmd, "@FILE goes with "
			    "sendfile, which takes no FLAGS");
		return bulk_send(sh, args->fd, bulk_file(&args->argv[0], '@'));
	}
	args_text(args, naddr, &data, &len);

	/* A listener fails at once; dontwait does not wait. */
	if (!e->listening && !(flags & MSG_DONTWAIT))
		wait_note_send(sh, args->fd, len, _("room in the send buffer"));
	if (shell_signal_before_call(sh, args->cmd->name)) {
		free(data);
		addr_list_free(&al);
		return CMD_RETURN_NORMAL;
	}
	if (to)
		trace_watch((struct sockaddr *)&dest->ss);
	call_begin(&c, is_write ? "write" : "sendto", args->fd);
	if (to && addr_is_multicast(&dest->ss))
		c.what = "multicast";	/* the hint of a group with no route */
	if (is_write)
		n = write(args->fd, data, len);
	else if (to)
		n = sendto(args->fd, data, len, 0, (struct sockaddr *)&dest->ss,
		    dest->len);
	else
		n = send(args->fd, data, len, flags);
	call_returned(&c, n, errno);

	if (is_write) {
		sb_addlong(&c.args, args->fd);
		sb_add(&c.args, ", ");
		pr_quoted(&c.args, data, len, SH_STRSIZE(sh));
		sb_add(&c.args, ", ");
		sb_addulong(&c.args, len);
	} else {
		pr_sendto_args(&c.args, args->fd, data, len, flags,
		    to ? (struct sockaddr *)&dest->ss : NULL, to ? dest->len : 0,
		    SH_STRSIZE(sh));
	}
	call_end(sh, &c);
	if (n >= 0 && (size_t)n < len && (sig_int_pending || sig_quit_pending))
		shell_note(sh, "short write: %s cut it short after %zd of %zu "
		    "bytes (a write that has sent some returns that count, not "
		    "EINTR); the other %zu were not sent", shell_signal_name(), n,
		    len, len - (size_t)n);
	else if (n >= 0 && (size_t)n < len)
		shell_note(sh, "short write: the send buffer took %zd of %zu bytes; "
		    "the other %zu were not sent: send them again", n, len,
		    len - (size_t)n);
	if (n >= 0 && naddr < args->argc && !args->argv[naddr].quoted)
		quote_note(sh, args->argv[naddr].s);
	if (!is_write && !to && args->argc > 1)
		flags_note(sh, &args->argv[args->argc - 1]);
	free(data);
	addr_list_free(&al);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_write_entry = {
	.name = "write",
	.usage = "[fdN] TEXT | [fdN] @FILE",
	.summary = N_("send bytes: \"quoted\" with C escapes (\"x\"*N repeats), or bare words; @FILE: a file"),
	.help = N_("Copies TEXT into the socket's send buffer; the kernel sends it when it can.\n"
	    "Returns how many bytes it took, which can be fewer than given.\n"
	    "\"x\"*100000 is 100000 x's (up to 64 MiB), to fill a send buffer in one call.\n"
	    "@FILE sends a file with sendfile(2) in 1 MiB calls until its end (@- is\n"
	    "standard input); the shell opens and closes FILE, and those calls print too."),
	.proto = "ssize_t write(int fd, const void *buf, size_t count);",
	.see = "write(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, -1 },
	.ports_kept = true,
	.exec = cmd_write_exec,
};

const struct command cmd_send_entry = {
	.name = "send",
	.usage = "[fdN] TEXT [FLAGS] | [fdN] @FILE",
	.summary = N_("send bytes like write, with flags: dontwait, nosignal, more, oob..."),
	.help = N_("write with a last argument: FLAGS are names joined by |, e.g. dontwait|nosignal.\n"
	    "Linux makes send() the sendto call with no address, which is what is shown.\n"
	    "send @FILE is write @FILE: sendfile(2), which takes no flags."),
	.proto = "ssize_t send(int sockfd, const void *buf, size_t len, int flags);",
	.call = "sendto",
	.see = "send(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, -1 },
	.complete = { ARGK_NONE, ARGK_MSGFLAG },
	.exec = cmd_write_exec,
};

const struct command cmd_sendto_entry = {
	.name = "sendto",
	.usage = "[fdN] HOST PORT TEXT | [fdN] PATH TEXT | [fdN] back TEXT",
	.summary = N_("send one datagram to an address (a name is looked up first)"),
	.help = N_("UDP needs no connection: each datagram carries its destination.\n"
	    "A unix dgram socket takes the PATH its peer is bound to.\n"
	    "back: to whoever sent the last datagram recvfrom got on this socket,\n"
	    "the address recvfrom filled in, as a server replies in C."),
	.proto = "ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, "
	    "const struct sockaddr *dest_addr, socklen_t addrlen);",
	.see = "sendto(2)",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 2, -1 },
	.complete = { ARGK_HOST, ARGK_NONE },
	.exec = cmd_write_exec,
};
