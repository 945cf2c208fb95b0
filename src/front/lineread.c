/* lineread.c: what both line readers share: the terminal's settings, the history's place. */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "lineread.h"
#include "strbuf.h"

/* The terminal as it was, to give back as it was. */
static struct termios	saved_tty;
static bool		saved_tty_valid;

/*
 * The terminal echoes Ctrl-C as ^C where the cursor is, so an interrupted
 * call's line would start with it: the shell says ^C itself instead.
 */
void
tty_quiet_ctrl(void)
{
	struct termios t;

	if (tcgetattr(STDIN_FILENO, &saved_tty) == -1)
		return;
	saved_tty_valid = true;
	t = saved_tty;
	t.c_lflag &= ~(tcflag_t)ECHOCTL;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

void
tty_echo(bool on)
{
	struct termios t;

	if (!saved_tty_valid || tcgetattr(STDIN_FILENO, &t) == -1)
		return;
	if (on)
		t.c_lflag |= saved_tty.c_lflag & (ECHO | ECHONL);
	else
		t.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

void
tty_restore(void)
{
	if (saved_tty_valid)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	saved_tty_valid = false;
}

char *
lr_history_file(void)
{
	const char *env = getenv("SOCKSHELL_HISTORY"), *home;
	struct passwd *pw;
	char *path;

	if (env != NULL)
		return *env == '\0' ? NULL : xstrdup(env);
	env = getenv("XDG_STATE_HOME");
	if (env != NULL && *env == '/') {	/* the spec ignores relative ones */
		if (asprintf(&path, "%s/sockshell/history", env) == -1)
			return NULL;
		return path;
	}
	if ((home = getenv("HOME")) == NULL || *home == '\0') {
		if ((pw = getpwuid(getuid())) == NULL)
			return NULL;
		home = pw->pw_dir;
	}
	if (asprintf(&path, "%s/.local/state/sockshell/history", home) == -1)
		return NULL;
	return path;
}
