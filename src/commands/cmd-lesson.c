/* cmd-lesson.c: step through a lesson, as `sockshell --step` does. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "lab.h"
#include "lessons.h"

/* `lesson` alone: each lesson and its title. */
static enum cmd_retval
list_lessons(struct shell *sh, const struct lesson_list *l)
{
	char title[128];
	size_t width = 20;

	if (l->n == 0 && l->err != 0) {
		shell_error(sh, "lesson: the lessons' folder cannot be read: %s",
		    strerror(l->err));
		return CMD_RETURN_ERROR;
	}
	if (l->n == 0)
		shell_note(sh, "no lessons found (set SOCKSHELL_LESSONS to their "
		    "folder)");
	/* The titles in one column, past the longest name. */
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->names[i]) > width)
			width = strlen(l->names[i]);
	for (size_t i = 0; i < l->n; i++) {
		lessons_title(l->paths[i], title, sizeof title);
		shell_note(sh, "%-*s %s", (int)width, l->names[i], title);
	}
	return CMD_RETURN_NORMAL;
}

static enum cmd_retval
cmd_lesson_exec(struct shell *sh, struct args *args)
{
	const struct word *w = args->argc > 0 ? &args->argv[0] : NULL;
	enum cmd_retval rv = CMD_RETURN_NORMAL;
	struct lesson_list l;
	struct strbuf many = STRBUF_INIT;
	const char *path;
	int rc;

	if (sh->lesson_depth > 0 || (sh->src_name != NULL && sh->interactive))
		return cmd_usage_error(sh, args->cmd, "a lesson is running: one "
		    "lesson cannot start another (Ctrl-D leaves this one)");
	if (w != NULL && w->len == 0)
		return cmd_usage_error(sh, args->cmd, "the name is empty");
	lessons_find(&l);
	if (w == NULL) {
		rv = list_lessons(sh, &l);
		lessons_free(&l);
		return rv;
	}
	if (sh->fds.n > 0) {
		/* The lesson's narration and expectations count descriptors from 3. */
		shell_error(sh, "lesson: this shell has descriptors open (first: "
		    "fd%d); a lesson counts from fd3: close them, or start a new "
		    "sockshell", fd_table_first(&sh->fds)->fd);
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	/* A path runs that file; a name is looked up among the lessons. */
	if (strchr(w->s, '/') != NULL)
		path = w->s;
	else if ((path = lessons_match(&l, w->s, &many)) == NULL) {
		if (l.err != 0)
			shell_error(sh, "lesson: the lessons' folder cannot be "
			    "read: %s", strerror(l.err));
		else if (many.len > 0)
			shell_error(sh, "lesson: %s begins more than one: %s "
			    "(say more of the name)", w->s, sb_str(&many));
		else
			shell_error(sh, "lesson: no lesson is called %s (`lesson` "
			    "lists them; a file is named with a /: ./%s)", w->s,
			    w->s);
		sb_free(&many);
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	sb_free(&many);
	/* Its hosts, its packets: without the lab its steps cannot work. */
	if (lessons_wants_lab(path) && !lab_active()) {
		shell_error(sh, "lesson: %s runs in the lab, and this shell is not "
		    "in it: start `sockshell --lab` and type `lesson %s` there",
		    w->s, w->s);
		lessons_free(&l);
		return CMD_RETURN_ERROR;
	}
	sh->step_eof = false;
	sh->lesson_depth++;
	rc = sh->run_file(sh, path, true);
	sh->lesson_depth--;
	if (rc == -1) {
		shell_error(sh, "lesson: %s: %s", path, strerror(errno));
		rv = CMD_RETURN_ERROR;
	} else if (sh->step_eof) {
		/* Ctrl-D at a step leaves the lesson, not the shell. */
		shell_note(sh, "left the lesson; its descriptors stay");
	} else if (sh->stopped && !sig_quit_pending) {
		/* A failed expect ended the lesson: the shell goes on. */
		sh->stopped = false;
	} else if (rc == 0) {
		rv = CMD_RETURN_EXIT;
	}
	sh->step_eof = false;
	lessons_free(&l);
	return rv;
}

const struct command cmd_lesson_entry = {
	.name = "lesson",
	.usage = "[NAME | PATH]",
	.summary = N_("step through a lesson; without NAME, list them with their titles"),
	.help = N_("Shows each narration block, then puts the next command on the prompt:\n"
	    "Enter runs it, or edit it first; Ctrl-D leaves the lesson, its descriptors stay."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 1 },
	.complete = { ARGK_LESSON },
	.keep_last = true,
	.exec = cmd_lesson_exec,
};
