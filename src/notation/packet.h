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

/* ARPHRD_LOOPBACK: the hatype of lo, where the "any" device sees each packet twice. */
#define PKT_HATYPE_LOOPBACK	772

/*
 * The link types packet_decode() reads, by libpcap's numbers (DLT_*; the
 * notation layer does not include pcap.h). DLT_RAW is 12 in libpcap's
 * headers and 101 in a pcap file (LINKTYPE_RAW); both are taken.
 */
#define PKT_DLT_NULL		0	/* a 4-byte address family, the host's byte order */
#define PKT_DLT_EN10MB		1	/* Ethernet, 802.1Q tags skipped */
#define PKT_DLT_RAW		12	/* the IP header first */
#define PKT_DLT_RAW_FILE	101
#define PKT_DLT_LINUX_SLL	113	/* Linux "cooked" capture, 16-byte header */
#define PKT_DLT_IPV4		228
#define PKT_DLT_IPV6		229
#define PKT_DLT_LINUX_SLL2	276	/* Linux "cooked" capture v2, 20-byte header */

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
	uint16_t		 urp;		/* the urgent pointer (meant only with PKT_URG) */
	uint8_t			 flags;		/* PKT_SYN... */
	const unsigned char	*opts;		/* TCP options, raw */
	size_t			 optlen;
	/*
	 * TCP and UDP: the payload's length from the headers, and what was
	 * captured of it (CAPLEN <= LEN). ICMP: the whole message, its header
	 * included, as tcpdump's "length".
	 */
	size_t			 len;
	const unsigned char	*payload;
	size_t			 caplen;
	/* ICMP / ICMPv6 */
	int			 icmp_type, icmp_code;
	uint32_t		 icmp_rest;	/* the header's second word: echo id<<16|seq, an MTU */
	int			 orig_proto;	/* the datagram an error is about: its protocol (-1: none), */
	struct sockaddr_storage	 orig_src, orig_dst;	/* and its ends, with ports (TCP, UDP) */
};

/*
 * Decode BYTES (CAPLEN of them captured, WIRELEN on the wire) of link type
 * DLT (DLT_LINUX_SLL2, DLT_LINUX_SLL, DLT_EN10MB, DLT_NULL, DLT_RAW) into P.
 * Returns 0, or -1 when it is not IPv4/IPv6 TCP, UDP or ICMP, or too short,
 * or a fragment other than the first. Every field but P->ts is set, also on
 * failure; P->ts is left as the caller set it.
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
 * mid-stream takes the first seq and ack seen, each as if it were the first
 * byte after a SYN, so 1), then give the relative seq and ack of P in *SEQ
 * and *ACK (P's own when FLOWS is NULL or P is not TCP). A new SYN from an
 * end with another number starts its connection afresh (a port used again).
 */
void	packet_flows_relative(struct packet_flows *, const struct packet *,
	    uint32_t *seq, uint32_t *ack);

/* How a packet line is written. */
struct packet_style {
	size_t		 strsize;	/* bytes of payload quoted, as `set strsize` */
	bool		 verbose;	/* real sequence numbers, every option with its values */
	/*
	 * Names an end of the datagram an ICMP error quotes, as SRC and DST
	 * name the packet's own ends (PROTO: its protocol). NULL: its address,
	 * as packet_addr() writes it.
	 */
	void		(*orig_name)(struct strbuf *, int proto,
			    const struct sockaddr_storage *, void *arg);
	void		*orig_arg;
	bool		 ascii;		/* "->", not "→": a terminal that is not UTF-8 */
};

/*
 * One line for P, without the marker or the time, with the ends named SRC and
 * DST (`fd4`, `127.0.0.1:5000`, `[::1]:5000`). FLOWS turns sequence numbers
 * relative (NULL: as they are; verbose STYLE: as they are, FLOWS still
 * learning). STYLE NULL: strsize 32, not verbose. For example:
 *   fd4 → fd3  [S] seq 0, win 65495, options [mss 65495,sackOK,TS,nop,wscale 7], length 0
 *   fd4 → fd3  [P.] seq 1:3, ack 1, win 512, length 2 "hi"
 *   fd3 → 127.0.0.1:9  UDP, length 4 "ping"
 *   127.0.0.1 → 127.0.0.1  ICMP port unreachable (UDP fd3 → 127.0.0.1:9), length 40
 */
void	packet_format(struct strbuf *, const struct packet *, const char *src,
	    const char *dst, struct packet_flows *, const struct packet_style *);
/* P's end as an address: "127.0.0.1:5000", "[::1]:5000"; without PORT "127.0.0.1", "::1". */
void	packet_addr(struct strbuf *, const struct sockaddr_storage *, bool port);
/*
 * tcpdump's flag letters without brackets, in its order F S R P . U E W:
 * "S", "S.", ".", "P.", "F.", "FP.", "R", "R."; "none" when no flag is set.
 */
void	packet_flags(struct strbuf *, uint8_t flags);

/*
 * RFC 793's state machine for both ends of one connection, followed segment
 * by segment, as the textbooks write the states beside a ladder diagram.
 * States are named as Linux names them (TCP_INFO, ss): SYN_RECV, FIN_WAIT1.
 */
enum tcp_fsm {
	FSM_CLOSE, FSM_LISTEN, FSM_SYN_SENT, FSM_SYN_RECV, FSM_ESTABLISHED,
	FSM_FIN_WAIT1, FSM_FIN_WAIT2, FSM_CLOSE_WAIT, FSM_CLOSING, FSM_LAST_ACK,
	FSM_TIME_WAIT
};
struct tcp_follow {
	enum tcp_fsm	 state[2];	/* end 0 (the client), end 1 (the server) */
	bool		 syn[2], fin[2];	/* has this end sent its SYN, its FIN */
	uint32_t	 syn_seq[2], fin_seq[2];
};
/* Both ends CLOSE, or the server in LISTEN when SERVER_LISTENS. */
void	tcp_follow_init(struct tcp_follow *, bool server_listens);
/*
 * The TCP segment P went from end FROM (0 or 1) to the other end: move both
 * ends on. Returns which changed: bit 0 the sender, bit 1 the receiver.
 */
int	tcp_follow_segment(struct tcp_follow *, int from, const struct packet *p);
const char *tcp_fsm_name(enum tcp_fsm);

#endif
