/* cmd-diagram.c: the ladder diagram of what `trace` captured. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "event.h"
#include "term.h"
#include "trace.h"

static enum cmd_retval
cmd_diagram_exec(struct shell *sh, struct args *args)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	const char *path = NULL;
	int width = term_columns(), fd = -1;
	size_t at = 0;

	/* fdN: a descriptor of the capture, open or closed since. */
	if (args->argc > 0 && (fd = word_fd(&args->argv[0])) >= 0)
		at = 1;
	if (args->argc > at + 1)
		return cmd_usage_error(sh, args->cmd, "too many arguments");
	if (args->argc > at)
		path = args->argv[at].s;

	if (path != NULL && (strlen(path) != args->argv[at].len || *path == '\0'))
		return cmd_usage_error(sh, args->cmd, "not a file name");
	/* `diagram fd5` is no file to write: the name says it is SVG. */
	if (path != NULL && (strlen(path) <= 4 ||
	    strcasecmp(path + strlen(path) - 4, ".svg") != 0))
		return cmd_usage_error(sh, args->cmd, "the diagram is written as "
		    "SVG, to a file whose name ends in .svg: %s", path);
	if (trace_diagram(sh, fd, &out, path != NULL, width < 80 ? 80 : width,
	    &why) == -1) {
		shell_error(sh, "diagram: %s", sb_str(&why));
		sb_free(&why);
		return CMD_RETURN_ERROR;
	}
	if (path == NULL) {
		if (out.len > 0 && out.s[out.len - 1] == '\n')
			out.s[--out.len] = '\0';
		emit_text(EV_HELP, -1, sb_str(&out));
	} else {
		int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		ssize_t w = 0;
		size_t done = 0;

		while (fd != -1 && done < out.len &&
		    ((w = write(fd, out.s + done, out.len - done)) > 0 ||
		    (w == -1 && errno == EINTR)))
			done += w > 0 ? (size_t)w : 0;
		if (fd == -1 || done < out.len || close(fd) == -1) {
			shell_error(sh, "diagram: %s: %s", path, strerror(errno));
			if (fd != -1 && done < out.len)
				close(fd);
			sb_free(&out);
			return CMD_RETURN_ERROR;
		}
		shell_note(sh, "diagram written to %s (SVG)", path);
	}
	sb_free(&out);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_diagram_entry = {
	.name = "diagram",
	.usage = "[fdN] [FILE.svg]",
	.summary = N_("draw what trace captured as a ladder diagram, here or as SVG"),
	.help = N_("The time-sequence diagram of the textbooks: client on the left, server\n"
	    "on the right, one slanted arrow per segment, the calls beside the side\n"
	    "that made them, TCP states on the lifelines. It draws the first\n"
	    "connection captured, or fdN's. With FILE.svg: one SVG file for a slide."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 2 },
	.complete = { ARGK_FD, ARGK_PATH },
	.keep_last = true,
	.ports_kept = true,
	.exec = cmd_diagram_exec,
};
