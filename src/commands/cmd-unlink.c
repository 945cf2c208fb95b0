/* cmd-unlink.c: unlink(2), removing the file a unix socket was bound to. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "call.h"
#include "print.h"

static enum cmd_retval
cmd_unlink_exec(struct shell *sh, struct args *args)
{
	struct call c;
	const struct word *w = &args->argv[0];
	int rc;

	if (w->len == 0 || memchr(w->s, '\0', w->len) != NULL)
		return cmd_usage_error(sh, args->cmd, w->len == 0 ?
		    "the path is empty" : "the path holds a NUL byte");

	call_begin(&c, "unlink", -1);
	rc = unlink(w->s);
	call_returned(&c, rc, errno);
	/* strace prints a path whole, whatever -s says. */
	pr_quoted(&c.args, w->s, w->len, PATH_MAX);
	call_end(sh, &c);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_unlink_entry = {
	.name = "unlink",
	.usage = "PATH",
	.summary = "remove a file: the one a unix socket was bound to, so bind can make it again",
	.help = "close does not remove a unix socket's file; a later bind to that PATH\n"
	    "fails with EADDRINUSE until it is unlinked.",
	.proto = "int unlink(const char *pathname);",
	.see = "unlink(2)",
	.stage = STAGE_END,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_PATH },
	.exec = cmd_unlink_exec,
};
