/* cmd-ioctl.c: ioctl(2) FIONREAD, how many bytes wait to be read. */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <errno.h>
#include <strings.h>

#include "commands.h"
#include "call.h"
#include "print.h"

static enum cmd_retval
cmd_ioctl_exec(struct shell *sh, struct args *args)
{
	const struct fd_entry *e;
	struct call c;
	int n = 0, rc;

	if (args->argv[0].quoted || strcasecmp(args->argv[0].s, "fionread") != 0)
		return cmd_usage_error(sh, args->cmd, "unknown request: %s "
		    "(fionread)", args->argv[0].s);
	call_begin(&c, "ioctl", args->fd);
	rc = ioctl(args->fd, FIONREAD, &n);
	call_returned(&c, rc, errno);
	sb_addf(&c.args, "%d, FIONREAD, ", args->fd);
	if (rc == -1)
		pr_ptr(&c.args, &n);
	else
		sb_addf(&c.args, "[%d]", n);
	call_end(sh, &c);
	if (rc == -1)
		return CMD_RETURN_NORMAL;
	e = fd_table_find(&sh->fds, args->fd);
	if (n == 0)
		shell_note(sh, e != NULL && e->type == SOCK_DGRAM ?
		    _("no bytes wait on fd%d: a read now would wait (unless an "
		    "empty datagram waits)") : _("no bytes wait on fd%d: a read "
		    "now would wait, or return 0 if the peer closed"), args->fd);
	else
		shell_note(sh, P_("%d byte waits on fd%d: a read of that many "
		    "returns at once", "%d bytes wait on fd%d: a read of that "
		    "many returns at once", n), n, args->fd);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_ioctl_entry = {
	.name = "ioctl",
	.usage = "[fdN] fionread",
	.summary = N_("ask how many bytes wait to be read (FIONREAD)"),
	.help = N_("Asks the kernel how many bytes are queued for reading on the socket;\n"
	    "for UDP, the size of the next datagram. A listening socket has none: EINVAL."),
	.proto = "int ioctl(int fd, unsigned long request, int *nbytes);",
	.see = "ioctl(2), ioctl_tty(2) FIONREAD, tcp(7) SIOCINQ",
	.stage = STAGE_TRANSFER,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_IOCTL },
	.exec = cmd_ioctl_exec,
};
