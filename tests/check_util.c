/* check_util.c: what the suites share: catching output, running a command line. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "commands.h"
#include "lexer.h"
#include "shell.h"

void
capture_begin(struct capture *c)
{
	fflush(stdout);
	fflush(stderr);
	c->out = tmpfile();
	c->err = tmpfile();
	ck_assert_ptr_nonnull(c->out);
	ck_assert_ptr_nonnull(c->err);
	c->saved_out = dup(STDOUT_FILENO);
	c->saved_err = dup(STDERR_FILENO);
	ck_assert_int_ne(c->saved_out, -1);
	ck_assert_int_ne(c->saved_err, -1);
	ck_assert_int_ne(dup2(fileno(c->out), STDOUT_FILENO), -1);
	ck_assert_int_ne(dup2(fileno(c->err), STDERR_FILENO), -1);
}

/* All of FP, from its start, as a NUL-terminated string. */
static char *
slurp(FILE *fp)
{
	size_t len = 0, cap = 256, n;
	char *s = malloc(cap);

	rewind(fp);
	while ((n = fread(s + len, 1, cap - len - 1, fp)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			s = realloc(s, cap *= 2);
	}
	s[len] = '\0';
	return s;
}

void
capture_end(struct capture *c, char **out, char **err)
{
	fflush(stdout);
	fflush(stderr);
	dup2(c->saved_out, STDOUT_FILENO);
	dup2(c->saved_err, STDERR_FILENO);
	close(c->saved_out);
	close(c->saved_err);
	*out = slurp(c->out);
	*err = slurp(c->err);
	fclose(c->out);
	fclose(c->err);
}

int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

enum cmd_retval
run(struct shell *sh, const char *line, char **out, char **errout)
{
	struct lexed lx;
	struct capture c;
	char err[256];
	enum cmd_retval rv;

	ck_assert_int_eq(lex_line(line, strlen(line), &lx, err, sizeof err), 0);
	ck_assert_uint_eq(lx.n, 1);
	capture_begin(&c);
	rv = cmd_run(sh, &lx.cmds[0]);
	capture_end(&c, out, errout);
	lexed_free(&lx);
	return rv;
}

void
run_refused(struct shell *sh, const char *line, const char *what)
{
	char *out, *err;

	ck_assert_msg(run(sh, line, &out, &err) == CMD_RETURN_ERROR,
	    "%s was not refused", line);
	ck_assert_str_eq(out, "");
	ck_assert_msg(count_lines(err) == 1, "%s: not one line: %s", line, err);
	ck_assert_msg(strstr(err, what) != NULL, "%s: no \"%s\" in %s", line, what,
	    err);
	free(out);
	free(err);
}

void
quiet_close(struct shell *sh)
{
	struct capture c;
	char *out, *err;

	capture_begin(&c);
	shell_close_all(sh);
	capture_end(&c, &out, &err);
	free(out);
	free(err);
	shell_free(sh);
}
