/* commands.h: what a command is, and the one table of them. */
#ifndef SOCKSHELL_COMMANDS_H
#define SOCKSHELL_COMMANDS_H

#include <stdbool.h>
#include <stddef.h>

#include "lexer.h"
#include "shell.h"

enum cmd_retval {
	CMD_RETURN_NORMAL,	/* ran (the call itself may have failed: that is a result) */
	CMD_RETURN_ERROR,	/* refused before any call: bad input */
	CMD_RETURN_EXIT,	/* leave the shell */
};

/* Where a command stands in the socket lifecycle, for `help`. */
enum cmd_stage {
	STAGE_CREATE,
	STAGE_ADDRESS,
	STAGE_CONNECT,
	STAGE_TRANSFER,
	STAGE_OPTIONS,
	STAGE_END,
	STAGE_SHELL,
};

/* How a command finds the descriptor it acts on. */
enum cmd_fd {
	CMD_FD_NONE,		/* acts on no descriptor */
	CMD_FD_CURRENT,		/* optional fdN first, else the current descriptor */
};

/* What a positional argument is: completion offers candidates by kind. */
enum arg_kind {
	ARGK_NONE,		/* free text, a number: nothing to offer */
	ARGK_FAMILY,		/* inet, inet6, unix */
	ARGK_TYPE,		/* stream, dgram */
	ARGK_UNIX,		/* unix (socketpair's only family), then a type */
	ARGK_HOST,		/* an address or host name */
	ARGK_PATH,		/* a file name (unix socket, script) */
	ARGK_FD,		/* a descriptor in the table: fd3 */
	ARGK_SOCKOPT,		/* an option name for getsockopt */
	ARGK_SOCKOPT_SET,	/* an option name setsockopt can set */
	ARGK_MSGFLAG,		/* send/recv flags: peek, dontwait... */
	ARGK_SHUTMODE,		/* rd, wr, rdwr */
	ARGK_ONOFF,		/* on, off */
	ARGK_COMMAND,		/* a command name (help, man) */
	ARGK_SETTING,		/* a `set` name */
	ARGK_LESSON,		/* an installed lesson */
	ARGK_EXPECT,		/* ok, errno names */
	ARGK_TRACE,		/* on, off, save, load */
	ARGK_LABHOST,		/* a host of the lab: client, server */
	ARGK_EPOLL,		/* create, add, mod, del, wait */
	ARGK_EPOLLEV,		/* epoll events: in, out, et... */
	ARGK_IOCTL,		/* an ioctl request: fionread */
	ARGK_SOCKFLAG,		/* socket/accept4 flags: nonblock, cloexec */
	ARGK_SENDMSG,		/* sendmsg after a piece: rights, to, flags; fdN after rights */
	ARGK_RECVMSG,		/* recvmsg: rights (then N), flags */
	ARGK_CHILD,		/* wait: nohang, the pids of unreaped children */
};

#define ARGK_MAX	4

struct args {
	const struct command	*cmd;
	int			 fd;		/* with CMD_FD_CURRENT: the descriptor */
	unsigned		 flags;		/* FLAG('x') etc, from the -x words */
	size_t			 argc;		/* positional words after fdN and flags */
	struct word		*argv;
};

#define FLAG(c)		(1u << ((c) - 'a'))

struct command {
	const char	*name;
	const char	*alias;
	const char	*usage;		/* the arguments, as `help` and errors show them */
	const char	*summary;	/* one line */
	const char	*help;		/* what it does, in two lines, for `help CMD` */
	const char	*proto;		/* the C prototype of the call it makes, or NULL */
	const char	*call;		/* the call as printed, when not NAME: send prints sendto */
	const char	*see;		/* the man page: "bind(2)" */
	enum cmd_stage	 stage;
	enum cmd_fd	 fd;
	struct {
		const char	*flags;	/* letters accepted as -x */
		int		 lower;
		int		 upper;	/* -1: no limit */
	} args;
	/* Positional arguments after the optional fdN, by kind; the last repeats. */
	enum arg_kind	 complete[ARGK_MAX];
	bool		 keep_last;	/* does not make a call: `expect` still sees the one before */
	bool		 ports_kept;	/* never changes the ports the shell knows, or keeps them itself */
	enum cmd_retval	(*exec)(struct shell *, struct args *);
};

/* Every command, in the order `help` lists them, NULL-terminated. */
extern const struct command *const command_table[];

/* By name, alias, or unique prefix. On failure, ERR says why (unknown, ambiguous). */
const struct command	*cmd_find(const char *, char *err, size_t errlen);
/* The same, of a word whose length is known. */
const struct command	*cmd_find_len(const char *, size_t len, char *err,
			    size_t errlen);
/* Run one lexed command. */
enum cmd_retval		 cmd_run(struct shell *, struct command_words *);
/* Refuse bad input: "NAME: reason (usage: NAME USAGE)". */
enum cmd_retval		 cmd_usage_error(struct shell *, const struct command *,
			    const char *, ...) __attribute__((format(printf, 3, 4)));
const char		*cmd_stage_name(enum cmd_stage);

/* Helpers for exec functions. */
/* Join argv[from..] as TEXT: one quoted word as is, bare words with single spaces. */
void	args_text(struct args *, size_t from, char **data, size_t *len);
/* A whole number in [min, max], or a usage error naming WHAT. */
bool	args_number(struct shell *, struct args *, size_t i, const char *what,
	    long min, long max, long *out);
/*
 * The address argv[from..] names for the socket E: PATH for a unix socket,
 * HOST PORT otherwise, or PORT alone (the wildcard) when PASSIVE. Errors are
 * printed as usage errors; returns false then.
 */
struct addr_list;
struct fd_entry;
bool	args_address(struct shell *, struct args *, size_t from,
	    const struct fd_entry *e, bool passive, struct addr_list *out);
/* The largest descriptor number a command takes. */
#define FD_NUMBER_MAX	1000000
/* "fd7" -> 7 for an unquoted word, INT_MAX past FD_NUMBER_MAX; -1 otherwise. */
int	word_fd(const struct word *);
/* Is FD in the table? Otherwise a usage error of CMD, and false. */
bool	fd_is_open(struct shell *, const struct command *, int fd);
/* "nonblock" or "cloexec" (socket, accept4): its SOCK_ flag added to FLAGS. */
bool	parse_sock_flag(const struct word *, int *flags);
/*
 * The descriptor argv[I] names, open in this shell: fdN, or N too when BARE.
 * Otherwise a usage error ("fd9 is not open in this shell") and false.
 */
bool	args_descriptor(struct shell *, struct args *, size_t i, bool bare,
	    int *fd);
/*
 * Who sent the last datagram recvfrom got on FD, while FD is still that
 * socket (`sendto back`); NULL when none with an address.
 */
struct sockaddr_any;
const struct sockaddr_any *sender_of(struct shell *, int fd);
/* Words of the shell's own on what HOST stood for: getaddrinfo's answer, or a lab host. */
void	addr_list_note(struct shell *, const char *host, const struct addr_list *);

#endif
