/* cmd-host.c: `host`, which host of the lab the next socket is made on. */
#include "config.h"

#include <sys/socket.h>

#include "commands.h"
#include "lab.h"

/* "10.0.0.1, fd00::1": host I's addresses on the link. */
static void
host_addresses(struct strbuf *sb, int i)
{
	const char *v6 = lab_host_address(i, AF_INET6);

	sb_add(sb, lab_host_address(i, AF_INET));
	if (v6 != NULL)
		sb_addf(sb, ", %s", v6);
}

/*
 * How another terminal joins each host: a program outside the lab cannot
 * reach 10.0.0.x (it would go to the real network).
 */
static void
join_commands(struct shell *sh)
{
	struct strbuf cmd = STRBUF_INIT;

	shell_note(sh, "another terminal joins a host with its line (sockshell, "
	    "nc or any program):");
	for (int i = 0; i < LAB_HOSTS; i++) {
		sb_reset(&cmd);
		lab_join_command(i, sh->program != NULL ? sh->program : "sockshell", &cmd);
		shell_note(sh, "  %s: %s", lab_host_name(i), sb_str(&cmd));
	}
	sb_free(&cmd);
}

static enum cmd_retval
cmd_host_exec(struct shell *sh, struct args *args)
{
	struct strbuf why = STRBUF_INIT, here = STRBUF_INIT, there = STRBUF_INIT;
	int from = lab_host_index(), i, other;

	if (!lab_active()) {
		shell_error(sh, "%s: there are hosts only in the lab: start the "
		    "shell with --lab (sockshell --lab)", args->cmd->name);
		return CMD_RETURN_ERROR;
	}
	if (args->argc == 1 && lab_host_set(args->argv[0].s, &why) == -1) {
		cmd_usage_error(sh, args->cmd, "%s", sb_str(&why));
		sb_free(&why);
		return CMD_RETURN_ERROR;
	}
	i = lab_host_index();
	other = (i + 1) % LAB_HOSTS;
	host_addresses(&here, i);
	host_addresses(&there, other);
	if (args->argc == 0) {
		shell_note(sh, "on %s: %s on %s; the other host is %s: %s",
		    lab_host_name(i), sb_str(&here), LAB_IFNAME,
		    lab_host_name(other), sb_str(&there));
		join_commands(sh);
	} else if (i == from)
		shell_note(sh, "on %s already (%s)", lab_host_name(i),
		    sb_str(&here));
	else
		shell_note(sh, "now on %s (%s): the next socket is made here; "
		    "those made on %s stay there", lab_host_name(i),
		    sb_str(&here), lab_host_name(from));
	sb_free(&here);
	sb_free(&there);
	sb_free(&why);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_host_entry = {
	.name = "host",
	.usage = "[NAME]",
	.summary = N_("in the lab (--lab): show the host, or move to client or server"),
	.help = N_("With --lab, two hosts, client 10.0.0.1 and server 10.0.0.2, share a\n"
	    "link; NAME picks where the next socket is made: each host has its own\n"
	    "sockets, ports and loopback. Alone, it says where, and gives the nsenter\n"
	    "line with which another terminal joins each host (a program outside the\n"
	    "lab cannot reach 10.0.0.x)."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.keep_last = true,
	.complete = { ARGK_LABHOST },
	.exec = cmd_host_exec,
};
