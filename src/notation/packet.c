/*
 * packet.c: captured bytes decoded into a struct packet, and the one line a
 * learner reads for it, in tcpdump's words.
 *
 * The bytes come from the wire, and a peer can put anything there: every
 * header is checked against what was captured before one byte of it is read,
 * and against what the header before it claims. A packet that does not hold
 * together is refused (-1), never half read.
 */
#include "config.h"
#include "packet.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "print.h"
#include "strbuf.h"

#define ETHERTYPE_IPV4		0x0800
#define ETHERTYPE_IPV6		0x86dd
#define ETHERTYPE_VLAN		0x8100	/* 802.1Q */
#define ETHERTYPE_QINQ		0x88a8	/* 802.1ad */
#define ETHERTYPE_QINQ_OLD	0x9100

#define SLL_HDR_LEN		16
#define SLL2_HDR_LEN		20
#define ETHER_HDR_LEN		14
#define VLAN_TAGS_MAX		4	/* more than any real frame stacks */

#define IPV6_EXT_MAX		16	/* extension headers walked before giving up */

static uint16_t
be16(const unsigned char *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static uint32_t
be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

static size_t
min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* ---- decoding ---- */

/* What an IP header (and IPv6's extension headers) says. */
struct ip_info {
	int			 family, proto;
	struct sockaddr_storage	 src, dst;
	size_t			 hlen;		/* bytes of headers before the payload */
	size_t			 plen;		/* the payload's length, as the headers say */
	bool			 later_frag;	/* a fragment, not the first */
};

static void
set_in(struct sockaddr_storage *ss, const unsigned char *addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;

	memset(ss, 0, sizeof(*ss));
	sin->sin_family = AF_INET;
	memcpy(&sin->sin_addr, addr, 4);
}

static void
set_in6(struct sockaddr_storage *ss, const unsigned char *addr)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	sin6->sin6_family = AF_INET6;
	memcpy(&sin6->sin6_addr, addr, 16);
}

/* PORT (network byte order, as it came) into SS. */
static void
set_port(struct sockaddr_storage *ss, const unsigned char *port)
{
	uint16_t n;

	memcpy(&n, port, 2);
	if (ss->ss_family == AF_INET)
		((struct sockaddr_in *)ss)->sin_port = n;
	else if (ss->ss_family == AF_INET6)
		((struct sockaddr_in6 *)ss)->sin6_port = n;
}

/*
 * The IPv4 header at B: CAP bytes captured, WIRE on the wire from B on. A
 * total length of 0 (a large segment handed down before the card splits it)
 * is taken as the rest of the wire.
 */
static int
ipv4_parse(const unsigned char *b, size_t cap, size_t wire, struct ip_info *ip)
{
	size_t ihl, tot;

	if (cap < 20 || b[0] >> 4 != 4)
		return -1;
	ihl = (size_t)(b[0] & 0x0f) * 4;
	if (ihl < 20 || ihl > cap)
		return -1;
	tot = be16(b + 2);
	if (tot == 0)
		tot = wire;
	if (tot < ihl)
		return -1;
	ip->family = AF_INET;
	ip->proto = b[9];
	set_in(&ip->src, b + 12);
	set_in(&ip->dst, b + 16);
	ip->hlen = ihl;
	ip->plen = tot - ihl;
	ip->later_frag = (be16(b + 6) & 0x1fff) != 0;
	return 0;
}

/*
 * The IPv6 header at B and the extension headers after it: hop-by-hop,
 * routing, destination options, authentication, and a fragment header (past
 * which only the first fragment goes on). A payload length of 0 (a jumbogram,
 * or a large segment before the card splits it) is taken as the rest of WIRE.
 */
static int
ipv6_parse(const unsigned char *b, size_t cap, size_t wire, struct ip_info *ip)
{
	size_t off = 40, end;
	int next;

	if (cap < 40 || b[0] >> 4 != 6)
		return -1;
	end = be16(b + 4);
	end = end == 0 ? (wire > 40 ? wire : 40) : end + 40;
	next = b[6];
	ip->family = AF_INET6;
	set_in6(&ip->src, b + 8);
	set_in6(&ip->dst, b + 24);
	ip->later_frag = false;
	for (int i = 0; i < IPV6_EXT_MAX; i++) {
		size_t len;

		if (next == IPPROTO_HOPOPTS || next == IPPROTO_ROUTING ||
		    next == IPPROTO_DSTOPTS) {
			if (off + 2 > cap)
				return -1;
			len = ((size_t)b[off + 1] + 1) * 8;
		} else if (next == IPPROTO_AH) {
			if (off + 2 > cap)
				return -1;
			len = ((size_t)b[off + 1] + 2) * 4;
		} else if (next == IPPROTO_FRAGMENT) {
			if (off + 8 > cap)
				return -1;
			len = 8;
			if ((be16(b + off + 2) & 0xfff8) != 0)
				ip->later_frag = true;
		} else
			break;
		next = b[off];
		off += len;
		if (off > cap || off > end)
			return -1;
		if (ip->later_frag)
			break;
	}
	ip->proto = next;
	ip->hlen = off;
	ip->plen = end - off;
	return 0;
}

/* The IP header at B, whichever version it is. */
static int
ip_parse(const unsigned char *b, size_t cap, size_t wire, struct ip_info *ip)
{
	if (cap < 1)
		return -1;
	switch (b[0] >> 4) {
	case 4:
		return ipv4_parse(b, cap, wire, ip);
	case 6:
		return ipv6_parse(b, cap, wire, ip);
	}
	return -1;
}

static bool
is_icmp_error(int family, int type)
{
	if (family == AF_INET)
		/* unreachable, source quench, redirect, time exceeded, parameter problem */
		return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
	/* unreachable, packet too big, time exceeded, parameter problem */
	return type >= 1 && type <= 4;
}

/*
 * The datagram an ICMP error quotes (B, CAP bytes): its IP header, and the
 * first 8 bytes of what it carried, where TCP and UDP have their ports.
 */
static void
decode_quoted(const unsigned char *b, size_t cap, struct packet *p)
{
	struct ip_info in;

	if (ip_parse(b, cap, cap, &in) != 0)
		return;
	p->orig_proto = in.proto;
	p->orig_src = in.src;
	p->orig_dst = in.dst;
	if ((in.proto == IPPROTO_TCP || in.proto == IPPROTO_UDP) &&
	    !in.later_frag && in.hlen + 4 <= cap) {
		set_port(&p->orig_src, b + in.hlen);
		set_port(&p->orig_dst, b + in.hlen + 2);
	}
}

/* TCP: B holds CAP captured bytes of a segment LEN long (the IP payload). */
static int
decode_tcp(const unsigned char *b, size_t cap, size_t len, struct packet *p)
{
	size_t off;

	if (cap < 20 || len < 20)
		return -1;
	off = (size_t)(b[12] >> 4) * 4;
	if (off < 20 || off > len)
		return -1;
	set_port(&p->src, b);
	set_port(&p->dst, b + 2);
	p->seq = be32(b + 4);
	p->ack = be32(b + 8);
	p->flags = b[13];
	p->win = be16(b + 14);
	p->urp = be16(b + 18);
	p->opts = b + 20;
	p->optlen = min_size(off, cap) - 20;
	if (p->optlen == 0)
		p->opts = NULL;
	p->len = len - off;
	if (cap > off) {
		p->payload = b + off;
		p->caplen = cap - off;
	}
	return 0;
}

/* UDP: its own length field, when it fits in the IP payload (LEN). */
static int
decode_udp(const unsigned char *b, size_t cap, size_t len, struct packet *p)
{
	size_t ulen;

	if (cap < 8 || len < 8)
		return -1;
	set_port(&p->src, b);
	set_port(&p->dst, b + 2);
	ulen = be16(b + 4);
	if (ulen < 8 || ulen > len)
		ulen = len;
	p->len = ulen - 8;
	p->caplen = min_size(cap - 8, p->len);
	if (p->caplen > 0)
		p->payload = b + 8;
	return 0;
}

static int
decode_icmp(const unsigned char *b, size_t cap, size_t len, struct packet *p)
{
	if (cap < 4 || len < 4)
		return -1;
	p->icmp_type = b[0];
	p->icmp_code = b[1];
	if (cap >= 8)
		p->icmp_rest = be32(b + 4);
	p->len = len;
	p->payload = b;
	p->caplen = cap;
	if (cap > 8 && is_icmp_error(p->family, p->icmp_type))
		decode_quoted(b + 8, cap - 8, p);
	return 0;
}

/* The IP packet at B (CAP captured, WIRE on the wire); VERSION 0: either. */
static int
decode_ip(const unsigned char *b, size_t cap, size_t wire, int version,
    struct packet *p)
{
	struct ip_info ip;
	size_t l4cap;

	if (cap < 1 || (version != 0 && b[0] >> 4 != version))
		return -1;
	if (ip_parse(b, cap, wire, &ip) != 0 || ip.later_frag)
		return -1;
	p->family = ip.family;
	p->proto = ip.proto;
	p->src = ip.src;
	p->dst = ip.dst;
	/* What was captured of the payload, and no padding after it. */
	l4cap = min_size(cap - ip.hlen, ip.plen);
	b += ip.hlen;
	switch (ip.proto) {
	case IPPROTO_TCP:
		return decode_tcp(b, l4cap, ip.plen, p);
	case IPPROTO_UDP:
		return decode_udp(b, l4cap, ip.plen, p);
	case IPPROTO_ICMP:
		if (ip.family != AF_INET)
			return -1;
		return decode_icmp(b, l4cap, ip.plen, p);
	case IPPROTO_ICMPV6:
		if (ip.family != AF_INET6)
			return -1;
		return decode_icmp(b, l4cap, ip.plen, p);
	}
	return -1;
}

/* An ethertype's IP version, or -1. */
static int
ethertype_version(unsigned type)
{
	if (type == ETHERTYPE_IPV4)
		return 4;
	if (type == ETHERTYPE_IPV6)
		return 6;
	return -1;
}

/* DLT_NULL's address family, written in the capturing host's byte order. */
static int
null_version(const unsigned char *b)
{
	uint32_t le = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
	    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	uint32_t fam = le > 0xffff ? be32(b) : le;

	switch (fam) {
	case 2:		/* AF_INET everywhere */
		return 4;
	case 10:	/* AF_INET6: Linux */
	case 24:	/* NetBSD, OpenBSD */
	case 28:	/* FreeBSD */
	case 30:	/* macOS */
		return 6;
	}
	return -1;
}

int
packet_decode(int dlt, const unsigned char *bytes, size_t caplen,
    size_t wirelen, struct packet *p)
{
	struct timespec ts = p->ts;
	size_t off = 0;
	int version = 0;

	memset(p, 0, sizeof(*p));
	p->ts = ts;
	p->pkttype = -1;
	p->hatype = -1;
	p->icmp_type = -1;
	p->icmp_code = -1;
	p->orig_proto = -1;
	if (wirelen < caplen)
		wirelen = caplen;
	p->wire_len = wirelen;
	if (bytes == NULL)
		return -1;

	switch (dlt) {
	case PKT_DLT_LINUX_SLL2:
		if (caplen < SLL2_HDR_LEN)
			return -1;
		version = ethertype_version(be16(bytes));
		p->ifindex = (int)be32(bytes + 4);
		p->hatype = be16(bytes + 8);
		p->pkttype = bytes[10];
		off = SLL2_HDR_LEN;
		break;
	case PKT_DLT_LINUX_SLL:
		if (caplen < SLL_HDR_LEN)
			return -1;
		p->pkttype = be16(bytes);
		p->hatype = be16(bytes + 2);
		version = ethertype_version(be16(bytes + 14));
		off = SLL_HDR_LEN;
		break;
	case PKT_DLT_EN10MB: {
		unsigned type;
		int tags = 0;

		if (caplen < ETHER_HDR_LEN)
			return -1;
		off = 12;
		type = be16(bytes + off);
		while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ ||
		    type == ETHERTYPE_QINQ_OLD) {
			off += 4;
			if (++tags > VLAN_TAGS_MAX || off + 2 > caplen)
				return -1;
			type = be16(bytes + off);
		}
		off += 2;
		version = ethertype_version(type);
		break;
	}
	case PKT_DLT_NULL:
		if (caplen < 4)
			return -1;
		version = null_version(bytes);
		off = 4;
		break;
	case PKT_DLT_RAW:
	case PKT_DLT_RAW_FILE:
		break;
	case PKT_DLT_IPV4:
		version = 4;
		break;
	case PKT_DLT_IPV6:
		version = 6;
		break;
	default:
		return -1;
	}
	if (version < 0 || off > caplen)
		return -1;
	return decode_ip(bytes + off, caplen - off, wirelen - off, version, p);
}

/* ---- relative sequence numbers ---- */

/*
 * One connection, both directions: end 0 is the lesser of the two (address,
 * port) pairs, so a segment and its answer find the same entry.
 */
struct flow {
	int		 family;
	unsigned char	 addr[2][16];
	uint16_t	 port[2];
	bool		 known[2];	/* base[i] is known */
	uint32_t	 base[2];	/* end i's sequence number that counts as 0 */
};

/* Connections kept; past it the oldest is forgotten. */
#define FLOWS_MAX	1024

void
packet_flows_free(struct packet_flows *fl)
{
	if (fl == NULL)
		return;
	free(fl->v);
	fl->v = NULL;
	fl->n = fl->cap = 0;
}

/* SS's address (16 bytes, an IPv4 one zero-padded) and port. */
static void
end_key(const struct sockaddr_storage *ss, unsigned char addr[16], uint16_t *port)
{
	memset(addr, 0, 16);
	*port = 0;
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		memcpy(addr, &sin->sin_addr, 4);
		*port = ntohs(sin->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;

		memcpy(addr, &sin6->sin6_addr, 16);
		*port = ntohs(sin6->sin6_port);
	}
}

static int
end_cmp(const unsigned char *a, uint16_t ap, const unsigned char *b, uint16_t bp)
{
	int c = memcmp(a, b, 16);

	if (c != 0)
		return c;
	return ap < bp ? -1 : ap > bp;
}

/* P's connection, made when it is new; *SIDE: which end sent P. */
static struct flow *
flow_of(struct packet_flows *fl, const struct packet *p, int *side)
{
	unsigned char sa[16], da[16];
	uint16_t sp, dp;
	struct flow key, *f;

	end_key(&p->src, sa, &sp);
	end_key(&p->dst, da, &dp);
	memset(&key, 0, sizeof(key));
	key.family = p->family;
	*side = end_cmp(sa, sp, da, dp) <= 0 ? 0 : 1;
	memcpy(key.addr[*side], sa, 16);
	key.port[*side] = sp;
	memcpy(key.addr[!*side], da, 16);
	key.port[!*side] = dp;

	for (size_t i = fl->n; i-- > 0;) {
		f = &fl->v[i];
		if (f->family == key.family && f->port[0] == key.port[0] &&
		    f->port[1] == key.port[1] &&
		    memcmp(f->addr, key.addr, sizeof(key.addr)) == 0)
			return f;
	}
	if (fl->n == FLOWS_MAX) {
		memmove(fl->v, fl->v + 1, (fl->n - 1) * sizeof(*fl->v));
		fl->n--;
	}
	if (fl->n == fl->cap) {
		fl->cap = fl->cap == 0 ? 8 : fl->cap * 2;
		fl->v = xrealloc(fl->v, fl->cap * sizeof(*fl->v));
	}
	fl->v[fl->n] = key;
	return &fl->v[fl->n++];
}

/*
 * Wireshark's relative numbers: each direction counts from its SYN's
 * sequence number, so both SYNs are seq 0 and the first byte of data is 1.
 *
 * A connection first seen mid-stream (no SYN in the capture) counts as if
 * its handshake had just happened, as Wireshark does: the first segment seen
 * from an end sets that end's base one below its seq, and an ACK for an end
 * not yet seen sets that end's base one below the ack. So the first numbers
 * shown are 1, as right after a handshake.
 *
 * A SYN (without ACK) from an end whose base is known, with another
 * sequence number, is a new connection on the same ports (a port used
 * again): both ends start afresh. A SYN sent again with the same number is
 * the same connection.
 */
void
packet_flows_relative(struct packet_flows *fl, const struct packet *p,
    uint32_t *seq, uint32_t *ack)
{
	struct flow *f;
	int me, peer;

	*seq = p->seq;
	*ack = p->ack;
	if (fl == NULL || p->proto != IPPROTO_TCP)
		return;
	f = flow_of(fl, p, &me);
	peer = !me;
	if ((p->flags & (PKT_SYN | PKT_ACK)) == PKT_SYN && f->known[me] &&
	    f->base[me] != p->seq)
		f->known[0] = f->known[1] = false;
	if (p->flags & PKT_SYN) {
		f->base[me] = p->seq;
		f->known[me] = true;
	} else if (!f->known[me]) {
		f->base[me] = p->seq - 1;
		f->known[me] = true;
	}
	if ((p->flags & PKT_ACK) && !f->known[peer]) {
		f->base[peer] = p->ack - 1;
		f->known[peer] = true;
	}
	*seq = p->seq - f->base[me];
	if (p->flags & PKT_ACK)
		*ack = p->ack - f->base[peer];
}

/* ---- the line ---- */

void
packet_flags(struct strbuf *sb, uint8_t flags)
{
	/* tcpdump's tcp_flag_values, in its order. */
	static const struct {
		uint8_t		 bit;
		char		 letter;
	} tab[] = {
		{ PKT_FIN, 'F' }, { PKT_SYN, 'S' }, { PKT_RST, 'R' },
		{ PKT_PSH, 'P' }, { PKT_ACK, '.' }, { PKT_URG, 'U' },
		{ PKT_ECE, 'E' }, { PKT_CWR, 'W' },
	};

	if (flags == 0) {
		sb_add(sb, "none");
		return;
	}
	for (size_t i = 0; i < sizeof(tab) / sizeof(tab[0]); i++)
		if (flags & tab[i].bit)
			sb_addc(sb, tab[i].letter);
}

void
packet_addr(struct strbuf *sb, const struct sockaddr_storage *ss, bool port)
{
	char buf[INET6_ADDRSTRLEN];

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof(buf)) == NULL)
			snprintf(buf, sizeof(buf), "?");
		sb_add(sb, buf);
		if (port)
			sb_addf(sb, ":%u", ntohs(sin->sin_port));
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;

		if (inet_ntop(AF_INET6, &sin6->sin6_addr, buf, sizeof(buf)) == NULL)
			snprintf(buf, sizeof(buf), "?");
		if (port)
			sb_addf(sb, "[%s]:%u", buf, ntohs(sin6->sin6_port));
		else
			sb_add(sb, buf);
	} else
		sb_add(sb, "?");
}

/* The TCP options' names, as tcpdump's tcp_option_values has them. */
static const char *
tcp_option_name(unsigned kind)
{
	switch (kind) {
	case 0:		return "eol";
	case 1:		return "nop";
	case 2:		return "mss";
	case 3:		return "wscale";
	case 4:		return "sackOK";
	case 5:		return "sack";
	case 6:		return "echo";
	case 7:		return "echoreply";
	case 8:		return "TS";
	case 11:	return "cc";
	case 12:	return "ccnew";
	case 13:	return "ccecho";
	case 19:	return "md5";
	case 20:	return "scps";
	case 28:	return "uto";
	case 29:	return "tcp-ao";
	case 30:	return "mptcp";
	case 34:	return "tfo";
	case 254:	return "exp";
	}
	return NULL;
}

/*
 * The options as tcpdump writes them inside "options [...]": each option's
 * name, with its values when they are short (mss, wscale) or VERBOSE. An
 * option whose length does not add up ends the list with "[bad opt]"; one
 * whose length is not what its kind has gets "[len N]", as tcpdump says.
 */
static void
tcp_options(struct strbuf *sb, const unsigned char *o, size_t n, bool verbose)
{
	size_t i = 0;

	while (i < n) {
		unsigned kind = o[i], len;
		const unsigned char *d;
		const char *name = tcp_option_name(kind);
		size_t dlen;
		long want = -1;		/* the length KIND has, or -1: any */

		if (i > 0)
			sb_addc(sb, ',');
		if (kind == 0 || kind == 1) {
			sb_add(sb, name);
			i++;
			if (kind == 0)
				break;
			continue;
		}
		if (i + 2 > n || (len = o[i + 1]) < 2 || i + len > n) {
			sb_add(sb, "[bad opt]");
			break;
		}
		d = o + i + 2;
		dlen = len - 2;
		if (name != NULL)
			sb_add(sb, name);
		else
			sb_addf(sb, "unknown-%u", kind);
		switch (kind) {
		case 2:		/* mss */
			want = 4;
			if (len == 4)
				sb_addf(sb, " %u", be16(d));
			break;
		case 3:		/* wscale */
			want = 3;
			if (len == 3)
				sb_addf(sb, " %u", d[0]);
			break;
		case 4:		/* sackOK */
			want = 2;
			break;
		case 5:		/* sack: blocks of left and right edges */
			if (dlen % 8 != 0) {
				sb_add(sb, " invalid sack");
				break;
			}
			if (!verbose)
				break;
			sb_addf(sb, " %zu ", dlen / 8);
			for (size_t k = 0; k < dlen; k += 8)
				sb_addf(sb, "{%u:%u}", be32(d + k), be32(d + k + 4));
			break;
		case 6: case 7: case 11: case 12: case 13:
			want = 6;
			if (len == 6 && verbose)
				sb_addf(sb, " %u", be32(d));
			break;
		case 8:		/* TS */
			want = 10;
			if (len == 10 && verbose)
				sb_addf(sb, " val %u ecr %u", be32(d), be32(d + 4));
			break;
		default:
			if (verbose && dlen > 0) {
				sb_add(sb, " 0x");
				for (size_t k = 0; k < dlen; k++)
					sb_addf(sb, "%02x", d[k]);
			}
			break;
		}
		if (want >= 0 && (long)len != want)
			sb_addf(sb, "[len %u]", len);
		i += len;
	}
}

/* ", length N" and the payload quoted, as much of it as was captured. */
static void
length_payload(struct strbuf *sb, const struct packet *p, size_t strsize)
{
	size_t have = p->payload == NULL ? 0 : min_size(p->caplen, p->len);

	sb_addf(sb, ", length %zu", p->len);
	if (p->len == 0)
		return;
	sb_addc(sb, ' ');
	pr_quoted(sb, p->payload, have, strsize);
	/* pr_quoted marks only its own cut; a capture cut short is one too. */
	if (have < p->len && have <= strsize)
		sb_add(sb, "...");
}

static void
format_tcp(struct strbuf *sb, const struct packet *p, struct packet_flows *fl,
    const struct packet_style *st)
{
	uint32_t seq, ack;

	packet_flows_relative(fl, p, &seq, &ack);
	if (st->verbose) {
		seq = p->seq;
		ack = p->ack;
	}
	sb_addc(sb, '[');
	packet_flags(sb, p->flags);
	sb_addc(sb, ']');
	/* tcpdump leaves out the seq of a bare ACK: it says nothing there. */
	if (p->len > 0 || (p->flags & (PKT_SYN | PKT_FIN | PKT_RST))) {
		sb_addf(sb, " seq %u", seq);
		if (p->len > 0)
			sb_addf(sb, ":%u", (uint32_t)(seq + p->len));
		sb_add(sb, ",");
	}
	if (p->flags & PKT_ACK)
		sb_addf(sb, " ack %u,", ack);
	sb_addf(sb, " win %u", p->win);
	if (p->flags & PKT_URG)
		sb_addf(sb, ", urg %u", p->urp);
	if (p->opts != NULL && p->optlen > 0 &&
	    (st->verbose || (p->flags & PKT_SYN))) {
		sb_add(sb, ", options [");
		tcp_options(sb, p->opts, p->optlen, st->verbose);
		sb_addc(sb, ']');
	}
	length_payload(sb, p, st->strsize);
}

/* ICMPv4's type and code in few words, after tcpdump's. */
static void
icmp4_name(struct strbuf *sb, int type, int code, uint32_t rest)
{
	static const char *const unreach[] = {
		"net unreachable", "host unreachable", "protocol unreachable",
		"port unreachable", "unreachable - need to frag",
		"unreachable - source route failed",
		"net unreachable - unknown", "host unreachable - unknown",
		"unreachable - source host isolated",
		"net unreachable - admin prohibited",
		"host unreachable - admin prohibited",
		"net unreachable - tos prohibited",
		"host unreachable - tos prohibited",
		"unreachable - admin prohibited filter",
		"host unreachable - host precedence violation",
		"host unreachable - precedence cutoff",
	};
	static const char *const redirect[] = {
		"redirect to net", "redirect to host",
		"redirect-tos to net", "redirect-tos to host",
	};

	switch (type) {
	case 0:
	case 8:
		sb_addf(sb, "echo %s, id %u, seq %u",
		    type == 0 ? "reply" : "request", rest >> 16, rest & 0xffff);
		return;
	case 3:
		if (code >= 0 && code < (int)(sizeof(unreach) / sizeof(unreach[0])))
			sb_add(sb, unreach[code]);
		else
			sb_addf(sb, "unreachable - #%d", code);
		if (code == 4 && (rest & 0xffff) != 0)
			sb_addf(sb, ", mtu %u", rest & 0xffff);
		return;
	case 4:
		sb_add(sb, "source quench");
		return;
	case 5:
		if (code >= 0 && code < (int)(sizeof(redirect) / sizeof(redirect[0])))
			sb_add(sb, redirect[code]);
		else
			sb_addf(sb, "redirect-#%d", code);
		return;
	case 9:		sb_add(sb, "router advertisement"); return;
	case 10:	sb_add(sb, "router solicitation"); return;
	case 11:
		if (code == 0)
			sb_add(sb, "time exceeded in-transit");
		else if (code == 1)
			sb_add(sb, "ip reassembly time exceeded");
		else
			sb_addf(sb, "time exceeded-#%d", code);
		return;
	case 12:	sb_add(sb, "parameter problem"); return;
	case 13:	sb_add(sb, "time stamp request"); return;
	case 14:	sb_add(sb, "time stamp reply"); return;
	case 15:	sb_add(sb, "information request"); return;
	case 16:	sb_add(sb, "information reply"); return;
	case 17:	sb_add(sb, "address mask request"); return;
	case 18:	sb_add(sb, "address mask reply"); return;
	}
	sb_addf(sb, "type-#%d", type);
}

/* ICMPv6's, the same way (tcpdump's icmp6_type_values). */
static void
icmp6_name(struct strbuf *sb, int type, int code, uint32_t rest)
{
	static const char *const unreach[] = {
		"route unreachable", "unreachable - admin prohibited",
		"unreachable - beyond scope", "address unreachable",
		"port unreachable", "unreachable - source address failed policy",
		"unreachable - reject route",
	};

	switch (type) {
	case 1:
		if (code >= 0 && code < (int)(sizeof(unreach) / sizeof(unreach[0])))
			sb_add(sb, unreach[code]);
		else
			sb_addf(sb, "unreachable - #%d", code);
		return;
	case 2:
		sb_addf(sb, "packet too big, mtu %u", rest);
		return;
	case 3:
		if (code == 0)
			sb_add(sb, "time exceeded in-transit");
		else if (code == 1)
			sb_add(sb, "reassembly time exceeded");
		else
			sb_addf(sb, "time exceeded-#%d", code);
		return;
	case 4:		sb_add(sb, "parameter problem"); return;
	case 128:
	case 129:
		sb_addf(sb, "echo %s, id %u, seq %u",
		    type == 129 ? "reply" : "request", rest >> 16, rest & 0xffff);
		return;
	case 130:	sb_add(sb, "multicast listener query"); return;
	case 131:	sb_add(sb, "multicast listener report"); return;
	case 132:	sb_add(sb, "multicast listener done"); return;
	case 133:	sb_add(sb, "router solicitation"); return;
	case 134:	sb_add(sb, "router advertisement"); return;
	case 135:	sb_add(sb, "neighbor solicitation"); return;
	case 136:	sb_add(sb, "neighbor advertisement"); return;
	case 137:	sb_add(sb, "redirect"); return;
	case 143:	sb_add(sb, "multicast listener report v2"); return;
	}
	sb_addf(sb, "type-#%d", type);
}

static const char *
proto_name(int proto)
{
	switch (proto) {
	case IPPROTO_TCP:	return "TCP";
	case IPPROTO_UDP:	return "UDP";
	case IPPROTO_ICMP:	return "ICMP";
	case IPPROTO_ICMPV6:	return "ICMP6";
	}
	return NULL;
}

static void
orig_end(struct strbuf *sb, const struct packet *p,
    const struct sockaddr_storage *ss, const struct packet_style *st)
{
	if (st->orig_name != NULL)
		st->orig_name(sb, p->orig_proto, ss, st->orig_arg);
	else
		packet_addr(sb, ss, p->orig_proto == IPPROTO_TCP ||
		    p->orig_proto == IPPROTO_UDP);
}

static void
format_icmp(struct strbuf *sb, const struct packet *p,
    const struct packet_style *st)
{
	const char *name;

	if (p->proto == IPPROTO_ICMP) {
		sb_add(sb, "ICMP ");
		icmp4_name(sb, p->icmp_type, p->icmp_code, p->icmp_rest);
	} else {
		sb_add(sb, "ICMP6 ");
		icmp6_name(sb, p->icmp_type, p->icmp_code, p->icmp_rest);
	}
	if (p->orig_proto >= 0) {
		sb_add(sb, " (");
		if ((name = proto_name(p->orig_proto)) != NULL)
			sb_addf(sb, "%s ", name);
		else
			sb_addf(sb, "proto %d ", p->orig_proto);
		orig_end(sb, p, &p->orig_src, st);
		sb_add(sb, st->ascii ? " -> " : " → ");
		orig_end(sb, p, &p->orig_dst, st);
		sb_addc(sb, ')');
	}
	sb_addf(sb, ", length %zu", p->len);
}

void
packet_format(struct strbuf *sb, const struct packet *p, const char *src,
    const char *dst, struct packet_flows *fl, const struct packet_style *style)
{
	static const struct packet_style plain = { .strsize = STRSIZE_DEFAULT };
	const struct packet_style *st = style != NULL ? style : &plain;

	if (src != NULL)
		sb_add(sb, src);
	else
		packet_addr(sb, &p->src, p->proto == IPPROTO_TCP ||
		    p->proto == IPPROTO_UDP);
	sb_add(sb, st->ascii ? " -> " : " → ");
	if (dst != NULL)
		sb_add(sb, dst);
	else
		packet_addr(sb, &p->dst, p->proto == IPPROTO_TCP ||
		    p->proto == IPPROTO_UDP);
	sb_add(sb, "  ");
	switch (p->proto) {
	case IPPROTO_TCP:
		format_tcp(sb, p, fl, st);
		break;
	case IPPROTO_UDP:
		sb_add(sb, "UDP");
		length_payload(sb, p, st->strsize);
		break;
	case IPPROTO_ICMP:
	case IPPROTO_ICMPV6:
		format_icmp(sb, p, st);
		break;
	default:
		sb_addf(sb, "proto %d, length %zu", p->proto, p->len);
		break;
	}
}

/* ---- RFC 793's states, followed from the segments ---- */

static const char *const fsm_names[] = {
	[FSM_CLOSE] = "CLOSE", [FSM_LISTEN] = "LISTEN",
	[FSM_SYN_SENT] = "SYN_SENT", [FSM_SYN_RECV] = "SYN_RECV",
	[FSM_ESTABLISHED] = "ESTABLISHED", [FSM_FIN_WAIT1] = "FIN_WAIT1",
	[FSM_FIN_WAIT2] = "FIN_WAIT2", [FSM_CLOSE_WAIT] = "CLOSE_WAIT",
	[FSM_CLOSING] = "CLOSING", [FSM_LAST_ACK] = "LAST_ACK",
	[FSM_TIME_WAIT] = "TIME_WAIT",
};

const char *
tcp_fsm_name(enum tcp_fsm s)
{
	return (unsigned)s < sizeof fsm_names / sizeof fsm_names[0] ?
	    fsm_names[s] : "?";
}

void
tcp_follow_init(struct tcp_follow *f, bool server_listens)
{
	memset(f, 0, sizeof *f);
	f->state[0] = FSM_CLOSE;
	f->state[1] = server_listens ? FSM_LISTEN : FSM_CLOSE;
}

/* Does ACK (from the other end) cover the sequence number SEQ of this end? */
static bool
acks(uint32_t ack, uint32_t seq)
{
	return (int32_t)(ack - seq) > 0;
}

int
tcp_follow_segment(struct tcp_follow *f, int from, const struct packet *p)
{
	int to = !from, changed = 0;
	enum tcp_fsm s = f->state[from], r = f->state[to];

	if (p->proto != IPPROTO_TCP)
		return 0;
	if (p->flags & PKT_RST) {
		f->state[from] = f->state[to] = FSM_CLOSE;
		return (s != FSM_CLOSE) | (r != FSM_CLOSE) << 1;
	}
	/* The sender: its SYN, its FIN. */
	if (p->flags & PKT_SYN) {
		f->syn[from] = true;
		f->syn_seq[from] = p->seq;
		if (!(p->flags & PKT_ACK) && s == FSM_CLOSE)
			f->state[from] = FSM_SYN_SENT;
	}
	if (p->flags & PKT_FIN) {
		f->fin[from] = true;
		f->fin_seq[from] = p->seq + (uint32_t)p->len +
		    ((p->flags & PKT_SYN) ? 1 : 0);
		if (f->state[from] == FSM_ESTABLISHED ||
		    f->state[from] == FSM_SYN_RECV)
			f->state[from] = FSM_FIN_WAIT1;
		else if (f->state[from] == FSM_CLOSE_WAIT)
			f->state[from] = FSM_LAST_ACK;
	}
	/* The receiver: first what the segment acknowledges, then its SYN and FIN. */
	if (p->flags & PKT_ACK) {
		if (r == FSM_SYN_RECV && f->syn[to] && acks(p->ack, f->syn_seq[to]))
			r = FSM_ESTABLISHED;
		if (f->fin[to] && acks(p->ack, f->fin_seq[to])) {
			if (r == FSM_FIN_WAIT1)
				r = FSM_FIN_WAIT2;
			else if (r == FSM_CLOSING)
				r = FSM_TIME_WAIT;
			else if (r == FSM_LAST_ACK)
				r = FSM_CLOSE;
		}
	}
	if (p->flags & PKT_SYN) {
		if ((p->flags & PKT_ACK) && r == FSM_SYN_SENT)
			r = FSM_ESTABLISHED;
		else if (!(p->flags & PKT_ACK) && r == FSM_LISTEN)
			r = FSM_SYN_RECV;
	}
	if (p->flags & PKT_FIN) {
		if (r == FSM_ESTABLISHED)
			r = FSM_CLOSE_WAIT;
		else if (r == FSM_FIN_WAIT1)
			r = FSM_CLOSING;
		else if (r == FSM_FIN_WAIT2)
			r = FSM_TIME_WAIT;
	}
	changed = (f->state[from] != s) | (f->state[to] != r) << 1;
	f->state[to] = r;
	return changed;
}
