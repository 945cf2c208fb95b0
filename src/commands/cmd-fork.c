/*
 * cmd-fork.c: fork(2), a child that shares every descriptor and runs the
 * commands it is given, and wait(2), which reaps it: the concurrent server
 * and the zombie, by hand.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call.h"
#include "children.h"
#include "commands.h"
#include "event.h"
#include "print.h"
#include "term.h"
#include "xlat.h"

/*
 * What glibc's fork() hands the kernel (sysdeps/unix/sysv/linux/arch-fork.h):
 * clone with these flags, no stack, and the address of the thread's tid as
 * child_tidptr. The shell calls fork() itself, so that glibc does its part in
 * the child (malloc's locks, the thread's tid, the atfork handlers), and
 * prints that call.
 */
#define FORK_FLAGS	(CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID | SIGCHLD)

/* The largest script `fork FILE` reads. */
#define FORK_FILE_MAX	(256 * 1024)

/* What the child is to run: lexed lines, checked before the fork. */
struct program {
	struct lexed	*lines;
	size_t		*lineno;	/* in FILE; 0 for commands typed inline */
	size_t		 n, cap;
	const char	*file;		/* fork FILE: its name, for FILE:LINE: */
};

static void
program_free(struct program *pg)
{
	for (size_t i = 0; i < pg->n; i++)
		lexed_free(&pg->lines[i]);
	free(pg->lines);
	free(pg->lineno);
	memset(pg, 0, sizeof *pg);
}

/* Commands a child may not run: they need the prompt, the terminal or the capture. */
static const char *
refused_in_child(const char *name)
{
	static const struct {
		const char	*name;
		const char	*why;
	} no[] = {
		{ "fork", N_("a child forks no further here: fork from the parent") },
		{ "lesson", N_("a lesson needs the prompt, which is the parent's") },
		{ "man", N_("the pager needs the terminal, which is the parent's") },
		{ "trace", N_("the capture is the parent's: `trace on` there shows the "
		    "child's packets too") },
		{ "diagram", N_("the capture is the parent's: draw the diagram there") },
	};

	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(no[i].name, name) == 0)
			return _(no[i].why);
	return NULL;
}

/* Add one lexed line, its commands checked; false (said why) when one is refused. */
static bool
program_add(struct shell *sh, const struct command *fork_cmd,
    struct program *pg, const char *text, size_t len, size_t lineno)
{
	struct lexed lx;
	char err[256], where[64] = "";

	if (pg->file != NULL)
		snprintf(where, sizeof where, _("line %zu: "), lineno);
	if (lex_line(text, len, &lx, err, sizeof err) == -1) {
		cmd_usage_error(sh, fork_cmd, "%s%s", where, err);
		return false;
	}
	for (size_t i = 0; i < lx.n; i++) {
		const struct command *cmd = cmd_find(lx.cmds[i].v[0].s, err,
		    sizeof err);
		const char *why;

		if (cmd == NULL) {
			cmd_usage_error(sh, fork_cmd, "%s%s", where, err);
			lexed_free(&lx);
			return false;
		}
		if ((why = refused_in_child(cmd->name)) != NULL) {
			cmd_usage_error(sh, fork_cmd, "%s%s in a child: %s", where,
			    cmd->name, why);
			lexed_free(&lx);
			return false;
		}
	}
	if (lx.n == 0) {
		lexed_free(&lx);
		return true;
	}
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 16;
		pg->lines = xrealloc(pg->lines, pg->cap * sizeof *pg->lines);
		pg->lineno = xrealloc(pg->lineno, pg->cap * sizeof *pg->lineno);
	}
	pg->lines[pg->n] = lx;
	pg->lineno[pg->n++] = lineno;
	return true;
}

/* Read PATH whole, each line checked. -1 when it cannot be read (errno). */
static int
program_file(struct shell *sh, const struct command *fork_cmd,
    struct program *pg, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	ssize_t n;
	size_t lineno = 0;
	int fd;
	bool ok = true;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0 && sb.len <= FORK_FILE_MAX)
		sb_addn(&sb, buf, (size_t)n);
	close(fd);
	if (n == -1) {
		sb_free(&sb);
		return -1;
	}
	if (sb.len > FORK_FILE_MAX) {
		cmd_usage_error(sh, fork_cmd, "%s: over %d bytes: a child runs a "
		    "short script", path, FORK_FILE_MAX);
		sb_free(&sb);
		return 0;
	}
	pg->file = path;
	for (const char *p = sb.len ? sb.s : "", *end = p + sb.len; ok && p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);

		lineno++;
		if (len > LINE_MAX_BYTES) {
			cmd_usage_error(sh, fork_cmd, "line %zu too long: %zu bytes, "
			    "more than the %d a line may hold", lineno, len,
			    LINE_MAX_BYTES);
			ok = false;
		} else {
			ok = program_add(sh, fork_cmd, pg, p, len, lineno);
		}
		p += len + 1;
	}
	sb_free(&sb);
	if (ok && pg->n == 0) {
		cmd_usage_error(sh, fork_cmd, "%s has no commands", path);
		ok = false;
	}
	return ok ? 1 : 0;
}

/* The child: its commands as a script runs them, then _exit with the script's status. */
static void __attribute__((noreturn))
child_main(struct shell *sh, struct program *pg)
{
	children_in_child(sh);
	term_child(children_pipe(), (int)getpid(), children_gate());
	sh->interactive = false;
	sh->strict = true;
	sh->stopped = false;
	sh->status = 0;
	/* Its program was not looked into: whether a call slept is asked. */
	call_want_waits(true);
	if (pg->file != NULL)
		sh->src_name = pg->file;
	for (size_t i = 0; i < pg->n; i++) {
		struct lexed *lx = &pg->lines[i];

		if (pg->file != NULL)
			sh->src_line = pg->lineno[i];
		for (size_t k = 0; k < lx->n; k++) {
			enum cmd_retval rv = cmd_run(sh, &lx->cmds[k]);

			/* Ctrl-C first: a lookup it cut short is refused too, and ends with 130. */
			if (sig_int_pending && !sig_quit_pending) {
				sh->status = 130;
				goto out;
			}
			/* quit: the end; exit closes every descriptor, unprinted, as the kernel does. */
			if (rv == CMD_RETURN_EXIT || rv == CMD_RETURN_ERROR ||
			    sh->stopped || sig_quit_pending)
				goto out;
		}
	}
out:
	emit_flush();
	/* No atexit handlers, no stdio of the parent's flushed twice. */
	_exit(sh->status);
}

static enum cmd_retval
cmd_fork_exec(struct shell *sh, struct args *args)
{
	struct program pg;
	struct call c;
	char err[256], *text;
	size_t len;
	const struct command *first;
	struct lexed lx;
	void *tidptr = NULL;
	bool tid_known;
	int rc, saved;
	pid_t pid;

	memset(&pg, 0, sizeof pg);
	if (children_am_child())
		return cmd_usage_error(sh, args->cmd, "a child forks no further "
		    "here: fork from the parent");
	if (args->argc == 1) {
		text = xmemdup(args->argv[0].s, args->argv[0].len + 1);
		len = args->argv[0].len;
	} else {
		args_text(args, 0, &text, &len);
	}
	/* Commands, when the first word names one; else a script file. */
	first = NULL;
	if (lex_line(text, len, &lx, err, sizeof err) == 0) {
		if (lx.n == 0) {
			lexed_free(&lx);
			free(text);
			return cmd_usage_error(sh, args->cmd, "no commands to run");
		}
		first = cmd_find(lx.cmds[0].v[0].s, err, sizeof err);
		lexed_free(&lx);
	}
	if (first != NULL || args->argc > 1) {
		rc = program_add(sh, args->cmd, &pg, text, len, 0) ? 1 : 0;
		if (rc == 1 && pg.n == 0) {
			cmd_usage_error(sh, args->cmd, "no commands to run");
			rc = 0;
		}
	} else if ((rc = program_file(sh, args->cmd, &pg, text)) == -1) {
		if (errno == ENOENT && strchr(text, '/') == NULL)
			cmd_usage_error(sh, args->cmd, "%s, and no file %s", err,
			    text);
		else
			cmd_usage_error(sh, args->cmd, "%s: %s", text,
			    strerror(errno));
		rc = 0;
	}
	if (rc != 1) {
		program_free(&pg);
		free(text);
		return CMD_RETURN_ERROR;
	}
	/*
	 * The tid address glibc gives clone is the one it registered with
	 * set_tid_address at start; the kernel tells it back.
	 */
	tid_known = prctl(PR_GET_TID_ADDRESS, &tidptr, 0, 0, 0) == 0;
	/* A signal that came while the program was read: no child at all. */
	if (shell_signal_before_call(sh, "clone")) {
		program_free(&pg);
		free(text);
		return CMD_RETURN_NORMAL;
	}
	emit_flush();
	/* Made before the fork, so that the child shares it. */
	(void)children_gate();
	/* Either process may bind or connect what both hold: ports are asked again. */
	fd_table_forget_ports(&sh->fds);
	call_begin(&c, "clone", -1);
	pid = fork();
	saved = errno;
	if (pid == 0)
		child_main(sh, &pg);
	call_returned(&c, pid, saved);
	sb_add(&c.args, "child_stack=NULL, flags=");
	pr_clone_flags(&c.args, FORK_FLAGS);
	sb_add(&c.args, ", child_tidptr=");
	if (tid_known)
		pr_ptr(&c.args, tidptr);
	else
		sb_add(&c.args, "?");
	call_end(sh, &c);
	if (pid != -1) {
		children_add(sh, pid, pg.file != NULL ? pg.file : text);
		if (sh->fds.n > 0)
			shell_note(sh, "pid %d runs it, its lines marked [pid %d]; "
			    "it holds every descriptor open here: a socket ends "
			    "(FIN) only when both processes have closed it",
			    (int)pid, (int)pid);
		else
			shell_note(sh, "pid %d runs it, its lines marked [pid %d]",
			    (int)pid, (int)pid);
	}
	program_free(&pg);
	free(text);
	return CMD_RETURN_NORMAL;
}

/* `wait [PID] [nohang]` */
static enum cmd_retval
cmd_wait_exec(struct shell *sh, struct args *args)
{
	struct call c;
	struct strbuf sb = STRBUF_INIT;
	pid_t want = -1, r;
	int options = 0, status = 0, saved;
	long v;

	for (size_t i = 0; i < args->argc; i++) {
		if (!args->argv[i].quoted && strcmp(args->argv[i].s, "nohang") == 0) {
			options |= WNOHANG;
			continue;
		}
		if (want != -1)
			return cmd_usage_error(sh, args->cmd, "one PID at a time");
		if (!args_number(sh, args, i, "PID", 1, 4194304, &v))
			return CMD_RETURN_ERROR;
		want = (pid_t)v;
	}
	/* It may block: only when no child of those it waits for has ended. */
	children_catch_up(sh, false);
	if (!(options & WNOHANG) && children_count() > 0 &&
	    !children_zombie(sh, want)) {
		emitf(EV_WAIT, -1, want == -1 ?
		    _("waiting for a child to end (Ctrl-C interrupts)") :
		    _("waiting for the child to end (Ctrl-C interrupts)"));
		call_wait_begin(-1);
	}
	if (shell_signal_before_call(sh, "wait4"))
		return CMD_RETURN_NORMAL;
	call_begin(&c, "wait4", -1);
	r = wait4(want, &status, options, NULL);
	saved = errno;
	call_returned(&c, r, saved);
	/* What it said before it ended comes before the line that reaps it. */
	if (r > 0)
		children_reaped(sh, r);
	sb_addlong(&c.args, (int)want);
	sb_add(&c.args, ", ");
	if (r > 0)
		pr_wait_status(&c.args, status);
	else
		pr_ptr(&c.args, &status);
	sb_add(&c.args, ", ");
	pr_flags(&c.args, xlat_wait_options, (unsigned long)options, "W???");
	sb_add(&c.args, ", NULL");
	call_end(sh, &c);
	if (r > 0) {
		if (WIFEXITED(status))
			children_end_words(&sb, CLD_EXITED, WEXITSTATUS(status));
		else if (WIFSIGNALED(status))
			children_end_words(&sb, WCOREDUMP(status) ? CLD_DUMPED :
			    CLD_KILLED, WTERMSIG(status));
		shell_note(sh, "pid %d reaped: it %s; the zombie is gone", (int)r,
		    sb_str(&sb));
	} else if (r == 0) {
		shell_note(sh, "no child has ended yet: with WNOHANG wait4 says 0 "
		    "at once instead of waiting");
	}
	sb_free(&sb);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_fork_entry = {
	.name = "fork",
	.usage = "\"CMD; CMD...\" | FILE",
	.summary = N_("a child process, sharing every descriptor, runs the commands"),
	.help = N_("Made as glibc makes fork(): clone(..., SIGCHLD); the child's lines are marked\n"
	    "[pid N] as strace -f marks them, and it exits after its last command.\n"
	    "Its end comes as SIGCHLD news; it stays a zombie until `wait` reaps it."),
	.proto = "pid_t fork(void);",
	.call = "clone",
	.see = "fork(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, -1 },
	.complete = { ARGK_PATH },
	.exec = cmd_fork_exec,
};

const struct command cmd_wait_entry = {
	.name = "wait",
	.usage = "[PID] [nohang]",
	.summary = N_("reap a child that ended (any, or PID): wait4, as wait() makes it"),
	.help = N_("Blocks until a child ends (Ctrl-C interrupts), then reaps its zombie and\n"
	    "prints how it ended; nohang (WNOHANG) only looks. No child: ECHILD."),
	.proto = "pid_t wait(int *wstatus);",
	.call = "wait4",
	.see = "wait(2)",
	.stage = STAGE_CONNECT,
	.fd = CMD_FD_NONE,
	.args = { NULL, 0, 2 },
	.complete = { ARGK_CHILD },
	.exec = cmd_wait_exec,
};
