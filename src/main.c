/* main.c: options, the line source, the clean exit, the exit status. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef HAVE_CLOSE_RANGE
#include <linux/close_range.h>
#endif

#include "commands.h"
#include "complete.h"
#include "lineread.h"
#include "script.h"
#include "shell.h"

static void
usage(FILE *fp)
{
	fputs("usage: sockshell [--color=auto|always|never] [FILE | -c 'CMD; CMD' | -i FILE | --step FILE]\n"
	    "       sockshell --help | --version\n"
	    "\n"
	    "An interactive shell for the BSD socket API: each command is one real call,\n"
	    "printed as strace prints it.\n"
	    "\n"
	    "  FILE          run a script or lesson, then exit\n"
	    "  -c CMDS       run commands from the argument (separated by ;), then exit\n"
	    "  -i FILE       run FILE, then stay interactive with its descriptors\n"
	    "  --step FILE   classroom mode: each command waits on the prompt; Enter runs it\n"
	    "  --color=WHEN  colour on a terminal (auto), always, or never; NO_COLOR is honoured\n"
	    "\n"
	    "Exit status: 0 all held, 1 an expect (or a command) failed, 2 usage error.\n"
	    "Type `help` in the shell; `man sockshell` is the reference.\n", fp);
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

int
main(int argc, char **argv)
{
	enum { OPT_COLOR = 256, OPT_STEP, OPT_HELP, OPT_VERSION, OPT_LIST };
	static const struct option longopts[] = {
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "step", required_argument, NULL, OPT_STEP },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "list-commands", no_argument, NULL, OPT_LIST },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmds = NULL, *file = NULL, *color = "auto";
	bool stay = false, step = false, go = true, terminal;
	struct shell sh;
	char *text = NULL;
	size_t len = 0;
	int ch, status;

	setlocale(LC_CTYPE, "");
	while ((ch = getopt_long(argc, argv, "+c:i:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			cmds = optarg;
			break;
		case 'i':
			file = optarg;
			stay = true;
			break;
		case OPT_STEP:
			file = optarg;
			step = true;
			break;
		case OPT_COLOR:
			color = optarg;
			if (strcmp(color, "auto") && strcmp(color, "always") &&
			    strcmp(color, "never")) {
				fprintf(stderr, "sockshell: --color takes auto, "
				    "always or never, not %s\n", color);
				return 2;
			}
			break;
		case OPT_HELP:
			usage(stdout);
			return 0;
		case OPT_VERSION:
			printf("sockshell %s\n", PACKAGE_VERSION);
			return 0;
		case OPT_LIST:
			/* For the tests that keep help and the man page in step. */
			for (const struct command *const *c = command_table; *c; c++)
				printf("%s\t%s\t%s\n", (*c)->name,
				    (*c)->alias ? (*c)->alias : "", (*c)->usage);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc && file == NULL && cmds == NULL)
		file = argv[optind++];
	if (optind < argc || (cmds != NULL && file != NULL)) {
		usage(stderr);
		return 2;
	}

	close_inherited();
	/* With 0, 1 or 2 closed, the first socket would take its number. */
	for (int fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && open("/dev/null", O_RDWR) == -1)
			return 2;
	if (file != NULL && (text = read_file(file, &len)) == NULL) {
		fprintf(stderr, "sockshell: %s: %s\n", file, strerror(errno));
		return 2;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	shell_init(&sh);
	/* DESIGN: never with NO_COLOR set, not even when asked for always. */
	if (env_set("NO_COLOR"))
		sh.color = false;
	else if (strcmp(color, "always") == 0)
		sh.color = true;
	else if (strcmp(color, "auto") == 0)
		sh.color = isatty(STDOUT_FILENO) && !env_set("NO_COLOR") &&
		    (getenv("TERM") == NULL || strcmp(getenv("TERM"), "dumb") != 0);
	signals_init();
	/* A person at a terminal will type: line editing, completion, history. */
	terminal = isatty(STDIN_FILENO) && cmds == NULL &&
	    (file == NULL || stay || step);
	if (terminal) {
		lr_init();
		complete_attach(&sh);
	}

	if (cmds != NULL)
		go = run_line(&sh, cmds, strlen(cmds));
	else if (file != NULL)
		go = run_text(&sh, file, text, len, step);
	/* -i: a failed expect ends the file, and the prompt still comes. */
	if (stay && sh.stopped && !sig_quit_pending)
		go = true;
	sh.stopped = false;
	if (go && (cmds == NULL && (file == NULL || stay))) {
		if (isatty(STDIN_FILENO))
			go = run_interactive(&sh);
		else
			go = run_stream(&sh, stdin);
	}
	free(text);
	if (terminal)
		lr_end();

	shell_close_all(&sh);
	status = sh.status;
	shell_free(&sh);
	return status;
}
