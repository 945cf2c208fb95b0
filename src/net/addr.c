/* addr.c: parse HOST PORT / PATH into a sockaddr; print a sockaddr strace-style. */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "i18n.h"
#include "lab.h"
#include "lookup.h"
#include "print.h"
#include "xlat.h"

int
addr_parse_port(const char *s, unsigned *port, char *err, size_t errlen)
{
	unsigned long v = 0;
	const char *p;

	if (*s == '\0') {
		snprintf(err, errlen, _("port is empty"));
		return -1;
	}
	if (*s == '-' && s[1] >= '0' && s[1] <= '9' && strspn(s + 1, "0123456789") ==
	    strlen(s + 1)) {
		snprintf(err, errlen, _("port out of range: %s (ports are 0..65535)"), s);
		return -1;
	}
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9') {
			snprintf(err, errlen, _("port is not a number: %s"), s);
			return -1;
		}
		if (v <= 65535)
			v = v * 10 + (unsigned long)(*p - '0');
	}
	if (v > 65535) {
		snprintf(err, errlen, _("port out of range: %s (ports are 0..65535)"), s);
		return -1;
	}
	*port = (unsigned)v;
	return 0;
}

static void
addr_list_push(struct addr_list *al, const struct sockaddr *sa, socklen_t len)
{
	if (al->n == 0 && al->v == NULL) {
		al->v = &al->first;
	} else if (al->v == &al->first) {
		al->v = xmalloc((al->n + 1) * sizeof *al->v);
		al->v[0] = al->first;
	} else {
		al->v = xrealloc(al->v, (al->n + 1) * sizeof *al->v);
	}
	memset(&al->v[al->n], 0, sizeof al->v[al->n]);
	memcpy(&al->v[al->n].ss, sa, len);
	al->v[al->n].len = len;
	al->n++;
}

/*
 * Is this address in the list already? glibc gives 127.0.0.1 twice for
 * "localhost" when /etc/hosts also names ::1 so (Debian's default): trying
 * the same address twice would teach nothing.
 */
static bool
addr_list_has(const struct addr_list *al, const struct sockaddr *sa,
    socklen_t len)
{
	for (size_t i = 0; i < al->n; i++)
		if (al->v[i].len == len && memcmp(&al->v[i].ss, sa, len) == 0)
			return true;
	return false;
}

/*
 * When HOST has no address of FAMILY, the addresses it has in the other
 * family, numeric, into BUF: "localhost" is often IPv4 only. *CUT when a
 * signal cut this second lookup short.
 */
static bool
other_family(const char *host, int family, char *buf, size_t size, bool *cut)
{
	struct addrinfo hints, *res = NULL, *ai;
	char num[INET6_ADDRSTRLEN];
	size_t used = 0;
	int rc;

	if (family != AF_INET && family != AF_INET6)
		return false;
	memset(&hints, 0, sizeof hints);
	hints.ai_family = family == AF_INET6 ? AF_INET : AF_INET6;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = lookup(host, NULL, &hints, &res)) != 0) {
		*cut = rc == EAI_INTR;
		return false;
	}
	buf[0] = '\0';
	for (ai = res; ai != NULL; ai = ai->ai_next) {
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, num, sizeof num,
		    NULL, 0, NI_NUMERICHOST) != 0)
			continue;
		if (used + strlen(num) + 3 >= size)
			break;
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
		    used ? ", " : "", num);
	}
	lookup_free(res);
	return used > 0;
}

/*
 * S as inet_pton(AF_INET) takes it, into OUT: four numbers 0..255 parted by
 * dots, none with a leading zero. By hand: a script binds and connects often.
 * OUT is written only when S is one (1::1 starts as a quad would).
 */
static bool
dotted_quad(const char *s, unsigned char out[4])
{
	unsigned char quad[4];

	for (int i = 0; i < 4; i++) {
		unsigned v;

		if (i > 0 && *s++ != '.')
			return false;
		if (*s < '0' || *s > '9')
			return false;
		v = (unsigned)(*s++ - '0');
		if (v == 0 && *s >= '0' && *s <= '9')
			return false;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (unsigned)(*s++ - '0');
			if (v > 255)
				return false;
		}
		quad[i] = (unsigned char)v;
	}
	if (*s != '\0')
		return false;
	memcpy(out, quad, sizeof quad);
	return true;
}

int
addr_lookup(int family, int socktype, const char *host, unsigned port,
    struct addr_list *al, char *err, size_t errlen)
{
	struct addrinfo hints, *res = NULL, *ai;
	struct sockaddr_storage ss;
	socklen_t sslen;
	char service[8], bare[256], only[256];
	size_t hlen = strlen(host);
	int rc;

	addr_list_init(al);
	/* "[::1]" is how URLs write an IPv6 address; take it without brackets. */
	if (hlen >= 2 && host[0] == '[' && host[hlen - 1] == ']') {
		if (hlen - 2 >= sizeof bare) {
			snprintf(err, errlen, _("host name too long"));
			return -1;
		}
		memcpy(bare, host + 1, hlen - 2);
		bare[hlen - 2] = '\0';
		host = bare;
	}
	/*
	 * A dotted quad or an IPv6 address without scope is what getaddrinfo
	 * would make of it, without its work (forms like 127.1 still go there).
	 */
	memset(&ss, 0, sizeof ss);
	if (dotted_quad(host, (unsigned char *)&((struct sockaddr_in *)&ss)->sin_addr)) {
		ss.ss_family = AF_INET;
		((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
		addr_list_push(al, (struct sockaddr *)&ss, sizeof(struct sockaddr_in));
		return 0;
	}
	if (inet_pton(AF_INET6, host, &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
		ss.ss_family = AF_INET6;
		((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		addr_list_push(al, (struct sockaddr *)&ss, sizeof(struct sockaddr_in6));
		return 0;
	}
	snprintf(service, sizeof service, "%u", port);

	memset(&hints, 0, sizeof hints);
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	hints.ai_socktype = socktype;
	if (getaddrinfo(host, service, &hints, &res) == 0) {
		addr_list_push(al, res->ai_addr, res->ai_addrlen);
		/* Not a dotted quad, so inet_aton's forms: 127.1, 10.0.1, 0x7f.1. */
		al->short_form = res->ai_family == AF_INET;
		freeaddrinfo(res);
		return 0;
	}

	/* The lab's own names are the lab's addresses; getaddrinfo knows none of them. */
	if (lab_resolve(host, family, &ss, &sslen) == 1) {
		if (ss.ss_family == AF_INET6)
			((struct sockaddr_in6 *)&ss)->sin6_port = htons((uint16_t)port);
		else
			((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)port);
		addr_list_push(al, (struct sockaddr *)&ss, sslen);
		al->lab_name = true;
		return 0;
	}

	/*
	 * No AI_ADDRCONFIG: the socket's family is fixed already, and with it
	 * glibc finds nothing on a machine (or namespace) with only loopback.
	 */
	hints.ai_flags = AI_NUMERICSERV;
	hints.ai_family = family;
	if ((rc = lookup(host, service, &hints, &res)) != 0) {
		bool cut = rc == EAI_INTR, other = !cut && rc != EAI_SYSTEM &&
		    other_family(host, family, only, sizeof only, &cut);

		if (cut) {
			err[0] = '\0';
			return -2;
		}
		if (other)
			snprintf(err, errlen, _("%s has no %s address, only %s: "
			    "make a socket of that family for it"), host,
			    family == AF_INET6 ? "IPv6" : "IPv4", only);
		else if (rc == EAI_ADDRFAMILY || rc == EAI_NODATA)
			snprintf(err, errlen, _("%s has no %s address"), host,
			    family == AF_INET6 ? "IPv6" : "IPv4");
		else
			snprintf(err, errlen, _("cannot resolve %s: %s"), host,
			    rc == EAI_SYSTEM ? strerror(errno) : gai_strerror(rc));
		return -1;
	}
	for (ai = res; ai != NULL; ai = ai->ai_next)
		if (!addr_list_has(al, ai->ai_addr, ai->ai_addrlen))
			addr_list_push(al, ai->ai_addr, ai->ai_addrlen);
	lookup_free(res);
	al->looked_up = true;
	return 0;
}

void
addr_list_free(struct addr_list *al)
{
	if (al->v != &al->first)
		free(al->v);
	addr_list_init(al);
}

void
addr_list_init(struct addr_list *al)
{
	al->v = NULL;
	al->n = 0;
	al->looked_up = al->lab_name = al->short_form = false;
}

struct sockaddr_any *
addr_list_one(struct addr_list *al)
{
	addr_list_init(al);
	memset(&al->first, 0, sizeof al->first);
	al->v = &al->first;
	al->n = 1;
	return al->v;
}

void
addr_wildcard(int family, unsigned port, struct sockaddr_any *a)
{
	memset(a, 0, sizeof *a);
	if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&a->ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
		sin6->sin6_addr = in6addr_any;
		a->len = sizeof *sin6;
	} else {
		struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		sin->sin_addr.s_addr = htonl(INADDR_ANY);
		a->len = sizeof *sin;
	}
}

int
addr_unix(const char *path, size_t len, struct sockaddr_any *a, char *err,
    size_t errlen)
{
	struct sockaddr_un *sun = (struct sockaddr_un *)&a->ss;

	memset(a, 0, sizeof *a);
	sun->sun_family = AF_UNIX;
	if (len > 0 && path[0] == '@') {
		/*
		 * Linux's abstract namespace: a NUL, then the name, no file and
		 * no NUL after it. "@" alone is the family alone: autobind.
		 */
		if (len - 1 >= sizeof sun->sun_path) {
			snprintf(err, errlen, _("abstract name too long: %zu bytes, "
			    "sun_path holds %zu after its NUL (ENAMETOOLONG)"),
			    len - 1, sizeof sun->sun_path - 1);
			return -1;
		}
		memcpy(sun->sun_path + 1, path + 1, len - 1);
		a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
		    (len > 1 ? len : 0));
		return 0;
	}
	if (len == 0) {
		snprintf(err, errlen, _("PATH is empty (a file name, or @name for the "
		    "abstract namespace)"));
		return -1;
	}
	if (len >= sizeof sun->sun_path) {
		snprintf(err, errlen, _("path too long: %zu bytes, sun_path holds %zu "
		    "and a NUL (ENAMETOOLONG)"), len, sizeof sun->sun_path - 1);
		return -1;
	}
	if (memchr(path, '\0', len) != NULL) {
		snprintf(err, errlen, _("path holds a NUL byte"));
		return -1;
	}
	memcpy(sun->sun_path, path, len);
	a->len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len + 1);
	return 0;
}

/* V (0..65535) in decimal at P; where it ends. */
static char *
put_u16(char *p, unsigned v)
{
	char digits[5];
	int n = 0;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		*p++ = digits[--n];
	return p;
}

static void
pr_sockaddr_in(struct strbuf *sb, const struct sockaddr *sa, socklen_t len)
{
	static const char port_on[] = ", sin_port=htons(";
	static const char addr_on[] = "), sin_addr=inet_addr(\"";
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;
	const unsigned char *a = (const unsigned char *)&sin->sin_addr;
	/* The whole of it made here, then added at once: one address a line or two. */
	char buf[sizeof port_on + sizeof addr_on + 5 + 15 + 2], *p = buf;

	(void)len;
	memcpy(p, port_on, sizeof port_on - 1);
	p = put_u16(p + sizeof port_on - 1, ntohs(sin->sin_port));
	memcpy(p, addr_on, sizeof addr_on - 1);
	p += sizeof addr_on - 1;
	/* Dotted quad, as inet_ntop writes it (which takes sprintf for it). */
	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];

		if (i > 0)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
	}
	*p++ = '"';
	*p++ = ')';
	sb_addn(sb, buf, (size_t)(p - buf));
}

static void
pr_sockaddr_in6(struct strbuf *sb, const struct sockaddr *sa, socklen_t len)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;
	char buf[INET6_ADDRSTRLEN], ifname[IF_NAMESIZE];

	inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof buf);
	sb_addf(sb, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
	    "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
	    ntohs(sin6->sin6_port), ntohl(sin6->sin6_flowinfo), buf);
	/* RFC 2133's sockaddr_in6 had no scope id: 24 bytes, which strace accepts */
	if (len < sizeof *sin6)
		return;
	sb_add(sb, ", ");
	/* strace names the interface of a link-local address only (fe80::/10, ff02::/16). */
	if ((IN6_IS_ADDR_LINKLOCAL(&sin6->sin6_addr) ||
	    IN6_IS_ADDR_MC_LINKLOCAL(&sin6->sin6_addr)) &&
	    sin6->sin6_scope_id != 0 &&
	    if_indextoname(sin6->sin6_scope_id, ifname) != NULL)
		sb_addf(sb, "sin6_scope_id=if_nametoindex(\"%s\")", ifname);
	else
		sb_addf(sb, "sin6_scope_id=%u", sin6->sin6_scope_id);
}

static void
pr_sockaddr_un(struct strbuf *sb, const struct sockaddr *sa, socklen_t len)
{
	const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
	size_t off = offsetof(struct sockaddr_un, sun_path), n;

	if (len <= off)
		return;		/* unnamed: strace prints the family alone */
	n = len - off;
	if (n > sizeof sun->sun_path)
		n = sizeof sun->sun_path;
	sb_add(sb, ", sun_path=");
	if (sun->sun_path[0] == '\0' && n > 0) {
		/* Linux's abstract namespace: no file, the name after a NUL. */
		sb_addc(sb, '@');
		pr_quoted(sb, sun->sun_path + 1, n - 1, sizeof sun->sun_path);
		return;
	}
	n = strnlen(sun->sun_path, n);
	pr_quoted(sb, sun->sun_path, n, sizeof sun->sun_path);
}

static const struct {
	int	 family;
	void	(*print)(struct strbuf *, const struct sockaddr *, socklen_t);
	socklen_t min_len;
} sockaddr_printers[] = {
	{ AF_INET, pr_sockaddr_in, sizeof(struct sockaddr_in) },
	{ AF_INET6, pr_sockaddr_in6, offsetof(struct sockaddr_in6, sin6_scope_id) },
	{ AF_UNIX, pr_sockaddr_un, sizeof(sa_family_t) },
};

void
pr_sockaddr(struct strbuf *sb, const struct sockaddr *sa, socklen_t len)
{
	bool printed = false;
	size_t i;

	if (sa == NULL) {
		sb_add(sb, "NULL");
		return;
	}
	sb_add(sb, "{sa_family=");
	pr_xlat(sb, xlat_families, sa->sa_family, "AF_???");
	for (i = 0; i < sizeof sockaddr_printers / sizeof sockaddr_printers[0]; i++) {
		if (sockaddr_printers[i].family == sa->sa_family &&
		    len >= sockaddr_printers[i].min_len) {
			sockaddr_printers[i].print(sb, sa, len);
			printed = true;
			break;
		}
	}
	/*
	 * An unknown family, or too short for its own: strace shows the bytes
	 * after the family, all of them, whatever -s says.
	 */
	if (!printed && len > sizeof(sa_family_t)) {
		size_t n = len - sizeof(sa_family_t);
		size_t most = sizeof(struct sockaddr_storage) - sizeof(sa_family_t);

		sb_add(sb, ", sa_data=");
		pr_quoted(sb, sa->sa_data, n < most ? n : most, most);
	}
	sb_addc(sb, '}');
}

void
pr_sockaddr_result(struct strbuf *sb, const struct sockaddr *sa,
    socklen_t before, socklen_t after, bool failed)
{
	if (failed) {
		pr_ptr(sb, sa);
		pr_sep(sb);
		pr_socklen(sb, before, before);
		return;
	}
	/* strace decodes no more than the buffer held, and nothing below a family. */
	if (after < sizeof(sa_family_t))
		pr_ptr(sb, sa);
	else
		pr_sockaddr(sb, sa, after < before ? after : before);
	pr_sep(sb);
	pr_socklen(sb, before, after);
}


void
addr_format(struct strbuf *sb, const struct sockaddr *sa, socklen_t len)
{
	char buf[INET6_ADDRSTRLEN];

	if (sa == NULL || len < sizeof(sa_family_t)) {
		sb_add(sb, "-");
		return;
	}
	switch (sa->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf);
		sb_addf(sb, "%s:%u", buf, ntohs(sin->sin_port));
		return;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)sa;

		inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof buf);
		sb_addf(sb, "[%s]:%u", buf, ntohs(sin6->sin6_port));
		return;
	}
	case AF_UNIX: {
		const struct sockaddr_un *sun = (const struct sockaddr_un *)sa;
		size_t off = offsetof(struct sockaddr_un, sun_path);
		size_t n = len > off ? len - off : 0;

		if (n > sizeof sun->sun_path)
			n = sizeof sun->sun_path;
		if (n == 0) {
			sb_add(sb, _("(unnamed)"));
		} else if (sun->sun_path[0] == '\0') {
			sb_addc(sb, '@');
			pr_quoted(sb, sun->sun_path + 1, n - 1, sizeof sun->sun_path);
		} else {
			pr_quoted(sb, sun->sun_path, strnlen(sun->sun_path, n),
			    sizeof sun->sun_path);
		}
		return;
	}
	default:
		pr_xlat(sb, xlat_families, sa->sa_family, "AF_???");
	}
}

bool
addr_is_multicast(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return IN_MULTICAST(ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr));
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_MULTICAST(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return false;
}
