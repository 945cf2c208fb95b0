/* cmd-socket.c: socket(2), the start of every lifecycle. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>

#include <errno.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "call.h"
#include "print.h"
#include "xlat.h"

/* "tcp" and "udp" are what learners often say; they name the type here. */
static bool
parse_type(const char *w, long *type)
{
	/* The words most lines say, first: no walk over the table for them. */
	if (w[0] == 's' && strcmp(w, "stream") == 0)
		*type = SOCK_STREAM;
	else if (w[0] == 'd' && strcmp(w, "dgram") == 0)
		*type = SOCK_DGRAM;
	else if (strcasecmp(w, "tcp") == 0)
		*type = SOCK_STREAM;
	else if (strcasecmp(w, "udp") == 0)
		*type = SOCK_DGRAM;
	else
		return xlat_parse(xlat_socktypes, "SOCK_", w, type);
	return true;
}

/* "nonblock" and "cloexec" into FLAGS (SOCK_NONBLOCK, SOCK_CLOEXEC). */
bool
parse_sock_flag(const struct word *w, int *flags)
{
	/* Neither begins so: not a flag (most lines' last word is none). */
	if (w->quoted || ((w->s[0] | 0x20) != 'n' && (w->s[0] | 0x20) != 'c'))
		return false;
	if (strcasecmp(w->s, "nonblock") == 0)
		*flags |= SOCK_NONBLOCK;
	else if (strcasecmp(w->s, "cloexec") == 0)
		*flags |= SOCK_CLOEXEC;
	else
		return false;
	return true;
}

static enum cmd_retval
cmd_socket_exec(struct shell *sh, struct args *args)
{
	struct call c;
	long family = AF_INET, type;
	int protocol = 0, fd, flags = 0;
	size_t argc = args->argc;
	const char *tw;

	/* The flags come last: socket inet stream nonblock cloexec. */
	while (argc > 1 && parse_sock_flag(&args->argv[argc - 1], &flags))
		argc--;
	if (argc > 2)
		return cmd_usage_error(sh, args->cmd, "not a flag: %s "
		    "(nonblock or cloexec)", args->argv[argc - 1].s);
	tw = args->argv[argc - 1].s;
	if (argc == 2 && parse_type(args->argv[0].s, &type))
		return cmd_usage_error(sh, args->cmd, "not a flag: %s "
		    "(nonblock or cloexec)", tw);
	if (argc == 2 && (!xlat_parse(xlat_families, "AF_",
	    args->argv[0].s, &family) || family == AF_UNSPEC))
		return cmd_usage_error(sh, args->cmd, "unknown family: %s "
		    "(inet, inet6 or unix)", args->argv[0].s);
	if (!parse_type(tw, &type))
		return cmd_usage_error(sh, args->cmd, "unknown type: %s "
		    "(stream or dgram)", tw);
	/* Name the protocol, as the classic examples do, so the line shows it. */
	if (family == AF_INET || family == AF_INET6) {
		if (type == SOCK_STREAM)
			protocol = IPPROTO_TCP;
		else if (type == SOCK_DGRAM)
			protocol = IPPROTO_UDP;
	}

	call_begin(&c, "socket", -1);
	fd = socket((int)family, (int)type | flags, protocol);
	call_returned(&c, fd, errno);
	pr_xlat(&c.args, xlat_families, family, "AF_???");
	pr_sep(&c.args);
	pr_xlat(&c.args, xlat_socktypes, type, "SOCK_???");
	if (flags != 0) {
		sb_addc(&c.args, '|');
		pr_flags(&c.args, xlat_sock_flags, (unsigned long)flags, "SOCK_???");
	}
	pr_sep(&c.args);
	if (family == AF_INET || family == AF_INET6)
		pr_xlat(&c.args, xlat_ipprotos, protocol, "IPPROTO_???");
	else
		sb_addlong(&c.args, protocol);
	call_end(sh, &c);

	if (fd != -1) {
		struct fd_entry *e = fd_table_add(&sh->fds, fd, (int)family,
		    (int)type, protocol, ROLE_SOCKET);

		e->nonblock = (flags & SOCK_NONBLOCK) != 0;
		e->cloexec = (flags & SOCK_CLOEXEC) != 0;
		/* New: no port of its own, no peer. */
		if (family == AF_INET || family == AF_INET6)
			e->lport = e->pport = 0;
		if (e->nonblock)
			shell_note(sh, "fd%d is non-blocking from the start: a call "
			    "that would wait fails with EAGAIN (connect: EINPROGRESS) "
			    "instead; poll tells when", fd);
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_socket_entry = {
	.name = "socket",
	.usage = "[inet|inet6|unix] stream|dgram [nonblock] [cloexec]",
	.summary = N_("make a new socket; it becomes the current descriptor"),
	.help = N_("Creates an endpoint for communication and returns its descriptor.\n"
	    "stream is TCP (a connection), dgram is UDP (single messages); tcp/udp work too.\n"
	    "nonblock and cloexec add SOCK_NONBLOCK and SOCK_CLOEXEC to the type: the\n"
	    "socket is non-blocking from the start, and closed across an exec."),
	.proto = "int socket(int domain, int type, int protocol);",
	.see = "socket(2)",
	.stage = STAGE_CREATE,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 4 },
	.complete = { ARGK_FAMILY, ARGK_TYPE, ARGK_SOCKFLAG, ARGK_SOCKFLAG },
	.ports_kept = true,
	.exec = cmd_socket_exec,
};
