/* cmd-man.c: the manual page of a command's call, through man(1). */
#include "config.h"

#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "event.h"
#include "strbuf.h"

struct page {
	char	name[64];
	char	section[8];	/* "" lets man search every section */
};

/* A page name man takes as a name, never as an option or a path. */
static bool
page_name_ok(const char *s)
{
	if (*s == '\0' || *s == '-' || *s == '.' || strlen(s) >= 64)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.+-") == strlen(s);
}

/* "2", "3p", "8": a section as man knows them. */
static bool
section_ok(const char *s)
{
	return s[0] >= '1' && s[0] <= '9' && strlen(s) < 8 &&
	    strspn(s + 1, "abcdefghijklmnopqrstuvwxyz") == strlen(s + 1);
}

/*
 * The page for `man [SECTION] NAME`: a command's own call (its entry's `see`,
 * "recvfrom(2)", "fcntl(2)" for nonblock), sockshell(1) for the shell's own
 * commands, and any other NAME as man would take it.
 */
static bool
find_page(struct shell *sh, struct args *args, struct page *pg)
{
	const char *name = args->argv[args->argc - 1].s;
	const struct command *cmd;
	char err[256];
	const char *see, *paren;

	memset(pg, 0, sizeof *pg);
	if (*name == '\0') {
		cmd_usage_error(sh, args->cmd, "the name is empty");
		return false;
	}
	if (args->argc == 2) {
		if (!section_ok(args->argv[0].s)) {
			cmd_usage_error(sh, args->cmd, "not a section: %s (1 to 9)",
			    args->argv[0].s);
			return false;
		}
		snprintf(pg->section, sizeof pg->section, "%s", args->argv[0].s);
	} else if ((cmd = cmd_find(name, err, sizeof err)) != NULL) {
		see = cmd->see != NULL ? cmd->see : "sockshell(1)";
		paren = strchr(see, '(');
		snprintf(pg->name, sizeof pg->name, "%.*s", (int)(paren - see), see);
		snprintf(pg->section, sizeof pg->section, "%.*s",
		    (int)strcspn(paren + 1, ")"), paren + 1);
		return true;
	} else if (strncmp(err, "ambiguous", 9) == 0) {
		cmd_usage_error(sh, args->cmd, "%s", err);
		return false;
	}
	if (!page_name_ok(name)) {
		cmd_usage_error(sh, args->cmd, "not a page name: %s", name);
		return false;
	}
	snprintf(pg->name, sizeof pg->name, "%s", name);
	return true;
}

/* Is PROG an executable in $PATH? */
static bool
in_path(const char *prog)
{
	const char *path = getenv("PATH"), *p, *end;
	char buf[4096];

	for (p = path != NULL ? path : "/usr/bin:/bin"; *p != '\0'; p = end) {
		end = p + strcspn(p, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)(end - p), p, prog);
		if (end > p && access(buf, X_OK) == 0)
			return true;
		if (*end == ':')
			end++;
	}
	return false;
}

/* Give the terminal to process group PGRP (SIGTTOU held off: the caller may be in the background). */
static void
take_terminal(pid_t pgrp)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	(void)tcsetpgrp(STDIN_FILENO, pgrp);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* In man's child: a process group of its own, in the terminal's foreground; or, failing that, the shell's. */
static void
foreground_self(void)
{
	pid_t shell = getpgrp();

	if (setpgid(0, 0) == -1)
		return;
	take_terminal(getpid());
	if (tcgetpgrp(STDIN_FILENO) != getpid())
		(void)setpgid(0, shell);	/* a pager in the background would stop at once */
}

/*
 * Run man with ARGV and wait for it. The child gets the default SIGINT and
 * SIGPIPE (the shell ignores one and catches the other) and none of the
 * shell's sockets. With OUT, man's stdout is read into it and its stderr
 * dropped; otherwise man has the terminal, and Ctrl-C belongs to its pager.
 * Returns man's exit status, -1 when man could not run, or -2 (with errno)
 * when there was no pipe to read it through.
 */
static int
run_man(struct shell *sh, char *const argv[], struct strbuf *out)
{
	struct sigaction ign, old_int, old_quit;
	int pfd[2] = { -1, -1 }, status, devnull;
	bool own_group, killed = false;
	char buf[512];
	ssize_t n;
	pid_t pid;

	if (out != NULL && pipe2(pfd, O_CLOEXEC) == -1)
		return -2;	/* errno says why: EMFILE, when the table is full */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	emit_flush();
	/*
	 * With the terminal, man and its pager get a process group of their
	 * own, in the terminal's foreground: SIGTERM to the shell can then end
	 * them both (the pager is man's child) and take the terminal back.
	 */
	own_group = out == NULL && isatty(STDIN_FILENO) &&
	    tcgetpgrp(STDIN_FILENO) == getpgrp();
	if ((pid = fork()) == 0) {
		static const int sigs[] = { SIGINT, SIGQUIT, SIGPIPE, SIGTERM, SIGHUP };
		sigset_t none;

		if (own_group)
			foreground_self();
		for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
			signal(sigs[i], SIG_DFL);
		/* The shell holds SIGCHLD off; a program it runs must not inherit that. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (const struct fd_entry *e = fd_table_first(&sh->fds);
		    e != NULL; e = fd_table_next(&sh->fds, e))
			close(e->fd);
		if (out != NULL) {
			dup2(pfd[1], STDOUT_FILENO);
			if ((devnull = open("/dev/null", O_WRONLY)) != -1)
				dup2(devnull, STDERR_FILENO);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	if (out != NULL) {
		close(pfd[1]);
		while (pid != -1 && ((n = read(pfd[0], buf, sizeof buf)) > 0 ||
		    (n == -1 && errno == EINTR)))
			if (n > 0)
				sb_addn(out, buf, (size_t)n);
		close(pfd[0]);
	}
	status = -1;
	if (pid != -1)
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			/* SIGTERM, SIGHUP: the shell ends, and its pages with it. */
			if (sig_quit_pending && own_group && !killed) {
				kill(-pid, SIGTERM);
				killed = true;
			}
	/*
	 * Killed, man ends before its pager, which may still be putting the
	 * terminal's screen back: what the shell prints meanwhile would be
	 * lost with the pager's screen. A second at most (a zombie nobody
	 * reaps stays in the group).
	 */
	for (int i = 0; killed && i < 100 && kill(-pid, 0) == 0; i++) {
		struct timespec t = { 0, 10000000L };

		nanosleep(&t, NULL);
	}
	if (own_group)
		take_terminal(getpgrp());
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (pid == -1 || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* Where to get a missing page, by section. */
static const char *
package_for(const struct page *pg)
{
	if (strcmp(pg->name, "sockshell") == 0)
		return _("`make install` puts sockshell's own page there "
		    "(in the source tree: man -l man/sockshell.1)");
	switch (pg->section[0]) {
	case '2':
	case '3':
		return _("the pages of sections 2 and 3 come with manpages-dev "
		    "(apt-get install manpages-dev)");
	case '7':
		return _("the pages of section 7 come with manpages "
		    "(apt-get install manpages)");
	case '8':
		return _("the page comes with its program (ss: apt-get install iproute2)");
	}
	return _("the system's pages come with manpages and manpages-dev "
	    "(apt-get install manpages manpages-dev)");
}

static enum cmd_retval
cmd_man_exec(struct shell *sh, struct args *args)
{
	struct strbuf where = STRBUF_INIT;
	struct page pg;
	char title[80], *argv[5];
	int argc = 0, rc;

	if (!find_page(sh, args, &pg))
		return CMD_RETURN_ERROR;
	if (*pg.section)
		snprintf(title, sizeof title, "%s(%s)", pg.name, pg.section);
	else
		snprintf(title, sizeof title, "%s", pg.name);
	if (!in_path("man")) {
		shell_note(sh, "man is not installed here: apt-get install man-db "
		    "manpages-dev (Debian, Ubuntu), then `man %s`", pg.name);
		return CMD_RETURN_NORMAL;
	}

	argv[argc++] = "man";
	argv[argc++] = "-w";
	if (*pg.section)
		argv[argc++] = pg.section;
	argv[argc++] = pg.name;
	argv[argc] = NULL;
	if ((rc = run_man(sh, argv, &where)) == -2) {
		shell_error(sh, "man: no pipe to read man through: %s (close some "
		    "descriptors: see `fds`)", strerror(errno));
		sb_free(&where);
		return CMD_RETURN_ERROR;
	}
	where.len = where.s != NULL ? strcspn(where.s, "\n") : 0;
	sb_addn(&where, "", 0);
	if ((rc != 0 || where.len == 0) && *pg.section == '\0') {
		/* No section, no command of the shell's: most likely a typo. */
		shell_note(sh, "no manual page %s here, and no command of this "
		    "shell is called so (`help` lists them)", title);
		sb_free(&where);
		return CMD_RETURN_NORMAL;
	}
	if (rc != 0 || where.len == 0) {
		shell_note(sh, "no manual page %s here; %s", title, package_for(&pg));
		sb_free(&where);
		return CMD_RETURN_NORMAL;
	}

	/* Not on a terminal, a pager has no one to page for: say where the page is. */
	if (!isatty(STDOUT_FILENO)) {
		shell_note(sh, "man %s%s%s: %s (not shown: stdout is not a terminal)",
		    pg.section, *pg.section ? " " : "", pg.name, sb_str(&where));
		sb_free(&where);
		return CMD_RETURN_NORMAL;
	}
	sb_free(&where);
	memmove(&argv[1], &argv[2], (size_t)(argc - 1) * sizeof argv[0]);
	rc = run_man(sh, argv, NULL);
	/* Ended with the shell, by its SIGTERM or SIGHUP: nothing to say of it. */
	if (rc == -1 && !sig_quit_pending)
		shell_note(sh, "man %s ended with an error or signal %d", title,
		    rc);
	else if (rc > 0)
		shell_note(sh, "man %s ended with status %d", title, rc);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_man_entry = {
	.name = "man",
	.usage = "CMD",
	.summary = N_("read the manual page of a command's call: man bind, man nonblock"),
	.help = N_("CMD's call's page (nonblock: fcntl(2), resolve: getaddrinfo(3)); `man 7 tcp`\n"
	    "opens any page. When stdout is not a terminal, it only says where the page is."),
	.see = "man(1)",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 2 },
	.keep_last = true,
	.complete = { ARGK_COMMAND },
	.exec = cmd_man_exec,
};
