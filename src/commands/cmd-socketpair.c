/* cmd-socketpair.c: socketpair(2), two connected unix sockets at once. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <strings.h>

#include "commands.h"
#include "call.h"
#include "print.h"
#include "xlat.h"

static enum cmd_retval
cmd_socketpair_exec(struct shell *sh, struct args *args)
{
	struct call c;
	long family = AF_UNIX, type;
	int sv[2] = { -1, -1 }, rc;
	const char *tw = args->argv[args->argc - 1].s;

	if (args->argc == 2 && (!xlat_parse(xlat_families, "AF_",
	    args->argv[0].s, &family) || family != AF_UNIX))
		return cmd_usage_error(sh, args->cmd, "%s: a socket pair is "
		    "unix (AF_UNIX) only on Linux", args->argv[0].s);
	if (strcasecmp(tw, "tcp") == 0 || strcasecmp(tw, "udp") == 0 ||
	    !xlat_parse(xlat_socktypes, "SOCK_", tw, &type) ||
	    (type != SOCK_STREAM && type != SOCK_DGRAM))
		return cmd_usage_error(sh, args->cmd, "unknown type: %s "
		    "(stream or dgram)", tw);

	call_begin(&c, "socketpair", -1);
	rc = socketpair((int)family, (int)type, 0, sv);
	call_returned(&c, rc, errno);
	pr_xlat(&c.args, xlat_families, family, "AF_???");
	pr_sep(&c.args);
	pr_xlat(&c.args, xlat_socktypes, type, "SOCK_???");
	pr_sep(&c.args);
	sb_add(&c.args, "0");
	pr_sep(&c.args);
	/* strace shows the array once the kernel filled it, else its address. */
	if (rc == 0 && SH_STRSIZE(sh) >= 2)
		sb_addf(&c.args, "[%d, %d]", sv[0], sv[1]);
	else if (rc == 0 && SH_STRSIZE(sh) == 1)	/* strace -s 1: one element */
		sb_addf(&c.args, "[%d, ...]", sv[0]);
	else if (rc == 0)
		sb_add(&c.args, "[...]");
	else
		pr_ptr(&c.args, sv);
	call_end(sh, &c);

	if (rc == 0) {
		fd_table_add(&sh->fds, sv[0], (int)family, (int)type, 0,
		    ROLE_SOCKET);
		fd_table_add(&sh->fds, sv[1], (int)family, (int)type, 0,
		    ROLE_SOCKET);
		shell_note(sh, "fd%d and fd%d are connected to each other; fd%d "
		    "is the current descriptor", sv[0], sv[1], sv[1]);
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_socketpair_entry = {
	.name = "socketpair",
	.usage = "[unix] stream|dgram",
	.summary = N_("make two unix sockets already connected to each other"),
	.help = N_("Returns two descriptors joined like the ends of a pipe, but both ways:\n"
	    "what one writes the other reads. No address, no bind, no connect."),
	.proto = "int socketpair(int domain, int type, int protocol, int sv[2]);",
	.see = "socketpair(2)",
	.stage = STAGE_CREATE,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 2 },
	.complete = { ARGK_UNIX, ARGK_TYPE },
	.exec = cmd_socketpair_exec,
};
