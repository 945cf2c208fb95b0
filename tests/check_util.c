/* check_util.c: what the suites share: catching output, running a command line. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "commands.h"
#include "lexer.h"
#include "memsink.h"
#include "shell.h"

void
capture_begin(struct capture *c)
{
	mem_sink_attach(&c->sink);
}

void
capture_end(struct capture *c, char **out, char **err)
{
	struct strbuf o = STRBUF_INIT, e = STRBUF_INIT;

	mem_sink_render(&c->sink, &o, &e);
	mem_sink_detach(&c->sink);
	*out = xstrdup(sb_str(&o));
	*err = xstrdup(sb_str(&e));
	sb_free(&o);
	sb_free(&e);
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
