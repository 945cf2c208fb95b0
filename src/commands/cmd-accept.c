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

static enum cmd_retval
cmd_accept_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd), copy = *e;
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss, before = len;
	struct call c;
	int fd;

	/* A socket that does not listen fails at once: no waiting line for it. */
	if (copy.listening)
		wait_note(sh, args->fd, POLLIN, "a connection");
	if (shell_signal_before_call(sh, "accept"))
		return CMD_RETURN_NORMAL;
#ifdef SYS_accept
	call_begin(&c, "accept", args->fd);
#else
	call_begin(&c, "accept4", args->fd);	/* the only accept some kernels have */
#endif
	fd = accept(args->fd, (struct sockaddr *)&ss, &len);
	call_returned(&c, fd, errno);
	sb_addf(&c.args, "%d, ", args->fd);
	if (fd == -1) {
		pr_ptr(&c.args, &ss);
		pr_sep(&c.args);
		pr_socklen(&c.args, before, before);
	} else {
		pr_sockaddr(&c.args, (struct sockaddr *)&ss, len);
		pr_sep(&c.args);
		pr_socklen(&c.args, before, len);
	}
#ifndef SYS_accept
	sb_add(&c.args, ", 0");
#endif
	call_end(sh, &c);

	if (fd != -1) {
		e = fd_table_add(&sh->fds, fd, copy.family, copy.type,
		    copy.protocol, ROLE_ACCEPTED);
		e->parent = copy.fd;
		e->host = copy.host;	/* made in the listener's host, wherever the shell is */
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_accept_entry = {
	.name = "accept",
	.usage = "[fdN]",
	.summary = "take the next connection from a listener; the new descriptor becomes current",
	.help = "Waits for a client if none is queued, then returns a new descriptor\n"
	    "for that one connection; the listener stays open for the next.",
	.proto = "int accept(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
	.see = "accept(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.exec = cmd_accept_exec,
};
