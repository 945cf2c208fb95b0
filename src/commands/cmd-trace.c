/* cmd-trace.c: the packets of the shell's own sockets, on the calls' timeline. */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "capture.h"
#include "commands.h"
#include "event.h"
#include "trace.h"

/* Does PATH end in SUFFIX (any case)? */
static bool
has_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path), k = strlen(suffix);

	return n > k && strcasecmp(path + n - k, suffix) == 0;
}

static enum cmd_retval
cmd_trace_exec(struct shell *sh, struct args *args)
{
	struct strbuf why = STRBUF_INIT;
	const char *what = args->argc > 0 ? args->argv[0].s : NULL;
	bool verbose = (args->flags & FLAG('v')) != 0;

	if (what == NULL && !capture_built()) {
		shell_note(sh, "trace is off: this sockshell was built without "
		    "packet capture (./configure --without-pcap)");
		return CMD_RETURN_NORMAL;
	}
	if (what == NULL) {
		shell_note(sh, P_("trace is %s; %zu packet kept",
		    "trace is %s; %zu packets kept", trace_count()),
		    trace_running() ? "on" : "off", trace_count());
		return CMD_RETURN_NORMAL;
	}
	if (strcasecmp(what, "on") == 0 && args->argc == 1) {
		if (trace_start(sh, verbose, &why) == -1) {
			shell_error(sh, "trace: %s", sb_str(&why));
			sb_free(&why);
			return CMD_RETURN_ERROR;
		}
		shell_note(sh, verbose ? N_("trace on: a line marked ~ for each "
		    "packet of this shell's sockets (real sequence numbers, "
		    "every option, the time since trace on)") : N_("trace on: a "
		    "line marked ~ for each packet of this shell's sockets"));
	} else if (strcasecmp(what, "off") == 0 && args->argc == 1) {
		if (verbose)
			return cmd_usage_error(sh, args->cmd, "-v goes with trace on");
		trace_stop(sh);
		shell_note(sh, P_("trace off; %zu packet kept for diagram and "
		    "trace save", "trace off; %zu packets kept for diagram and "
		    "trace save", trace_count()), trace_count());
	} else if (strcasecmp(what, "clear") == 0 && args->argc == 1) {
		if (verbose)
			return cmd_usage_error(sh, args->cmd, "-v goes with trace on");
		trace_clear();
		shell_note(sh, trace_running() ? N_("trace still on; no packet "
		    "kept now") : N_("trace off; no packet kept now"));
	} else if ((strcasecmp(what, "save") == 0 ||
	    strcasecmp(what, "load") == 0) && args->argc <= 2) {
		bool save = strcasecmp(what, "save") == 0;
		const char *path = args->argc == 2 ? args->argv[1].s : NULL;

		if (verbose)
			return cmd_usage_error(sh, args->cmd, "-v goes with trace on");
		if (path == NULL)
			return cmd_usage_error(sh, args->cmd, "trace %s needs a file: "
			    "trace %s FILE.pcap", what, what);
		/* "-" would be standard input or output: a file is named. */
		if (strlen(path) != args->argv[1].len || *path == '\0' ||
		    strcmp(path, "-") == 0)
			return cmd_usage_error(sh, args->cmd, "not a file name: %s",
			    path);
		/* A typo must not overwrite a lesson: a capture's name says it is one. */
		if (save && !has_suffix(path, ".pcap"))
			return cmd_usage_error(sh, args->cmd, "a capture is saved to a "
			    "file whose name ends in .pcap: %s", path);
		if ((save ? trace_save(path, &why) :
		    trace_load(sh, path, &why)) == -1) {
			shell_error(sh, "trace %s: %s", what, sb_str(&why));
			sb_free(&why);
			return CMD_RETURN_ERROR;
		}
		if (save)
			shell_note(sh, P_("%zu packet written to %s (tcpdump -r, "
			    "Wireshark)", "%zu packets written to %s (tcpdump -r, "
			    "Wireshark)", trace_count()), trace_count(), path);
		else
			shell_note(sh, P_("%zu packet read from %s; `diagram` draws "
			    "them", "%zu packets read from %s; `diagram` draws "
			    "them", trace_count()), trace_count(), path);
	} else {
		return cmd_usage_error(sh, args->cmd, "say on, off, clear, save "
		    "FILE.pcap or load FILE.pcap");
	}
	sb_free(&why);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_trace_entry = {
	.name = "trace",
	.usage = "[-v] [on|off|clear|save FILE.pcap|load FILE.pcap]",
	.summary = N_("show the packets of this shell's sockets beside the calls"),
	.help = N_("trace on: one line marked ~ per TCP segment or UDP datagram, flags as\n"
	    "tcpdump writes them ([S] [S.] [.] [P.] [F.] [R]), sequence numbers\n"
	    "counted from each side's SYN (-v: the real ones), ends named fdN.\n"
	    "Capturing needs the right to: start with `sockshell --lab`, or as root.\n"
	    "Off and on again, it goes on keeping; trace clear forgets what it kept.\n"
	    "trace save writes a pcap file for tcpdump -r or Wireshark; trace load\n"
	    "reads one back, for `diagram`."),
	.see = "pcap(3PCAP), tcpdump(8)",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { "v", 0, 2 },
	.complete = { ARGK_TRACE, ARGK_PATH },
	.keep_last = true,
	.exec = cmd_trace_exec,
};
