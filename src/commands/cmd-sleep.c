/* cmd-sleep.c: pause, e.g. to let a peer in another terminal act. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"
#include "call.h"
#include "commands.h"
#include "event.h"

static enum cmd_retval
cmd_sleep_exec(struct shell *sh, struct args *args)
{
	const char *s = args->argv[0].s;
	struct timespec ts, until;
	char *end;
	double sec;

	errno = 0;
	sec = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !(sec >= 0 && sec <= 3600))
		return cmd_usage_error(sh, args->cmd, "SEC must be a number of "
		    "seconds from 0 to 3600: %s", s);
	ts.tv_sec = (time_t)sec;
	ts.tv_nsec = (long)((sec - (double)ts.tv_sec) * 1e9);
	call_wait_begin(-1);	/* packets that come meanwhile print as they come */
	emit_flush();
	call_wait_start();
	clock_gettime(CLOCK_MONOTONIC, &until);
	ts_add(&until, ts.tv_sec, ts.tv_nsec);
	/* A signal's wake-up is never lost between the look at the flags and the wait. */
	while (stop_ppoll(NULL, 0, &ts, false) == -1 && errno == EINTR &&
	    !sig_int_pending && !sig_quit_pending) {
		ts = ts_left(&until, CLOCK_MONOTONIC);
		if (ts.tv_sec < 0)
			break;
	}
	return CMD_RETURN_NORMAL;
}

const struct command cmd_sleep_entry = {
	.name = "sleep",
	.usage = "SEC",
	.summary = N_("wait SEC seconds (fractions allowed); Ctrl-C cuts it short"),
	.help = N_("Handy in scripts, to give a peer time to connect or send."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 1 },
	.keep_last = true,
	.exec = cmd_sleep_exec,
};
