/* sockopt.c: the option table, what each option takes, and how strace prints it. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
	    "bind a port still held by a TIME_WAIT socket"),
	SOCKOPT(reuseport, SOL_SOCKET, SO_REUSEPORT, SOCKOPT_BOOL,
	    "let several sockets bind and listen on one port"),
	SOCKOPT(keepalive, SOL_SOCKET, SO_KEEPALIVE, SOCKOPT_BOOL,
	    "probe an idle connection to find a dead peer"),
	SOCKOPT(nodelay, SOL_TCP, TCP_NODELAY, SOCKOPT_BOOL,
	    "send small writes at once (no Nagle batching)"),
	SOCKOPT(rcvbuf, SOL_SOCKET, SO_RCVBUF, SOCKOPT_INT,
	    "receive buffer size in bytes (the kernel doubles it)"),
	SOCKOPT(sndbuf, SOL_SOCKET, SO_SNDBUF, SOCKOPT_INT,
	    "send buffer size in bytes (the kernel doubles it)"),
	SOCKOPT(linger, SOL_SOCKET, SO_LINGER, SOCKOPT_LINGER,
	    "what close does with unsent data: on SECONDS | off"),
	SOCKOPT_TIMEO(rcvtimeo, SO_RCVTIMEO,
	    "a blocking receive gives up after MS milliseconds (EAGAIN)"),
	SOCKOPT_TIMEO(sndtimeo, SO_SNDTIMEO,
	    "a blocking send gives up after MS milliseconds (EAGAIN)"),
	SOCKOPT(broadcast, SOL_SOCKET, SO_BROADCAST, SOCKOPT_BOOL,
	    "allow sending datagrams to a broadcast address"),
	SOCKOPT(v6only, SOL_IPV6, IPV6_V6ONLY, SOCKOPT_BOOL,
	    "an inet6 socket takes IPv6 only, not IPv4-mapped too"),
	SOCKOPT(error, SOL_SOCKET, SO_ERROR, SOCKOPT_ERRNO,
	    "the pending error (how a non-blocking connect ended); read clears it"),
	SOCKOPT(type, SOL_SOCKET, SO_TYPE, SOCKOPT_RDONLY,
	    "the socket type: 1 is SOCK_STREAM, 2 is SOCK_DGRAM"),
	SOCKOPT(acceptconn, SOL_SOCKET, SO_ACCEPTCONN, SOCKOPT_RDONLY,
	    "1 when the socket is listening"),
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

socklen_t
sockopt_size(const struct sockopt *o)
{
	switch (o->kind) {
	case SOCKOPT_LINGER:
		return sizeof(struct linger);
	case SOCKOPT_TIMEVAL:
		return sizeof(struct timeval);
	default:
		return sizeof(int);
	}
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

/* What the learner typed as the value, for the error: ", not on 5". */
static void
typed(const struct word *v, size_t n, char *buf, size_t size)
{
	size_t len;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		len = strlen(buf);
		snprintf(buf + len, size - len, "%s%s", i ? " " : ", not ", v[i].s);
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
		snprintf(err, errlen, "%s takes 1 or 0 (on or off)%s", o->name, got);
		return false;
	case SOCKOPT_INT:
		if (n == 1 && parse_count(&v[0], INT_MAX, &x)) {
			val->i = (int)x;
			return true;
		}
		snprintf(err, errlen, "%s takes a size in bytes, 0 to %d%s",
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
		snprintf(err, errlen, "linger takes `on SECONDS` (0 to 65535) or "
		    "`off`%s", got);
		return false;
	case SOCKOPT_TIMEVAL:
		if (n == 1 && parse_count(&v[0], INT_MAX, &x)) {
			val->tv.tv_sec = x / 1000;
			val->tv.tv_usec = x % 1000 * 1000;
			return true;
		}
		snprintf(err, errlen, "%s takes milliseconds, 0 to %d (0: wait "
		    "forever)%s", o->name, INT_MAX, got);
		return false;
	case SOCKOPT_ERRNO:
	case SOCKOPT_RDONLY:
		break;
	}
	snprintf(err, errlen, "%s can only be read: getsockopt %s", o->name, o->name);
	return false;
}

void
pr_sockopt_value(struct strbuf *sb, const struct sockopt *o,
    const union sockopt_value *v, size_t strsize)
{
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
	default:
		sb_addf(sb, "[%d]", v->i);
		break;
	}
}

/* "3, SOL_SOCKET, SO_REUSEADDR, ": what both calls begin with. */
static void
pr_head(struct strbuf *sb, int fd, const struct sockopt *o)
{
	sb_addf(sb, "%d", fd);
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
	sb_addf(sb, "%u", (unsigned)len);
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

void
sockopt_explain(struct strbuf *sb, const struct sockopt *o,
    const union sockopt_value *v, bool set)
{
	const char *name;

	switch (o->kind) {
	case SOCKOPT_TIMEVAL:
		sb_addf(sb, "the bytes are a struct timeval {tv_sec=%ld, "
		    "tv_usec=%ld}: %ld ms%s", (long)v->tv.tv_sec,
		    (long)v->tv.tv_usec, (long)v->tv.tv_sec * 1000 +
		    (long)v->tv.tv_usec / 1000,
		    v->tv.tv_sec == 0 && v->tv.tv_usec == 0 ? ", no timeout" : "");
		break;
	case SOCKOPT_LINGER:
		if (set && v->linger.l_onoff && v->linger.l_linger == 0)
			sb_add(sb, "close will now reset the connection (RST, "
			    "unsent data dropped): no FIN, no TIME_WAIT");
		else if (set && v->linger.l_onoff)
			sb_addf(sb, "close will now wait up to %d s for unsent "
			    "data to be acknowledged", v->linger.l_linger);
		break;
	case SOCKOPT_INT:
		if (set)
			sb_add(sb, "the kernel doubles the size for its own "
			    "bookkeeping: getsockopt shows what it keeps");
		break;
	case SOCKOPT_ERRNO:
		if (v->i != 0)
			sb_addf(sb, "%s is how the last connect or send ended; "
			    "reading SO_ERROR cleared it to 0", errno_name(v->i));
		break;
	case SOCKOPT_RDONLY:
		if (o->optname == SO_TYPE &&
		    (name = xlat_name(xlat_socktypes, v->i)) != NULL)
			sb_addf(sb, "%d is %s", v->i, name);
		else if (o->optname == SO_ACCEPTCONN)
			sb_add(sb, v->i ? "1: the socket is listening" :
			    "0: the socket is not listening");
		break;
	case SOCKOPT_BOOL:
		break;
	}
}
