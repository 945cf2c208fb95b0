/* cmd-resolve.c: getaddrinfo(3), what a name stands for, before any socket. */
#include "config.h"

#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "commands.h"
#include "lab.h"
#include "lookup.h"
#include "print.h"
#include "xlat.h"

/* One result: family, type, protocol, address (and port when one was asked). */
static void
note_result(struct shell *sh, const struct addrinfo *ai, bool with_port)
{
	struct strbuf fam = STRBUF_INIT, type = STRBUF_INIT, proto = STRBUF_INIT;
	struct strbuf where = STRBUF_INIT;
	char num[NI_MAXHOST];

	pr_xlat(&fam, xlat_families, ai->ai_family, "AF_???");
	pr_xlat(&type, xlat_socktypes, ai->ai_socktype, "SOCK_???");
	pr_xlat(&proto, xlat_ipprotos, ai->ai_protocol, "IPPROTO_???");
	if (with_port)
		addr_format(&where, ai->ai_addr, ai->ai_addrlen);
	else if (getnameinfo(ai->ai_addr, ai->ai_addrlen, num, sizeof num, NULL,
	    0, NI_NUMERICHOST) == 0)
		sb_add(&where, num);
	else
		sb_add(&where, "?");
	shell_note(sh, "%-9s %-12s %-12s %s", sb_str(&fam), sb_str(&type),
	    sb_str(&proto), sb_str(&where));
	sb_free(&fam);
	sb_free(&type);
	sb_free(&proto);
	sb_free(&where);
}

/* HOST, a host of the lab: its addresses, which the lab knows and getaddrinfo does not. */
static void
note_lab_host(struct shell *sh, const char *host, bool with_port,
    unsigned port)
{
	static const int families[] = { AF_INET, AF_INET6 };
	struct sockaddr_storage ss;
	char num[NI_MAXHOST];
	socklen_t len;
	bool found = false;

	for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
		struct strbuf fam = STRBUF_INIT, where = STRBUF_INIT;

		if (lab_resolve(host, families[i], &ss, &len) != 1)
			continue;
		if (!found)
			shell_note(sh, "%s is a host of the lab (the lab's own name, "
			    "not looked up with getaddrinfo):", host);
		found = true;
		if (ss.ss_family == AF_INET6)
			((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		else
			((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
		pr_xlat(&fam, xlat_families, ss.ss_family, "AF_???");
		if (with_port)
			addr_format(&where, (struct sockaddr *)&ss, len);
		else if (getnameinfo((struct sockaddr *)&ss, len, num, sizeof num,
		    NULL, 0, NI_NUMERICHOST) == 0)
			sb_add(&where, num);
		shell_note(sh, "%-9s %s", sb_str(&fam), sb_str(&where));
		sb_free(&fam);
		sb_free(&where);
	}
}

static enum cmd_retval
cmd_resolve_exec(struct shell *sh, struct args *args)
{
	struct addrinfo hints, *res = NULL, *ai;
	const char *host = args->argv[0].s, *port = NULL;
	char bare[NI_MAXHOST], err[256];
	size_t hlen = args->argv[0].len, n = 0;
	struct sockaddr_storage ss;
	struct servent *se;
	socklen_t sslen;
	unsigned num = 0;
	int rc;

	if (hlen == 0 || memchr(host, '\0', hlen) != NULL)
		return cmd_usage_error(sh, args->cmd, "HOST is empty or holds a NUL");
	/* "[::1]" is how URLs write an IPv6 address; the brackets are not part of it. */
	if (hlen > 2 && host[0] == '[' && host[hlen - 1] == ']' &&
	    hlen - 2 < sizeof bare) {
		memcpy(bare, host + 1, hlen - 2);
		bare[hlen - 2] = '\0';
		host = bare;
	}
	if (args->argc == 2) {
		port = args->argv[1].s;
		/* A number must be a port; a word is a service name ("http"). */
		if (*port >= '0' && *port <= '9' &&
		    addr_parse_port(port, &num, err, sizeof err) == -1)
			return cmd_usage_error(sh, args->cmd, "%s", err);
	}

	/* The lab's hosts are the lab's to say: a service name is still looked up. */
	if (lab_resolve(host, AF_UNSPEC, &ss, &sslen) == 1) {
		if (port != NULL && !(*port >= '0' && *port <= '9')) {
			if ((se = getservbyname(port, NULL)) == NULL) {
				shell_error(sh, "%s: unknown service %s (a port "
				    "number, or a name in /etc/services)",
				    args->cmd->name, port);
				return CMD_RETURN_ERROR;
			}
			num = ntohs((uint16_t)se->s_port);
		}
		note_lab_host(sh, host, port != NULL, num);
		return CMD_RETURN_NORMAL;
	}

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;	/* every family, every type: all it knows */
	if ((rc = lookup(host, port, &hints, &res)) != 0) {
		const char *why = rc == EAI_SYSTEM ? strerror(errno) :
		    gai_strerror(rc);

		if (rc == EAI_INTR)
			shell_note(sh, "%s came during the lookup of %s: it was "
			    "cut short", shell_signal_name(), host);
		else if (port != NULL)
			shell_error(sh, "%s: cannot resolve %s port %s: %s",
			    args->cmd->name, host, port, why);
		else
			shell_error(sh, "%s: cannot resolve %s: %s",
			    args->cmd->name, host, why);
		return CMD_RETURN_ERROR;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
		n++;
	if (port != NULL)
		shell_note(sh, "getaddrinfo(\"%s\", \"%s\") found %zu:", host, port,
		    n);
	else
		shell_note(sh, "getaddrinfo(\"%s\", NULL) found %zu:", host, n);
	for (ai = res; ai != NULL; ai = ai->ai_next)
		note_result(sh, ai, port != NULL);
	lookup_free(res);
	return CMD_RETURN_NORMAL;
}

const struct command cmd_resolve_entry = {
	.name = "resolve",
	.usage = "HOST [PORT]",
	.summary = N_("look a name up with getaddrinfo and list every address it gives"),
	.help = N_("A library call, not a system call: it reads /etc/hosts or asks DNS.\n"
	    "connect asks the same for its socket's family and type, and tries each in turn."),
	.proto = "int getaddrinfo(const char *node, const char *service, "
	    "const struct addrinfo *hints, struct addrinfo **res);",
	.see = "getaddrinfo(3)",
	.stage = STAGE_ADDRESS,
	.fd = CMD_FD_NONE,
	.args = { NULL, 1, 2 },
	.complete = { ARGK_HOST, ARGK_NONE },
	.exec = cmd_resolve_exec,
};
