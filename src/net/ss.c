/* ss.c: TCP and UDP sockets from /proc/net, as ss(8) lists them, without a socket of our own. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lab.h"
#include "ss.h"
#include "xlat.h"

/* Hex digits of /proc's address into ADDR (the kernel prints each 32-bit word in host order). */
static bool
parse_hex_addr(const char *s, size_t len, int family, struct sockaddr_storage *ss,
    unsigned port)
{
	uint32_t w[4];
	size_t words = family == AF_INET6 ? 4 : 1;

	if (len != words * 8)
		return false;
	for (size_t i = 0; i < words; i++) {
		char hex[9];
		char *end;

		memcpy(hex, s + i * 8, 8);
		hex[8] = '\0';
		w[i] = (uint32_t)strtoul(hex, &end, 16);
		if (*end != '\0')
			return false;
	}
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		memcpy(&sin->sin_addr, w, 4);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		memcpy(&sin6->sin6_addr, w, 16);
	}
	return true;
}

/* "0100007F:1F90" into an address. */
static bool
parse_endpoint(const char *word, int family, struct sockaddr_storage *ss)
{
	const char *colon = strchr(word, ':');
	unsigned long port;
	char *end;

	if (colon == NULL)
		return false;
	port = strtoul(colon + 1, &end, 16);
	if (*end != '\0' || port > 65535)
		return false;
	return parse_hex_addr(word, (size_t)(colon - word), family, ss,
	    (unsigned)port);
}

bool
ss_parse_line(const char *line, int family, int proto, struct ss_socket *s)
{
	char local[64], peer[64];
	unsigned state, timer;
	unsigned long txq, rxq, when, inode;

	/* sl  local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode */
	if (sscanf(line, " %*u: %63s %63s %x %lx:%lx %x:%lx %*x %*u %*u %lu",
	    local, peer, &state, &txq, &rxq, &timer, &when, &inode) != 8)
		return false;
	memset(s, 0, sizeof *s);
	if (!parse_endpoint(local, family, &s->local) ||
	    !parse_endpoint(peer, family, &s->peer))
		return false;
	s->proto = proto;
	s->state = (int)state;
	s->send_q = txq;
	s->recv_q = rxq;
	s->timer = timer <= SS_TIMER_PROBE ? (enum ss_timer)timer : SS_TIMER_NONE;
	s->timer_ticks = s->timer != SS_TIMER_NONE ? when : 0;
	s->inode = inode;
	return true;
}

int
ss_read(struct ss_socket **out, size_t *n)
{
	static const struct {
		const char	*name;
		int		 family;
		int		 proto;
	} files[] = {
		{ "tcp", AF_INET, IPPROTO_TCP },
		{ "tcp6", AF_INET6, IPPROTO_TCP },
		{ "udp", AF_INET, IPPROTO_UDP },
		{ "udp6", AF_INET6, IPPROTO_UDP },
	};
	struct ss_socket *v = NULL, s;
	size_t cap = 0, opened = 0;
	char line[512], path[64];
	int first_err = ENOENT;
	/*
	 * /proc/net is /proc/self/net: the network namespace of the process's
	 * main thread. /proc/thread-self/net is this thread's, where setns
	 * (lab_enter) moved it; a kernel before 3.17 has only the first.
	 */
	const char *dir = access("/proc/thread-self/net", F_OK) == 0 ?
	    "/proc/thread-self/net" : "/proc/net";

	*n = 0;
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		FILE *fp;

		snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
		fp = fopen(path, "re");

		/* No IPv6 on this machine: no tcp6. */
		if (fp == NULL) {
			if (i == 0)
				first_err = errno;
			continue;
		}
		opened++;
		while (fgets(line, sizeof line, fp) != NULL) {
			if (!ss_parse_line(line, files[i].family, files[i].proto, &s))
				continue;
			if (*n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof *v);
			}
			v[(*n)++] = s;
		}
		fclose(fp);
	}
	*out = v;
	if (opened == 0) {
		errno = first_err;
		return -1;
	}
	return 0;
}

int
ss_read_host(int host, struct ss_socket **out, size_t *n)
{
	int rc, saved;

	if (host < 0 || !lab_active())
		return ss_read(out, n);
	*out = NULL;
	*n = 0;
	if (lab_enter(host) == -1)
		return -1;
	rc = ss_read(out, n);
	saved = errno;
	lab_leave();
	errno = saved;
	return rc;
}

const char *
ss_state_name(const struct ss_socket *s)
{
	const char *name;

	if (s->proto == IPPROTO_UDP)
		return s->state == TCP_ESTABLISHED ? "ESTABLISHED" : "UNCONN";
	if ((name = xlat_name(xlat_tcp_states, s->state)) != NULL)
		return name + 4;	/* without "TCP_", as fds shows it */
	return "?";
}

unsigned
ss_port(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

void
ss_format_addr(struct strbuf *sb, const struct sockaddr_storage *ss)
{
	char host[INET6_ADDRSTRLEN];
	unsigned port = ss_port(ss);

	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
		    host, sizeof host);
		sb_add(sb, host);
	} else {
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr,
		    host, sizeof host);
		sb_addf(sb, "[%s]", host);
	}
	if (port == 0)
		sb_add(sb, ":*");
	else
		sb_addf(sb, ":%u", port);
}

/* ---- the ports this shell used ---- */

#define PORTS_MAX	128

/* A ring: the oldest at FIRST; when full, a new port takes the oldest's place. */
static struct {
	unsigned	 port;
	int		 host;
}		ports[PORTS_MAX];
static size_t	nports, first;

#define PORT_AT(i)	ports[(first + (i)) % PORTS_MAX]

/*
 * How many ports the ring holds by their low 12 bits: a port whose count is
 * 0 is not there, found without a look through the ring (a lesson that
 * takes a new port each time asks mostly for ports not there; with 128 held,
 * one in 32 of them looks through).
 */
#define BY_LOW(port)	((port) & 0xfff)
static unsigned char	by_low[4096];

static void
remember_port(unsigned port, int host)
{
	if (port == 0 || ss_port_remembered(port, host))
		return;
	if (nports == PORTS_MAX) {
		by_low[BY_LOW(ports[first].port)]--;
		first = (first + 1) % PORTS_MAX;
		nports--;
	}
	PORT_AT(nports).port = port;
	PORT_AT(nports).host = host;
	by_low[BY_LOW(port)]++;
	nports++;
}

void
ss_remember_ports(int fd, int host, int lport, int pport)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	/*
	 * The peer's port known: the connection's rows are found by it (ss
	 * matches either end), so its own port, the kernel's pick, is not asked.
	 */
	if (lport == -1 && pport > 0)
		lport = 0;
	else if (lport == -1)
		lport = getsockname(fd, (struct sockaddr *)&ss, &len) == 0 ?
		    (int)ss_port(&ss) : 0;
	/* No port of its own: never bound nor connected, so no peer either. */
	if (lport == 0 && pport <= 0)
		return;
	remember_port((unsigned)lport, host);
	len = sizeof ss;
	if (pport == -1)
		pport = getpeername(fd, (struct sockaddr *)&ss, &len) == 0 ?
		    (int)ss_port(&ss) : 0;
	remember_port((unsigned)pport, host);
}

void
ss_remember_fd(int fd, int host)
{
	ss_remember_ports(fd, host, -1, -1);
}

bool
ss_port_remembered(unsigned port, int host)
{
	if (by_low[BY_LOW(port)] == 0)
		return false;
	/* Newest first: the two ends of a connection close one after the other. */
	for (size_t i = nports; i-- > 0;)
		if (PORT_AT(i).port == port && PORT_AT(i).host == host)
			return true;
	return false;
}

size_t
ss_ports(int host, unsigned *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < nports && n < max; i++)
		if (PORT_AT(i).host == host)
			out[n++] = PORT_AT(i).port;
	return n;
}

void
ss_forget(void)
{
	nports = first = 0;
	memset(by_low, 0, sizeof by_low);
}
