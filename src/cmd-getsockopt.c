/* cmd-getsockopt.c: getsockopt(2), reading one option of a socket. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "commands.h"
#include "print.h"
#include "sockopt.h"

static enum cmd_retval
cmd_getsockopt_exec(struct shell *sh, struct args *args)
{
	const struct sockopt *o;
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	socklen_t len, before;
	int rc, e;

	if ((o = sockopt_find(args->argv[0].s)) == NULL || args->argv[0].quoted) {
		sockopt_names(&sb);
		cmd_usage_error(sh, args->cmd, "unknown option: %s (%s)",
		    args->argv[0].s, sb_str(&sb));
		sb_free(&sb);
		return CMD_RETURN_ERROR;
	}
	memset(&v, 0, sizeof v);
	len = before = sockopt_size(o);

	rc = getsockopt(args->fd, o->level, o->optname, &v, &len);
	e = errno;

	pr_getsockopt(&sb, args->fd, o, &v, before, len, rc == -1, sh->strsize);
	call_done(sh, &sb, "getsockopt", rc, e, NULL);
	sb_free(&sb);
	if (rc == 0)
		sockopt_note(sh, o, &v, false);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_getsockopt_entry = {
	.name = "getsockopt",
	.usage = "[fdN] OPTION",
	.summary = "read a socket option: rcvbuf, error, type, acceptconn, reuseaddr...",
	.help = "Shows the value the kernel keeps; `getsockopt error` tells how a\n"
	    "non-blocking connect ended, and reading it clears it.",
	.proto = "int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);",
	.see = "getsockopt(2)",
	.stage = STAGE_OPTIONS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_SOCKOPT },
	.exec = cmd_getsockopt_exec,
};
