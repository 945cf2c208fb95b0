/* cmd.c: the command table, finding a command, and checking its arguments. */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "children.h"
#include "commands.h"
#include "call.h"
#include "trace.h"
#include "strbuf.h"
#include "xlat.h"

extern const struct command cmd_socket_entry;
extern const struct command cmd_socketpair_entry;
extern const struct command cmd_dup_entry;
extern const struct command cmd_dup2_entry;
extern const struct command cmd_bind_entry;
extern const struct command cmd_listen_entry;
extern const struct command cmd_accept_entry;
extern const struct command cmd_accept4_entry;
extern const struct command cmd_connect_entry;
extern const struct command cmd_write_entry;
extern const struct command cmd_read_entry;
extern const struct command cmd_close_entry;
extern const struct command cmd_fds_entry;
extern const struct command cmd_use_entry;
extern const struct command cmd_host_entry;
extern const struct command cmd_set_entry;
extern const struct command cmd_expect_entry;
extern const struct command cmd_echo_entry;
extern const struct command cmd_sleep_entry;
extern const struct command cmd_help_entry;
extern const struct command cmd_lesson_entry;
extern const struct command cmd_quit_entry;
extern const struct command cmd_send_entry;
extern const struct command cmd_recv_entry;
extern const struct command cmd_sendto_entry;
extern const struct command cmd_recvfrom_entry;
extern const struct command cmd_sendmsg_entry;
extern const struct command cmd_recvmsg_entry;
extern const struct command cmd_shutdown_entry;
extern const struct command cmd_getsockname_entry;
extern const struct command cmd_getpeername_entry;
extern const struct command cmd_unlink_entry;
extern const struct command cmd_resolve_entry;
extern const struct command cmd_setsockopt_entry;
extern const struct command cmd_getsockopt_entry;
extern const struct command cmd_nonblock_entry;
extern const struct command cmd_poll_entry;
extern const struct command cmd_epoll_entry;
extern const struct command cmd_select_entry;
extern const struct command cmd_ioctl_entry;
extern const struct command cmd_ss_entry;
extern const struct command cmd_man_entry;
extern const struct command cmd_trace_entry;
extern const struct command cmd_diagram_entry;
extern const struct command cmd_fork_entry;
extern const struct command cmd_wait_entry;

const struct command *const command_table[] = {
	&cmd_socket_entry,
	&cmd_socketpair_entry,
	&cmd_bind_entry,
	&cmd_listen_entry,
	&cmd_accept_entry,
	&cmd_accept4_entry,
	&cmd_connect_entry,
	&cmd_write_entry,
	&cmd_read_entry,
	&cmd_close_entry,
	&cmd_dup_entry,
	&cmd_dup2_entry,
	&cmd_send_entry,
	&cmd_recv_entry,
	&cmd_sendto_entry,
	&cmd_recvfrom_entry,
	&cmd_sendmsg_entry,
	&cmd_recvmsg_entry,
	&cmd_shutdown_entry,
	&cmd_getsockname_entry,
	&cmd_getpeername_entry,
	&cmd_unlink_entry,
	&cmd_resolve_entry,
	&cmd_setsockopt_entry,
	&cmd_getsockopt_entry,
	&cmd_nonblock_entry,
	&cmd_poll_entry,
	&cmd_epoll_entry,
	&cmd_select_entry,
	&cmd_ioctl_entry,
	&cmd_ss_entry,
	&cmd_man_entry,
	&cmd_trace_entry,
	&cmd_diagram_entry,
	&cmd_fork_entry,
	&cmd_wait_entry,
	&cmd_fds_entry,
	&cmd_use_entry,
	&cmd_host_entry,
	&cmd_set_entry,
	&cmd_expect_entry,
	&cmd_echo_entry,
	&cmd_sleep_entry,
	&cmd_lesson_entry,
	&cmd_help_entry,
	&cmd_quit_entry,
	NULL
};

static const char *const stage_names[] = {
	[STAGE_CREATE] = "create",
	[STAGE_ADDRESS] = "address",
	[STAGE_CONNECT] = "connect",
	[STAGE_TRANSFER] = "transfer",
	[STAGE_OPTIONS] = "options",
	[STAGE_END] = "end",
	[STAGE_SHELL] = "shell",
};

const char *
cmd_stage_name(enum cmd_stage s)
{
	return stage_names[s];
}

/*
 * The names and aliases by hash, open addressing: a command is found in a
 * slot or two of one small array, not by walking the table (whose entries
 * lie all over memory, cold after every call's trip through the kernel).
 */
#define BY_NAME_SLOTS	256

static const struct command	*by_name[BY_NAME_SLOTS];
static const char		*by_name_key[BY_NAME_SLOTS];
static size_t			 by_name_len[BY_NAME_SLOTS];

/*
 * The hash of the LEN bytes at S (LEN > 0), from its length and three of
 * its bytes: a command's name is known by them, and no walk over it is made.
 */
static size_t
name_hash(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	return ((size_t)u[0] * 131 + (size_t)u[len > 1] * 31 +
	    (size_t)u[len - 1] * 7 + len) % BY_NAME_SLOTS;
}

static void
by_name_put(const char *key, const struct command *cmd)
{
	size_t len = strlen(key), h = name_hash(key, len);

	while (by_name[h] != NULL)
		h = (h + 1) % BY_NAME_SLOTS;
	by_name[h] = cmd;
	by_name_key[h] = key;
	by_name_len[h] = len;
}

/* The table, made at the first lookup. */
static __attribute__((noinline)) void
by_name_build(void)
{
	for (const struct command *const *c = command_table; *c != NULL; c++) {
		by_name_put((*c)->name, *c);
		if ((*c)->alias != NULL)
			by_name_put((*c)->alias, *c);
	}
}

static inline const struct command *
by_name_get(const char *name, size_t len)
{
	static bool built;

	if (!built) {
		by_name_build();
		built = true;
	}
	if (len == 0)
		return NULL;
	for (size_t h = name_hash(name, len); by_name[h] != NULL;
	    h = (h + 1) % BY_NAME_SLOTS)
		if (by_name_len[h] == len && memcmp(by_name_key[h], name, len) == 0)
			return by_name[h];
	return NULL;
}

/* NAME, not a whole name: a prefix of one, or a typo (ERR says which). */
static __attribute__((noinline)) const struct command *
cmd_find_near(const char *name, char *err, size_t errlen)
{
	const struct command *const *c, *found = NULL, *near = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(name), n = 0, best = 3, d;

	for (c = command_table; *c != NULL; c++) {
		if (strncmp((*c)->name, name, len) == 0) {
			found = *c;
			sb_add(&sb, n++ ? ", " : "");
			sb_add(&sb, (*c)->name);
		}
	}
	if (n == 1) {
		sb_free(&sb);
		return found;
	}
	/* `soc` is socket, `du` dup: the one the others only extend (socketpair, dup2). */
	if (n > 1) {
		const struct command *shortest = NULL;
		size_t extended = 0;

		for (c = command_table; *c != NULL; c++)
			if (strncmp((*c)->name, name, len) == 0 && (shortest == NULL ||
			    strlen((*c)->name) < strlen(shortest->name)))
				shortest = *c;
		for (c = command_table; *c != NULL; c++)
			if (strncmp((*c)->name, shortest->name,
			    strlen(shortest->name)) == 0)
				extended++;
		if (extended == n) {
			sb_free(&sb);
			return shortest;
		}
	}
	if (n > 1) {
		snprintf(err, errlen, _("ambiguous command: %s, could be: %s"), name,
		    sb_str(&sb));
		sb_free(&sb);
		return NULL;
	}
	sb_free(&sb);
	for (c = command_table; *c != NULL; c++) {
		if ((d = edit_distance(name, (*c)->name)) < best) {
			best = d;
			near = *c;
		}
	}
	if (near != NULL)
		snprintf(err, errlen, _("unknown command: %s (did you mean %s?)"),
		    name, near->name);
	else
		snprintf(err, errlen, _("unknown command: %s (type help for the list)"),
		    name);
	return NULL;
}

const struct command *
cmd_find_len(const char *name, size_t len, char *err, size_t errlen)
{
	const struct command *found = by_name_get(name, len);

	/* A quoted word with a NUL in it: the name is what comes before it. */
	if (found == NULL && memchr(name, '\0', len) != NULL)
		found = by_name_get(name, strlen(name));
	return found != NULL ? found : cmd_find_near(name, err, errlen);
}

const struct command *
cmd_find(const char *name, char *err, size_t errlen)
{
	return cmd_find_len(name, strlen(name), err, errlen);
}

enum cmd_retval
cmd_usage_error(struct shell *sh, const struct command *cmd, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&msg, _(fmt), ap);
	va_end(ap);
	shell_error(sh, "%s: %s (usage: %s%s%s)", cmd->name, sb_str(&msg),
	    cmd->name, *cmd->usage ? " " : "", cmd->usage);
	sb_free(&msg);
	return CMD_RETURN_ERROR;
}

int
word_fd(const struct word *w)
{
	long v = 0;
	bool big = false;

	if (w->quoted || w->len < 3 || w->s[0] != 'f' || w->s[1] != 'd')
		return -1;
	for (size_t i = 2; i < w->len; i++) {
		if (w->s[i] < '0' || w->s[i] > '9')
			return -1;
		v = v * 10 + (w->s[i] - '0');
		/* Too big to be open: still a descriptor word, refused as out of range. */
		if (v > FD_NUMBER_MAX) {
			big = true;
			v = 0;
		}
	}
	return big ? INT_MAX : (int)v;
}

/* Is W a flag word ("-x") made only of letters this command accepts? */
static bool
is_flag_word(const struct command *cmd, const struct word *w)
{
	if (w->quoted || w->len < 2 || w->s[0] != '-' || cmd->args.flags == NULL)
		return false;
	for (size_t i = 1; i < w->len; i++)
		if (w->s[i] < 'a' || w->s[i] > 'z')
			return false;
	return true;
}

bool
fd_is_open(struct shell *sh, const struct command *cmd, int fd)
{
	if (fd_table_find(&sh->fds, fd) != NULL)
		return true;
	/* word_fd's mark of a number too big for any descriptor. */
	if (fd == INT_MAX)
		cmd_usage_error(sh, cmd, "descriptor number out of range "
		    "(fd0..fd%d)", FD_NUMBER_MAX);
	else if (fd >= 0 && fd <= 2)
		cmd_usage_error(sh, cmd, "fd%d is the shell's own (0, 1, 2: stdin, "
		    "stdout, stderr); its sockets are fd3 and up (see `fds`)", fd);
	else
		cmd_usage_error(sh, cmd, "fd%d is not open in this shell (see "
		    "`fds`)", fd);
	return false;
}

bool
args_descriptor(struct shell *sh, struct args *args, size_t i, bool bare,
    int *fd)
{
	const struct word *w = &args->argv[i];
	long v;
	int n = word_fd(w);

	if (n == -1) {
		if (!bare) {
			cmd_usage_error(sh, args->cmd, "not a descriptor: %s (fdN)",
			    w->s);
			return false;
		}
		if (!args_number(sh, args, i, N_("descriptor"), 0, FD_NUMBER_MAX, &v))
			return false;
		n = (int)v;
	}
	if (!fd_is_open(sh, args->cmd, n))
		return false;
	*fd = n;
	return true;
}

/*
 * Before CMD runs: the ports it may change are no longer known (fd_entry's
 * lport, pport) for the descriptors its line names, unless it is marked
 * ports_kept: bind, connect and socket keep them themselves; the other marked
 * ones never change them.
 */
/* W as one to nine plain digits, unquoted (no sign, no blank): its value, or -1. */
static long
plain_digits(const struct word *w)
{
	long v = 0;

	if (w->quoted || w->len == 0 || w->len > 9)
		return -1;
	for (size_t i = 0; i < w->len; i++) {
		if (w->s[i] < '0' || w->s[i] > '9')
			return -1;
		v = v * 10 + (w->s[i] - '0');
	}
	return v;
}

/* W as a bare number of up to seven digits (a descriptor written bare), or -1. */
static int
bare_number(const struct word *w)
{
	return w->len >= 8 ? -1 : (int)plain_digits(w);
}

static void
ports_before(struct shell *sh, const struct command *cmd,
    const struct args *args)
{
	bool listen = cmd == &cmd_listen_entry;

	if (cmd->ports_kept)
		return;
	for (size_t i = 0; i <= args->argc; i++) {
		const struct word *w = i < args->argc ? &args->argv[i] : NULL;
		int fd = w == NULL ? args->fd : word_fd(w);
		struct fd_entry *e;

		if (w != NULL && fd < 0)
			fd = bare_number(w);
		if ((e = fd_table_find(&sh->fds, fd)) == NULL)
			continue;
		/* listen gives an unbound socket a port of the kernel's choice. */
		if (listen) {
			if (e->lport == 0)
				e->lport = -1;
		} else {
			e->lport = e->pport = -1;
		}
	}
}

/* The positional words, unless they are the stack's FEW. */
static void
words_free(struct word *pos, struct word *few)
{
	if (pos != few)
		free(pos);
}

enum cmd_retval
cmd_run(struct shell *sh, struct command_words *cw)
{
	const struct command *cmd;
	struct args args;
	char err[256];
	size_t i, n = 0;
	struct word *pos, few[8];
	enum cmd_retval rv;
	bool was_valid;

	if ((cmd = cmd_find_len(cw->v[0].s, cw->v[0].len, err, sizeof err)) == NULL) {
		/* A refused line makes no call: `expect` still sees the one before. */
		shell_error(sh, "%s", err);
		return CMD_RETURN_ERROR;
	}

	memset(&args, 0, sizeof args);
	args.cmd = cmd;
	args.fd = -1;
	/* A command's words mostly fit on the stack; more go to the heap. */
	if (cw->n <= sizeof few / sizeof few[0]) {
		pos = few;
	} else {
		pos = xcalloc(cw->n, sizeof *pos);
	}
	for (i = 1; i < cw->n; i++) {
		struct word *w = &cw->v[i];

		if (is_flag_word(cmd, w)) {
			for (size_t j = 1; j < w->len; j++) {
				if (strchr(cmd->args.flags, w->s[j]) == NULL) {
					words_free(pos, few);
					return cmd_usage_error(sh, cmd,
					    "unknown flag -%c", w->s[j]);
				}
				args.flags |= FLAG(w->s[j]);
			}
			continue;
		}
		pos[n++] = *w;
	}
	/* After the last: a zeroed word, as xcalloc leaves it (CW has one more). */
	memset(&pos[n], 0, sizeof pos[n]);
	args.argv = pos;
	args.argc = n;

	if (cmd->fd == CMD_FD_CURRENT) {
		int fd = n > 0 ? word_fd(&pos[0]) : -1;

		if (fd >= 0) {
			args.argv++;
			args.argc--;
		} else if ((fd = sh->fds.current) == -1) {
			words_free(pos, few);
			return cmd_usage_error(sh, cmd, "no current descriptor: "
			    "make one with `socket`, or name one as fdN");
		}
		if (!fd_is_open(sh, cmd, fd)) {
			words_free(pos, few);
			return CMD_RETURN_ERROR;
		}
		args.fd = fd;
	}
	if ((int)args.argc < cmd->args.lower) {
		words_free(pos, few);
		return cmd_usage_error(sh, cmd, "missing argument");
	}
	if (cmd->args.upper >= 0 && (int)args.argc > cmd->args.upper) {
		int n = bare_number(&args.argv[0]);

		words_free(pos, few);
		/* `accept 3`: the descriptor wants its fd. */
		if (cmd->fd == CMD_FD_CURRENT && n >= 0 &&
		    fd_table_find(&sh->fds, n) != NULL)
			return cmd_usage_error(sh, cmd, "too many arguments (a "
			    "descriptor is written fd%d)", n);
		return cmd_usage_error(sh, cmd, "too many arguments");
	}
	/* A command that runs and makes no call leaves none for `expect`. */
	was_valid = sh->last.valid;
	if (!cmd->keep_last)
		sh->last.valid = false;
	/* Packets that came since the last command belong before this one. */
	trace_catch_up(sh, false);
	trace_names_refresh(sh);
	ports_before(sh, cmd, &args);
	rv = cmd->exec(sh, &args);
	/* A wait the command announced is over, even when it made no call. */
	call_wait_end(NULL, false);
	trace_catch_up(sh, false);
	/* What the children said meanwhile, and which of them ended. */
	children_catch_up(sh, false);
	if (rv == CMD_RETURN_ERROR && !cmd->keep_last && !sh->last.valid)
		sh->last.valid = was_valid;
	words_free(pos, few);
	return rv;
}

void
args_text(struct args *args, size_t from, char **data, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = from; i < args->argc; i++) {
		if (i > from)
			sb_addc(&sb, ' ');
		sb_addn(&sb, args->argv[i].s, args->argv[i].len);
	}
	sb_addn(&sb, "", 0);
	*data = sb.s;
	*len = sb.len;
}

bool
args_number(struct shell *sh, struct args *args, size_t i, const char *what,
    long min, long max, long *out)
{
	const char *s = args->argv[i].s;
	char *end;
	long v = plain_digits(&args->argv[i]);

	/* A few digits, what most lines give: read here; anything else strtol's. */
	if (v >= 0 && v >= min && v <= max) {
		*out = v;
		return true;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || args->argv[i].quoted) {
		cmd_usage_error(sh, args->cmd, "%s is not a number: %s", _(what), s);
		return false;
	}
	if (errno == ERANGE || v < min || v > max) {
		cmd_usage_error(sh, args->cmd, "%s out of range: %s (%ld..%ld)",
		    _(what), s, min, max);
		return false;
	}
	*out = v;
	return true;
}

/* Is W a HOST:PORT ([V6]:PORT) in one word? *COLON: the colon before the port. */
static bool
host_colon_port(const char *w, const char **colon)
{
	const char *c = strrchr(w, ':');

	if (c == NULL || c == w || c[1] == '\0' ||
	    strspn(c + 1, "0123456789") != strlen(c + 1))
		return false;
	/* An IPv6 address has colons of its own: only [ADDR]:PORT is one. */
	if (memchr(w, ':', (size_t)(c - w)) != NULL &&
	    !(w[0] == '[' && c[-1] == ']' && c - w > 2))
		return false;
	if (w[0] == '[' && c[-1] != ']')
		return false;
	*colon = c;
	return true;
}

bool
args_address(struct shell *sh, struct args *args, size_t from,
    const struct fd_entry *e, bool passive, struct addr_list *out)
{
	size_t n = args->argc - from;
	unsigned port;
	char err[256];
	const char *colon;

	addr_list_init(out);
	if (e->family == AF_UNIX) {
		if (n != 1) {
			cmd_usage_error(sh, args->cmd, "a unix socket takes one PATH");
			return false;
		}
		if (addr_unix(args->argv[from].s, args->argv[from].len,
		    addr_list_one(out), err, sizeof err) == -1) {
			addr_list_free(out);
			cmd_usage_error(sh, args->cmd, "%s", err);
			return false;
		}
		return true;
	}
	if (n == 1 && host_colon_port(args->argv[from].s, &colon)) {
		/* 127.0.0.1:8080, as URLs and nc's output write it. */
		const char *w = args->argv[from].s;
		bool v6 = w[0] == '[';

		cmd_usage_error(sh, args->cmd, "the address and the port are two "
		    "words: %s %.*s %s", args->cmd->name,
		    (int)(colon - w) - 2 * v6, w + v6, colon + 1);
		return false;
	}
	if (n < (passive ? 1u : 2u) || n > 2) {
		cmd_usage_error(sh, args->cmd, n > 2 ? "too many arguments" :
		    "missing argument");
		return false;
	}
	if (addr_parse_port(args->argv[from + n - 1].s, &port, err,
	    sizeof err) == -1) {
		cmd_usage_error(sh, args->cmd, "%s", err);
		return false;
	}
	if (n == 1) {
		addr_wildcard(e->family, port, addr_list_one(out));
		return true;
	}
	switch (addr_lookup(e->family, e->type, args->argv[from].s, port, out,
	    err, sizeof err)) {
	case -1:
		shell_error(sh, "%s: %s", args->cmd->name, err);
		return false;
	case -2:
		/* Cut short as a call is: a note, and the shell goes on (or ends). */
		shell_note(sh, "nothing was called: %s came during the lookup of %s",
		    shell_signal_name(), args->argv[from].s);
		return false;
	}
	return true;
}

void
addr_list_note(struct shell *sh, const char *host, const struct addr_list *al)
{
	struct strbuf sb = STRBUF_INIT;

	if (al->short_form && al->n == 1) {
		char ip[INET_ADDRSTRLEN] = "?";

		inet_ntop(AF_INET, &((const struct sockaddr_in *)&al->v[0].ss)->sin_addr,
		    ip, sizeof ip);
		shell_note(sh, "%s is read as %s, as inet_aton reads it: the last "
		    "number fills the bytes left, a leading 0 means octal, 0x hex",
		    host, ip);
		return;
	}
	if (!al->looked_up && !al->lab_name)
		return;
	for (size_t i = 0; i < al->n; i++) {
		sb_add(&sb, i ? ", " : "");
		addr_format(&sb, (const struct sockaddr *)&al->v[i].ss, al->v[i].len);
	}
	if (al->lab_name)
		shell_note(sh, "%s is a host of the lab: %s (the lab's own name, "
		    "not looked up with getaddrinfo)", host, sb_str(&sb));
	else
		shell_note(sh, "getaddrinfo(\"%s\") found %s", host, sb_str(&sb));
	sb_free(&sb);
}
