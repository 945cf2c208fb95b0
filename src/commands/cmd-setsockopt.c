/*
 * cmd-setsockopt.c: setsockopt(2) and getsockopt(2), one option of a socket.
 * They differ only in the call, so they share one exec.
 */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <string.h>

#include "call.h"
#include "commands.h"
#include "sockopt.h"

extern const struct command cmd_setsockopt_entry;

/* What a raw value means, as an indented note, when the line does not say it all. */
static void
sockopt_note(struct shell *sh, const struct sockopt *o,
    const union sockopt_value *v, bool set)
{
	struct strbuf sb = STRBUF_INIT;

	sockopt_explain(&sb, o, v, set);
	if (sb.len > 0)
		shell_note(sh, "%s", sb_str(&sb));
	sb_free(&sb);
}

static enum cmd_retval
cmd_sockopt_exec(struct shell *sh, struct args *args)
{
	bool set = args->cmd == &cmd_setsockopt_entry;
	const struct sockopt *o;
	union sockopt_value v;
	struct strbuf sb = STRBUF_INIT;
	socklen_t len, before;
	struct call c;
	char err[256];
	int rc;

	if ((o = sockopt_find(args->argv[0].s)) == NULL || args->argv[0].quoted) {
		/* The ones this command takes: setsockopt cannot set the read-only ones. */
		for (const struct sockopt *x = sockopt_table; x->name != NULL; x++) {
			if (set ? !sockopt_settable(x) : !sockopt_gettable(x))
				continue;
			sb_add(&sb, sb.len ? ", " : "");
			sb_add(&sb, x->name);
		}
		cmd_usage_error(sh, args->cmd, "unknown option: %s (%s)",
		    args->argv[0].s, sb_str(&sb));
		sb_free(&sb);
		return CMD_RETURN_ERROR;
	}
	if (!set && !sockopt_gettable(o))
		return cmd_usage_error(sh, args->cmd, "%s can only be set: the "
		    "kernel has nothing to give back for it (ENOPROTOOPT)", o->name);
	memset(&v, 0, sizeof v);
	if (set && !sockopt_parse(o, args->argv + 1, args->argc - 1, &v, err,
	    sizeof err))
		return cmd_usage_error(sh, args->cmd, "%s", err);
	len = before = sockopt_size(o);

	call_begin(&c, args->cmd->name, args->fd);
	c.what = o->name;	/* the option's own hints first */
	if (set)
		rc = setsockopt(args->fd, o->level, o->optname, &v, len);
	else
		rc = getsockopt(args->fd, o->level, o->optname, &v, &len);
	call_returned(&c, rc, errno);

	if (set)
		pr_setsockopt_args(&c.args, args->fd, o, &v, len, SH_STRSIZE(sh));
	else
		pr_getsockopt_args(&c.args, args->fd, o, &v, before, len, rc == -1,
		    SH_STRSIZE(sh));
	call_end(sh, &c);
	if (rc == 0) {
		sockopt_note(sh, o, &v, set);
		/* The hints for a later bind need to know. */
		if (set && o->level == SOL_SOCKET && o->optname == SO_REUSEADDR)
			fd_table_find(&sh->fds, args->fd)->reuseaddr = v.i != 0;
		/* A close's waiting line needs to know (shell_close). */
		if (set && o->level == SOL_SOCKET && o->optname == SO_LINGER)
			fd_table_find(&sh->fds, args->fd)->linger =
			    v.linger.l_onoff ? v.linger.l_linger : 0;
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_setsockopt_entry = {
	.name = "setsockopt",
	.usage = "[fdN] OPTION VALUE...",
	.summary = N_("set a socket option: reuseaddr 1, nodelay on, linger on 0, rcvtimeo 500..."),
	.help = N_("On/off options take 1|0|on|off, rcvbuf/sndbuf/maxseg bytes, rcvtimeo/sndtimeo\n"
	    "milliseconds, keepidle/keepintvl seconds, ttl hops, linger `on SECONDS`|`off`;\n"
	    "ip_add_membership GROUP [IFADDR] joins a multicast group, ip_multicast_if ADDR\n"
	    "picks where a group's datagrams leave, ipv6_join_group GROUP [IFNAME].\n"
	    "`man 7 socket`, `man 7 tcp`, `man 7 ip` and `man 7 ipv6` tell them all."),
	.proto = "int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);",
	.see = "setsockopt(2)",
	.stage = STAGE_OPTIONS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 3 },
	.complete = { ARGK_SOCKOPT_SET, ARGK_NONE },
	.exec = cmd_sockopt_exec,
};

const struct command cmd_getsockopt_entry = {
	.name = "getsockopt",
	.usage = "[fdN] OPTION",
	.summary = N_("read a socket option: rcvbuf, error, type, acceptconn, reuseaddr..."),
	.help = N_("Shows the value the kernel keeps; `getsockopt error` tells how a\n"
	    "non-blocking connect ended, and reading it clears it. The joins and\n"
	    "leaves of multicast groups can only be set."),
	.proto = "int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);",
	.see = "getsockopt(2)",
	.stage = STAGE_OPTIONS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 1 },
	.complete = { ARGK_SOCKOPT },
	.ports_kept = true,
	.exec = cmd_sockopt_exec,
};
