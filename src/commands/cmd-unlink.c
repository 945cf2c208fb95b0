/* cmd-unlink.c: unlink(2), removing the file a unix socket was bound to. */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "call.h"
#include "print.h"

/* What a file of MODE is, in a few words. */
static const char *
file_kind(mode_t mode)
{
	if (S_ISREG(mode))
		return _("a regular file");
	if (S_ISDIR(mode))
		return _("a directory");
	if (S_ISLNK(mode))
		return _("a symbolic link");
	if (S_ISFIFO(mode))
		return _("a FIFO");
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return _("a device");
	return _("not a socket's file");
}

static enum cmd_retval
cmd_unlink_exec(struct shell *sh, struct args *args)
{
	struct call c;
	struct stat st;
	const struct word *w = &args->argv[0];
	int rc;

	if (w->len == 0 || memchr(w->s, '\0', w->len) != NULL)
		return cmd_usage_error(sh, args->cmd, w->len == 0 ?
		    N_("the path is empty") : N_("the path holds a NUL byte"));

	/*
	 * Only a socket's file: a lesson from anywhere must not delete a
	 * person's files. What is not there goes to the kernel, which says so.
	 */
	if (lstat(w->s, &st) == 0 && !S_ISSOCK(st.st_mode))
		return cmd_usage_error(sh, args->cmd, "%s is %s, not a socket: "
		    "unlink here removes only the file a unix socket was bound to",
		    w->s, file_kind(st.st_mode));
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
	.summary = N_("remove the file a unix socket was bound to, so bind can make it again"),
	.help = N_("close does not remove a unix socket's file; a later bind to that PATH\n"
	    "fails with EADDRINUSE until it is unlinked. Any other file is refused."),
	.proto = "int unlink(const char *pathname);",
	.see = "unlink(2)",
	.stage = STAGE_END,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_PATH },
	.exec = cmd_unlink_exec,
};
