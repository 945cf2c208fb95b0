/* cmd-accept.c: accept(2), taking the next connection off a listener's queue. */
#include "config.h"

#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <poll.h>

#include "addr.h"
#include "commands.h"
#include "call.h"
#include "print.h"
#include "ss.h"
#include "xlat.h"

/* accept(2), or accept4(2) when FOUR, with FLAGS. */
static enum cmd_retval
do_accept(struct shell *sh, struct args *args, bool four, int flags)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd), copy = *e;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	struct call c;
	int fd;

	/* A socket that does not listen fails at once: no waiting line for it. */
	if (copy.listening)
		wait_note(sh, args->fd, POLLIN, _("a connection"));
	if (shell_signal_before_call(sh, four ? "accept4" : "accept"))
		return CMD_RETURN_NORMAL;
#ifndef SYS_accept
	four = true;	/* the only accept some kernels have */
#endif
	call_begin(&c, four ? "accept4" : "accept", args->fd);
	if (four)
		fd = accept4(args->fd, (struct sockaddr *)&ss, &len, flags);
	else
		fd = accept(args->fd, (struct sockaddr *)&ss, &len);
	call_returned(&c, fd, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	if (fd == -1) {
		pr_ptr(&c.args, &ss);
		pr_sep(&c.args);
		pr_socklen(&c.args, before, before);
	} else {
		pr_sockaddr(&c.args, (struct sockaddr *)&ss, len);
		pr_sep(&c.args);
		pr_socklen(&c.args, before, len);
	}
	if (four) {
		pr_sep(&c.args);
		pr_flags(&c.args, xlat_sock_flags, (unsigned long)flags, "SOCK_???");
	}
	call_end(sh, &c);

	if (fd != -1) {
		e = fd_table_add(&sh->fds, fd, copy.family, copy.type,
		    copy.protocol, ROLE_ACCEPTED);
		e->parent = copy.fd;
		e->host = copy.host;	/* made in the listener's host, wherever the shell is */
		e->linger = copy.linger;	/* SO_LINGER comes with it from the listener */
		/* Its port is the listener's; its peer's, accept said. */
		if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6) {
			e->lport = copy.lport > 0 ? copy.lport : -1;
			e->pport = (int)ss_port(&ss);
		}
		e->nonblock = (flags & SOCK_NONBLOCK) != 0;
		e->cloexec = (flags & SOCK_CLOEXEC) != 0;
		if (e->nonblock)
			shell_note(sh, "fd%d is non-blocking from the start: a read "
			    "with nothing waiting fails with EAGAIN instead", fd);
		else if (copy.nonblock && four)
			shell_note(sh, "fd%d blocks, though fd%d does not: no flag of "
			    "the listener passes to it (nonblock asks it)", fd, copy.fd);
	}
	return CMD_RETURN_NORMAL;
}

static enum cmd_retval
cmd_accept_exec(struct shell *sh, struct args *args)
{
	return do_accept(sh, args, false, 0);
}

static enum cmd_retval
cmd_accept4_exec(struct shell *sh, struct args *args)
{
	int flags = 0;

	for (size_t i = 0; i < args->argc; i++)
		if (!parse_sock_flag(&args->argv[i], &flags))
			return cmd_usage_error(sh, args->cmd, "not a flag: %s "
			    "(nonblock or cloexec)", args->argv[i].s);
	return do_accept(sh, args, true, flags);
}

const struct command cmd_accept_entry = {
	.name = "accept",
	.usage = "[fdN]",
	.summary = N_("take the next connection from a listener; the new descriptor becomes current"),
	.help = N_("Waits for a client if none is queued, then returns a new descriptor\n"
	    "for that one connection; the listener stays open for the next."),
	.proto = "int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "accept(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.ports_kept = true,
	.exec = cmd_accept_exec,
};

const struct command cmd_accept4_entry = {
	.name = "accept4",
	.usage = "[fdN] [nonblock] [cloexec]",
	.summary = N_("accept, with flags for the new descriptor (SOCK_NONBLOCK, SOCK_CLOEXEC)"),
	.help = N_("As accept, and the new descriptor is non-blocking (nonblock) or closed\n"
	    "across an exec (cloexec) from the start: no fcntl after it. On Linux the\n"
	    "new socket never takes the listener's O_NONBLOCK, with or without accept4."),
	.proto = "int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);",
	.see = "accept4(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 2 },
	.complete = { ARGK_SOCKFLAG, ARGK_SOCKFLAG },
	.ports_kept = true,
	.exec = cmd_accept4_exec,
};
