/* cmd-setsockopt.c: setsockopt(2), changing one option of a socket. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>

#include "commands.h"
#include "print.h"
#include "sockopt.h"

static enum cmd_retval
cmd_setsockopt_exec(struct shell *sh, struct args *args)
{
	const struct sockopt *o;
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	socklen_t len;
	char err[256];
	int rc, e;

	if ((o = sockopt_find(args->argv[0].s)) == NULL || args->argv[0].quoted) {
		sockopt_names(&sb);
		cmd_usage_error(sh, args->cmd, "unknown option: %s (%s)",
		    args->argv[0].s, sb_str(&sb));
		sb_free(&sb);
		return CMD_RETURN_ERROR;
	}
	if (!sockopt_parse(o, args->argv + 1, args->argc - 1, &v, err, sizeof err))
		return cmd_usage_error(sh, args->cmd, "%s", err);
	len = sockopt_size(o);

	rc = setsockopt(args->fd, o->level, o->optname, &v, len);
	e = errno;

	pr_setsockopt(&sb, args->fd, o, &v, len, sh->strsize);
	call_done(sh, &sb, "setsockopt", rc, e, NULL);
	sb_free(&sb);
	if (rc == 0)
		sockopt_note(sh, o, &v, true);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_setsockopt_entry = {
	.name = "setsockopt",
	.usage = "[fdN] OPTION VALUE...",
	.summary = "set a socket option: reuseaddr 1, nodelay on, linger on 0, rcvtimeo 500...",
	.help = "On/off options take 1|0|on|off, rcvbuf/sndbuf bytes, rcvtimeo/sndtimeo\n"
	    "milliseconds, linger `on SECONDS`|`off`; `man 7 socket` tells them all.",
	.proto = "int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);",
	.see = "setsockopt(2)",
	.stage = STAGE_OPTIONS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 3 },
	.complete = { ARGK_SOCKOPT_SET, ARGK_NONE },
	.exec = cmd_setsockopt_exec,
};
