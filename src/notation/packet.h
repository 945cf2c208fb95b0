/* packet.h: a captured segment or datagram, decoded, and written as one line a learner reads. */
#ifndef SOCKSHELL_PACKET_H
#define SOCKSHELL_PACKET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <time.h>

#include "strbuf.h"

/* TCP flag bits, as in the header's 13th byte. */
#define PKT_FIN	0x01
#define PKT_SYN	0x02
#define PKT_RST	0x04
#define PKT_PSH	0x08
#define PKT_ACK	0x10
#define PKT_URG	0x20
#define PKT_ECE	0x40
#define PKT_CWR	0x80

/* Linux's packet types (the SLL/SLL2 header; <linux/if_packet.h>). */
#define PKT_TYPE_HOST		0
#define PKT_TYPE_OUTGOING	4

/*
 * One packet as the wire had it. Pointers point into the captured bytes
 * given to packet_decode(), which must outlive the struct.
 */
struct packet {
	struct timespec		 ts;		/* the capture's timestamp (CLOCK_REALTIME) */
	int			 pkttype;	/* PKT_TYPE_*, or -1 when the link layer has none */
	int			 hatype;	/* ARPHRD_* of the interface, or -1 */
	int			 ifindex;	/* or 0 */
	int			 family;	/* AF_INET, AF_INET6 */
	int			 proto;		/* IPPROTO_TCP, _UDP, _ICMP, _ICMPV6 */
	struct sockaddr_storage	 src, dst;	/* addresses with ports (0 for ICMP) */
	size_t			 wire_len;	/* the whole packet's length on the wire */
	/* TCP */
	uint32_t		 seq, ack;
	uint16_t		 win;
	uint8_t			 flags;		/* PKT_SYN... */
	const unsigned char	*opts;		/* TCP options, raw */
	size_t			 optlen;
	/* TCP and UDP: the payload's length from the headers, and what was captured of it */
	size_t			 len;
	const unsigned char	*payload;
	size_t			 caplen;
	/* ICMP / ICMPv6 */
	int			 icmp_type, icmp_code;
	int			 orig_proto;	/* the datagram it is about: its protocol, */
	struct sockaddr_storage	 orig_src, orig_dst;	/* and its ends, with ports */
};

/*
 * Decode BYTES (CAPLEN of them captured, WIRELEN on the wire) of link type
 * DLT (DLT_LINUX_SLL2, DLT_LINUX_SLL, DLT_EN10MB, DLT_NULL, DLT_RAW) into P.
 * Returns 0, or -1 when it is not IPv4/IPv6 TCP, UDP or ICMP, or too short.
 */
int	packet_decode(int dlt, const unsigned char *bytes, size_t caplen,
	    size_t wirelen, struct packet *p);

/*
 * Relative sequence numbers: one entry per connection, holding each
 * direction's initial sequence number, as Wireshark counts (both SYNs 0).
 */
struct packet_flows {
	struct flow	*v;
	size_t		 n, cap;
};
void	packet_flows_free(struct packet_flows *);
/*
 * Learn from P (a SYN sets its side's base; a connection first seen
 * mid-stream takes the first seq and ack seen), then give the relative seq and
 * ack of P in *SEQ and *ACK.
 */
void	packet_flows_relative(struct packet_flows *, const struct packet *,
	    uint32_t *seq, uint32_t *ack);

/* How a packet line is written. */
struct packet_style {
	size_t		 strsize;	/* bytes of payload quoted, as `set strsize` */
	bool		 verbose;	/* real sequence numbers, every option with its values */
};

/*
 * One line for P, without the marker or the time, with the ends named SRC and
 * DST (`fd4`, `127.0.0.1:5000`, `[::1]:5000`). FLOWS turns sequence numbers
 * relative (NULL: as they are). For example:
 *   fd4 → fd3  [S] seq 0, win 65495, options [mss 65495,sackOK,TS,nop,wscale 7], length 0
 *   fd4 → fd3  [P.] seq 1:3, ack 1, win 512, length 2 "hi"
 *   fd3 → 127.0.0.1:9  UDP, length 4 "ping"
 *   127.0.0.1 → 127.0.0.1  ICMP port unreachable (UDP fd3 → 127.0.0.1:9), length 32
 */
void	packet_format(struct strbuf *, const struct packet *, const char *src,
	    const char *dst, struct packet_flows *, const struct packet_style *);
/* P's end as an address: "127.0.0.1:5000", "[::1]:5000" (no port for ICMP). */
void	packet_addr(struct strbuf *, const struct sockaddr_storage *, bool port);
/* tcpdump's flag letters without brackets: "S", "S.", ".", "P.", "F.", "R", "R." */
void	packet_flags(struct strbuf *, uint8_t flags);

#endif
