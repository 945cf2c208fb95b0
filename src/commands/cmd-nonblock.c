/* cmd-nonblock.c: fcntl(2) F_GETFL then F_SETFL, turning O_NONBLOCK on or off. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <strings.h>

#include "commands.h"
#include "call.h"
#include "print.h"
#include "xlat.h"

/* Open flags as strace shows them: the access mode, then the other flags. */
static void
pr_open_modes(struct strbuf *sb, int flags)
{
	pr_xlat(sb, xlat_open_access, flags & O_ACCMODE, "O_???");
	if ((flags & ~O_ACCMODE) != 0) {
		sb_addc(sb, '|');
		pr_flags(sb, xlat_open_flags, (unsigned)(flags & ~O_ACCMODE), "O_???");
	}
}

static enum cmd_retval
cmd_nonblock_exec(struct shell *sh, struct args *args)
{
	struct strbuf ret = STRBUF_INIT;
	struct call c;
	const char *w = args->argv[0].s;
	int on, fl, nfl, rc;

	if (args->argv[0].quoted)
		on = -1;
	else if (strcasecmp(w, "on") == 0)
		on = 1;
	else if (strcasecmp(w, "off") == 0)
		on = 0;
	else
		on = -1;
	if (on == -1)
		return cmd_usage_error(sh, args->cmd, "on or off, not %s", w);

	call_begin(&c, "fcntl", args->fd);
	fl = fcntl(args->fd, F_GETFL);
	call_returned(&c, fl, errno);
	sb_addf(&c.args, "%d, F_GETFL", args->fd);
	if (fl != -1) {
		sb_addf(&ret, "%#x (flags ", (unsigned)fl);
		pr_open_modes(&ret, fl);
		sb_addc(&ret, ')');
		c.rettext = sb_str(&ret);
	}
	call_end(sh, &c);
	sb_free(&ret);
	if (fl == -1)
		return CMD_RETURN_NORMAL;

	nfl = on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK;
	call_begin(&c, "fcntl", args->fd);
	rc = fcntl(args->fd, F_SETFL, nfl);
	call_returned(&c, rc, errno);
	sb_addf(&c.args, "%d, F_SETFL, ", args->fd);
	pr_open_modes(&c.args, nfl);
	call_end(sh, &c);
	if (rc == 0) {
		struct fd_entry *e = fd_table_find(&sh->fds, args->fd);

		if (e != NULL)
			e->nonblock = on;
	}
	if (rc == 0 && on)
		shell_note(sh, "fd%d is non-blocking: a call that would wait fails "
		    "with EAGAIN (connect: EINPROGRESS) instead; poll tells when",
		    args->fd);
	else if (rc == 0)
		shell_note(sh, "fd%d blocks again: accept, connect, read and write "
		    "wait until they can finish", args->fd);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_nonblock_entry = {
	.name = "nonblock",
	.usage = "[fdN] on|off",
	.summary = N_("make a descriptor non-blocking (calls fail with EAGAIN instead of waiting)"),
	.help = N_("Reads the flags (F_GETFL) and writes them back with O_NONBLOCK set or\n"
	    "cleared (F_SETFL), as real code must: F_SETFL replaces all the flags."),
	.proto = "int fcntl(int fd, int cmd, ... /* int arg */);",
	.call = "fcntl",
	.see = "fcntl(2)",
	.stage = STAGE_OPTIONS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_ONOFF },
	.ports_kept = true,
	.exec = cmd_nonblock_exec,
};
