/* cmd-close.c: close(2), giving a descriptor back. */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "print.h"
#include "ss.h"

static enum cmd_retval
cmd_close_exec(struct shell *sh, struct args *args)
{
	struct strbuf sb = STRBUF_INIT;
	int fd = sh->fds.current, rc, err;
	bool was_current;

	if (args->argc == 1) {
		const struct word *w = &args->argv[0];
		long v;

		if ((fd = word_fd(w)) == -1) {
			if (!args_number(sh, args, 0, "descriptor", 0, 1000000, &v))
				return CMD_RETURN_ERROR;
			fd = (int)v;
		}
	} else if (fd == -1)
		return cmd_usage_error(sh, args->cmd, "no current descriptor");
	if (fd_table_find(&sh->fds, fd) == NULL)
		return cmd_usage_error(sh, args->cmd, "fd%d is not open in this "
		    "shell (see `fds`)", fd);

	ss_remember_fd(fd);	/* so `ss` still finds its port in TIME_WAIT */
	was_current = fd == sh->fds.current;
	rc = close(fd);
	err = errno;
	/* Linux frees the number even when close fails: the table follows. */
	fd_table_remove(&sh->fds, fd);

	sb_addf(&sb, "close(%d)", fd);
	call_done(sh, &sb, "close", rc, err, NULL);
	sb_free(&sb);
	/* A second bare `close` would close this one: say which it is. */
	if (was_current && sh->fds.current != -1)
		shell_note(sh, "fd%d is the current descriptor now", sh->fds.current);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_close_entry = {
	.name = "close",
	.usage = "[fdN|N]",
	.summary = "close a descriptor (the current one by default)",
	.help = "Gives the descriptor back; on a connected TCP socket the kernel sends\n"
	    "FIN, and the side that closes first waits in TIME_WAIT.",
	.proto = "int close(int fd);",
	.see = "close(2)",
	.stage = STAGE_END,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.complete = { ARGK_FD },
	.exec = cmd_close_exec,
};
