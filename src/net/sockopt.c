/* sockopt.c: the option table, what each option takes, and how strace prints it. */
#include "config.h"

#include <sys/socket.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "lab.h"
#include "print.h"
#include "sockopt.h"
#include "xlat.h"

/* An entry made from the identifiers, as XLAT: the names cannot drift from the values. */
#define SOCKOPT(name, level, opt, kind, about) \
	{ #name, level, opt, #opt, kind, about }

/*
 * glibc's SO_RCVTIMEO is the kernel's SO_RCVTIMEO_OLD where time_t is a long
 * (the struct timeval passed is the old one), SO_RCVTIMEO_NEW on 32-bit
 * systems with a 64-bit time_t; strace names the one the kernel gets.
 */
#ifdef SO_RCVTIMEO_OLD
#define SOCKOPT_TIMEO(name, opt, about) \
	{ #name, SOL_SOCKET, opt, (opt) == opt##_OLD ? #opt "_OLD" : #opt "_NEW", \
	    SOCKOPT_TIMEVAL, about }
#else
#define SOCKOPT_TIMEO(name, opt, about) \
	{ #name, SOL_SOCKET, opt, #opt, SOCKOPT_TIMEVAL, about }
#endif

const struct sockopt sockopt_table[] = {
	SOCKOPT(reuseaddr, SOL_SOCKET, SO_REUSEADDR, SOCKOPT_BOOL,
	    N_("bind a port still held by a TIME_WAIT socket")),
	SOCKOPT(reuseport, SOL_SOCKET, SO_REUSEPORT, SOCKOPT_BOOL,
	    N_("let several sockets bind and listen on one port")),
	SOCKOPT(keepalive, SOL_SOCKET, SO_KEEPALIVE, SOCKOPT_BOOL,
	    N_("probe an idle connection to find a dead peer")),
	SOCKOPT(nodelay, SOL_TCP, TCP_NODELAY, SOCKOPT_BOOL,
	    N_("send small writes at once (no Nagle batching)")),
	SOCKOPT(rcvbuf, SOL_SOCKET, SO_RCVBUF, SOCKOPT_INT,
	    N_("receive buffer size in bytes (the kernel caps and doubles it)")),
	SOCKOPT(sndbuf, SOL_SOCKET, SO_SNDBUF, SOCKOPT_INT,
	    N_("send buffer size in bytes (the kernel caps and doubles it)")),
	SOCKOPT(linger, SOL_SOCKET, SO_LINGER, SOCKOPT_LINGER,
	    N_("what close does with unsent data: on SECONDS | off")),
	SOCKOPT_TIMEO(rcvtimeo, SO_RCVTIMEO,
	    N_("a blocking receive gives up after MS milliseconds (EAGAIN)")),
	SOCKOPT_TIMEO(sndtimeo, SO_SNDTIMEO,
	    N_("a blocking send gives up after MS milliseconds (EAGAIN)")),
	SOCKOPT(broadcast, SOL_SOCKET, SO_BROADCAST, SOCKOPT_BOOL,
	    N_("allow sending datagrams to a broadcast address")),
	SOCKOPT(v6only, SOL_IPV6, IPV6_V6ONLY, SOCKOPT_BOOL,
	    N_("an inet6 socket takes IPv6 only, not IPv4-mapped too")),
	SOCKOPT(error, SOL_SOCKET, SO_ERROR, SOCKOPT_ERRNO,
	    N_("the pending error (how a non-blocking connect ended); read clears it")),
	SOCKOPT(type, SOL_SOCKET, SO_TYPE, SOCKOPT_RDONLY,
	    N_("the socket type: 1 is SOCK_STREAM, 2 is SOCK_DGRAM")),
	SOCKOPT(acceptconn, SOL_SOCKET, SO_ACCEPTCONN, SOCKOPT_RDONLY,
	    N_("1 when the socket is listening")),
	SOCKOPT(cork, SOL_TCP, TCP_CORK, SOCKOPT_BOOL,
	    N_("hold writes back until a segment is full or cork is 0")),
	SOCKOPT(maxseg, SOL_TCP, TCP_MAXSEG, SOCKOPT_INT,
	    N_("the largest segment, in bytes, this socket sends (MSS)")),
	SOCKOPT(keepidle, SOL_TCP, TCP_KEEPIDLE, SOCKOPT_SECONDS,
	    N_("with keepalive 1: seconds idle before the first probe")),
	SOCKOPT(keepintvl, SOL_TCP, TCP_KEEPINTVL, SOCKOPT_SECONDS,
	    N_("with keepalive 1: seconds between probes")),
	SOCKOPT(keepcnt, SOL_TCP, TCP_KEEPCNT, SOCKOPT_COUNT,
	    N_("with keepalive 1: unanswered probes before the connection is dropped")),
	SOCKOPT(quickack, SOL_TCP, TCP_QUICKACK, SOCKOPT_BOOL,
	    N_("acknowledge at once rather than delay (not sticky)")),
	SOCKOPT(syncnt, SOL_TCP, TCP_SYNCNT, SOCKOPT_COUNT,
	    N_("SYN retries before connect gives up with ETIMEDOUT (Linux: 6, about 2 minutes)")),
	SOCKOPT(ttl, SOL_IP, IP_TTL, SOCKOPT_HOPS,
	    N_("the hops an IPv4 packet may make (-1: the default)")),
	SOCKOPT(ipv6_unicast_hops, SOL_IPV6, IPV6_UNICAST_HOPS, SOCKOPT_HOPS,
	    N_("the hops an IPv6 packet may make (-1: the default)")),
	SOCKOPT(ip_add_membership, SOL_IP, IP_ADD_MEMBERSHIP, SOCKOPT_MREQ,
	    N_("join a multicast group: GROUP [IFADDR]")),
	SOCKOPT(ip_drop_membership, SOL_IP, IP_DROP_MEMBERSHIP, SOCKOPT_MREQ,
	    N_("leave a multicast group: GROUP [IFADDR]")),
	SOCKOPT(ip_multicast_loop, SOL_IP, IP_MULTICAST_LOOP, SOCKOPT_BOOL,
	    N_("this host's own members get what is sent to a group")),
	SOCKOPT(ip_multicast_ttl, SOL_IP, IP_MULTICAST_TTL, SOCKOPT_HOPS,
	    N_("the hops a datagram to a group may make (1: this link)")),
	SOCKOPT(ip_multicast_if, SOL_IP, IP_MULTICAST_IF, SOCKOPT_INADDR,
	    N_("the interface, by its address, datagrams to a group leave by")),
	SOCKOPT(ip_multicast_all, SOL_IP, IP_MULTICAST_ALL, SOCKOPT_BOOL,
	    N_("0: only the groups this socket joined, not its host's")),
	/* IPV6_JOIN_GROUP is IPV6_ADD_MEMBERSHIP, the name strace prints. */
	SOCKOPT(ipv6_join_group, SOL_IPV6, IPV6_ADD_MEMBERSHIP, SOCKOPT_MREQ6,
	    N_("join an IPv6 multicast group: GROUP [IFNAME|IFINDEX]")),
	SOCKOPT(ipv6_leave_group, SOL_IPV6, IPV6_DROP_MEMBERSHIP, SOCKOPT_MREQ6,
	    N_("leave an IPv6 multicast group: GROUP [IFNAME|IFINDEX]")),
	SOCKOPT(ipv6_multicast_loop, SOL_IPV6, IPV6_MULTICAST_LOOP, SOCKOPT_BOOL,
	    N_("this host's own members get what is sent to a group")),
	SOCKOPT(ipv6_multicast_hops, SOL_IPV6, IPV6_MULTICAST_HOPS, SOCKOPT_HOPS,
	    N_("the hops a datagram to a group may make (1: this link)")),
	SOCKOPT(ipv6_multicast_if, SOL_IPV6, IPV6_MULTICAST_IF, SOCKOPT_IFINDEX,
	    N_("the interface datagrams to a group leave by: IFNAME|IFINDEX")),
	{ NULL, 0, 0, NULL, 0, NULL }
};

const struct sockopt *
sockopt_find(const char *name)
{
	for (const struct sockopt *o = sockopt_table; o->name != NULL; o++)
		if (strcasecmp(o->name, name) == 0)
			return o;
	return NULL;
}

const char *
sockopt_name(size_t i)
{
	static const size_t n = sizeof sockopt_table / sizeof sockopt_table[0] - 1;

	return i < n ? sockopt_table[i].name : NULL;
}

void
sockopt_names(struct strbuf *sb)
{
	for (const struct sockopt *o = sockopt_table; o->name != NULL; o++) {
		sb_add(sb, o != sockopt_table ? ", " : "");
		sb_add(sb, o->name);
	}
}

bool
sockopt_settable(const struct sockopt *o)
{
	return o->kind != SOCKOPT_ERRNO && o->kind != SOCKOPT_RDONLY;
}

bool
sockopt_gettable(const struct sockopt *o)
{
	return o->kind != SOCKOPT_MREQ && o->kind != SOCKOPT_MREQ6;
}

socklen_t
sockopt_size(const struct sockopt *o)
{
	switch (o->kind) {
	case SOCKOPT_LINGER:
		return sizeof(struct linger);
	case SOCKOPT_TIMEVAL:
		return sizeof(struct timeval);
	case SOCKOPT_MREQ:
		return sizeof(struct ip_mreq);
	case SOCKOPT_MREQ6:
		return sizeof(struct ipv6_mreq);
	case SOCKOPT_INADDR:
		return sizeof(struct in_addr);
	default:
		return sizeof(int);
	}
}

/*
 * An interface's name and index, from /proc/thread-self/net/igmp (the
 * interfaces of this thread's network namespace that are up, one "INDEX\tNAME : ..." line each): a
 * file read, where if_nametoindex(3) would open a socket of its own, a call
 * the learner does not see. By NAME when NAME is set, else by *INDEX into
 * NAME (IF_NAMESIZE bytes). Falls back on if_nametoindex for one that is down.
 */
static bool
ifindex_lookup(const char *name, unsigned *index, char *name_out)
{
	char line[256], dev[IF_NAMESIZE + 1];
	unsigned idx;
	bool found = false;
	FILE *f;

	f = fopen("/proc/thread-self/net/igmp", "re");
	if (f == NULL)
		f = fopen("/proc/net/igmp", "re");
	if (f != NULL) {
		while (!found && fgets(line, sizeof line, f) != NULL) {
			if (sscanf(line, "%u %16s", &idx, dev) != 2 ||
			    strlen(dev) >= IF_NAMESIZE)
				continue;
			if (name != NULL ? strcmp(dev, name) == 0 : idx == *index) {
				found = true;
				*index = idx;
				if (name_out != NULL)
					memcpy(name_out, dev, strlen(dev) + 1);
			}
		}
		fclose(f);
	}
	if (found)
		return true;
	if (name != NULL)
		return (*index = if_nametoindex(name)) != 0;
	return if_indextoname(*index, name_out) != NULL;
}

/* A bare whole number in [0, max]. */
static bool
parse_count(const struct word *w, long max, long *out)
{
	char *end;
	long v;

	if (w->quoted || w->len == 0 || w->s[0] < '0' || w->s[0] > '9')
		return false;
	errno = 0;
	v = strtol(w->s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v > max)
		return false;
	*out = v;
	return true;
}

/* "on" or "off" (or 1, 0) into *on. */
static bool
parse_onoff(const struct word *w, int *on)
{
	if (w->quoted)
		return false;
	if (strcasecmp(w->s, "on") == 0 || strcmp(w->s, "1") == 0)
		*on = 1;
	else if (strcasecmp(w->s, "off") == 0 || strcmp(w->s, "0") == 0)
		*on = 0;
	else
		return false;
	return true;
}

/* A whole number in [0, INT_MAX], or -1 (the default) where MINUS_ONE. */
static bool
parse_int(const struct word *w, bool minus_one, int *out)
{
	long v;

	if (minus_one && !w->quoted && strcmp(w->s, "-1") == 0) {
		*out = -1;
		return true;
	}
	if (!parse_count(w, INT_MAX, &v))
		return false;
	*out = (int)v;
	return true;
}

/* An IPv4 address, dotted, or in the lab a host's name (client, server). */
static bool
parse_inaddr(const struct word *w, struct in_addr *a)
{
	struct sockaddr_storage ss;
	socklen_t len;

	if (w->quoted)
		return false;
	if (inet_pton(AF_INET, w->s, a) == 1)
		return true;
	if (lab_resolve(w->s, AF_INET, &ss, &len) != 1)
		return false;
	*a = ((const struct sockaddr_in *)&ss)->sin_addr;
	return true;
}

/*
 * An interface by its name (lo, eth0) or its number. Returns false with NAME
 * true when the word is a name no interface here has.
 */
static bool
parse_ifindex(const struct word *w, unsigned *index, bool *name)
{
	long v;

	*name = false;
	if (w->quoted)
		return false;
	if (parse_count(w, INT_MAX, &v)) {
		*index = (unsigned)v;
		return true;
	}
	*name = isalpha((unsigned char)w->s[0]);
	return ifindex_lookup(w->s, index, NULL);
}

/* What the learner typed as the value, for the error: ", not on 5". */
static void
typed(const struct word *v, size_t n, char *buf, size_t size)
{
	size_t len;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", i ? " " : _(", not "),
		    v[i].s);
	}
}

bool
sockopt_parse(const struct sockopt *o, const struct word *v, size_t n,
    union sockopt_value *val, char *err, size_t errlen)
{
	char got[128];
	long x;

	typed(v, n, got, sizeof got);
	memset(val, 0, sizeof *val);
	switch (o->kind) {
	case SOCKOPT_BOOL:
		if (n == 1 && parse_onoff(&v[0], &val->i))
			return true;
		snprintf(err, errlen, _("%s takes 1 or 0 (on or off)%s"), o->name, got);
		return false;
	case SOCKOPT_INT:
		if (n == 1 && parse_count(&v[0], INT_MAX, &x)) {
			val->i = (int)x;
			return true;
		}
		snprintf(err, errlen, _("%s takes a size in bytes, 0 to %d%s"),
		    o->name, INT_MAX, got);
		return false;
	case SOCKOPT_LINGER:
		if (n == 1 && !v[0].quoted && strcasecmp(v[0].s, "off") == 0)
			return true;
		if (n == 2 && !v[0].quoted && strcasecmp(v[0].s, "on") == 0 &&
		    parse_count(&v[1], 65535, &x)) {
			val->linger.l_onoff = 1;
			val->linger.l_linger = (int)x;
			return true;
		}
		snprintf(err, errlen, _("linger takes `on SECONDS` (0 to 65535) or "
		    "`off`%s"), got);
		return false;
	case SOCKOPT_TIMEVAL:
		if (n == 1 && parse_count(&v[0], INT_MAX, &x)) {
			val->tv.tv_sec = x / 1000;
			val->tv.tv_usec = x % 1000 * 1000;
			return true;
		}
		snprintf(err, errlen, _("%s takes milliseconds, 0 to %d (0: wait "
		    "forever)%s"), o->name, INT_MAX, got);
		return false;
	case SOCKOPT_SECONDS:
	case SOCKOPT_COUNT:
		if (n == 1 && parse_int(&v[0], false, &val->i))
			return true;
		if (o->kind == SOCKOPT_SECONDS)
			snprintf(err, errlen, _("%s takes seconds, a whole number%s"),
			    o->name, got);
		else
			snprintf(err, errlen, _("%s takes a count, a whole number%s"),
			    o->name, got);
		return false;
	case SOCKOPT_HOPS:
		if (n == 1 && parse_int(&v[0], true, &val->i))
			return true;
		snprintf(err, errlen, _("%s takes a number of hops, 0 to 255 "
		    "(-1: the default)%s"), o->name, got);
		return false;
	case SOCKOPT_MREQ:
		if ((n == 1 || n == 2) &&
		    parse_inaddr(&v[0], &val->mreq.imr_multiaddr) &&
		    (n == 1 || parse_inaddr(&v[1], &val->mreq.imr_interface)))
			return true;
		snprintf(err, errlen, _("%s takes GROUP [IFADDR], IPv4 addresses: "
		    "the group (239.1.1.1), the interface's own address "
		    "(127.0.0.1; none: 0.0.0.0, the route's)%s"), o->name, got);
		return false;
	case SOCKOPT_MREQ6:
		if ((n == 1 || n == 2) && !v[0].quoted && inet_pton(AF_INET6,
		    v[0].s, &val->mreq6.ipv6mr_multiaddr) == 1) {
			bool name;

			if (n == 1 || parse_ifindex(&v[1], &val->mreq6.ipv6mr_interface,
			    &name))
				return true;
			if (name) {
				snprintf(err, errlen, _("no interface %s here "
				    "(`ip link` lists them)"), v[1].s);
				return false;
			}
		}
		snprintf(err, errlen, _("%s takes GROUP [IFNAME|IFINDEX]: an IPv6 "
		    "group (ff02::1:3) and the interface (lo, or its number; "
		    "none: 0, the route's)%s"), o->name, got);
		return false;
	case SOCKOPT_INADDR:
		if (n == 1 && parse_inaddr(&v[0], &val->in))
			return true;
		snprintf(err, errlen, _("%s takes an interface's IPv4 address "
		    "(127.0.0.1; 0.0.0.0: the route's)%s"), o->name, got);
		return false;
	case SOCKOPT_IFINDEX: {
		bool name;
		unsigned index;

		if (n == 1 && parse_ifindex(&v[0], &index, &name)) {
			val->i = (int)index;
			return true;
		}
		if (n == 1 && name) {
			snprintf(err, errlen, _("no interface %s here (`ip link` "
			    "lists them)"), v[0].s);
			return false;
		}
		snprintf(err, errlen, _("%s takes an interface: its name (lo) or "
		    "its number (0: the route's)%s"), o->name, got);
		return false;
	}
	case SOCKOPT_ERRNO:
	case SOCKOPT_RDONLY:
		break;
	}
	snprintf(err, errlen, _("%s can only be read: getsockopt %s"), o->name, o->name);
	return false;
}

/* An interface index as strace shows it: if_nametoindex("lo") where it has a name. */
static void
pr_ifindex(struct strbuf *sb, unsigned index)
{
	char name[IF_NAMESIZE];

	if (index != 0 && ifindex_lookup(NULL, &index, name))
		sb_addf(sb, "if_nametoindex(\"%s\")", name);
	else
		sb_addulong(sb, index);
}

/* The bytes of a struct in_addr read as an int, as the kernel and strace see them. */
static int
inaddr_int(const struct in_addr *a)
{
	int32_t i;

	memcpy(&i, a, sizeof i);
	return (int)i;
}

void
pr_sockopt_value(struct strbuf *sb, const struct sockopt *o,
    const union sockopt_value *v, size_t strsize)
{
	char addr[INET6_ADDRSTRLEN];

	switch (o->kind) {
	case SOCKOPT_LINGER:
		sb_addf(sb, "{l_onoff=%d, l_linger=%d}", v->linger.l_onoff,
		    v->linger.l_linger);
		break;
	case SOCKOPT_TIMEVAL:
		/* strace 6.1 decodes no timeval here: it shows the bytes. */
		pr_quoted(sb, &v->tv, sizeof v->tv, strsize);
		break;
	case SOCKOPT_ERRNO:
		if (v->i == 0)
			sb_add(sb, "[0]");
		else
			sb_addf(sb, "[%s]", errno_name(v->i));
		break;
	case SOCKOPT_MREQ:
		sb_addf(sb, "{imr_multiaddr=inet_addr(\"%s\"), ",
		    inet_ntop(AF_INET, &v->mreq.imr_multiaddr, addr, sizeof addr));
		sb_addf(sb, "imr_interface=inet_addr(\"%s\")}",
		    inet_ntop(AF_INET, &v->mreq.imr_interface, addr, sizeof addr));
		break;
	case SOCKOPT_MREQ6:
		sb_addf(sb, "{inet_pton(AF_INET6, \"%s\", &ipv6mr_multiaddr), "
		    "ipv6mr_interface=", inet_ntop(AF_INET6,
		    &v->mreq6.ipv6mr_multiaddr, addr, sizeof addr));
		pr_ifindex(sb, v->mreq6.ipv6mr_interface);
		sb_addc(sb, '}');
		break;
	case SOCKOPT_INADDR:
		/* strace shows the struct in_addr as the int it would be. */
		sb_addf(sb, "[%d]", inaddr_int(&v->in));
		break;
	default:
		sb_addf(sb, "[%d]", v->i);
		break;
	}
}

/* "3, SOL_SOCKET, SO_REUSEADDR, ": what both calls begin with. */
static void
pr_head(struct strbuf *sb, int fd, const struct sockopt *o)
{
	sb_addlong(sb, fd);
	pr_sep(sb);
	pr_xlat(sb, xlat_sol_levels, o->level, "SOL_???");
	pr_sep(sb);
	sb_add(sb, o->optname_str);
	pr_sep(sb);
}

void
pr_setsockopt_args(struct strbuf *sb, int fd, const struct sockopt *o,
    const union sockopt_value *v, socklen_t len, size_t strsize)
{
	pr_head(sb, fd, o);
	pr_sockopt_value(sb, o, v, strsize);
	pr_sep(sb);
	sb_addulong(sb, (unsigned)len);
}

void
pr_getsockopt_args(struct strbuf *sb, int fd, const struct sockopt *o,
    const union sockopt_value *v, socklen_t before, socklen_t after,
    bool failed, size_t strsize)
{
	pr_head(sb, fd, o);
	if (failed) {
		pr_ptr(sb, v);
		after = before;
	} else
		pr_sockopt_value(sb, o, v, strsize);
	pr_sep(sb);
	pr_socklen(sb, before, after);
}

/* Is O the option LEVEL/OPTNAME? */
static bool
is(const struct sockopt *o, int level, int optname)
{
	return o->level == level && o->optname == optname;
}

/* The notes of the switches: what 1 (ON) or 0 now does. */
static void
explain_switch(struct strbuf *sb, const struct sockopt *o, bool on)
{
	if (is(o, SOL_TCP, TCP_CORK))
		sb_add(sb, on ? _("writes wait in the kernel until cork 0 or a "
		    "full segment") : _("what waited in the kernel goes now"));
	else if (is(o, SOL_TCP, TCP_QUICKACK) && on)
		sb_add(sb, _("acknowledge at once, for now: the kernel goes back to "
		    "delayed acks by itself (set it again after each read)"));
	else if (is(o, SOL_IP, IP_MULTICAST_LOOP) ||
	    is(o, SOL_IPV6, IPV6_MULTICAST_LOOP))
		sb_add(sb, on ? _("this host's own members of a group get what "
		    "this socket sends to it") : _("this host's own members of a "
		    "group no longer get what this socket sends to it"));
	else if (is(o, SOL_IP, IP_MULTICAST_ALL) && !on)
		sb_add(sb, _("this socket now gets the datagrams of the groups it "
		    "joined itself, not of those other sockets of this host joined"));
}

/* Where datagrams to a group go out (ip_multicast_if): by ADDR's interface. */
static void
explain_multicast_if(struct strbuf *sb, const union sockopt_value *v, bool set)
{
	char addr[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &v->in, addr, sizeof addr);
	sb_addf(sb, _("%d is the struct in_addr of %s read as an int: "),
	    inaddr_int(&v->in), addr);
	if (v->in.s_addr == htonl(INADDR_ANY))
		sb_add(sb, _("datagrams to a group leave where the route says"));
	else
		sb_addf(sb, set ? _("datagrams to a group now leave by %s's "
		    "interface") : _("datagrams to a group leave by %s's "
		    "interface"), addr);
}

/* After a join or a leave (ip_add_membership, ipv6_join_group...). */
static void
explain_membership(struct strbuf *sb, const struct sockopt *o,
    const union sockopt_value *v)
{
	char group[INET6_ADDRSTRLEN], ifaddr[INET_ADDRSTRLEN], ifname[IF_NAMESIZE];
	bool join = is(o, SOL_IP, IP_ADD_MEMBERSHIP) ||
	    is(o, SOL_IPV6, IPV6_ADD_MEMBERSHIP);
	unsigned index = v->mreq6.ipv6mr_interface;
	const char *on;

	if (o->kind == SOCKOPT_MREQ) {
		inet_ntop(AF_INET, &v->mreq.imr_multiaddr, group, sizeof group);
		inet_ntop(AF_INET, &v->mreq.imr_interface, ifaddr, sizeof ifaddr);
		on = v->mreq.imr_interface.s_addr == htonl(INADDR_ANY) ?
		    _("the interface of the route to it") : ifaddr;
	} else {
		inet_ntop(AF_INET6, &v->mreq6.ipv6mr_multiaddr, group, sizeof group);
		on = v->mreq6.ipv6mr_interface == 0 ?
		    _("the interface of the route to it") :
		    ifindex_lookup(NULL, &index, ifname) ?
		    ifname : _("that interface");
		if (join)
			sb_add(sb, _("IPV6_JOIN_GROUP is IPV6_ADD_MEMBERSHIP, the name "
			    "strace prints; "));
	}
	if (join)
		sb_addf(sb, _("this socket joined %s on %s: a socket bound to the "
		    "group's port gets what is sent to it"), group, on);
	else if (o->kind == SOCKOPT_MREQ)
		sb_addf(sb, _("this socket left %s; while another socket of this host "
		    "is in the group, this one still gets its datagrams, unless "
		    "`setsockopt ip_multicast_all 0`"), group);
	else
		sb_addf(sb, _("this socket left %s"), group);
}

void
sockopt_explain(struct strbuf *sb, const struct sockopt *o,
    const union sockopt_value *v, bool set)
{
	const char *name;

	switch (o->kind) {
	case SOCKOPT_TIMEVAL:
		sb_addf(sb, v->tv.tv_sec == 0 && v->tv.tv_usec == 0 ?
		    _("the bytes are a struct timeval {tv_sec=%ld, "
		    "tv_usec=%ld}: %ld ms, no timeout") :
		    _("the bytes are a struct timeval {tv_sec=%ld, "
		    "tv_usec=%ld}: %ld ms"), (long)v->tv.tv_sec,
		    (long)v->tv.tv_usec, (long)v->tv.tv_sec * 1000 +
		    (long)v->tv.tv_usec / 1000);
		break;
	case SOCKOPT_LINGER:
		if (set && v->linger.l_onoff && v->linger.l_linger == 0)
			sb_add(sb, _("close will now reset the connection (RST, "
			    "unsent data dropped): no FIN, no TIME_WAIT"));
		else if (set && v->linger.l_onoff)
			sb_addf(sb, _("close will now wait up to %d s for unsent "
			    "data to be acknowledged"), v->linger.l_linger);
		break;
	case SOCKOPT_INT:
		if (is(o, SOL_TCP, TCP_MAXSEG) && set && v->i == 0)
			sb_add(sb, _("0: the route's segment size"));
		else if (is(o, SOL_TCP, TCP_MAXSEG))
			sb_addf(sb, set ? _("%d: the most bytes one segment of "
			    "this connection carries (set it before connect: the "
			    "SYN offers it to the peer)") : _("%d: the most bytes "
			    "one segment of this connection carries"), v->i);
		else if (set)
			sb_add(sb, _("the kernel caps the size at net.core."
			    "rmem_max (wmem_max to send), then doubles it for its "
			    "own bookkeeping: getsockopt shows what it keeps"));
		break;
	case SOCKOPT_SECONDS:
	case SOCKOPT_COUNT:
		if (is(o, SOL_TCP, TCP_SYNCNT)) {
			sb_addf(sb, _("connect sends the SYN again up to %d times, "
			    "each wait twice the last (120 s at most), "
			    "then gives up with ETIMEDOUT"), v->i);
			break;
		}
		if (is(o, SOL_TCP, TCP_KEEPIDLE))
			sb_addf(sb, _("the first probe after %d s with nothing "
			    "received"), v->i);
		else if (is(o, SOL_TCP, TCP_KEEPINTVL))
			sb_addf(sb, _("a probe every %d s while the peer is silent"),
			    v->i);
		else
			sb_addf(sb, _("after %d unanswered probes the connection "
			    "ends with ETIMEDOUT"), v->i);
		sb_add(sb, _("; only with keepalive 1 (`setsockopt keepalive 1`)"));
		break;
	case SOCKOPT_HOPS:
		if (v->i == -1)
			sb_add(sb, _("-1: the system's default"));
		else if (is(o, SOL_IP, IP_MULTICAST_TTL) ||
		    is(o, SOL_IPV6, IPV6_MULTICAST_HOPS)) {
			int routers = v->i > 0 ? v->i - 1 : 0;

			if (v->i == 1)
				sb_addf(sb, _("datagrams to a group pass %d routers "
				    "at most: they stay on this link"), routers);
			else if (v->i == 0)
				sb_addf(sb, _("datagrams to a group pass %d routers "
				    "at most: they stay on this host"), routers);
			else
				sb_addf(sb, P_("datagrams to a group pass %d router "
				    "at most", "datagrams to a group pass %d routers "
				    "at most", routers), routers);
		} else
			sb_addf(sb, _("each router on the way takes one off; a packet "
			    "that reaches 0 is dropped (%d: %d routers at most)"),
			    v->i, v->i > 0 ? v->i - 1 : 0);
		break;
	case SOCKOPT_MREQ:
	case SOCKOPT_MREQ6:
		if (set)
			explain_membership(sb, o, v);
		break;
	case SOCKOPT_INADDR:
		explain_multicast_if(sb, v, set);
		break;
	case SOCKOPT_IFINDEX: {
		char ifname[IF_NAMESIZE];
		unsigned index = (unsigned)v->i;

		if (v->i == 0)
			sb_add(sb, _("0: datagrams to a group leave where the route says"));
		else if (ifindex_lookup(NULL, &index, ifname))
			sb_addf(sb, set ? _("%d is %s: datagrams to a group now "
			    "leave by it") : _("%d is %s: datagrams to a group "
			    "leave by it"), v->i, ifname);
		break;
	}
	case SOCKOPT_ERRNO:
		if (v->i != 0)
			sb_addf(sb, _("%s is how the last connect or send ended; "
			    "reading SO_ERROR cleared it to 0"), errno_name(v->i));
		break;
	case SOCKOPT_RDONLY:
		if (o->optname == SO_TYPE &&
		    (name = xlat_name(xlat_socktypes, v->i)) != NULL)
			sb_addf(sb, _("%d is %s"), v->i, name);
		else if (o->optname == SO_ACCEPTCONN)
			sb_add(sb, v->i ? _("1: the socket is listening") :
			    _("0: the socket is not listening"));
		break;
	case SOCKOPT_BOOL:
		if (set)
			explain_switch(sb, o, v->i != 0);
		break;
	}
}
