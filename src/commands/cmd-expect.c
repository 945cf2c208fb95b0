/* cmd-expect.c: check the call just made, so lessons and tests check themselves. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

#include "commands.h"
#include "event.h"
#include "print.h"
#include "trace.h"
#include "xlat.h"

static enum cmd_retval expect_result(struct shell *, bool, struct strbuf *,
    struct strbuf *);
static enum cmd_retval expect_state(struct shell *, struct args *);
static enum cmd_retval expect_packet(struct shell *, struct args *);

/* What the last call did, in the words a failed expectation uses. */
static void
describe_last(const struct shell *sh, bool data, struct strbuf *sb)
{
	const struct last_call *l = &sh->last;

	if (!l->valid)
		sb_add(sb, _("no call (the previous command made none)"));
	else if (data && l->has_data)
		pr_quoted(sb, l->data, l->len, 256);
	else if (l->ret == -1)
		sb_addf(sb, "= -1 %s", errno_name(l->err));
	else if (data)
		sb_addf(sb, _("= %ld and no data (%s)"), l->ret, l->name);
	else
		sb_addf(sb, "= %ld", l->ret);
}

/* " (did you mean state?)" for a word near one of expect's own, else "". */
static const char *
near_word(const char *w)
{
	static const char *const words[] = { "ok", "state", "packet", "waited",
	    "at-once", NULL };
	static char buf[64];

	for (size_t i = 0; words[i] != NULL; i++)
		if (edit_distance(w, words[i]) <= (strlen(words[i]) > 4 ? 2 : 1)) {
			snprintf(buf, sizeof buf, _(" (did you mean %s?)"), words[i]);
			return buf;
		}
	return "";
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
		if (!args_number(sh, args, 1, N_("value"), -1, 1L << 40, &n))
			return CMD_RETURN_ERROR;
		held = l->valid && l->ret == n;
		sb_addf(&want, "= %ld", n);
	} else if (strcasecmp(w->s, "ok") == 0) {
		if (args->argc != 1)
			return cmd_usage_error(sh, args->cmd, "too many arguments");
		held = l->valid && l->ret != -1;
		sb_add(&want, "ok");
	} else if (strcasecmp(w->s, "state") == 0) {
		return expect_state(sh, args);
	} else if (strcasecmp(w->s, "packet") == 0) {
		return expect_packet(sh, args);
	} else if (strcasecmp(w->s, "waited") == 0 ||
	    strcasecmp(w->s, "at-once") == 0) {
		bool waited = strcasecmp(w->s, "waited") == 0;

		if (args->argc != 1)
			return cmd_usage_error(sh, args->cmd, "too many arguments");
		held = l->valid && l->waited == waited;
		sb_add(&want, waited ? _("a call that waited") :
		    _("a call that returned at once"));
		if (l->valid) {
			sb_addf(&got, l->waited ? _("%s waited in the kernel") :
			    _("%s returned at once"), l->name);
			return expect_result(sh, held, &want, &got);
		}
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
		    "errno name, = N, \"data\", state, packet, waited or at-once%s",
		    w->s, near_word(w->s));
	}

	if (!held)
		describe_last(sh, data, &got);
	return expect_result(sh, held, &want, &got);
}

/* Did the last call move bytes or take a connection (and so cannot be made again)? */
static bool
moved(const struct last_call *l)
{
	static const char *const names[] = {
		"accept", "accept4", "read", "recv", "recvfrom", "recvmsg",
		"write", "send", "sendto", "sendmsg", "sendfile", "splice",
	};

	if (!l->valid || l->ret == -1)
		return false;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(l->name, names[i]) == 0)
			return true;
	return false;
}

/* Say how an expectation came out; WANT and GOT are freed. */
static enum cmd_retval
expect_result(struct shell *sh, bool held, struct strbuf *want,
    struct strbuf *got)
{
	if (!held && sh->interactive && sh->src_name != NULL && sh->step_changed) {
		/* Written for the step as the lesson has it: no fault of the lesson's. */
		shell_note(sh, "the lesson expects %s of this step as it is "
		    "written; changed, it gave %s", sb_str(want), sb_str(got));
	} else if (!held) {
		shell_error(sh, "expected %s, got %s", sb_str(want), sb_str(got));
		sh->status = 1;
		if (sh->unheld++ == 0)
			sh->unheld_line = sh->src_line;
		/*
		 * What a script does next builds on this: going on could wait
		 * for ever. At the prompt the person decides, and in step mode
		 * the teacher: the step comes again, to run again or change.
		 */
		if (!sh->interactive)
			sh->stopped = true;
		if (sh->interactive && sh->src_name != NULL && moved(&sh->last)) {
			/* Made again, it would send twice, or wait for more. */
			shell_note(sh, "the next steps build on this call, which was "
			    "to give %s and gave %s; it moved bytes (or took a "
			    "connection), so it is not made again: the lesson goes "
			    "on", sb_str(want), sb_str(got));
		} else if (sh->interactive && sh->src_name != NULL &&
		    !isatty(STDIN_FILENO)) {
			/* From a pipe the same line would come again, and fail again. */
			sh->stopped = true;
			shell_note(sh, "the next steps build on this call, which was "
			    "to give %s and gave %s; with no terminal to put the "
			    "step on again, the lesson stops here", sb_str(want),
			    sb_str(got));
		} else if (sh->interactive && sh->src_name != NULL) {
			sh->missed = true;
			shell_note(sh, "the next steps build on this call, which was "
			    "to give %s and gave %s: the step is on the prompt again "
			    "(Enter runs it again; change it, or clear the line to "
			    "go on without it)", sb_str(want), sb_str(got));
		}
	} else if (sh->interactive) {
		emitf(EV_EXPECT, -1, _("as expected: %s"), sb_str(want));
	}
	sb_free(want);
	sb_free(got);
	return CMD_RETURN_NORMAL;
}

/* `expect state [fdN] STATE`: the kernel's TCP state of the descriptor, now. */
static enum cmd_retval
expect_state(struct shell *sh, struct args *args)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT;
	const char *name, *st;
	int fd = sh->last.valid && sh->last.fd >= 0 &&
	    fd_table_find(&sh->fds, sh->last.fd) != NULL ? sh->last.fd :
	    sh->fds.current;
	size_t at = 1;

	if (args->argc == 3) {
		if (!args_descriptor(sh, args, 1, false, &fd))
			return CMD_RETURN_ERROR;
		at = 2;
	} else if (args->argc != 2) {
		return cmd_usage_error(sh, args->cmd, "say expect state [fdN] STATE");
	}
	name = args->argv[at].s;
	if (strncasecmp(name, "TCP_", 4) == 0)
		name += 4;
	if (strcasecmp(name, "CLOSED") == 0)
		name = "CLOSE";
	if (!tcp_state_known(name))
		return cmd_usage_error(sh, args->cmd, "unknown TCP state: %s "
		    "(LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED, FIN_WAIT1, "
		    "FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT, CLOSE)",
		    args->argv[at].s);
	if (fd < 0)
		return cmd_usage_error(sh, args->cmd, "no descriptor to look at");
	st = tcp_state_of(fd);
	sb_addf(&want, _("fd%d in %s"), fd, name);
	if (st == NULL)
		sb_addf(&got, _("fd%d, which is no TCP socket"), fd);
	else
		sb_addf(&got, _("fd%d in %s"), fd, st);
	return expect_result(sh, st != NULL && strcasecmp(st, name) == 0, &want,
	    &got);
}

/* `expect packet F...`: the last call caused segments with these flags, in order. */
static enum cmd_retval
expect_packet(struct shell *sh, struct args *args)
{
	struct strbuf want = STRBUF_INIT, got = STRBUF_INIT, caused = STRBUF_INIT;
	struct strbuf list = STRBUF_INIT;
	char **flags;
	size_t n = args->argc - 1;
	bool held;

	if (n == 0)
		return cmd_usage_error(sh, args->cmd, "say which flags: expect "
		    "packet S S. . (or none)");
	if (n == 1 && strcasecmp(args->argv[1].s, "none") == 0)
		n = 0;
	for (size_t i = 0; i < n; i++)
		if (trace_flags_parse(args->argv[i + 1].s) == -1)
			return cmd_usage_error(sh, args->cmd, "not flags: %s (write "
			    "them as the packet lines do: S, S., ., P., F., R, R.; or "
			    "UDP, ICMP; or none alone)", args->argv[i + 1].s);
	if (!trace_running() && trace_count() == 0)
		return cmd_usage_error(sh, args->cmd, "no packets: `trace on` first");
	if (!sh->last.valid) {
		sb_add(&got, _("no call (the previous command made none)"));
		sb_add(&want, _("packets"));
		return expect_result(sh, false, &want, &got);
	}
	flags = xcalloc(n, sizeof *flags);
	for (size_t i = 0; i < n; i++) {
		flags[i] = args->argv[i + 1].s;
		sb_addf(&list, " %s", flags[i]);
	}
	held = trace_expect_flags(sh, flags, n, &caused);
	free(flags);
	if (n == 0)
		/* TRANSLATORS: "no packet from listen": the call's name. */
		sb_addf(&want, _("no packet from %s"), sh->last.name);
	else
		/* TRANSLATORS: "packets S S. . from connect": the flags, then the call. */
		sb_addf(&want, _("packets%s from %s"), sb_str(&list), sh->last.name);
	sb_free(&list);
	sb_addf(&got, "%s", sb_str(&caused));
	sb_free(&caused);
	return expect_result(sh, held, &want, &got);
}

const struct command cmd_expect_entry = {
	.name = "expect",
	.usage = "ok | ENAME | = N | \"DATA\" | state [fdN] STATE | packet FLAGS... | packet none | waited | at-once",
	.summary = N_("check the call just made (scripts exit 1 when one fails)"),
	.help = N_("ok: it succeeded; ENAME: it failed with that errno; = N: it returned N;\n"
	    "\"DATA\": the bytes just read were exactly these.\n"
	    "state [fdN] STATE: the kernel's TCP state of the descriptor (TCP_INFO);\n"
	    "packet S S. .: the last call caused segments with these flags, in this\n"
	    "order (trace on); packet none: it caused none;\n"
	    "waited / at-once: it slept in the kernel, or not."),
	.stage = STAGE_SHELL,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, -1 },
	.keep_last = true,
	.complete = { ARGK_EXPECT, ARGK_NONE },
	.ports_kept = true,
	.exec = cmd_expect_exec,
};
