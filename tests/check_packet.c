/*
 * check_packet.c: captured packets decoded and written as one line each.
 *
 * Unit tests decode packets built here byte by byte, on each link type, with
 * IPv4 options and IPv6 extension headers, cut short and garbled; they check
 * the flag letters, the options, the quoting of payloads and the relative
 * sequence numbers. The golden tests decode real captures (tests/pcap/NAME.pcap,
 * made by tests/pcap/make-pcaps.sh) and compare each line with the .lines
 * file beside it, whose lines were read against `tcpdump -r F -nn`. The
 * captures are read by a small reader of the pcap file format below, not by
 * libpcap, which the tests do not need.
 *
 * PACKET_GOLDEN_UPDATE=1 in the environment writes the .lines files from
 * what the decoder says, instead of comparing: only after a change meant to
 * change them, and each new line is to be read against tcpdump's.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "packet.h"
#include "print.h"
#include "strbuf.h"
#include "trace.h"

/* ---- building packets ---- */

/* A packet being built, layer by layer from the inside out. */
struct build {
	unsigned char	 b[4096];
	size_t		 n;
};

static void
add(struct build *k, const void *d, size_t n)
{
	ck_assert_uint_le(k->n + n, sizeof(k->b));
	memcpy(k->b + k->n, d, n);
	k->n += n;
}

static void
add8(struct build *k, unsigned v)
{
	unsigned char c = (unsigned char)v;

	add(k, &c, 1);
}

static void
add16(struct build *k, unsigned v)
{
	add8(k, v >> 8);
	add8(k, v);
}

static void
add32(struct build *k, uint32_t v)
{
	add16(k, v >> 16);
	add16(k, v & 0xffff);
}

/* Put the N bytes at D in front of what K holds. */
static void
prepend(struct build *k, const void *d, size_t n)
{
	ck_assert_uint_le(k->n + n, sizeof(k->b));
	memmove(k->b + n, k->b, k->n);
	memcpy(k->b, d, n);
	k->n += n;
}

/* The options a Linux SYN carries: mss, sackOK, TS, nop, wscale 7 (20 bytes). */
static const unsigned char syn_opts[] = {
	2, 4, 0xff, 0xd7,			/* mss 65495 */
	4, 2,					/* sackOK */
	8, 10, 0, 0, 0, 100, 0, 0, 0, 0,	/* TS val 100 ecr 0 */
	1,					/* nop */
	3, 3, 7,				/* wscale 7 */
};

/* TS on an established connection: nop, nop, TS val 200 ecr 100 (12 bytes). */
static const unsigned char ts_opts[] = {
	1, 1, 8, 10, 0, 0, 0, 200, 0, 0, 0, 100,
};

/* A TCP segment into K (empty): OPTS padded to 4 bytes by the caller. */
static void
tcp(struct build *k, unsigned sport, unsigned dport, uint32_t seq, uint32_t ack,
    unsigned flags, unsigned win, const void *opts, size_t optlen,
    const void *data, size_t len)
{
	ck_assert_uint_eq(optlen % 4, 0);
	add16(k, sport);
	add16(k, dport);
	add32(k, seq);
	add32(k, ack);
	add8(k, (unsigned)((20 + optlen) / 4) << 4);
	add8(k, flags);
	add16(k, win);
	add16(k, 0);		/* checksum: nobody here checks it */
	add16(k, 0);		/* urgent pointer */
	if (optlen > 0)
		add(k, opts, optlen);
	if (len > 0)
		add(k, data, len);
}

static void
udp(struct build *k, unsigned sport, unsigned dport, const void *data, size_t len)
{
	add16(k, sport);
	add16(k, dport);
	add16(k, (unsigned)(8 + len));
	add16(k, 0);
	add(k, data, len);
}

static void
addr4(unsigned char out[4], const char *s)
{
	ck_assert_int_eq(inet_pton(AF_INET, s, out), 1);
}

static void
addr6(unsigned char out[16], const char *s)
{
	ck_assert_int_eq(inet_pton(AF_INET6, s, out), 1);
}

/* An IPv4 header in front of K, with OPTLEN bytes of IP options. */
static void
ipv4_opts(struct build *k, unsigned proto, const char *src, const char *dst,
    const void *opts, size_t optlen, unsigned frag)
{
	struct build h = { .n = 0 };
	unsigned char a[4];

	ck_assert_uint_eq(optlen % 4, 0);
	add8(&h, 0x40 | (unsigned)(5 + optlen / 4));
	add8(&h, 0);
	add16(&h, (unsigned)(20 + optlen + k->n));
	add16(&h, 1);		/* id */
	add16(&h, frag);
	add8(&h, 64);
	add8(&h, proto);
	add16(&h, 0);
	addr4(a, src);
	add(&h, a, 4);
	addr4(a, dst);
	add(&h, a, 4);
	if (optlen > 0)
		add(&h, opts, optlen);
	prepend(k, h.b, h.n);
}

static void
ipv4(struct build *k, unsigned proto, const char *src, const char *dst)
{
	ipv4_opts(k, proto, src, dst, NULL, 0, 0x4000);	/* DF */
}

/* An IPv6 header in front of K, whose first header is NEXT. */
static void
ipv6(struct build *k, unsigned next, const char *src, const char *dst)
{
	struct build h = { .n = 0 };
	unsigned char a[16];

	add32(&h, 0x60000000);
	add16(&h, (unsigned)k->n);
	add8(&h, next);
	add8(&h, 64);
	addr6(a, src);
	add(&h, a, 16);
	addr6(a, dst);
	add(&h, a, 16);
	prepend(k, h.b, h.n);
}

/* An IPv6 extension header (8 bytes: NEXT, length 0, 6 bytes of padding). */
static void
ext6(struct build *k, unsigned next)
{
	unsigned char h[8] = { (unsigned char)next, 0, 1, 4, 0, 0, 0, 0 };

	prepend(k, h, sizeof(h));
}

/* The SLL2 header in front of K. */
static void
sll2(struct build *k, unsigned ethertype, unsigned pkttype, unsigned hatype,
    uint32_t ifindex)
{
	struct build h = { .n = 0 };

	add16(&h, ethertype);
	add16(&h, 0);
	add32(&h, ifindex);
	add16(&h, hatype);
	add8(&h, pkttype);
	add8(&h, 0);
	add32(&h, 0);
	add32(&h, 0);
	prepend(k, h.b, h.n);
}

/* The SLL (v1) header in front of K. */
static void
sll(struct build *k, unsigned ethertype, unsigned pkttype, unsigned hatype)
{
	struct build h = { .n = 0 };

	add16(&h, pkttype);
	add16(&h, hatype);
	add16(&h, 6);
	add(&h, "\x02\x00\x00\x00\x00\x01\x00\x00", 8);
	add16(&h, ethertype);
	prepend(k, h.b, h.n);
}

/* An Ethernet header in front of K, with VLANS 802.1Q tags. */
static void
ether(struct build *k, unsigned ethertype, int vlans)
{
	struct build h = { .n = 0 };

	add(&h, "\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb", 12);
	for (int i = 0; i < vlans; i++) {
		add16(&h, 0x8100);
		add16(&h, (unsigned)(100 + i));
	}
	add16(&h, ethertype);
	prepend(k, h.b, h.n);
}

/* DLT_NULL's family, in little (LE) or big byte order. */
static void
null_family(struct build *k, uint32_t fam, bool le)
{
	unsigned char h[4];

	for (int i = 0; i < 4; i++)
		h[le ? i : 3 - i] = (unsigned char)(fam >> (8 * i));
	prepend(k, h, sizeof(h));
}

/* ---- reading what comes out ---- */

static const struct packet_style plain = { .strsize = STRSIZE_DEFAULT };
static const struct packet_style verbose = { .strsize = STRSIZE_DEFAULT, .verbose = true };

/* Decode K as DLT, all of it captured; fails the test when it does not decode. */
static void
decode_ok(int dlt, const struct build *k, struct packet *p)
{
	memset(p, 0, sizeof(*p));
	ck_assert_int_eq(packet_decode(dlt, k->b, k->n, k->n, p), 0);
}

/* P's line with the ends named by address, compared with WANT. */
static void
assert_line(const struct packet *p, struct packet_flows *fl,
    const struct packet_style *st, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	packet_format(&sb, p, NULL, NULL, fl, st);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

static uint16_t
port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
}

static char *
addr_str(const struct sockaddr_storage *ss, bool port)
{
	struct strbuf sb = STRBUF_INIT;

	packet_addr(&sb, ss, port);
	return sb.s;
}

static void
assert_addr(const struct sockaddr_storage *ss, bool port, const char *want)
{
	char *s = addr_str(ss, port);

	ck_assert_str_eq(s, want);
	free(s);
}

/* A client's SYN, 127.0.0.1:40000 → 127.0.0.1:5000, as built by most tests. */
static void
syn_packet(struct build *k)
{
	k->n = 0;
	tcp(k, 40000, 5000, 1000, 0, PKT_SYN, 65495, syn_opts, sizeof(syn_opts), NULL, 0);
	ipv4(k, IPPROTO_TCP, "127.0.0.1", "127.0.0.1");
}

/* ---- decoding: link layers ---- */

START_TEST(test_decode_sll2)
{
	struct build k = { .n = 0 };
	struct packet p;

	syn_packet(&k);
	sll2(&k, 0x0800, PKT_TYPE_OUTGOING, PKT_HATYPE_LOOPBACK, 1);
	p.ts.tv_sec = 12345;
	decode_ok(PKT_DLT_LINUX_SLL2, &k, &p);
	ck_assert_int_eq(p.pkttype, PKT_TYPE_OUTGOING);
	ck_assert_int_eq(p.hatype, PKT_HATYPE_LOOPBACK);
	ck_assert_int_eq(p.ifindex, 1);
	ck_assert_int_eq(p.family, AF_INET);
	ck_assert_int_eq(p.proto, IPPROTO_TCP);
	ck_assert_uint_eq(p.wire_len, k.n);
	assert_addr(&p.src, true, "127.0.0.1:40000");
	assert_addr(&p.dst, true, "127.0.0.1:5000");
	ck_assert_uint_eq(p.seq, 1000);
	ck_assert_uint_eq(p.ack, 0);
	ck_assert_uint_eq(p.win, 65495);
	ck_assert_uint_eq(p.flags, PKT_SYN);
	ck_assert_uint_eq(p.optlen, sizeof(syn_opts));
	ck_assert(memcmp(p.opts, syn_opts, sizeof(syn_opts)) == 0);
	ck_assert_uint_eq(p.len, 0);
	ck_assert_uint_eq(p.caplen, 0);
	ck_assert_int_eq(p.orig_proto, -1);
	assert_line(&p, NULL, &plain, "127.0.0.1:40000 → 127.0.0.1:5000  [S] seq 1000, "
	    "win 65495, options [mss 65495,sackOK,TS,nop,wscale 7], length 0");
}
END_TEST

/* decode sets every field but the timestamp, which the caller gives. */
START_TEST(test_decode_keeps_ts)
{
	struct build k = { .n = 0 };
	struct packet p;

	syn_packet(&k);
	memset(&p, 0xa5, sizeof(p));
	p.ts.tv_sec = 7;
	p.ts.tv_nsec = 8;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), 0);
	ck_assert_int_eq(p.ts.tv_sec, 7);
	ck_assert_int_eq(p.ts.tv_nsec, 8);
	ck_assert_int_eq(p.pkttype, -1);
	ck_assert_int_eq(p.hatype, -1);
	ck_assert_int_eq(p.ifindex, 0);
	ck_assert_int_eq(p.orig_proto, -1);
	ck_assert_ptr_eq(p.payload, NULL);
}
END_TEST

START_TEST(test_decode_sll)
{
	struct build k = { .n = 0 };
	struct packet p;

	udp(&k, 40000, 9, "ping", 4);
	ipv4(&k, IPPROTO_UDP, "10.0.0.1", "10.0.0.2");
	sll(&k, 0x0800, PKT_TYPE_HOST, 1);
	decode_ok(PKT_DLT_LINUX_SLL, &k, &p);
	ck_assert_int_eq(p.pkttype, PKT_TYPE_HOST);
	ck_assert_int_eq(p.hatype, 1);
	ck_assert_int_eq(p.ifindex, 0);
	ck_assert_int_eq(p.proto, IPPROTO_UDP);
	ck_assert_uint_eq(p.len, 4);
	ck_assert_uint_eq(p.caplen, 4);
	ck_assert(memcmp(p.payload, "ping", 4) == 0);
	assert_line(&p, NULL, &plain,
	    "10.0.0.1:40000 → 10.0.0.2:9  UDP, length 4 \"ping\"");
}
END_TEST

START_TEST(test_decode_ether_vlan)
{
	struct packet p;

	for (int vlans = 0; vlans <= 2; vlans++) {
		struct build k = { .n = 0 };

		tcp(&k, 443, 50000, 7, 9, PKT_ACK | PKT_PSH, 501, NULL, 0, "hello", 5);
		ipv6(&k, IPPROTO_TCP, "2001:db8::1", "2001:db8::2");
		ether(&k, 0x86dd, vlans);
		decode_ok(PKT_DLT_EN10MB, &k, &p);
		ck_assert_int_eq(p.family, AF_INET6);
		ck_assert_int_eq(p.pkttype, -1);
		ck_assert_int_eq(p.hatype, -1);
		ck_assert_uint_eq(p.len, 5);
		assert_line(&p, NULL, &plain, "[2001:db8::1]:443 → [2001:db8::2]:50000  "
		    "[P.] seq 7:12, ack 9, win 501, length 5 \"hello\"");
	}
	/* Not IP (ARP), and the ethertype not what the IP header says. */
	{
		struct build k = { .n = 0 };

		syn_packet(&k);
		ether(&k, 0x0806, 0);
		ck_assert_int_eq(packet_decode(PKT_DLT_EN10MB, k.b, k.n, k.n, &p), -1);
		syn_packet(&k);
		ether(&k, 0x86dd, 0);
		ck_assert_int_eq(packet_decode(PKT_DLT_EN10MB, k.b, k.n, k.n, &p), -1);
	}
}
END_TEST

START_TEST(test_decode_null)
{
	struct build k = { .n = 0 };
	struct packet p;
	static const uint32_t inet6[] = { 10, 24, 28, 30 };

	for (int le = 0; le <= 1; le++) {
		syn_packet(&k);
		null_family(&k, 2, le);
		decode_ok(PKT_DLT_NULL, &k, &p);
		ck_assert_int_eq(p.family, AF_INET);
		for (size_t i = 0; i < sizeof(inet6) / sizeof(inet6[0]); i++) {
			k.n = 0;
			udp(&k, 1, 2, "x", 1);
			ipv6(&k, IPPROTO_UDP, "::1", "::1");
			null_family(&k, inet6[i], le);
			decode_ok(PKT_DLT_NULL, &k, &p);
			ck_assert_int_eq(p.family, AF_INET6);
		}
		syn_packet(&k);
		null_family(&k, 7, le);
		ck_assert_int_eq(packet_decode(PKT_DLT_NULL, k.b, k.n, k.n, &p), -1);
	}
}
END_TEST

START_TEST(test_decode_raw)
{
	static const int dlts[] = { PKT_DLT_RAW, PKT_DLT_RAW_FILE, PKT_DLT_IPV4 };
	struct build k = { .n = 0 };
	struct packet p;

	syn_packet(&k);
	for (size_t i = 0; i < sizeof(dlts) / sizeof(dlts[0]); i++) {
		decode_ok(dlts[i], &k, &p);
		ck_assert_uint_eq(p.seq, 1000);
	}
	ck_assert_int_eq(packet_decode(PKT_DLT_IPV6, k.b, k.n, k.n, &p), -1);
	/* A link type it does not know. */
	ck_assert_int_eq(packet_decode(105, k.b, k.n, k.n, &p), -1);
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, NULL, 0, 0, &p), -1);
}
END_TEST

/* ---- decoding: IP ---- */

START_TEST(test_decode_ipv4_options)
{
	/* Record route with room for one address, then end of options: IHL 7. */
	static const unsigned char rr[8] = { 7, 7, 4, 0, 0, 0, 0, 0 };
	struct build k = { .n = 0 };
	struct packet p;

	tcp(&k, 80, 4321, 5, 6, PKT_ACK, 100, ts_opts, sizeof(ts_opts), "abc", 3);
	ipv4_opts(&k, IPPROTO_TCP, "192.0.2.1", "192.0.2.2", rr, sizeof(rr), 0);
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_uint_eq(port_of(&p.src), 80);
	ck_assert_uint_eq(port_of(&p.dst), 4321);
	ck_assert_uint_eq(p.seq, 5);
	ck_assert_uint_eq(p.optlen, sizeof(ts_opts));
	ck_assert_uint_eq(p.len, 3);
	ck_assert(memcmp(p.payload, "abc", 3) == 0);
}
END_TEST

START_TEST(test_decode_ipv4_fragments)
{
	struct build k = { .n = 0 };
	struct packet p;

	/* The first fragment (more fragments, offset 0) has the header. */
	udp(&k, 53, 53, "first", 5);
	ipv4_opts(&k, IPPROTO_UDP, "192.0.2.1", "192.0.2.2", NULL, 0, 0x2000);
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_uint_eq(p.len, 5);
	/* A later one holds only data, which is not a header. */
	k.n = 0;
	udp(&k, 53, 53, "later", 5);
	ipv4_opts(&k, IPPROTO_UDP, "192.0.2.1", "192.0.2.2", NULL, 0, 0x2000 | 185);
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
	k.n = 0;
	udp(&k, 53, 53, "last", 4);
	ipv4_opts(&k, IPPROTO_UDP, "192.0.2.1", "192.0.2.2", NULL, 0, 185);
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
}
END_TEST

/* The bytes after the IP packet (Ethernet pads short frames) are not payload. */
START_TEST(test_decode_ipv4_padding)
{
	struct build k = { .n = 0 };
	struct packet p;

	tcp(&k, 1, 2, 3, 4, PKT_ACK, 5, NULL, 0, NULL, 0);
	ipv4(&k, IPPROTO_TCP, "192.0.2.1", "192.0.2.2");
	ether(&k, 0x0800, 0);
	add(&k, "\0\0\0\0\0\0", 6);
	decode_ok(PKT_DLT_EN10MB, &k, &p);
	ck_assert_uint_eq(p.len, 0);
	ck_assert_uint_eq(p.caplen, 0);
	assert_line(&p, NULL, &plain,
	    "192.0.2.1:1 → 192.0.2.2:2  [.] ack 4, win 5, length 0");
}
END_TEST

START_TEST(test_decode_ipv6_ext)
{
	struct build k = { .n = 0 };
	struct packet p;

	/* hop-by-hop, routing, destination options, then TCP. */
	tcp(&k, 5000, 40000, 1, 2, PKT_ACK | PKT_FIN, 512, NULL, 0, NULL, 0);
	ext6(&k, IPPROTO_TCP);
	ext6(&k, IPPROTO_DSTOPTS);
	ext6(&k, IPPROTO_ROUTING);
	ipv6(&k, IPPROTO_HOPOPTS, "::1", "::1");
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.proto, IPPROTO_TCP);
	ck_assert_uint_eq(port_of(&p.src), 5000);
	ck_assert_uint_eq(p.len, 0);
	assert_line(&p, NULL, &plain,
	    "[::1]:5000 → [::1]:40000  [F.] seq 1, ack 2, win 512, length 0");

	/* A fragment header: the first fragment is read, a later one is not. */
	for (int later = 0; later <= 1; later++) {
		unsigned char frag[8] = { IPPROTO_UDP, 0, 0, 1, 0, 0, 0, 9 };

		if (later)
			frag[2] = 0x05;		/* offset 160 */
		k.n = 0;
		udp(&k, 7, 8, "frag", 4);
		prepend(&k, frag, sizeof(frag));
		ipv6(&k, IPPROTO_FRAGMENT, "fe80::1", "ff02::1");
		if (later) {
			ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
		} else {
			decode_ok(PKT_DLT_RAW, &k, &p);
			ck_assert_int_eq(p.proto, IPPROTO_UDP);
			ck_assert_uint_eq(p.len, 4);
		}
	}

	/* An extension header that claims more than the packet holds. */
	k.n = 0;
	tcp(&k, 1, 2, 3, 4, PKT_ACK, 5, NULL, 0, NULL, 0);
	ext6(&k, IPPROTO_TCP);
	k.b[1] = 200;
	ipv6(&k, IPPROTO_HOPOPTS, "::1", "::1");
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);

	/* No next header. */
	k.n = 0;
	ipv6(&k, 59, "::1", "::1");
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
}
END_TEST

/* ---- decoding: TCP, UDP, ICMP ---- */

START_TEST(test_decode_tcp_bad_offset)
{
	struct build k = { .n = 0 };
	struct packet p;

	/* A data offset below 5 words, and one past the segment's end. */
	for (unsigned off = 0; off < 5; off++) {
		syn_packet(&k);
		k.b[20 + 12] = (unsigned char)(off << 4);
		ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
	}
	syn_packet(&k);
	k.b[20 + 12] = 15 << 4;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
	/* IP's total length shorter than the TCP header. */
	syn_packet(&k);
	k.b[2] = 0;
	k.b[3] = 30;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
	/* An IHL below 5, and one past what was captured. */
	syn_packet(&k);
	k.b[0] = 0x44;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
	syn_packet(&k);
	k.b[0] = 0x4f;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, 50, 50, &p), -1);
	/* Neither TCP, UDP nor ICMP. */
	k.n = 0;
	udp(&k, 1, 2, "x", 1);
	ipv4(&k, 132, "192.0.2.1", "192.0.2.2");
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
}
END_TEST

START_TEST(test_decode_udp_length)
{
	struct build k = { .n = 0 };
	struct packet p;

	/* UDP says 4 bytes of its 10: the rest is not its payload. */
	udp(&k, 1, 2, "ping......", 10);
	k.b[5] = 12;
	ipv4(&k, IPPROTO_UDP, "192.0.2.1", "192.0.2.2");
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_uint_eq(p.len, 4);
	ck_assert_uint_eq(p.caplen, 4);
	/* UDP claims more than IP carries, or less than its own header: IP's length. */
	k.n = 0;
	udp(&k, 1, 2, "ping", 4);
	k.b[4] = 0xff;
	ipv4(&k, IPPROTO_UDP, "192.0.2.1", "192.0.2.2");
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_uint_eq(p.len, 4);
	k.b[20 + 4] = 0;
	k.b[20 + 5] = 3;
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_uint_eq(p.len, 4);
}
END_TEST

/* An ICMP error quoting the IP header and 8 bytes of a UDP datagram. */
static void
icmp_unreach(struct build *k, size_t quoted)
{
	struct build q = { .n = 0 };

	udp(&q, 40000, 9, "ping", 4);
	ipv4(&q, IPPROTO_UDP, "127.0.0.1", "127.0.0.1");
	ck_assert_uint_le(quoted, q.n);
	k->n = 0;
	add8(k, 3);		/* destination unreachable */
	add8(k, 3);		/* port unreachable */
	add16(k, 0);
	add32(k, 0);
	add(k, q.b, quoted);
	ipv4(k, IPPROTO_ICMP, "127.0.0.1", "127.0.0.1");
}

START_TEST(test_decode_icmp_unreach)
{
	struct build k = { .n = 0 };
	struct packet p;

	icmp_unreach(&k, 32);
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.proto, IPPROTO_ICMP);
	ck_assert_int_eq(p.icmp_type, 3);
	ck_assert_int_eq(p.icmp_code, 3);
	ck_assert_int_eq(p.orig_proto, IPPROTO_UDP);
	assert_addr(&p.orig_src, true, "127.0.0.1:40000");
	assert_addr(&p.orig_dst, true, "127.0.0.1:9");
	ck_assert_uint_eq(p.len, 40);
	ck_assert_uint_eq(port_of(&p.src), 0);
	assert_line(&p, NULL, &plain, "127.0.0.1 → 127.0.0.1  ICMP port unreachable "
	    "(UDP 127.0.0.1:40000 → 127.0.0.1:9), length 40");

	/* The ports cut off: the addresses are still known. */
	icmp_unreach(&k, 22);
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.orig_proto, IPPROTO_UDP);
	ck_assert_uint_eq(port_of(&p.orig_src), 0);
	/* Less than an IP header quoted: nothing of it. */
	icmp_unreach(&k, 19);
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.orig_proto, -1);
	assert_line(&p, NULL, &plain,
	    "127.0.0.1 → 127.0.0.1  ICMP port unreachable, length 27");
}
END_TEST

START_TEST(test_decode_icmp6)
{
	struct build k = { .n = 0 }, q = { .n = 0 };
	struct packet p;

	udp(&q, 40000, 9, "ping", 4);
	ipv6(&q, IPPROTO_UDP, "::1", "::1");
	add8(&k, 1);		/* destination unreachable */
	add8(&k, 4);		/* port unreachable */
	add16(&k, 0);
	add32(&k, 0);
	add(&k, q.b, q.n);
	ipv6(&k, IPPROTO_ICMPV6, "::1", "::1");
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.proto, IPPROTO_ICMPV6);
	ck_assert_int_eq(p.orig_proto, IPPROTO_UDP);
	assert_line(&p, NULL, &plain, "::1 → ::1  ICMP6 port unreachable "
	    "(UDP [::1]:40000 → [::1]:9), length 60");

	/* An echo request: id and seq. ICMP over IPv6 is not ICMPv6. */
	k.n = 0;
	add8(&k, 128);
	add8(&k, 0);
	add16(&k, 0);
	add16(&k, 77);
	add16(&k, 3);
	add(&k, "abcdefgh", 8);
	ipv6(&k, IPPROTO_ICMPV6, "::1", "::2");
	decode_ok(PKT_DLT_RAW, &k, &p);
	ck_assert_int_eq(p.orig_proto, -1);
	assert_line(&p, NULL, &plain,
	    "::1 → ::2  ICMP6 echo request, id 77, seq 3, length 16");
	k.b[6] = IPPROTO_ICMP;
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, &p), -1);
}
END_TEST

/* Other ICMP types and codes, by name. */
START_TEST(test_icmp_names)
{
	static const struct {
		int		 proto, type, code;
		uint32_t	 rest;
		const char	*want;
	} t[] = {
		{ IPPROTO_ICMP, 8, 0, 0x00050001, "ICMP echo request, id 5, seq 1" },
		{ IPPROTO_ICMP, 0, 0, 0x00050001, "ICMP echo reply, id 5, seq 1" },
		{ IPPROTO_ICMP, 3, 0, 0, "ICMP net unreachable" },
		{ IPPROTO_ICMP, 3, 1, 0, "ICMP host unreachable" },
		{ IPPROTO_ICMP, 3, 2, 0, "ICMP protocol unreachable" },
		{ IPPROTO_ICMP, 3, 4, 1400, "ICMP unreachable - need to frag, mtu 1400" },
		{ IPPROTO_ICMP, 3, 13, 0, "ICMP unreachable - admin prohibited filter" },
		{ IPPROTO_ICMP, 3, 99, 0, "ICMP unreachable - #99" },
		{ IPPROTO_ICMP, 11, 0, 0, "ICMP time exceeded in-transit" },
		{ IPPROTO_ICMP, 11, 1, 0, "ICMP ip reassembly time exceeded" },
		{ IPPROTO_ICMP, 5, 1, 0, "ICMP redirect to host" },
		{ IPPROTO_ICMP, 12, 0, 0, "ICMP parameter problem" },
		{ IPPROTO_ICMP, 200, 0, 0, "ICMP type-#200" },
		{ IPPROTO_ICMPV6, 1, 0, 0, "ICMP6 route unreachable" },
		{ IPPROTO_ICMPV6, 1, 3, 0, "ICMP6 address unreachable" },
		{ IPPROTO_ICMPV6, 1, 4, 0, "ICMP6 port unreachable" },
		{ IPPROTO_ICMPV6, 2, 0, 1280, "ICMP6 packet too big, mtu 1280" },
		{ IPPROTO_ICMPV6, 3, 0, 0, "ICMP6 time exceeded in-transit" },
		{ IPPROTO_ICMPV6, 129, 0, 0x00010002, "ICMP6 echo reply, id 1, seq 2" },
		{ IPPROTO_ICMPV6, 135, 0, 0, "ICMP6 neighbor solicitation" },
		{ IPPROTO_ICMPV6, 136, 0, 0, "ICMP6 neighbor advertisement" },
		{ IPPROTO_ICMPV6, 250, 0, 0, "ICMP6 type-#250" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct packet p;
		struct strbuf sb = STRBUF_INIT, want = STRBUF_INIT;

		memset(&p, 0, sizeof(p));
		p.proto = t[i].proto;
		p.icmp_type = t[i].type;
		p.icmp_code = t[i].code;
		p.icmp_rest = t[i].rest;
		p.orig_proto = -1;
		p.len = 8;
		packet_format(&sb, &p, "a", "b", NULL, &plain);
		sb_addf(&want, "a → b  %s, length 8", t[i].want);
		ck_assert_str_eq(sb_str(&sb), sb_str(&want));
		sb_free(&sb);
		sb_free(&want);
	}
}
END_TEST

/* The quoted datagram's ends named by the caller, as the shell names fds. */
static void
name_fd3(struct strbuf *sb, int proto, const struct sockaddr_storage *ss, void *arg)
{
	ck_assert_int_eq(proto, IPPROTO_UDP);
	if (port_of(ss) == 40000)
		sb_add(sb, arg);
	else
		packet_addr(sb, ss, true);
}

START_TEST(test_icmp_orig_name)
{
	struct packet_style st = { .strsize = 32, .orig_name = name_fd3, .orig_arg = "fd3" };
	struct build k = { .n = 0 };
	struct packet p;

	icmp_unreach(&k, 32);
	decode_ok(PKT_DLT_RAW, &k, &p);
	assert_line(&p, NULL, &st, "127.0.0.1 → 127.0.0.1  ICMP port unreachable "
	    "(UDP fd3 → 127.0.0.1:9), length 40");
}
END_TEST

/* ---- hostile input: cut short, garbled ---- */

/*
 * Decode the first N bytes of K for every N, each copied to a buffer of
 * exactly that size (so that ASan or valgrind sees a read past it); when one
 * decodes, whatever it points at lies inside, and it can be written.
 */
static void
decode_prefixes(int dlt, const struct build *k, size_t min_ok)
{
	struct packet_flows fl = { NULL, 0, 0 };

	for (size_t n = 0; n <= k->n; n++) {
		unsigned char *buf = malloc(n > 0 ? n : 1);
		struct packet p;
		struct strbuf sb = STRBUF_INIT;
		int rc;

		ck_assert_ptr_nonnull(buf);
		memcpy(buf, k->b, n);
		memset(&p, 0, sizeof(p));
		rc = packet_decode(dlt, buf, n, k->n, &p);
		if (n < min_ok)
			ck_assert_msg(rc == -1, "%zu bytes of %zu decoded", n, k->n);
		else
			ck_assert_msg(rc == 0, "%zu bytes of %zu not decoded", n, k->n);
		if (rc == 0) {
			ck_assert_uint_le(p.caplen, p.len);
			if (p.payload != NULL)
				ck_assert(p.payload >= buf && p.payload + p.caplen <= buf + n);
			if (p.opts != NULL)
				ck_assert(p.opts >= buf && p.opts + p.optlen <= buf + n);
			ck_assert_uint_eq(p.wire_len, k->n);
			packet_format(&sb, &p, "a", "b", &fl, &plain);
			packet_format(&sb, &p, "a", "b", &fl, &verbose);
		}
		sb_free(&sb);
		free(buf);
	}
	packet_flows_free(&fl);
}

START_TEST(test_truncated)
{
	struct build k = { .n = 0 };

	/* SLL2 + IPv4 + TCP: decodes once the 20 bytes of TCP's fixed header are there. */
	tcp(&k, 40000, 5000, 1, 1, PKT_ACK | PKT_PSH, 512, ts_opts, sizeof(ts_opts),
	    "hello, world", 12);
	ipv4(&k, IPPROTO_TCP, "127.0.0.1", "127.0.0.1");
	sll2(&k, 0x0800, 0, PKT_HATYPE_LOOPBACK, 1);
	decode_prefixes(PKT_DLT_LINUX_SLL2, &k, 20 + 20 + 20);

	/* IPv6 with extension headers, UDP. */
	k.n = 0;
	udp(&k, 1, 2, "datagram", 8);
	ext6(&k, IPPROTO_UDP);
	ext6(&k, IPPROTO_DSTOPTS);
	ipv6(&k, IPPROTO_HOPOPTS, "2001:db8::1", "2001:db8::2");
	ether(&k, 0x86dd, 1);
	decode_prefixes(PKT_DLT_EN10MB, &k, 18 + 40 + 16 + 8);

	/* ICMP quoting a datagram. */
	icmp_unreach(&k, 32);
	sll(&k, 0x0800, 0, 772);
	decode_prefixes(PKT_DLT_LINUX_SLL, &k, 16 + 20 + 4);
}
END_TEST

/* A small PRNG, so that a failure comes back the same each run. */
static uint32_t
xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Decode N bytes of D (copied to a buffer of that size) and write what decodes. */
static void
decode_any(int dlt, const unsigned char *d, size_t n, size_t wire,
    struct packet_flows *fl, struct strbuf *sb)
{
	unsigned char *buf = malloc(n > 0 ? n : 1);
	struct packet p;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, d, n);
	if (packet_decode(dlt, buf, n, wire, &p) == 0) {
		ck_assert_uint_le(p.caplen, p.len);
		if (p.payload != NULL)
			ck_assert(p.payload >= buf && p.payload + p.caplen <= buf + n);
		if (p.opts != NULL)
			ck_assert(p.opts >= buf && p.opts + p.optlen <= buf + n);
		sb_reset(sb);
		packet_format(sb, &p, "a", "b", fl, &plain);
		sb_reset(sb);
		packet_format(sb, &p, NULL, NULL, fl, &verbose);
	}
	free(buf);
}

START_TEST(test_garbage)
{
	static const int dlts[] = {
		PKT_DLT_NULL, PKT_DLT_EN10MB, PKT_DLT_RAW, PKT_DLT_LINUX_SLL,
		PKT_DLT_LINUX_SLL2, PKT_DLT_IPV4, PKT_DLT_IPV6,
	};
	struct packet_flows fl = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct build seeds[4];
	uint32_t s = 0x2545f491;
	unsigned char d[256];

	/* Random bytes: almost all refused at once. */
	for (int i = 0; i < 20000; i++) {
		size_t n = xorshift(&s) % sizeof(d);

		for (size_t j = 0; j < n; j++)
			d[j] = (unsigned char)xorshift(&s);
		decode_any(dlts[xorshift(&s) % 7], d, n, n + xorshift(&s) % 3, &fl, &sb);
	}

	/* Real packets with a few bytes changed, cut anywhere: they go deeper. */
	seeds[0].n = 0;
	tcp(&seeds[0], 40000, 5000, 1, 1, PKT_SYN | PKT_ACK, 512, syn_opts,
	    sizeof(syn_opts), "hi", 2);
	ipv4(&seeds[0], IPPROTO_TCP, "127.0.0.1", "127.0.0.1");
	icmp_unreach(&seeds[1], 32);
	seeds[2].n = 0;
	tcp(&seeds[2], 1, 2, 3, 4, PKT_ACK, 5, ts_opts, sizeof(ts_opts), "x", 1);
	ext6(&seeds[2], IPPROTO_TCP);
	ipv6(&seeds[2], IPPROTO_DSTOPTS, "::1", "::1");
	seeds[3].n = 0;
	udp(&seeds[3], 1, 2, "0123456789abcdef0123456789abcdef0123456789", 42);
	ipv6(&seeds[3], IPPROTO_UDP, "::1", "::1");
	for (int i = 0; i < 40000; i++) {
		const struct build *seed = &seeds[xorshift(&s) % 4];
		int changes = 1 + (int)(xorshift(&s) % 4);
		size_t n;

		memcpy(d, seed->b, seed->n);
		for (int c = 0; c < changes; c++) {
			uint32_t r = xorshift(&s);

			d[r % seed->n] = (unsigned char)(r >> 16);
		}
		n = xorshift(&s) % 4 == 0 ? xorshift(&s) % (seed->n + 1) : seed->n;
		decode_any(PKT_DLT_RAW, d, n, seed->n, &fl, &sb);
	}
	sb_free(&sb);
	packet_flows_free(&fl);
}
END_TEST

/* ---- the line: flags, options, payload ---- */

START_TEST(test_flags)
{
	static const struct {
		uint8_t		 flags;
		const char	*want;
	} t[] = {
		{ PKT_SYN, "S" },
		{ PKT_SYN | PKT_ACK, "S." },
		{ PKT_ACK, "." },
		{ PKT_PSH | PKT_ACK, "P." },
		{ PKT_FIN | PKT_ACK, "F." },
		{ PKT_FIN | PKT_PSH | PKT_ACK, "FP." },
		{ PKT_RST, "R" },
		{ PKT_RST | PKT_ACK, "R." },
		{ PKT_SYN | PKT_ECE | PKT_CWR, "SEW" },
		{ PKT_SYN | PKT_ACK | PKT_ECE, "S.E" },
		{ PKT_URG | PKT_ACK | PKT_PSH, "P.U" },
		{ 0xff, "FSRP.UEW" },
		{ 0, "none" },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct strbuf sb = STRBUF_INIT;

		packet_flags(&sb, t[i].flags);
		ck_assert_str_eq(sb_str(&sb), t[i].want);
		sb_free(&sb);
	}
}
END_TEST

/* A TCP packet P with FLAGS and the options O; its line in STYLE with no flows. */
static void
assert_options(uint8_t flags, const unsigned char *o, size_t n,
    const struct packet_style *st, const char *want)
{
	struct packet p;

	memset(&p, 0, sizeof(p));
	p.proto = IPPROTO_TCP;
	p.flags = flags;
	p.seq = 1;
	p.ack = 2;
	p.win = 3;
	p.opts = o;
	p.optlen = n;
	assert_line(&p, NULL, st, want);
}

/* The words of `expect packet`: flags in any order and case; "none" is no flag word. */
START_TEST(test_flags_words)
{
	static const struct {
		const char *word;
		int mask;
	} t[] = {
		{ "S", PKT_SYN },
		{ "S.", PKT_SYN | PKT_ACK },
		{ ".s", PKT_SYN | PKT_ACK },
		{ "P.", PKT_PSH | PKT_ACK },
		{ "F.", PKT_FIN | PKT_ACK },
		{ "R", PKT_RST },
		{ ".", PKT_ACK },
		{ "udp", FLAGS_UDP },
		{ "ICMP6", FLAGS_ICMP },
		{ "none", -1 },
		{ "", -1 },
		{ "SX", -1 },
		{ "S,", -1 },
	};

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(trace_flags_parse(t[i].word) == t[i].mask,
		    "\"%s\": %d, not %d", t[i].word, trace_flags_parse(t[i].word),
		    t[i].mask);
}
END_TEST

START_TEST(test_options)
{
	static const unsigned char sack[] = {
		1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40,
	};
	static const unsigned char odd[] = {
		2, 3, 1,			/* mss of the wrong length */
		99, 4, 0xab, 0xcd,		/* a kind nobody knows */
		34, 2,				/* tfo, empty */
		0,				/* eol: the end, whatever follows */
		2, 4, 1, 1,
	};
	static const unsigned char bad[] = { 1, 3, 30, 7 };	/* wscale 30 bytes long */
	static const unsigned char bad2[] = { 3, 3, 7, 2 };	/* mss without its length */
	static const unsigned char bad3[] = { 2, 1, 0, 0 };	/* a length below 2 */

	/* A SYN shows its options; TS without its values unless verbose. */
	assert_options(PKT_SYN, syn_opts, sizeof(syn_opts), &plain,
	    "? → ?  [S] seq 1, win 3, options [mss 65495,sackOK,TS,nop,wscale 7], length 0");
	assert_options(PKT_SYN, syn_opts, sizeof(syn_opts), &verbose,
	    "? → ?  [S] seq 1, win 3, options [mss 65495,sackOK,TS val 100 ecr 0,nop,wscale 7], length 0");
	/* Other segments only when verbose. */
	assert_options(PKT_ACK, ts_opts, sizeof(ts_opts), &plain,
	    "? → ?  [.] ack 2, win 3, length 0");
	assert_options(PKT_ACK, ts_opts, sizeof(ts_opts), &verbose,
	    "? → ?  [.] ack 2, win 3, options [nop,nop,TS val 200 ecr 100], length 0");
	assert_options(PKT_ACK, sack, sizeof(sack), &verbose,
	    "? → ?  [.] ack 2, win 3, options [nop,nop,sack 2 {10:20}{30:40}], length 0");
	assert_options(PKT_SYN, sack, sizeof(sack), &plain,
	    "? → ?  [S] seq 1, win 3, options [nop,nop,sack], length 0");
	assert_options(PKT_ACK, odd, sizeof(odd), &verbose,
	    "? → ?  [.] ack 2, win 3, options [mss[len 3],unknown-99 0xabcd,tfo,eol], length 0");
	assert_options(PKT_SYN, odd, sizeof(odd), &plain,
	    "? → ?  [S] seq 1, win 3, options [mss[len 3],unknown-99,tfo,eol], length 0");
	/* A length that runs past the options: the rest is not read. */
	assert_options(PKT_SYN, bad, sizeof(bad), &plain,
	    "? → ?  [S] seq 1, win 3, options [nop,[bad opt]], length 0");
	assert_options(PKT_SYN, bad + 1, 3, &plain,
	    "? → ?  [S] seq 1, win 3, options [[bad opt]], length 0");
	assert_options(PKT_SYN, bad, 1, &plain,
	    "? → ?  [S] seq 1, win 3, options [nop], length 0");
	assert_options(PKT_SYN, bad2, sizeof(bad2), &plain,
	    "? → ?  [S] seq 1, win 3, options [wscale 7,[bad opt]], length 0");
	assert_options(PKT_SYN, bad3, sizeof(bad3), &verbose,
	    "? → ?  [S] seq 1, win 3, options [[bad opt]], length 0");
}
END_TEST

/* A segment of LEN bytes of which CAPLEN were captured, its line with STRSIZE. */
static void
assert_payload(const char *data, size_t len, size_t caplen, size_t strsize,
    const char *want)
{
	struct packet_style st = { .strsize = strsize };
	struct strbuf sb = STRBUF_INIT;
	struct packet p;

	memset(&p, 0, sizeof(p));
	p.proto = IPPROTO_TCP;
	p.flags = PKT_PSH | PKT_ACK;
	p.seq = 1;
	p.ack = 1;
	p.win = 512;
	p.len = len;
	p.payload = (const unsigned char *)data;
	p.caplen = caplen;
	packet_format(&sb, &p, "fd4", "fd3", NULL, &st);
	ck_assert_str_eq(sb_str(&sb), want);
	sb_free(&sb);
}

START_TEST(test_payload)
{
	static const char bytes[] = "line\n\0\377tail";

	assert_payload("hi", 2, 2, 32, "fd4 → fd3  [P.] seq 1:3, ack 1, win 512, length 2 \"hi\"");
	/* strace's escapes, and the cut after strsize bytes. */
	assert_payload(bytes, 11, 11, 32,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"line\\n\\0\\377tail\"");
	assert_payload(bytes, 11, 11, 5,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"line\\n\"...");
	assert_payload(bytes, 11, 11, 0,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"\"...");
	/* Fewer bytes captured than the segment had: what there is, and "...". */
	assert_payload(bytes, 11, 4, 32,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"line\"...");
	assert_payload(bytes, 11, 0, 32,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"\"...");
	assert_payload(bytes, 11, 4, 2,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"li\"...");
	assert_payload(bytes, 11, 4, 4,
	    "fd4 → fd3  [P.] seq 1:12, ack 1, win 512, length 11 \"line\"...");
	/* The sequence numbers go round at 2^32. */
	{
		struct packet p;

		memset(&p, 0, sizeof(p));
		p.proto = IPPROTO_TCP;
		p.flags = PKT_PSH | PKT_ACK | PKT_URG;
		p.seq = 0xfffffffe;
		p.urp = 2;
		p.len = 4;
		p.payload = (const unsigned char *)"abcd";
		p.caplen = 4;
		assert_line(&p, NULL, &plain,
		    "? → ?  [P.U] seq 4294967294:2, ack 0, win 0, urg 2, length 4 \"abcd\"");
	}
}
END_TEST

START_TEST(test_addr)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0, sizeof(ss));
	sin->sin_family = AF_INET;
	sin->sin_port = htons(5000);
	addr4((unsigned char *)&sin->sin_addr, "127.0.0.1");
	assert_addr(&ss, true, "127.0.0.1:5000");
	assert_addr(&ss, false, "127.0.0.1");
	memset(&ss, 0, sizeof(ss));
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(5000);
	addr6((unsigned char *)&sin6->sin6_addr, "::1");
	assert_addr(&ss, true, "[::1]:5000");
	assert_addr(&ss, false, "::1");
	addr6((unsigned char *)&sin6->sin6_addr, "2001:db8::a:b");
	assert_addr(&ss, true, "[2001:db8::a:b]:5000");
	memset(&ss, 0, sizeof(ss));
	assert_addr(&ss, true, "?");
}
END_TEST

/* ---- relative sequence numbers ---- */

/* A segment between 127.0.0.1:C and 127.0.0.1:5000, from the client when FROM_C. */
static void
seg(struct packet *p, bool from_c, unsigned c, uint32_t seq, uint32_t ack,
    uint8_t flags, size_t len)
{
	struct build k = { .n = 0 };
	static unsigned char data[64];

	memset(data, 'x', sizeof(data));
	ck_assert_uint_le(len, sizeof(data));
	if (from_c)
		tcp(&k, c, 5000, seq, ack, flags, 512, NULL, 0, data, len);
	else
		tcp(&k, 5000, c, seq, ack, flags, 512, NULL, 0, data, len);
	ipv4(&k, IPPROTO_TCP, "127.0.0.1", "127.0.0.1");
	memset(p, 0, sizeof(*p));
	ck_assert_int_eq(packet_decode(PKT_DLT_RAW, k.b, k.n, k.n, p), 0);
	/* The line keeps no pointer into K: no payload to quote here. */
	p->payload = NULL;
	p->caplen = 0;
}

/* The relative numbers of a segment, as FLOWS makes them. */
static void
assert_rel(struct packet_flows *fl, const struct packet *p, uint32_t seq, uint32_t ack)
{
	uint32_t s, a;

	packet_flows_relative(fl, p, &s, &a);
	ck_assert_uint_eq(s, seq);
	if (p->flags & PKT_ACK)
		ck_assert_uint_eq(a, ack);
}

START_TEST(test_relative_lifecycle)
{
	struct packet_flows fl = { NULL, 0, 0 };
	struct packet p;
	const uint32_t c = 3000000000u, s = 100;	/* the two ISNs */

	seg(&p, true, 40000, c, 0, PKT_SYN, 0);
	assert_rel(&fl, &p, 0, 0);
	seg(&p, false, 40000, s, c + 1, PKT_SYN | PKT_ACK, 0);
	assert_rel(&fl, &p, 0, 1);
	seg(&p, true, 40000, c + 1, s + 1, PKT_ACK, 0);
	assert_rel(&fl, &p, 1, 1);
	seg(&p, true, 40000, c + 1, s + 1, PKT_ACK | PKT_PSH, 2);
	assert_line(&p, &fl, &plain, "127.0.0.1:40000 → 127.0.0.1:5000  "
	    "[P.] seq 1:3, ack 1, win 512, length 2 \"\"...");
	seg(&p, false, 40000, s + 1, c + 3, PKT_ACK | PKT_FIN, 0);
	assert_line(&p, &fl, &plain, "127.0.0.1:5000 → 127.0.0.1:40000  "
	    "[F.] seq 1, ack 3, win 512, length 0");
	/* Verbose: the real numbers, while the flows go on learning. */
	assert_line(&p, &fl, &verbose, "127.0.0.1:5000 → 127.0.0.1:40000  "
	    "[F.] seq 101, ack 3000000003, win 512, length 0");
	/* No flows: the real numbers. */
	assert_line(&p, NULL, &plain, "127.0.0.1:5000 → 127.0.0.1:40000  "
	    "[F.] seq 101, ack 3000000003, win 512, length 0");
	/* Another connection from another port counts for itself. */
	seg(&p, true, 40001, 7, 0, PKT_SYN, 0);
	assert_rel(&fl, &p, 0, 0);
	seg(&p, true, 40000, c + 3, s + 2, PKT_ACK | PKT_RST, 0);
	assert_rel(&fl, &p, 3, 2);
	ck_assert_uint_eq(fl.n, 2);
	packet_flows_free(&fl);
	ck_assert_ptr_null(fl.v);
	packet_flows_free(&fl);
	packet_flows_free(NULL);
}
END_TEST

/* First seen mid-stream: each end's first number counts as 1, as after a handshake. */
START_TEST(test_relative_midstream)
{
	struct packet_flows fl = { NULL, 0, 0 };
	struct packet p;

	/* The client's data: its seq is 1; the ack, for the server not yet seen, 1. */
	seg(&p, true, 40000, 5000, 9000, PKT_ACK | PKT_PSH, 10);
	assert_rel(&fl, &p, 1, 1);
	seg(&p, false, 40000, 9000, 5010, PKT_ACK | PKT_PSH, 4);
	assert_rel(&fl, &p, 1, 11);
	seg(&p, true, 40000, 5010, 9004, PKT_ACK, 0);
	assert_rel(&fl, &p, 11, 5);
	/* A server seen first with no ACK: its own seq only. */
	seg(&p, false, 40002, 77, 0, PKT_RST, 0);
	assert_rel(&fl, &p, 1, 0);
	packet_flows_free(&fl);
}
END_TEST

/* A new SYN on the same four numbers: a new connection, counted afresh. */
START_TEST(test_relative_reuse)
{
	struct packet_flows fl = { NULL, 0, 0 };
	struct packet p;

	seg(&p, true, 40000, 1000, 0, PKT_SYN, 0);
	assert_rel(&fl, &p, 0, 0);
	seg(&p, false, 40000, 2000, 1001, PKT_SYN | PKT_ACK, 0);
	assert_rel(&fl, &p, 0, 1);
	seg(&p, true, 40000, 1001, 2001, PKT_ACK | PKT_FIN, 0);
	assert_rel(&fl, &p, 1, 1);
	/* The SYN sent again: the same connection. */
	seg(&p, true, 40000, 1000, 0, PKT_SYN, 0);
	assert_rel(&fl, &p, 0, 0);
	seg(&p, false, 40000, 2001, 1002, PKT_ACK, 0);
	assert_rel(&fl, &p, 1, 2);
	/* The port used again. */
	seg(&p, true, 40000, 50000, 0, PKT_SYN, 0);
	assert_rel(&fl, &p, 0, 0);
	seg(&p, false, 40000, 60000, 50001, PKT_SYN | PKT_ACK, 0);
	assert_rel(&fl, &p, 0, 1);
	seg(&p, true, 40000, 50001, 60001, PKT_ACK, 0);
	assert_rel(&fl, &p, 1, 1);
	ck_assert_uint_eq(fl.n, 1);
	packet_flows_free(&fl);
}
END_TEST

/* Many connections: the oldest are forgotten, and nothing leaks. */
START_TEST(test_relative_many)
{
	struct packet_flows fl = { NULL, 0, 0 };
	struct packet p;

	for (unsigned port = 1; port <= 3000; port++) {
		seg(&p, true, port, port * 10, 0, PKT_SYN, 0);
		assert_rel(&fl, &p, 0, 0);
	}
	ck_assert_uint_le(fl.n, 1024);
	seg(&p, true, 3000, 30001, 5, PKT_ACK, 0);
	assert_rel(&fl, &p, 1, 1);
	/* A UDP datagram is not numbered. */
	memset(&p, 0, sizeof(p));
	p.proto = IPPROTO_UDP;
	p.seq = 5;
	assert_rel(&fl, &p, 5, 0);
	packet_flows_free(&fl);
}
END_TEST

/* ---- golden: real captures ---- */

/* The captures under tests/pcap, each with NAME.pcap and NAME.lines. */
static const char *const golden[] = {
	"tcp-lifecycle", "tcp-rst", "udp-unreach", "tcp6", "tcp-bytes", "udp6-unreach",
};

/* The directory of the captures: $top_srcdir/tests/pcap, or beside this file. */
static char *
pcap_dir(void)
{
	const char *top = getenv("top_srcdir");
	struct strbuf sb = STRBUF_INIT;

	if (top != NULL && *top != '\0') {
		sb_addf(&sb, "%s/tests/pcap", top);
	} else {
		const char *slash = strrchr(__FILE__, '/');

		if (slash == NULL)
			sb_add(&sb, "pcap");
		else
			sb_addf(&sb, "%.*s/pcap", (int)(slash - __FILE__), __FILE__);
	}
	return sb.s;
}

/* A whole file, malloc'd, or NULL (ERRNO set). */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_addn(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	if (sb.s == NULL)
		sb_add(&sb, "");
	return (unsigned char *)sb.s;
}

static uint32_t
rd32(const unsigned char *b, bool le)
{
	if (le)
		return (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
}

/*
 * The classic pcap file format: a 24-byte header (magic, version, zone,
 * sigfigs, snaplen, link type), then per packet a 16-byte header (seconds,
 * micro- or nanoseconds, bytes captured, bytes on the wire) and the bytes.
 * The magic number says the byte order and the unit of the fraction.
 * Each packet the shell would show becomes one line in OUT.
 */
static void
pcap_lines(const char *name, const unsigned char *d, size_t n, struct strbuf *out)
{
	struct packet_flows fl = { NULL, 0, 0 };
	bool le, nano;
	uint32_t magic;
	int dlt;
	size_t off = 24;

	ck_assert_msg(n >= 24, "%s: no pcap header", name);
	magic = rd32(d, true);
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
		le = true;
	else {
		magic = rd32(d, false);
		ck_assert_msg(magic == 0xa1b2c3d4 || magic == 0xa1b23c4d,
		    "%s: not a pcap file (magic %08x)", name, magic);
		le = false;
	}
	nano = magic == 0xa1b23c4d;
	dlt = (int)(rd32(d + 20, le) & 0x0fffffff);
	while (off < n) {
		struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
		struct packet p;
		uint32_t incl, orig;
		bool ports;

		ck_assert_msg(n - off >= 16, "%s: a record header cut at %zu", name, off);
		incl = rd32(d + off + 8, le);
		orig = rd32(d + off + 12, le);
		p.ts.tv_sec = rd32(d + off, le);
		p.ts.tv_nsec = (long)rd32(d + off + 4, le) * (nano ? 1 : 1000);
		off += 16;
		ck_assert_msg(incl <= n - off, "%s: a record cut at %zu", name, off);
		if (packet_decode(dlt, d + off, incl, orig, &p) != 0) {
			sb_addf(out, "(not decoded: %u bytes)\n", incl);
			off += incl;
			continue;
		}
		off += incl;
		/* On lo the "any" device sees a packet leave and arrive: one is enough. */
		if (p.pkttype == PKT_TYPE_OUTGOING && p.hatype == PKT_HATYPE_LOOPBACK)
			continue;
		ports = p.proto == IPPROTO_TCP || p.proto == IPPROTO_UDP;
		packet_addr(&src, &p.src, ports);
		packet_addr(&dst, &p.dst, ports);
		packet_format(out, &p, sb_str(&src), sb_str(&dst), &fl, &plain);
		sb_addc(out, '\n');
		sb_free(&src);
		sb_free(&dst);
	}
	packet_flows_free(&fl);
}

/* The next line of *S (advanced past it), malloc'd, or NULL at the end. */
static char *
next_line(const char **s)
{
	const char *nl;
	char *line;

	if (**s == '\0')
		return NULL;
	nl = strchr(*s, '\n');
	if (nl == NULL)
		nl = *s + strlen(*s);
	line = xmemdup(*s, (size_t)(nl - *s) + 1);
	line[nl - *s] = '\0';
	*s = *nl == '\n' ? nl + 1 : nl;
	return line;
}

START_TEST(test_golden)
{
	const char *name = golden[_i];
	char *dir = pcap_dir();
	struct strbuf path = STRBUF_INIT, got = STRBUF_INIT;
	unsigned char *pcap, *want;
	size_t pcap_len, want_len;
	const char *g, *w;
	char *gl, *wl;
	int line = 0;

	sb_addf(&path, "%s/%s.pcap", dir, name);
	pcap = slurp(sb_str(&path), &pcap_len);
	ck_assert_msg(pcap != NULL, "%s: %s", sb_str(&path), strerror(errno));
	pcap_lines(name, pcap, pcap_len, &got);
	ck_assert_msg(got.len > 0, "%s: no packets", name);

	sb_reset(&path);
	sb_addf(&path, "%s/%s.lines", dir, name);
	if (getenv("PACKET_GOLDEN_UPDATE") != NULL) {
		FILE *f = fopen(sb_str(&path), "w");

		ck_assert_msg(f != NULL, "%s: %s", sb_str(&path), strerror(errno));
		fputs(sb_str(&got), f);
		ck_assert_int_eq(fclose(f), 0);
	}
	want = slurp(sb_str(&path), &want_len);
	ck_assert_msg(want != NULL, "%s: %s", sb_str(&path), strerror(errno));

	g = sb_str(&got);
	w = (const char *)want;
	for (;;) {
		gl = next_line(&g);
		wl = next_line(&w);
		line++;
		if (gl == NULL && wl == NULL)
			break;
		ck_assert_msg(gl != NULL && wl != NULL && strcmp(gl, wl) == 0,
		    "%s.lines:%d:\n want: %s\n  got: %s\n(all it decoded:\n%s)",
		    name, line, wl != NULL ? wl : "(no more lines)",
		    gl != NULL ? gl : "(no more lines)", sb_str(&got));
		free(gl);
		free(wl);
	}
	free(want);
	free(pcap);
	sb_free(&got);
	sb_free(&path);
	free(dir);
}
END_TEST

/* The reader takes either byte order, micro- and nanoseconds alike. */
START_TEST(test_pcap_reader)
{
	struct build k = { .n = 0 }, f;
	struct strbuf got = STRBUF_INIT;

	syn_packet(&k);
	sll2(&k, 0x0800, PKT_TYPE_OUTGOING, PKT_HATYPE_LOOPBACK, 1);
	for (int variant = 0; variant < 4; variant++) {
		bool le = variant & 1;
		uint32_t magic = variant & 2 ? 0xa1b23c4d : 0xa1b2c3d4;
		uint32_t hdr[6] = { magic, 0x00040002, 0, 0, 262144, PKT_DLT_LINUX_SLL2 };
		uint32_t rec[4] = { 1, 2, (uint32_t)k.n, (uint32_t)k.n };

		f.n = 0;
		for (int twice = 0; twice < 2; twice++) {
			for (int i = 0; i < (twice ? 4 : 6); i++) {
				uint32_t v = twice ? rec[i] : hdr[i];

				if (!twice && i == 1)
					v = le ? 0x00040002 : 0x00020004;
				if (le) {
					add8(&f, v);
					add8(&f, v >> 8);
					add8(&f, v >> 16);
					add8(&f, v >> 24);
				} else
					add32(&f, v);
			}
			if (twice)
				add(&f, k.b, k.n);
		}
		/* The same packet as HOST is shown, as OUTGOING on lo it is not. */
		sb_reset(&got);
		pcap_lines("built", f.b, f.n, &got);
		ck_assert_str_eq(sb_str(&got), "");
		f.b[24 + 16 + 10] = PKT_TYPE_HOST;
		pcap_lines("built", f.b, f.n, &got);
		ck_assert_str_eq(sb_str(&got), "127.0.0.1:40000 → 127.0.0.1:5000  [S] seq 0, "
		    "win 65495, options [mss 65495,sackOK,TS,nop,wscale 7], length 0\n");
	}
	sb_free(&got);
}
END_TEST

/* A segment for tcp_follow: FLAGS, SEQ, ACK, LEN bytes. */
static struct packet
follow_seg(uint8_t flags, uint32_t seq, uint32_t ack, size_t len)
{
	struct packet p;

	memset(&p, 0, sizeof p);
	p.proto = IPPROTO_TCP;
	p.flags = flags;
	p.seq = seq;
	p.ack = ack;
	p.len = len;
	return p;
}

/* Step F with segment P from end FROM; the two ends' states must be A and B. */
static void
step(struct tcp_follow *f, int from, struct packet p, enum tcp_fsm a,
    enum tcp_fsm b)
{
	tcp_follow_segment(f, from, &p);
	ck_assert_msg(f->state[0] == a && f->state[1] == b, "got %s %s, wanted %s %s",
	    tcp_fsm_name(f->state[0]), tcp_fsm_name(f->state[1]),
	    tcp_fsm_name(a), tcp_fsm_name(b));
}

START_TEST(test_follow_lifecycle)
{
	struct tcp_follow f;
	struct packet p = follow_seg(PKT_SYN, 100, 0, 0);

	tcp_follow_init(&f, true);
	ck_assert_int_eq(f.state[1], FSM_LISTEN);
	ck_assert_int_eq(tcp_follow_segment(&f, 0, &p), 3);
	ck_assert_int_eq(f.state[0], FSM_SYN_SENT);
	ck_assert_int_eq(f.state[1], FSM_SYN_RECV);
	step(&f, 1, follow_seg(PKT_SYN | PKT_ACK, 500, 101, 0), FSM_ESTABLISHED, FSM_SYN_RECV);
	step(&f, 0, follow_seg(PKT_ACK, 101, 501, 0), FSM_ESTABLISHED, FSM_ESTABLISHED);
	step(&f, 0, follow_seg(PKT_PSH | PKT_ACK, 101, 501, 2), FSM_ESTABLISHED, FSM_ESTABLISHED);
	/* The client closes first: the active close ends in TIME_WAIT. */
	step(&f, 0, follow_seg(PKT_FIN | PKT_ACK, 103, 501, 0), FSM_FIN_WAIT1, FSM_CLOSE_WAIT);
	step(&f, 1, follow_seg(PKT_ACK, 501, 104, 0), FSM_FIN_WAIT2, FSM_CLOSE_WAIT);
	step(&f, 1, follow_seg(PKT_FIN | PKT_ACK, 501, 104, 0), FSM_TIME_WAIT, FSM_LAST_ACK);
	step(&f, 0, follow_seg(PKT_ACK, 104, 502, 0), FSM_TIME_WAIT, FSM_CLOSE);
}
END_TEST

START_TEST(test_follow_closes)
{
	struct tcp_follow f;

	/* A FIN that also acks the other's FIN: FIN_WAIT1 straight to TIME_WAIT. */
	tcp_follow_init(&f, true);
	step(&f, 0, follow_seg(PKT_SYN, 1, 0, 0), FSM_SYN_SENT, FSM_SYN_RECV);
	step(&f, 1, follow_seg(PKT_SYN | PKT_ACK, 9, 2, 0), FSM_ESTABLISHED, FSM_SYN_RECV);
	step(&f, 0, follow_seg(PKT_ACK, 2, 10, 0), FSM_ESTABLISHED, FSM_ESTABLISHED);
	step(&f, 0, follow_seg(PKT_FIN | PKT_ACK, 2, 10, 0), FSM_FIN_WAIT1, FSM_CLOSE_WAIT);
	step(&f, 1, follow_seg(PKT_FIN | PKT_ACK, 10, 3, 0), FSM_TIME_WAIT, FSM_LAST_ACK);

	/* Both close at once: CLOSING, then TIME_WAIT on both sides. */
	tcp_follow_init(&f, true);
	step(&f, 0, follow_seg(PKT_SYN, 1, 0, 0), FSM_SYN_SENT, FSM_SYN_RECV);
	step(&f, 1, follow_seg(PKT_SYN | PKT_ACK, 9, 2, 0), FSM_ESTABLISHED, FSM_SYN_RECV);
	step(&f, 0, follow_seg(PKT_ACK, 2, 10, 0), FSM_ESTABLISHED, FSM_ESTABLISHED);
	step(&f, 0, follow_seg(PKT_FIN | PKT_ACK, 2, 10, 0), FSM_FIN_WAIT1, FSM_CLOSE_WAIT);
	tcp_follow_init(&f, false);
	f.state[0] = f.state[1] = FSM_ESTABLISHED;
	f.syn[0] = f.syn[1] = true;
	step(&f, 0, follow_seg(PKT_FIN | PKT_ACK, 2, 10, 0), FSM_FIN_WAIT1, FSM_CLOSE_WAIT);
	f.state[1] = FSM_FIN_WAIT1;	/* its FIN crossed ours on the wire */
	f.fin[1] = true;
	f.fin_seq[1] = 10;
	step(&f, 0, follow_seg(PKT_ACK, 3, 11, 0), FSM_FIN_WAIT1, FSM_FIN_WAIT2);

	/* A reset closes both ends. */
	tcp_follow_init(&f, true);
	step(&f, 0, follow_seg(PKT_SYN, 1, 0, 0), FSM_SYN_SENT, FSM_SYN_RECV);
	step(&f, 1, follow_seg(PKT_RST | PKT_ACK, 0, 2, 0), FSM_CLOSE, FSM_CLOSE);
	ck_assert_str_eq(tcp_fsm_name(FSM_TIME_WAIT), "TIME_WAIT");
	ck_assert_str_eq(tcp_fsm_name((enum tcp_fsm)99), "?");
}
END_TEST

Suite *
packet_suite(void)
{
	Suite *s = suite_create("packet");
	TCase *dec = tcase_create("decode");
	TCase *hostile = tcase_create("hostile");
	TCase *line = tcase_create("line");
	TCase *rel = tcase_create("relative");
	TCase *gold = tcase_create("golden");

	tcase_add_test(dec, test_decode_sll2);
	tcase_add_test(dec, test_decode_keeps_ts);
	tcase_add_test(dec, test_decode_sll);
	tcase_add_test(dec, test_decode_ether_vlan);
	tcase_add_test(dec, test_decode_null);
	tcase_add_test(dec, test_decode_raw);
	tcase_add_test(dec, test_decode_ipv4_options);
	tcase_add_test(dec, test_decode_ipv4_fragments);
	tcase_add_test(dec, test_decode_ipv4_padding);
	tcase_add_test(dec, test_decode_ipv6_ext);
	tcase_add_test(dec, test_decode_tcp_bad_offset);
	tcase_add_test(dec, test_decode_udp_length);
	tcase_add_test(dec, test_decode_icmp_unreach);
	tcase_add_test(dec, test_decode_icmp6);
	suite_add_tcase(s, dec);

	tcase_add_test(hostile, test_truncated);
	tcase_add_test(hostile, test_garbage);
	suite_add_tcase(s, hostile);

	tcase_add_test(line, test_flags);
	tcase_add_test(line, test_flags_words);
	tcase_add_test(line, test_options);
	tcase_add_test(line, test_payload);
	tcase_add_test(line, test_addr);
	tcase_add_test(line, test_icmp_names);
	tcase_add_test(line, test_icmp_orig_name);
	suite_add_tcase(s, line);

	tcase_add_test(rel, test_relative_lifecycle);
	tcase_add_test(rel, test_relative_midstream);
	tcase_add_test(rel, test_relative_reuse);
	tcase_add_test(rel, test_relative_many);
	tcase_add_test(rel, test_follow_lifecycle);
	tcase_add_test(rel, test_follow_closes);
	suite_add_tcase(s, rel);

	tcase_add_test(gold, test_pcap_reader);
	tcase_add_loop_test(gold, test_golden, 0, (int)(sizeof(golden) / sizeof(golden[0])));
	suite_add_tcase(s, gold);
	return s;
}
