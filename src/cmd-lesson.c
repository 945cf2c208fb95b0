/* cmd-lesson.c: step through an installed lesson, as `sockshell --step` does. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lessons.h"
#include "script.h"

static enum cmd_retval
cmd_lesson_exec(struct shell *sh, struct args *args)
{
	struct lesson_list l;
	const char *path;
	enum cmd_retval rv = CMD_RETURN_NORMAL;
	char *text;
	size_t len;

	lessons_find(&l);
	if (args->argc == 0) {
		if (l.n == 0)
			shell_note(sh, "no lessons found (set SOCKSHELL_LESSONS to "
			    "their folder)");
		for (size_t i = 0; i < l.n; i++)
			shell_note(sh, "%s", l.names[i]);
		lessons_free(&l);
		return CMD_RETURN_NORMAL;
	}
	if (sh->fds.n > 0) {
		/* The lesson's narration and expectations count descriptors from 3. */
		shell_error(sh, "lesson: this shell has descriptors open (first: "
		    "fd%d); a lesson counts from fd3: close them, or start a new "
		    "sockshell", sh->fds.v[0].fd);
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	if ((path = lessons_match(&l, args->argv[0].s)) == NULL) {
		shell_error(sh, "lesson: no lesson is called %s (`lesson` lists "
		    "them)", args->argv[0].s);
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	if ((text = read_file(path, &len)) == NULL) {
		shell_error(sh, "lesson: %s: %s", path, strerror(errno));
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	sh->step_eof = false;
	if (!run_text(sh, path, text, len, true)) {
		/* Ctrl-D at a step leaves the lesson, not the shell. */
		if (sh->step_eof)
			shell_note(sh, "left the lesson; its descriptors stay");
		else
			rv = CMD_RETURN_EXIT;
	}
	sh->step_eof = false;
	free(text);
	lessons_free(&l);
	return rv;
}

const struct command cmd_lesson_entry = {
	.name = "lesson",
	.usage = "[NAME]",
	.summary = "step through an installed lesson; without NAME, list them",
	.help = "Shows each narration block, then puts the next command on the prompt:\n"
	    "Enter runs it, or edit it first; Ctrl-D leaves the lesson, its descriptors stay.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.complete = { ARGK_LESSON },
	.keep_last = true,
	.exec = cmd_lesson_exec,
};
