/* cmd-expect.c: check the call just made, so lessons and tests check themselves. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "commands.h"
#include "event.h"
#include "print.h"
#include "xlat.h"

/* What the last call did, in the words a failed expectation uses. */
static void
describe_last(const struct shell *sh, bool data, struct strbuf *sb)
{
	const struct last_call *l = &sh->last;

	if (!l->valid)
		sb_add(sb, "no call (the previous command made none)");
	else if (data && l->has_data)
		pr_quoted(sb, l->data, l->len, 256);
	else if (l->ret == -1)
		sb_addf(sb, "= -1 %s", errno_name(l->err));
	else if (data)
		sb_addf(sb, "= %ld and no data (%s)", l->ret, l->name);
	else
		sb_addf(sb, "= %ld", l->ret);
}

static enum cmd_retval
cmd_expect_exec(struct shell *sh, struct args *args)
{
	const struct last_call *l = &sh->last;
	const struct word *w = &args->argv[0];
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	bool held, data = false;
	long n;
	int e;

	if (w->quoted) {
		if (args->argc != 1)
			return cmd_usage_error(sh, args->cmd, "too many arguments");
		data = true;
		held = l->valid && l->has_data && l->len == w->len &&
		    memcmp(l->data, w->s, w->len) == 0;
		pr_quoted(&want, w->s, w->len, 256);
	} else if (strcmp(w->s, "=") == 0) {
		if (args->argc != 2)
			return cmd_usage_error(sh, args->cmd, "= needs a number");
		if (!args_number(sh, args, 1, "value", -1, 1L << 40, &n))
			return CMD_RETURN_ERROR;
		held = l->valid && l->ret == n;
		sb_addf(&want, "= %ld", n);
	} else if (strcasecmp(w->s, "ok") == 0) {
		if (args->argc != 1)
			return cmd_usage_error(sh, args->cmd, "too many arguments");
		held = l->valid && l->ret != -1;
		sb_add(&want, "ok");
	} else if ((e = errno_parse(w->s)) != 0) {
		if (args->argc != 1)
			return cmd_usage_error(sh, args->cmd, "too many arguments");
		held = l->valid && l->ret == -1 && l->err == e;
		sb_add(&want, errno_name(e));
	} else if (w->len > 0 && strspn(w->s, "-0123456789") == w->len) {
		return cmd_usage_error(sh, args->cmd, "cannot expect %s: a return "
		    "value is written `expect = %s`", w->s, w->s);
	} else if (w->s[0] == 'E' && errno_near(w->s) != NULL) {
		return cmd_usage_error(sh, args->cmd, "unknown errno: %s (did you "
		    "mean %s?)", w->s, errno_near(w->s));
	} else {
		return cmd_usage_error(sh, args->cmd, "cannot expect %s: say ok, an "
		    "errno name, = N, or \"data\"", w->s);
	}

	if (!held) {
		describe_last(sh, data, &got);
		shell_error(sh, "expected %s, got %s", sb_str(&want), sb_str(&got));
		sh->status = 1;
		/*
		 * What a script or a lesson does next builds on this: going on
		 * could wait for ever. At the prompt the person decides.
		 */
		if (!sh->interactive || sh->src_name != NULL)
			sh->stopped = true;
		if (sh->interactive && sh->src_name != NULL)
			shell_note(sh, "the lesson stops here: its next steps build "
			    "on this call, which was to give %s and gave %s; its "
			    "descriptors stay (see `fds`)", sb_str(&want),
			    sb_str(&got));
	} else if (sh->interactive) {
		emitf(EV_EXPECT, -1, "as expected: %s", sb_str(&want));
	}
	sb_free(&want);
	sb_free(&got);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_expect_entry = {
	.name = "expect",
	.usage = "ok | ENAME | = N | \"DATA\"",
	.summary = "check the call just made (scripts exit 1 when one fails)",
	.help = "ok: it succeeded; ENAME: it failed with that errno; = N: it returned N;\n"
	    "\"DATA\": the bytes just read were exactly these.",
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 2 },
	.keep_last = true,
	.complete = { ARGK_EXPECT, ARGK_NONE },
	.exec = cmd_expect_exec,
};
