/* cmd-bind.c: bind(2), giving a socket its local address. */
#include "config.h"

#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
#include "call.h"
#include "print.h"
#include "ss.h"

/*
 * Which socket keeps PORT from E, as the kernel's table has them: what picks
 * bind's hint for EADDRINUSE (a listener, a connection still open or closing,
 * only TIME_WAIT, a UDP socket), or NULL.
 */
static const char *
port_holder(const struct shell *sh, const struct fd_entry *e, unsigned port)
{
	int proto = e->type == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
	bool listener = false, open = false, timewait = false, udp = false;
	struct ss_socket *v;
	size_t n;

	/* A listener of this shell's own: not another shell's to close. */
	for (const struct fd_entry *o = fd_table_first(&sh->fds); o != NULL;
	    o = fd_table_next(&sh->fds, o))
		if (o != e && o->listening && o->lport == (int)port &&
		    o->host == e->host && o->type == e->type)
			return "ownlistener";

	if (ss_read_host(e->host, &v, &n) == -1)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (v[i].proto != proto || ss_port(&v[i].local) != port)
			continue;
		if (proto == IPPROTO_UDP)
			udp = true;
		else if (v[i].state == TCP_LISTEN)
			listener = true;
		else if (v[i].state == TCP_TIME_WAIT)
			timewait = true;
		else
			open = true;
	}
	free(v);
	return udp ? "udp" : listener ? "listener" : open ? "open" :
	    timewait ? "timewait" : NULL;
}

/*
 * What is at the path a unix socket's bind found in use: NULL for a socket
 * (an earlier run's: `unlink` removes it), "notsocket" for anything else (a
 * file, a directory: `unlink` here refuses them).
 */
static const char *
path_holder(const struct sockaddr_any *a)
{
	const struct sockaddr_un *un = (const struct sockaddr_un *)&a->ss;
	size_t at = offsetof(struct sockaddr_un, sun_path), n;
	char path[sizeof un->sun_path + 1];
	struct stat st;

	if (a->len <= at || un->sun_path[0] == '\0')
		return NULL;
	n = a->len - at;
	memcpy(path, un->sun_path, n);
	path[n] = '\0';
	if (lstat(path, &st) == -1 || S_ISSOCK(st.st_mode))
		return NULL;
	return "notsocket";
}

/* Has socket FD a local port already (connect, listen or a send gave it one)? */
static bool
has_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	return getsockname(fd, (struct sockaddr *)&ss, &len) == 0 &&
	    ss_port(&ss) != 0;
}

static enum cmd_retval
cmd_bind_exec(struct shell *sh, struct args *args)
{
	struct fd_entry *e = fd_table_find(&sh->fds, args->fd);
	struct call c;
	struct addr_list al;
	struct sockaddr_any *a;
	int rc;

	if (!args_address(sh, args, 0, e, true, &al))
		return CMD_RETURN_ERROR;
	/* A name: what it stood for, as connect says it; bind takes the first. */
	addr_list_note(sh, args->argv[0].s, &al);
	a = &al.v[0];

	call_begin(&c, "bind", args->fd);
	rc = bind(args->fd, (struct sockaddr *)&a->ss, a->len);
	call_returned(&c, rc, errno);
	sb_addlong(&c.args, args->fd);
	sb_add(&c.args, ", ");
	pr_sockaddr(&c.args, (struct sockaddr *)&a->ss, a->len);
	sb_add(&c.args, ", ");
	sb_addulong(&c.args, (unsigned)a->len);
	if (rc == -1 && c.err == EADDRINUSE && ss_port(&a->ss) != 0 &&
	    (a->ss.ss_family == AF_INET || a->ss.ss_family == AF_INET6))
		c.what = port_holder(sh, e, ss_port(&a->ss));
	else if (rc == -1 && c.err == EINVAL && !e->bound &&
	    (e->family == AF_INET || e->family == AF_INET6) && has_port(args->fd))
		c.what = "autobound";	/* no bind of its own: connect's, or a send's */
	else if (rc == -1 && c.err == EADDRINUSE && a->ss.ss_family == AF_UNIX)
		c.what = path_holder(a);
	call_end(sh, &c);
	if (rc == 0) {
		e->bound = true;
		/* Port 0: the kernel chose one, not known here. */
		if (a->ss.ss_family == AF_INET || a->ss.ss_family == AF_INET6)
			e->lport = ss_port(&a->ss) != 0 ?
			    (int)ss_port(&a->ss) : -1;
	}
	addr_list_free(&al);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_bind_entry = {
	.name = "bind",
	.usage = "[fdN] [ADDR] PORT | [fdN] PATH",
	.summary = N_("give the socket a local address (ADDR defaults to the wildcard)"),
	.help = N_("Names the socket: the address and port a server is reached at.\n"
	    "A client rarely binds; connect picks a free port for it."),
	.proto = "int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
	.see = "bind(2)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_CURRENT,
	.args = { NULL, 1, 2 },
	.complete = { ARGK_HOST, ARGK_NONE },
	.ports_kept = true,
	.exec = cmd_bind_exec,
};
