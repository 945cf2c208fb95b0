/* cmd-dup.c: dup(2) and dup2(2), a second number for the same open socket. */
#include "config.h"

#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "call.h"
#include "fdtable.h"

/*
 * glibc makes dup2 with dup3 where the kernel has no dup2 (aarch64, riscv):
 * strace shows dup3(3, 7, 0) there, and so does the shell.
 */
#ifdef SYS_dup2
#define DUP2_CALL	"dup2"
#define DUP2_FLAGS	""
#else
#define DUP2_CALL	"dup3"
#define DUP2_FLAGS	", 0"
#endif

static void
dup_note(struct shell *sh, int oldfd, int newfd)
{
	size_t n = fd_table_holders(&sh->fds, newfd);
	char buf[24];

	shell_note(sh, n <= 2 ? _("fd%d = fd%d (dup): %s numbers, one socket; "
	    "it is open until both are closed. fd%d is the current descriptor") :
	    _("fd%d = fd%d (dup): %s numbers, one socket; it is open until all "
	    "are closed. fd%d is the current descriptor"), newfd, oldfd,
	    fd_count_words(n < 2 ? 2 : n, buf), newfd);
}

static enum cmd_retval
cmd_dup_exec(struct shell *sh, struct args *args)
{
	struct call c;
	int fd = args->fd, nfd;

	call_begin(&c, "dup", fd);
	nfd = dup(fd);
	call_returned(&c, nfd, errno);
	sb_addlong(&c.args, fd);
	call_end(sh, &c);
	if (nfd != -1) {
		fd_table_add_copy(&sh->fds, fd, nfd);
		dup_note(sh, fd, nfd);
	}
	return CMD_RETURN_NORMAL;
}

static enum cmd_retval
cmd_dup2_exec(struct shell *sh, struct args *args)
{
	struct call c;
	int fd, rc;
	long m;
	bool replaced;

	if (!args_descriptor(sh, args, 0, false, &fd))
		return CMD_RETURN_ERROR;
	if (!args_number(sh, args, 1, N_("new descriptor number"), 0, INT_MAX, &m))
		return CMD_RETURN_ERROR;
	if (m <= 2)
		return cmd_usage_error(sh, args->cmd, "%ld is the shell's own "
		    "(0, 1, 2: stdin, stdout, stderr): pick 3 or more", m);
	/* A number the shell uses and the table does not list: not to be closed. */
	if (fd_table_find(&sh->fds, (int)m) == NULL && fcntl((int)m, F_GETFD) != -1)
		return cmd_usage_error(sh, args->cmd, "%ld is one of the shell's "
		    "own descriptors: pick a number `fds` lists, or a free one", m);
	replaced = m != fd && fd_table_find(&sh->fds, (int)m) != NULL;

	call_begin(&c, DUP2_CALL, fd);
	rc = dup2(fd, (int)m);
	call_returned(&c, rc, errno);
	sb_addf(&c.args, "%d, %ld%s", fd, m, DUP2_FLAGS);
	call_end(sh, &c);
	if (rc == -1 || m == fd)
		return CMD_RETURN_NORMAL;
	if (replaced)
		shell_note(sh, "fd%ld was open: dup2 closed it first, inside the "
		    "call (no close line)", m);
	fd_table_add_copy(&sh->fds, fd, rc);
	dup_note(sh, fd, rc);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_dup_entry = {
	.name = "dup",
	.usage = "[fdN]",
	.summary = N_("a second descriptor for the same socket (the lowest free number)"),
	.help = N_("Both numbers name one open socket: data, state and options are shared,\n"
	    "and the socket is closed (FIN sent) only when the last number is closed."),
	.proto = "int dup(int oldfd);",
	.see = "dup(2)",
	.stage = STAGE_CREATE,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 0, 0 },
	.exec = cmd_dup_exec,
};

const struct command cmd_dup2_entry = {
	.name = "dup2",
	.usage = "fdN M",
	.summary = N_("make number M a second descriptor for fdN's socket"),
	.help = N_("Closes M first if it is open (inside the call), then makes M name the\n"
	    "same socket as fdN; the socket stays open until both are closed."),
	.proto = "int dup2(int oldfd, int newfd);",
	.call = DUP2_CALL,
	.see = "dup2(2)",
	.stage = STAGE_CREATE,
	.fd = CMD_FD_NONE,
	.args = { NULL, 2, 2 },
	.complete = { ARGK_FD, ARGK_NONE },
	.exec = cmd_dup2_exec,
};
