/* main.c: options, the line source, the clean exit, the exit status. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_CLOSE_RANGE
#include <linux/close_range.h>
#endif

#include "call.h"
#include "children.h"
#include "commands.h"
#include "complete.h"
#include "event.h"
#include "lab.h"
#include "lang.h"
#include "lessons.h"
#include "lineread.h"
#include "script.h"
#include "shell.h"
#include "term.h"
#include "watch.h"

#define USAGE_ARGS "[--color=auto|always|never] [--lab] [--lang=en|ko] " \
	"[[-k] FILE | -c 'CMD; CMD' | -i FILE | --step [-i] FILE]"

static const char help_text[] = N_(
    "       sockshell --help | --version\n"
    "\n"
    "An interactive shell for the BSD socket API: each command is one real call,\n"
    "printed as strace prints it.\n"
    "\n"
    "  FILE          run a script or lesson, then exit; a refused line ends it\n"
    "  -k FILE       keep going: a refused line does not end the script\n"
    "  -c CMDS       run commands from the argument (separated by ;), then exit\n"
    "  -i FILE       run FILE, then stay interactive with its descriptors\n"
    "  --step FILE   classroom mode: each command waits on the prompt; Enter runs it\n"
    "                (--step -i FILE: then stay at the prompt)\n"
    "  --color=WHEN  colour on a terminal (auto), always, or never; NO_COLOR is honoured\n"
    "  --lab         a network lab, no root needed: hosts client 10.0.0.1 and server\n"
    "                10.0.0.2 on a veth link, no way out; `host server` moves there\n"
    "  --lang=LANG   the shell's own words in en or ko (else the locale's);\n"
    "                call lines stay strace's\n"
    "\n"
    "Exit status: 0 all held, 1 an expect failed or a line was refused, 2 usage\n"
    "error. (A call that fails is a result, not an error of the run.)\n"
    "Type `help` in the shell; `man sockshell` is the reference.");

/* A usage error: one line on stderr, status 2. */
static int
usage_error(const char *why)
{
	if (why != NULL)
		emitf(EV_ERROR, -1, "%s", why);
	emitf(EV_ERROR, -1, _("usage: sockshell %s (--help tells more)"), USAGE_ARGS);
	return 2;
}

/* Is NAME set to something? (NO_COLOR="" does not count, per no-color.org.) */
static bool
env_set(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && *v != '\0';
}

/* A fresh shell holds nothing above 2, so the first socket is always 3. */
static void
close_inherited(void)
{
#ifdef HAVE_CLOSE_RANGE
	if (close_range(3, ~0U, 0) == 0)
		return;
#endif
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int fds[1024], n = 0;

	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL && n < 1024) {
		int fd = atoi(de->d_name);

		if (fd > 2 && fd != dirfd(d))
			fds[n++] = fd;
	}
	closedir(d);
	while (n > 0)
		close(fds[--n]);
}

/* For the tests that keep help and the man page in step: every command and setting. */
static void
list_commands(void)
{
	struct strbuf sb = STRBUF_INIT;

	for (const struct command *const *c = command_table; *c; c++)
		sb_addf(&sb, "%s\t%s\t%s\n", (*c)->name,
		    (*c)->alias ? (*c)->alias : "", (*c)->usage);
	if (sb.len > 0)
		sb.s[--sb.len] = '\0';
	emit_text(EV_HELP, -1, sb_str(&sb));
	sb_free(&sb);
}

/* --lab: make it, or say in one line why it cannot be made here. */
static int
lab_start_or_say(void)
{
	struct strbuf why = STRBUF_INIT;
	int rc;

	if ((rc = lab_start(&why)) == -1)
		emitf(EV_ERROR, -1, "--lab: %s", sb_str(&why));
	sb_free(&why);
	return rc;
}

/* What the lab is, in three lines, before the first prompt. */
static void
lab_banner(struct shell *sh)
{
	shell_note(sh, "a lab: hosts %s %s and %s %s, joined by a veth link "
	    "(%s, MTU %d); no way out to the real network", lab_host_name(0),
	    lab_host_address(0, AF_INET), lab_host_name(1),
	    lab_host_address(1, AF_INET), LAB_IFNAME, LAB_MTU);
	shell_note(sh, "you are on %s, where the next socket is made; `host %s` "
	    "moves there, and `host` says where you are", lab_host_name(0),
	    lab_host_name(1));
	shell_note(sh, "a second terminal joins a host with the nsenter line "
	    "`host` prints for it");
}

/* All output written: 0, or 1 when some of it could not be. */
static int
written(void)
{
	term_flush();
	return term_write_error() ? 1 : 0;
}

/*
 * How a second terminal starts this shell (the lab's join lines): by name
 * when it was found on PATH, else by the whole path it was started by (a
 * build tree's ./src/sockshell), quoted for the shell if it must be.
 */
static const char *
program_path(const char *argv0)
{
	static char quoted[PATH_MAX + 8];
	char path[PATH_MAX];

	if (strchr(argv0, '/') == NULL || realpath(argv0, path) == NULL)
		return "sockshell";
	if (strspn(path, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789/._-+") == strlen(path))
		return strcpy(quoted, path);
	if (strchr(path, '\'') != NULL)
		return "sockshell";
	snprintf(quoted, sizeof quoted, "'%s'", path);
	return quoted;
}

int
main(int argc, char **argv)
{
	enum { OPT_COLOR = 256, OPT_STEP, OPT_HELP, OPT_VERSION, OPT_LIST, OPT_LAB,
	    OPT_LANG };
	static const struct option longopts[] = {
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "step", required_argument, NULL, OPT_STEP },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "list-commands", no_argument, NULL, OPT_LIST },
		{ "keep-going", no_argument, NULL, 'k' },
		{ "lab", no_argument, NULL, OPT_LAB },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmds = NULL, *file = NULL, *color = "auto";
	bool stay = false, step = false, go = true, keep_going = false, terminal;
	bool lab = false;
	struct shell sh;
	int ch, status, rc;

	setlocale(LC_CTYPE, "");
	lang_init();
	/* The sink comes first: every word from here on is an event. */
	term_attach(false);
	xalloc_failed = term_out_of_memory;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+:c:i:k", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cmds = optarg;
			break;
		case 'k':
			keep_going = true;
			break;
		case OPT_LAB:
			lab = true;
			break;
		case 'i':
			if (file != NULL)
				return usage_error(_("-i FILE: one file at a time"));
			file = optarg;
			stay = true;
			break;
		case OPT_STEP:
			if (file != NULL && !stay)
				return usage_error(_("--step FILE: one file at a time"));
			step = true;
			/* --step -i FILE: step through FILE, then stay at the prompt. */
			if (strcmp(optarg, "-i") == 0) {
				if (optind >= argc)
					return usage_error(_("--step -i needs a FILE"));
				optarg = argv[optind++];
				stay = true;
			}
			if (file != NULL && strcmp(file, optarg) != 0)
				return usage_error(_("--step FILE: one file at a time"));
			file = optarg;
			break;
		case OPT_COLOR:
			color = optarg;
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
				emitf(EV_ERROR, -1, _("--color takes auto, always or "
				    "never, not %s"), color);
				return 2;
			}
			break;
		case OPT_HELP:
			emitf(EV_HELP, -1, _("usage: sockshell %s\n%s"), USAGE_ARGS,
			    _(help_text));
			return written();
		case OPT_LANG: {
			char err[256];
			size_t k;

			for (k = 0; lang_codes[k] != NULL; k++)
				if (strcmp(optarg, lang_codes[k]) == 0)
					break;
			if (lang_codes[k] == NULL)
				return usage_error(_("--lang takes en or ko"));
			if (!lang_set(optarg, err, sizeof err)) {
				emitf(EV_ERROR, -1, "--lang: %s", err);
				return 2;
			}
			break;
		}
		case OPT_VERSION:
			emitf(EV_HELP, -1, "sockshell %s", PACKAGE_VERSION);
			return written();
		case OPT_LIST:
			list_commands();
			return written();
		case ':':
			emitf(EV_ERROR, -1, _("%s needs an argument"), argv[optind - 1]);
			return usage_error(NULL);
		default:
			if (optopt != 0)
				emitf(EV_ERROR, -1, _("unknown option: -%c"), optopt);
			else
				emitf(EV_ERROR, -1, _("unknown option: %s"),
				    argv[optind - 1]);
			return usage_error(NULL);
		}
	}
	if (optind < argc && file == NULL && cmds == NULL)
		file = argv[optind++];
	if (optind < argc || (cmds != NULL && file != NULL))
		return usage_error(NULL);

	close_inherited();
	/* With 0, 1 or 2 closed, the first socket would take its number. */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && open("/dev/null", O_RDWR) == -1)
			return 2;
	/* The script is read as it runs; one that cannot be opened is a usage error. */
	if (file != NULL && access(file, R_OK) == -1) {
		emitf(EV_ERROR, -1, "%s: %s", file, strerror(errno));
		return 2;
	}
	/*
	 * The lab first, while the process has one thread: a user namespace
	 * can only be entered so, and a capture thread may come later.
	 */
	if (lab && lab_start_or_say() == -1)
		return 1;

	shell_init(&sh);
	sh.program = program_path(argv[0]);
	sh.run_file = run_file;
	/* DESIGN: never with NO_COLOR set, not even when asked for always. */
	if (env_set("NO_COLOR"))
		term_set_color(false);
	else if (strcmp(color, "always") == 0)
		term_set_color(true);
	else if (strcmp(color, "auto") == 0)
		term_set_color(isatty(STDOUT_FILENO) &&
		    (getenv("TERM") == NULL || strcmp(getenv("TERM"), "dumb") != 0));
	signals_init();
	/* A person at a terminal will type: line editing, completion, history. */
	terminal = isatty(STDIN_FILENO) && cmds == NULL &&
	    (file == NULL || stay || step);
	if (terminal) {
		lr_init();
		complete_attach(&sh);
	}
	/* A script's waits are watched (watch.h): its look-out made before any socket. */
	if (!terminal || file != NULL)
		watch_prepare();

	/* A refused line ends a script file: what follows builds on it. */
	sh.strict = file != NULL && !step && !keep_going;
	sh.stays = stay;	/* the prompt comes after the file (a pipe's too) */
	/*
	 * Nothing typed after it: only the script itself can ask whether a call
	 * slept (run_file looks into a file for itself).
	 */
	if (cmds != NULL ? !script_may_ask_waits(cmds, NULL) :
	    file != NULL && !stay && !step)
		call_want_waits(false);
	if (cmds != NULL) {
		go = run_text(&sh, cmds, false);
	} else if (file != NULL && !lab && lessons_wants_lab(file)) {
		/* Its hosts and packets are the lab's: without it, no step works. */
		emitf(EV_ERROR, -1, step ?
		    _("%s runs in the lab: sockshell --lab --step %s") :
		    _("%s runs in the lab: sockshell --lab %s"), file, file);
		sh.status = 2;
		go = false;
	} else if (file != NULL) {
		char twin[PATH_MAX];

		/* In Korean, an English lesson named by its path: its twin is there. */
		if (step && lang_current() == LANG_KO &&
		    lessons_ko_twin(file, twin, sizeof twin))
			shell_note(&sh, "this lesson is in English; its Korean twin: "
			    "sockshell %s--step %s", lab ? "--lab " : "", twin);
		if ((rc = run_file(&sh, file, step)) == -1) {
			emitf(EV_ERROR, -1, "%s: %s", file, strerror(errno));
			sh.status = 2;
			go = false;
		} else {
			go = rc == 1;
		}
	}
	sh.strict = false;
	/* -i: a failed expect ends the file, and the prompt still comes. */
	if (stay && sh.stopped && !sig_quit_pending)
		go = true;
	if (sh.step_eof && stay)
		go = true;
	sh.stopped = false;
	/* A person starting the lab at a terminal is told where they are. */
	if (lab && go && cmds == NULL && file == NULL && isatty(STDIN_FILENO))
		lab_banner(&sh);
	if (go && term_write_error() == 0 && cmds == NULL &&
	    (file == NULL || stay)) {
		if (isatty(STDIN_FILENO))
			go = run_interactive(&sh);
		else
			go = run_stream(&sh);
	}
	if (terminal)
		lr_end();

	/* What the children said last, and what becomes of them: left to init. */
	children_at_exit(&sh);
	shell_close_all(&sh);
	status = sh.status;
	shell_free(&sh);
	lab_end();
	/* As GNU tools do: what could not be written is an error of the run. */
	term_flush();
	if (term_write_error() != 0) {
		term_report_write_error();
		status = status ? status : 1;
	}
	return status;
}
