/* shell.c: the shell's state, its own messages, signals, and the cleanExit. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "print.h"
#include "shell.h"
#include "ss.h"

volatile sig_atomic_t sig_int_pending;
volatile sig_atomic_t sig_quit_pending;

void
shell_init(struct shell *sh)
{
	memset(sh, 0, sizeof *sh);
	fd_table_init(&sh->fds);
	sh->strsize = STRSIZE_DEFAULT;
	sh->notify = true;
}

void
shell_free(struct shell *sh)
{
	fd_table_free(&sh->fds);
	free(sh->last.data);
	sh->last.data = NULL;
}

/* Write MSG to FP with control bytes escaped: user text never moves the cursor. */
static void
put_clean(FILE *fp, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	pr_clean(&sb, msg, strlen(msg));
	fputs(sb_str(&sb), fp);
	sb_free(&sb);
}

void
shell_error(struct shell *sh, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;
	bool color;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	color = sh->color && isatty(STDERR_FILENO);

	fflush(stdout);
	fputs(color ? "\033[31m" : "", stderr);
	if (sh->src_name != NULL)
		fprintf(stderr, "%s:%zu: ", sh->src_name, sh->src_line);
	else
		fputs("sockshell: ", stderr);
	put_clean(stderr, sb_str(&msg));
	fputs(color ? "\033[0m\n" : "\n", stderr);
	sb_free(&msg);
	if (!sh->interactive)
		sh->status = sh->status ? sh->status : 1;
}

void
shell_note(struct shell *sh, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	fputs("  ", stdout);
	put_clean(stdout, sb_str(&msg));
	fputc('\n', stdout);
	fflush(stdout);
	sb_free(&msg);
	(void)sh;
}

void
shell_close_all(struct shell *sh)
{
	while (sh->fds.n > 0) {
		struct strbuf sb = STRBUF_INIT;
		int fd = sh->fds.v[0].fd, rc, err;

		ss_remember_fd(fd);
		rc = close(fd);
		err = errno;
		sb_addf(&sb, "close(%d)", fd);
		call_done(sh, &sb, "close", rc, err, NULL);
		sb_free(&sb);
		fd_table_remove(&sh->fds, fd);
	}
}

bool
shell_signal_before_call(struct shell *sh, const char *call)
{
	if (!sig_int_pending && !sig_quit_pending)
		return false;
	shell_note(sh, "%s was not called: %s came first", call,
	    sig_int_pending ? "Ctrl-C (SIGINT)" : sig_quit_pending == SIGHUP ?
	    "SIGHUP" : "SIGTERM");
	return true;
}

static void
on_interrupt(int sig)
{
	(void)sig;
	sig_int_pending = 1;
}

static void
on_quit(int sig)
{
	sig_quit_pending = sig;
}

void
signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking accept/read/connect must return EINTR. */
	sa.sa_flags = 0;
	sa.sa_handler = on_interrupt;
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_quit;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}
