/*
 * trace.c: packets beside the calls, TCP states, and the record that
 * `diagram`, `trace save` and `expect packet` read.
 *
 * One lock guards everything here. The capture thread takes it to read
 * packets; it prints them itself only while the shell waits in a call (the
 * shell's thread is then in the kernel and says nothing), and otherwise wakes
 * the prompt through a pipe. The shell's thread prints the rest, under the
 * call that caused them or as news at the prompt.
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "clock.h"
#include "call.h"
#include "capture.h"
#include "event.h"
#include "fdhigh.h"
#include "i18n.h"
#include "lab.h"
#include "ladder.h"
#include "loop.h"
#include "packet.h"
#include "print.h"
#include "settings.h"
#include "ss.h"
#include "term.h"
#include "trace.h"
#include "xlat.h"

/* Packets kept for `diagram` and `save`; past it, `trace clear` starts afresh. */
#define KEEP_MAX	20000
/* Bytes kept of each packet: its headers and the start of its data. */
#define KEEP_BYTES	512
/* How long a packet waits, while a call does, before the thread prints it (ms). */
#define LIVE_AFTER_MS	50
/* How long `expect packet` waits for packets still on their way (ms). */
#define EXPECT_WAIT_MS	3000
/* How long `expect packet none` watches for a packet before it holds (ms). */
#define EXPECT_NONE_MS	500

#define ARPHRD_LOOPBACK_	772

enum rec_kind { REC_PACKET, REC_CALL };

/* One thing on the timeline: a packet or a call. */
struct rec {
	enum rec_kind		 kind;
	struct timespec		 t0, t1;	/* a call's begin and end; else both the time */
	/* a packet, as captured (at most KEEP_BYTES of it) */
	unsigned char		*bytes;
	size_t			 caplen, wirelen;
	int			 dlt;
	int			 host;		/* a packet: the lab's host it was captured on; a call: its descriptor's */
	bool			 shown;
	/* a call: its descriptor and that descriptor's ends then */
	int			 fd;
	struct sockaddr_storage	 local, peer;
	int			 made;		/* socket, accept: the descriptor it returned; else -1 */
	struct sockaddr_storage	 accepted;	/* accept: the peer of the connection it returned */
	char			*label;
	bool			 waited;
};

/* A descriptor's ends, to name a packet's ends after it. */
struct name {
	int			 fd;
	int			 host;		/* the lab's host it is on, -1 outside */
	int			 type;
	bool			 listening;
	struct sockaddr_storage	 local, peer;	/* ss_family 0: none */
};

/* Sockets the shell had, closed since: their late packets are still its own. */
#define PAST_MAX	256

/*
 * What `set states on` last said of a descriptor, or of the connection of
 * one closed since (ORPHAN: the kernel still keeps it, FIN_WAIT2 or
 * TIME_WAIT say, with no descriptor).
 */
struct told_state {
	int			 fd;
	char			 state[16];	/* as the kernel names it: ESTABLISHED */
	unsigned		 queue;
	struct sockaddr_storage	 local, peer;
	bool			 seen;
	bool			 orphan;
};

static struct {
	pthread_mutex_t		 lock;
	bool			 running;
	bool			 slot_on;	/* LOOP_CAPTURE is set */
	bool			 verbose;
	size_t			 nnames;	/* of names, below */
	struct shell		*sh;
	struct capture		*cap;
	pthread_t		 thread;
	int			 stop[2];	/* tells the thread to end */
	int			 wake[2];	/* tells the prompt a packet came */
	bool			 waiting;	/* the shell waits in a call: the thread prints */
	int			 wait_fd;	/* on this descriptor (-1: none) */
	bool			 full;		/* KEEP_MAX reached */
	bool			 full_told;
	struct timespec		 start;
	struct rec		*v;
	size_t			 n, cap_v, packets;
	struct packet_flows	 flows;		/* relative numbers as printed */
	struct name		*names;
	size_t			 npast, past_next;
	struct sockaddr_storage	 pin;		/* where the call being made goes (connect, sendto) */
	unsigned		*ports;		/* the filter's, grows while tracing */
	size_t			 nports;
	struct told_state	*st;
	size_t			 nst;
} T = { .lock = PTHREAD_MUTEX_INITIALIZER, .stop = { -1, -1 }, .wake = { -1, -1 } };

/* Names of sockets closed, the newest PAST_MAX (T.npast, T.past_next). */
static struct name past[PAST_MAX];

/* ---- the record ---- */

static struct rec *
rec_add(enum rec_kind kind)
{
	struct rec *r;

	if (T.n == T.cap_v) {
		T.cap_v = T.cap_v ? T.cap_v * 2 : 64;
		T.v = xrealloc(T.v, T.cap_v * sizeof *T.v);
	}
	r = &T.v[T.n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	r->fd = -1;
	return r;
}

static void
rec_clear(void)
{
	for (size_t i = 0; i < T.n; i++) {
		free(T.v[i].bytes);
		free(T.v[i].label);
	}
	free(T.v);
	T.v = NULL;
	T.n = T.cap_v = T.packets = 0;
	packet_flows_free(&T.flows);
	T.full = T.full_told = false;
}

/* ---- addresses ---- */

static unsigned
port_of(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ntohs(((const struct sockaddr_in *)ss)->sin_port);
	if (ss->ss_family == AF_INET6)
		return ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
	return 0;
}

static bool
is_wildcard(const struct sockaddr_storage *ss)
{
	if (ss->ss_family == AF_INET)
		return ((const struct sockaddr_in *)ss)->sin_addr.s_addr == INADDR_ANY;
	if (ss->ss_family == AF_INET6)
		return IN6_IS_ADDR_UNSPECIFIED(&((const struct sockaddr_in6 *)ss)->sin6_addr);
	return false;
}

/* The same address (and port, unless a port of 0 or WILD allows any). */
static bool
same_end(const struct sockaddr_storage *a, const struct sockaddr_storage *b,
    bool wild)
{
	if (a->ss_family != b->ss_family || port_of(a) != port_of(b))
		return false;
	if (wild && is_wildcard(a))
		return true;
	if (a->ss_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		    ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	if (a->ss_family == AF_INET6)
		return IN6_ARE_ADDR_EQUAL(&((const struct sockaddr_in6 *)a)->sin6_addr,
		    &((const struct sockaddr_in6 *)b)->sin6_addr);
	return false;
}

/* ---- names of the ends ---- */

static struct name *
name_find(int fd)
{
	for (size_t i = 0; i < T.nnames; i++)
		if (T.names[i].fd == fd)
			return &T.names[i];
	return NULL;
}

/*
 * Ask the kernel for FD's ends, its type and whether it listens; keep what
 * was known when it cannot say (closed).
 */
static void
name_update(int fd, int host)
{
	struct sockaddr_storage local, peer;
	socklen_t ll = sizeof local, pl = sizeof peer, il = sizeof(int);
	int type = 0, acc = 0;
	struct name *n;

	memset(&local, 0, sizeof local);
	memset(&peer, 0, sizeof peer);
	if (getsockname(fd, (struct sockaddr *)&local, &ll) == -1 ||
	    (local.ss_family != AF_INET && local.ss_family != AF_INET6))
		return;
	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &il) == -1)
		return;
	il = sizeof acc;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &acc, &il) == -1)
		acc = 0;
	n = name_find(fd);
	/* A connection both sides closed leaves the socket no peer: keep the one it had. */
	if (getpeername(fd, (struct sockaddr *)&peer, &pl) == -1) {
		if (n != NULL && same_end(&n->local, &local, false))
			peer = n->peer;
		else
			memset(&peer, 0, sizeof peer);
	}
	if (n == NULL) {
		T.names = xrealloc(T.names, (T.nnames + 1) * sizeof *T.names);
		n = &T.names[T.nnames++];
	}
	n->fd = fd;
	n->host = host;
	n->type = type;
	n->listening = acc != 0;
	n->local = local;
	n->peer = peer;
}

static void
names_update_all(struct shell *sh)
{
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {

		if (e->family == AF_INET || e->family == AF_INET6)
			name_update(e->fd, e->host);
	}
}

/*
 * Which of the lab's hosts the end A of a packet captured on host CAPTURED
 * is on: a lab address says; loopback is the host that captured it. -1
 * outside the lab.
 */
static int
end_host(const struct sockaddr_storage *a, int captured)
{
	char buf[INET6_ADDRSTRLEN];
	const void *in = a->ss_family == AF_INET ?
	    (const void *)&((const struct sockaddr_in *)a)->sin_addr :
	    (const void *)&((const struct sockaddr_in6 *)a)->sin6_addr;

	if (!lab_active() || inet_ntop(a->ss_family, in, buf, sizeof buf) == NULL)
		return lab_active() ? captured : -1;
	for (int i = 0; i < LAB_HOSTS; i++) {
		const char *h = lab_host_address(i, a->ss_family);

		if (h != NULL && strcmp(h, buf) == 0)
			return i;
	}
	return captured;
}

/*
 * Is END (on host HOST), talking with OTHER, an end of the socket N: its
 * own address and port (any address, bound to the wildcard), on its host,
 * and its peer when it has one?
 */
static bool
end_of(const struct name *n, const struct sockaddr_storage *end, int host,
    const struct sockaddr_storage *other)
{
	return n->host == host && port_of(&n->local) != 0 &&
	    same_end(&n->local, end, true) &&
	    (n->peer.ss_family == 0 || same_end(&n->peer, other, false));
}

/*
 * END (on host HOST) of a packet going to (or from) OTHER, named after the
 * descriptor whose ends they are: a connected socket by both ends, one that
 * is not connected (UDP, a connect on its way) by its own. A connection
 * still in a listener's queue, and anything not the shell's, by its address.
 */
static void
name_end(struct strbuf *sb, const struct sockaddr_storage *end,
    const struct sockaddr_storage *other, int proto, bool port, int host)
{
	if (port && (proto == IPPROTO_TCP || proto == IPPROTO_UDP)) {
		for (size_t i = 0; i < T.nnames; i++) {
			const struct name *n = &T.names[i];

			if (n->peer.ss_family != 0 && end_of(n, end, host, other)) {
				sb_addf(sb, "fd%d", n->fd);
				return;
			}
		}
		for (size_t i = 0; i < T.nnames; i++) {
			const struct name *n = &T.names[i];

			/* A connect on its way: its port is known, its peer not yet. */
			if (proto == IPPROTO_TCP && n->type == SOCK_STREAM &&
			    !n->listening && n->peer.ss_family == 0 &&
			    !is_wildcard(&n->local) && end_of(n, end, host, other)) {
				sb_addf(sb, "fd%d", n->fd);
				return;
			}
			if (proto == IPPROTO_UDP && n->type == SOCK_DGRAM &&
			    n->peer.ss_family == 0 && end_of(n, end, host, other)) {
				sb_addf(sb, "fd%d", n->fd);
				return;
			}
		}
	}
	packet_addr(sb, end, port);
}

/* Remember N among the sockets the shell had: their late packets are its own. */
static void
past_add(const struct name *n)
{
	past[T.past_next] = *n;
	T.past_next = (T.past_next + 1) % PAST_MAX;
	if (T.npast < PAST_MAX)
		T.npast++;
}

/* ---- the filter: the ports of the shell's sockets, old ones kept ---- */

static bool
port_watched(unsigned port)
{
	for (size_t i = 0; i < T.nports; i++)
		if (T.ports[i] == port)
			return true;
	return false;
}

/* Watch PORT too; true when it is new. */
static bool
port_add(unsigned port)
{
	if (port == 0 || port_watched(port))
		return false;
	T.ports = xrealloc(T.ports, (T.nports + 1) * sizeof *T.ports);
	T.ports[T.nports++] = port;
	return true;
}

/* The filter for the ports watched (called with the lock held). */
static void
filter_update(void)
{
	struct strbuf expr = STRBUF_INIT, why = STRBUF_INIT;

	if (T.nports == 0) {
		sb_add(&expr, "icmp or icmp6");
	} else {
		sb_add(&expr, "((tcp or udp) and (");
		for (size_t i = 0; i < T.nports; i++)
			sb_addf(&expr, "%sport %u", i ? " or " : "", T.ports[i]);
		sb_add(&expr, ")) or icmp or icmp6");
	}
	if (capture_filter(T.cap, sb_str(&expr), &why) == -1)
		emitf(EV_NOTE, -1, "trace: %s", sb_str(&why));
	sb_free(&expr);
	sb_free(&why);
}

static void
ports_update(void)
{
	bool changed = false;

	for (size_t i = 0; i < T.nnames; i++) {
		changed |= port_add(port_of(&T.names[i].local));
		changed |= port_add(port_of(&T.names[i].peer));
	}
	if (changed && T.cap != NULL)
		filter_update();
}

/* ---- packets ---- */

static bool ts_before(const struct timespec *, const struct timespec *);

/* Is the packet between A (on host HA) and B (on HB) one of the shell's sockets'? */
static bool
between_ours(const struct sockaddr_storage *a, int ha,
    const struct sockaddr_storage *b, int hb)
{
	const struct name *sets[2] = { T.names, past };
	size_t counts[2] = { T.nnames, T.npast };

	/* A connect or sendto being made: its end has no port known yet. */
	if (T.pin.ss_family != 0 &&
	    (same_end(&T.pin, a, false) || same_end(&T.pin, b, false)))
		return true;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < counts[k]; i++)
			if (end_of(&sets[k][i], a, ha, b) ||
			    end_of(&sets[k][i], b, hb, a))
				return true;
	return false;
}

/* Is P, captured on host CAPTURED, one of the shell's, and the one copy of it to show? */
static bool
packet_ours(const struct packet *p, int captured)
{
	/*
	 * Loopback hands the capture each packet twice, going out and coming in;
	 * in the lab every packet also leaves one host and enters the other.
	 * The copy coming in is the one to show.
	 */
	if (p->pkttype == PKT_TYPE_OUTGOING &&
	    (p->hatype == ARPHRD_LOOPBACK_ || lab_active()))
		return false;
	if (p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP)
		return between_ours(&p->src, end_host(&p->src, captured),
		    &p->dst, end_host(&p->dst, captured));
	/* An ICMP error: about a datagram one of the shell's sockets sent. */
	if (p->orig_proto == IPPROTO_TCP || p->orig_proto == IPPROTO_UDP)
		return between_ours(&p->orig_src, end_host(&p->orig_src, captured),
		    &p->orig_dst, end_host(&p->orig_dst, captured));
	return false;
}

static void
packet_keep(const struct capture_packet *cp, bool check)
{
	struct packet p;
	struct rec *r;

	p.ts = cp->ts;	/* packet_decode keeps it as set */
	if (packet_decode(cp->dlt, cp->bytes, cp->caplen, cp->wirelen, &p) == -1)
		return;
	if (check && !packet_ours(&p, lab_active() ? cp->source : -1))
		return;
	if (T.packets >= KEEP_MAX) {
		/* Said by show_until(), on a thread that may print now. */
		T.full = true;
		return;
	}
	r = rec_add(REC_PACKET);
	/*
	 * The lab's hosts are captured one after the other: keep the packets
	 * not yet shown in the order of their times.
	 */
	/* (A file is read in its own order, as tcpdump -r does; a few steps back at most.) */
	for (int steps = 0; check && steps < 64 && r > T.v &&
	    r[-1].kind == REC_PACKET && !r[-1].shown &&
	    ts_before(&cp->ts, &r[-1].t0); steps++) {
		r[0] = r[-1];
		r--;
	}
	memset(r, 0, sizeof *r);
	r->kind = REC_PACKET;
	r->fd = -1;
	r->t0 = r->t1 = cp->ts;
	r->caplen = cp->caplen < KEEP_BYTES ? cp->caplen : KEEP_BYTES;
	r->bytes = xmemdup(cp->bytes, r->caplen ? r->caplen : 1);
	r->wirelen = cp->wirelen;
	r->dlt = cp->dlt;
	r->host = check && lab_active() ? cp->source : -1;
	T.packets++;
}

static void
on_captured(void *ctx, const struct capture_packet *cp)
{
	(void)ctx;
	packet_keep(cp, true);
}

/* A packet and the host it was captured on, for naming its ICMP error's datagram. */
struct captured {
	const struct packet	*p;
	int			 host;
};

/* An end of the datagram an ICMP error quotes, named as packets' ends are. */
static void
orig_name(struct strbuf *sb, int proto, const struct sockaddr_storage *end,
    void *arg)
{
	const struct captured *c = arg;
	const struct sockaddr_storage *other =
	    same_end(end, &c->p->orig_src, false) ? &c->p->orig_dst :
	    &c->p->orig_src;

	name_end(sb, end, other, proto, true, end_host(end, c->host));
}

static void
packet_line(struct strbuf *sb, const struct rec *r, struct packet_flows *flows,
    size_t strsize)
{
	struct strbuf src = STRBUF_INIT, dst = STRBUF_INIT;
	struct packet_style style = { strsize, T.verbose, NULL, NULL, false };
	struct captured cap;
	struct packet p;
	bool port;

	p.ts = r->t0;	/* packet_decode keeps it as set */
	if (packet_decode(r->dlt, r->bytes, r->caplen, r->wirelen, &p) == -1)
		return;
	cap.p = &p;
	cap.host = r->host;
	style.ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	style.orig_name = orig_name;
	style.orig_arg = &cap;
	port = p.proto == IPPROTO_TCP || p.proto == IPPROTO_UDP;
	name_end(&src, &p.src, &p.dst, p.proto, port, end_host(&p.src, r->host));
	name_end(&dst, &p.dst, &p.src, p.proto, port, end_host(&p.dst, r->host));
	if (T.verbose) {
		struct timespec d = r->t0;

		d.tv_sec -= T.start.tv_sec;
		d.tv_nsec -= T.start.tv_nsec;
		if (d.tv_nsec < 0) {
			d.tv_nsec += 1000000000L;
			d.tv_sec--;
		}
		sb_addf(sb, "%ld.%06ld ", (long)d.tv_sec, d.tv_nsec / 1000);
	}
	packet_format(sb, &p, sb_str(&src), sb_str(&dst), flows, &style);
	sb_free(&src);
	sb_free(&dst);
}

/* Print the packets not shown yet, those captured by UNTIL only when not NULL (the lock held). */
static void
show_until(const struct timespec *until)
{
	size_t strsize = T.sh ? SH_STRSIZE(T.sh) : 32;

	for (size_t i = 0; i < T.n; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct rec *r = &T.v[i];

		if (r->kind != REC_PACKET || r->shown)
			continue;
		if (until != NULL && ts_before(until, &r->t0))
			break;
		r->shown = true;
		packet_line(&sb, r, &T.flows, strsize);
		if (sb.len > 0)
			emit_text(EV_PACKET, -1, sb_str(&sb));
		sb_free(&sb);
	}
	if (T.full && !T.full_told) {
		emitf(EV_NOTE, -1, _("trace: %d packets kept, no more are "
		    "shown or kept; `trace clear` starts afresh"), KEEP_MAX);
		T.full_told = true;
	}
	emit_flush();
}

static void
show_pending(void)
{
	show_until(NULL);
}

/* Read what the capture holds now (the lock held). */
static void
drain(void)
{
	char buf[64];

	if (T.cap != NULL)
		capture_dispatch(T.cap, on_captured, NULL);
	while (T.wake[0] != -1 && read(T.wake[0], buf, sizeof buf) > 0)
		;
}

/* Packets kept and not shown yet (the lock held)? */
static bool
unshown(void)
{
	for (size_t i = T.n; i > 0; i--)
		if (T.v[i - 1].kind == REC_PACKET)
			return !T.v[i - 1].shown;
	return false;
}

static void *
capture_main(void *arg)
{
	(void)arg;
	for (;;) {
		struct pollfd p[LAB_HOSTS + 1];
		int fds[LAB_HOSTS];
		size_t n = capture_fds(T.cap, fds, LAB_HOSTS), before;
		int timeout;

		for (size_t i = 0; i < n; i++)
			p[i] = (struct pollfd){ .fd = fds[i], .events = POLLIN };
		p[n] = (struct pollfd){ .fd = T.stop[0], .events = POLLIN };
		/*
		 * While the shell waits in a call, a packet prints once it has
		 * been waited on for a moment: a call that only ran (no sleep)
		 * has returned by then, and shows it under its line instead.
		 */
		pthread_mutex_lock(&T.lock);
		timeout = T.waiting && unshown() ? LIVE_AFTER_MS : -1;
		pthread_mutex_unlock(&T.lock);
		if (poll(p, (nfds_t)n + 1, timeout) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[n].revents != 0)
			break;
		pthread_mutex_lock(&T.lock);
		before = T.packets;
		capture_dispatch(T.cap, on_captured, NULL);
		if (T.waiting) {
			struct timespec old;

			/* A connect that waits has its port by now: name it. */
			if (T.wait_fd >= 0 && name_find(T.wait_fd) != NULL)
				name_update(T.wait_fd, name_find(T.wait_fd)->host);
			clock_gettime(CLOCK_REALTIME, &old);
			old.tv_nsec -= LIVE_AFTER_MS * 1000000L;
			if (old.tv_nsec < 0) {
				old.tv_nsec += 1000000000L;
				old.tv_sec--;
			}
			emit_thread_begin();
			show_until(&old);
			emit_thread_end();
		}
		else if (T.packets != before)
			(void)!write(T.wake[1], "", 1);
		pthread_mutex_unlock(&T.lock);
	}
	return NULL;
}

/* ---- the prompt's slot in the loop ---- */

static size_t
slot_fds(void *ctx, struct pollfd *p, size_t max, int *timeout)
{
	size_t n = 0;

	(void)ctx;
	if (T.running && max > 0)
		p[n++] = (struct pollfd){ .fd = T.wake[0], .events = POLLIN };
	/* States change without anything to read (FIN_WAIT2, say): look again soon. */
	if (T.sh != NULL && T.sh->setting[SETTING_STATES])
		*timeout = 250;
	return n;
}

static void
slot_ready(void *ctx, const struct pollfd *p, size_t n, bool timed_out)
{
	(void)ctx, (void)p, (void)n, (void)timed_out;
	if (T.sh != NULL)
		trace_catch_up(T.sh, true);
}

static void
slot_update(struct shell *sh)
{
	static const struct loop_watch w = { slot_fds, slot_ready, NULL };
	bool on = T.running || sh->setting[SETTING_STATES];

	T.sh = sh;
	if (on != T.slot_on) {
		T.slot_on = on;
		loop_set(LOOP_CAPTURE, on ? &w : NULL);
	}
}

/* ---- on and off ---- */

bool
trace_running(void)
{
	return T.running;
}

size_t
trace_count(void)
{
	size_t n;

	pthread_mutex_lock(&T.lock);
	n = T.packets;
	pthread_mutex_unlock(&T.lock);
	return n;
}

static void
close_pair(int p[2])
{
	for (int i = 0; i < 2; i++)
		if (p[i] != -1) {
			close(p[i]);
			p[i] = -1;
		}
}

/* A pipe out of the way of the learner's descriptor numbers. */
static int
high_pipe(int p[2])
{
	if (pipe2(p, O_CLOEXEC | O_NONBLOCK) == -1)
		return -1;
	for (int i = 0; i < 2; i++)
		p[i] = fd_move_high(p[i]);
	return 0;
}

/*
 * fork(2) with the capture thread about: the lock is taken across the fork,
 * so the child gets the record whole; the child has no thread, so it
 * captures nothing (its sockets' packets are the parent's to show).
 */
static void
fork_prepare(void)
{
	pthread_mutex_lock(&T.lock);
}

static void
fork_parent(void)
{
	pthread_mutex_unlock(&T.lock);
}

static void
fork_child(void)
{
	int fds[16];
	size_t n = T.cap != NULL ? capture_fds(T.cap, fds, 16) : 0;

	pthread_mutex_init(&T.lock, NULL);
	T.running = false;
	T.waiting = false;
	/*
	 * The capture and its pipes are the parent's: closed here, so that a
	 * child holds only the table's descriptors (the memory stays, unused).
	 */
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
	T.cap = NULL;
	close_pair(T.stop);
	close_pair(T.wake);
	T.slot_on = false;
	loop_set(LOOP_CAPTURE, NULL);
}

static void
fork_handlers(void)
{
	pthread_atfork(fork_prepare, fork_parent, fork_child);
}

int
trace_start(struct shell *sh, bool verbose, struct strbuf *why)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	struct capture *cap;
	sigset_t all, old;
	int rc;

	pthread_once(&once, fork_handlers);
	if (T.running)
		trace_stop(sh);
	if (capture_open(&cap, why) == -1)
		return -1;
	if (high_pipe(T.stop) == -1 || high_pipe(T.wake) == -1) {
		sb_addf(why, "pipe: %s", strerror(errno));
		close_pair(T.stop);
		close_pair(T.wake);
		capture_close(cap);
		return -1;
	}
	pthread_mutex_lock(&T.lock);
	T.cap = cap;
	T.verbose = verbose;
	T.sh = sh;
	T.nports = 0;
	if (T.n == 0)
		clock_gettime(CLOCK_REALTIME, &T.start);
	names_update_all(sh);
	for (size_t i = 0; i < T.nnames; i++) {
		port_add(port_of(&T.names[i].local));
		port_add(port_of(&T.names[i].peer));
	}
	filter_update();
	pthread_mutex_unlock(&T.lock);

	/* Signals are for the shell's thread: Ctrl-C must interrupt its call. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&T.thread, NULL, capture_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		sb_addf(why, _("cannot start the capture: %s"), strerror(rc));
		close_pair(T.stop);
		close_pair(T.wake);
		capture_close(cap);
		T.cap = NULL;
		return -1;
	}
	T.running = true;
	term_threads(1);
	slot_update(sh);
	return 0;
}

void
trace_stop(struct shell *sh)
{
	if (!T.running)
		return;
	(void)!write(T.stop[1], "", 1);
	pthread_join(T.thread, NULL);
	term_threads(-1);
	pthread_mutex_lock(&T.lock);
	drain();
	show_pending();
	capture_close(T.cap);
	T.cap = NULL;
	T.running = false;
	pthread_mutex_unlock(&T.lock);
	close_pair(T.stop);
	close_pair(T.wake);
	if (sh != NULL)
		slot_update(sh);
}

void
trace_clear(void)
{
	pthread_mutex_lock(&T.lock);
	rec_clear();
	clock_gettime(CLOCK_REALTIME, &T.start);
	pthread_mutex_unlock(&T.lock);
}

void
trace_end(void)
{
	trace_stop(NULL);
	T.slot_on = false;
	loop_set(LOOP_CAPTURE, NULL);
	rec_clear();
	free(T.names);
	free(T.ports);
	free(T.st);
	T.names = NULL;
	T.ports = NULL;
	T.st = NULL;
	T.nnames = T.nports = T.nst = 0;
	T.sh = NULL;
}

/* ---- calls ---- */

void
trace_wait_begin(int fd)
{
	if (!T.running)
		return;
	pthread_mutex_lock(&T.lock);
	T.waiting = true;
	T.wait_fd = fd;
	/* What came before the wait first, then the thread prints as packets come. */
	drain();
	show_pending();
	pthread_mutex_unlock(&T.lock);
}

void
trace_wait_end(const struct timespec *end, bool slept)
{
	if (!T.running)
		return;
	pthread_mutex_lock(&T.lock);
	/*
	 * What came while the call slept prints before its line, even when
	 * the call woke before the capture thread did.
	 */
	if (T.waiting && end != NULL && slept) {
		drain();
		show_until(end);
	}
	T.waiting = false;
	pthread_mutex_unlock(&T.lock);
}

static const char *
state_name(int state)
{
	const char *name = xlat_name(xlat_tcp_states, state);

	if (name == NULL)
		return "?";
	return strncmp(name, "TCP_", 4) == 0 ? name + 4 : name;
}

bool
tcp_state_known(const char *name)
{
	for (const struct xlat *x = xlat_tcp_states; x->name != NULL; x++)
		if (strcasecmp(x->name + 4, name) == 0)
			return true;
	return false;
}

static struct told_state *told_find(int);
static bool conn_state(const struct sockaddr_storage *,
    const struct sockaddr_storage *, char *, size_t);

const char *
tcp_state_of(int fd)
{
	static char kept[16];
	struct sockaddr_storage local;
	struct tcp_info ti;
	socklen_t len = sizeof ti, tl = sizeof(int);
	const struct told_state *t;
	const struct name *n;
	int type;

	if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &tl) == -1 ||
	    type != SOCK_STREAM)
		return NULL;
	memset(&ti, 0, sizeof ti);
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == -1)
		return NULL;
	if (ti.tcpi_state != TCP_CLOSE)
		return state_name(ti.tcpi_state);
	/*
	 * Closed at both ends, a connection waits out TIME_WAIT in the kernel
	 * while the socket says CLOSE: its peer is what `set states` or
	 * `trace` last knew.
	 */
	len = sizeof local;
	if (getsockname(fd, (struct sockaddr *)&local, &len) == -1)
		return state_name(ti.tcpi_state);
	pthread_mutex_lock(&T.lock);
	if (((t = told_find(fd)) != NULL && !t->orphan &&
	    conn_state(&local, &t->peer, kept, sizeof kept)) ||
	    ((n = name_find(fd)) != NULL &&
	    conn_state(&local, &n->peer, kept, sizeof kept))) {
		pthread_mutex_unlock(&T.lock);
		return kept;
	}
	pthread_mutex_unlock(&T.lock);
	return state_name(ti.tcpi_state);
}

void
trace_call(struct shell *sh, const struct call *c, const char *line)
{
	struct rec *r;

	pthread_mutex_lock(&T.lock);
	T.sh = sh;
	if (T.running) {
		const struct fd_entry *e = c->fd >= 0 ?
		    fd_table_find(&sh->fds, c->fd) : NULL;
		int host = e != NULL ? e->host : lab_host_index();

		/* The call's own descriptor, and one it made (socket, accept). */
		if (c->fd >= 0)
			name_update(c->fd, host);
		if (c->ret > 2 && (strcmp(c->name, "socket") == 0 ||
		    strncmp(c->name, "accept", 6) == 0))
			name_update((int)c->ret, host);
		names_update_all(sh);
		ports_update();
	}
	if (T.running) {
		const struct name *n;
		int fd = c->fd >= 0 ? c->fd : (int)c->ret;

		r = rec_add(REC_CALL);
		r->t0 = c->begin;
		r->t1 = c->end;
		r->waited = c->waited;
		r->label = xstrdup(line);
		r->fd = fd;
		r->host = -1;
		if ((n = name_find(fd)) != NULL) {
			r->local = n->local;
			r->peer = n->peer;
			r->host = n->host;
		}
		r->made = -1;
		if (c->ret > 2 && (strcmp(c->name, "socket") == 0 ||
		    strncmp(c->name, "accept", 6) == 0))
			r->made = (int)c->ret;
		/* Which connection an accept took: its diagram is the one to draw it in. */
		if (c->ret > 2 && strncmp(c->name, "accept", 6) == 0 &&
		    (n = name_find((int)c->ret)) != NULL)
			r->accepted = n->peer;
		drain();
		show_pending();
		/* The call is over: its destination is no longer a way in. */
		memset(&T.pin, 0, sizeof T.pin);
	}
	pthread_mutex_unlock(&T.lock);
}

void
trace_watch(const struct sockaddr *sa)
{
	struct sockaddr_storage ss;

	if (!T.running || (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
		return;
	memset(&ss, 0, sizeof ss);
	memcpy(&ss, sa, sa->sa_family == AF_INET ? sizeof(struct sockaddr_in) :
	    sizeof(struct sockaddr_in6));
	pthread_mutex_lock(&T.lock);
	T.pin = ss;
	if (port_add(port_of(&ss)))
		filter_update();
	pthread_mutex_unlock(&T.lock);
}

static __attribute__((noinline)) void
names_refresh(struct shell *sh)
{
	size_t k = 0;
	/* No capture thread but while running: without one, nothing to lock out. */
	bool locked = T.running;

	if (locked)
		pthread_mutex_lock(&T.lock);
	T.sh = sh;
	/* Forget descriptors closed since: their numbers may come back. */
	for (size_t i = 0; i < T.nnames; i++)
		if (fd_table_find(&sh->fds, T.names[i].fd) != NULL)
			T.names[k++] = T.names[i];
		else
			past_add(&T.names[i]);
	T.nnames = k;
	/* Only while tracing: these calls are not the learner's (strace shows them). */
	if (T.running) {
		names_update_all(sh);
		ports_update();
	}
	if (locked)
		pthread_mutex_unlock(&T.lock);
	slot_update(sh);
}

void
trace_names_refresh(struct shell *sh)
{
	/* No trace, no names kept from one, no states: nothing to refresh. */
	if (!T.running && T.nnames == 0 && !T.slot_on &&
	    !sh->setting[SETTING_STATES]) {
		T.sh = sh;
		return;
	}
	names_refresh(sh);
}

/* ---- states ---- */

static struct told_state *
told_find(int fd)
{
	/* The descriptor's own entry, not that of a connection it had before. */
	for (size_t i = 0; i < T.nst; i++)
		if (T.st[i].fd == fd && !T.st[i].orphan)
			return &T.st[i];
	return NULL;
}


/*
 * The state the kernel's list gives the connection LOCAL-PEER, into STATE
 * (SIZE bytes); false when it has none. A connection lives on after its
 * descriptor (FIN_WAIT2, TIME_WAIT), and TIME_WAIT is never a descriptor's
 * own state. In the lab, every host's list is read.
 */
static bool
conn_state(const struct sockaddr_storage *local,
    const struct sockaddr_storage *peer, char *state, size_t size)
{
	bool found = false;
	int hosts = lab_active() ? LAB_HOSTS : 1;

	if (peer->ss_family == 0)
		return false;
	for (int h = 0; h < hosts && !found; h++) {
		struct ss_socket *v;
		size_t n;
		int rc;

		rc = lab_active() ? ss_read_host(h, &v, &n) : ss_read(&v, &n);
		if (rc == -1)
			continue;
		for (size_t i = 0; i < n && !found; i++)
			if (v[i].proto == IPPROTO_TCP &&
			    same_end(&v[i].local, local, false) &&
			    same_end(&v[i].peer, peer, false)) {
				snprintf(state, size, "%s", ss_state_name(&v[i]));
				found = true;
			}
		free(v);
	}
	return found;
}

/* Say LINE as KIND, about FD. */
static void
say_state(enum ev_kind kind, int fd, struct strbuf *line)
{
	emit_text(kind, fd, sb_str(line));
	sb_reset(line);
}

static void
states_check(struct shell *sh, enum ev_kind kind)
{
	struct strbuf line = STRBUF_INIT;
	char now[16];
	size_t k = 0;

	/* Connections whose descriptor was closed: what the kernel still keeps. */
	for (size_t i = 0; i < T.nst; i++) {
		struct told_state *t = &T.st[i];
		const struct fd_entry *e = fd_table_find(&sh->fds, t->fd);
		bool kept;

		if (!t->orphan && e != NULL && e->type == SOCK_STREAM) {
			T.st[k++] = *t;
			continue;
		}
		kept = t->seen && conn_state(&t->local, &t->peer, now, sizeof now);
		if (!t->orphan && kept)
			sb_addf(&line, _("fd%d closed; the kernel keeps its connection "
			    "in %s"), t->fd, now);
		else if (!t->orphan)
			sb_addf(&line, _("fd%d closed"), t->fd);
		else if (kept && strcmp(now, t->state) != 0)
			sb_addf(&line, _("the connection fd%d had: %s → %s (no "
			    "descriptor holds it)"), t->fd, t->state, now);
		else if (!kept)
			sb_addf(&line, _("the connection fd%d had is gone (it was %s)"),
			    t->fd, t->state);
		if (line.len > 0)
			say_state(kind, t->fd, &line);
		if (kept) {
			t->orphan = true;
			snprintf(t->state, sizeof t->state, "%s", now);
			T.st[k++] = *t;
		}
	}
	T.nst = k;
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e)) {
		struct told_state *t;
		struct tcp_info ti;
		socklen_t len = sizeof ti, sl;
		struct sockaddr_storage peer;
		unsigned queue;
		bool kernel_keeps = false;

		if (e->type != SOCK_STREAM ||
		    (e->family != AF_INET && e->family != AF_INET6))
			continue;
		memset(&ti, 0, sizeof ti);
		if (getsockopt(e->fd, IPPROTO_TCP, TCP_INFO, &ti, &len) == -1)
			continue;
		if ((t = told_find(e->fd)) == NULL) {
			T.st = xrealloc(T.st, (T.nst + 1) * sizeof *T.st);
			t = &T.st[T.nst++];
			memset(t, 0, sizeof *t);
			t->fd = e->fd;
		}
		sl = sizeof t->local;
		getsockname(e->fd, (struct sockaddr *)&t->local, &sl);
		/* A socket that closed forgets its peer: keep the one it had. */
		sl = sizeof peer;
		if (getpeername(e->fd, (struct sockaddr *)&peer, &sl) == 0)
			t->peer = peer;
		snprintf(now, sizeof now, "%s", state_name(ti.tcpi_state));
		/* Both sides closed, the descriptor still open: TIME_WAIT is the kernel's. */
		if (ti.tcpi_state == TCP_CLOSE && t->seen &&
		    conn_state(&t->local, &t->peer, now, sizeof now))
			kernel_keeps = true;
		/* A listener's tcpi_unacked is its accept queue's length. */
		queue = ti.tcpi_state == TCP_LISTEN ? ti.tcpi_unacked : 0;
		if (t->seen && strcmp(t->state, now) == 0 && t->queue == queue)
			continue;
		/* A new socket is CLOSE: nothing to say until it moves. */
		if (!t->seen && ti.tcpi_state == TCP_CLOSE) {
			t->seen = true;
			snprintf(t->state, sizeof t->state, "%s", now);
			continue;
		}
		if (t->seen && strcmp(t->state, now) != 0)
			sb_addf(&line, "fd%d %s → %s", e->fd, t->state, now);
		else
			sb_addf(&line, "fd%d %s", e->fd, now);
		if (kernel_keeps)
			sb_add(&line, _(" (the kernel keeps the connection; the "
			    "socket itself is CLOSE)"));
		if (ti.tcpi_state == TCP_LISTEN && (queue > 0 || t->queue != queue))
			sb_addf(&line, _(", %u waiting in the accept queue"), queue);
		t->seen = true;
		snprintf(t->state, sizeof t->state, "%s", now);
		t->queue = queue;
		say_state(kind, e->fd, &line);
	}
	sb_free(&line);
}

static __attribute__((noinline)) void
catch_up(struct shell *sh, bool news)
{
	bool locked = T.running;	/* as in trace_names_refresh */

	if (locked)
		pthread_mutex_lock(&T.lock);
	T.sh = sh;
	if (T.running) {
		drain();
		show_pending();
	}
	if (sh->setting[SETTING_STATES])
		states_check(sh, news ? EV_NEWS : EV_NOTE);
	else
		T.nst = 0;
	if (locked)
		pthread_mutex_unlock(&T.lock);
	slot_update(sh);
}

void
trace_catch_up(struct shell *sh, bool news)
{
	/* Neither a trace nor the states: nothing to catch up on. */
	if (!T.running && !sh->setting[SETTING_STATES] && !T.slot_on) {
		T.sh = sh;
		T.nst = 0;
		return;
	}
	catch_up(sh, news);
}

/* ---- save, load ---- */

int
trace_save(const char *path, struct strbuf *why)
{
	struct capture_packet *v;
	size_t n = 0;
	int rc;

	pthread_mutex_lock(&T.lock);
	v = xcalloc(T.packets ? T.packets : 1, sizeof *v);
	for (size_t i = 0; i < T.n; i++) {
		const struct rec *r = &T.v[i];

		if (r->kind != REC_PACKET)
			continue;
		v[n].ts = r->t0;
		v[n].dlt = r->dlt;
		v[n].bytes = r->bytes;
		v[n].caplen = r->caplen;
		v[n].wirelen = r->wirelen;
		n++;
	}
	/* Files hold one link type: what `trace load` read may not be ours. */
	for (size_t i = 0; i < n; i++)
		if (v[i].dlt != CAPTURE_DLT) {
			sb_add(why, _("what was loaded has another link type; "
			    "only a capture of this shell can be saved"));
			free(v);
			pthread_mutex_unlock(&T.lock);
			return -1;
		}
	rc = capture_save(path, v, n, why);
	free(v);
	pthread_mutex_unlock(&T.lock);
	return rc;
}

static void
on_loaded(void *ctx, const struct capture_packet *cp)
{
	(void)ctx;
	packet_keep(cp, false);
}

int
trace_load(struct shell *sh, const char *path, struct strbuf *why)
{
	int rc;

	if (!capture_built())
		return capture_load(path, on_loaded, NULL, why);
	trace_stop(sh);
	pthread_mutex_lock(&T.lock);
	rec_clear();
	T.sh = sh;
	T.verbose = false;
	rc = capture_load(path, on_loaded, NULL, why);
	if (rc == 0) {
		/* Lines as if captured now, the ends by address: no descriptor is theirs. */
		struct name *keep = T.names;
		size_t nkeep = T.nnames;

		T.names = NULL;
		T.nnames = 0;
		if (T.n > 0)
			T.start = T.v[0].t0;
		show_pending();
		T.names = keep;
		T.nnames = nkeep;
	}
	pthread_mutex_unlock(&T.lock);
	return rc;
}

/* ---- expect packet ---- */

int
trace_flags_parse(const char *word)
{
	static const char letters[] = "FSRPUEW";
	static const uint8_t bits[] = { PKT_FIN, PKT_SYN, PKT_RST, PKT_PSH,
	    PKT_URG, PKT_ECE, PKT_CWR };
	int mask = 0;

	if (strcasecmp(word, "UDP") == 0)
		return FLAGS_UDP;
	if (strcasecmp(word, "ICMP") == 0 || strcasecmp(word, "ICMP6") == 0)
		return FLAGS_ICMP;
	if (*word == '\0')
		return -1;
	/* Letters in any order and case: "S." is ".s" is SYN and ACK. */
	for (const char *c = word; *c != '\0'; c++) {
		const char *at = *c == '.' ? NULL : strchr(letters,
		    *c >= 'a' && *c <= 'z' ? *c - 'a' + 'A' : *c);

		if (*c == '.')
			mask |= PKT_ACK;
		else if (at == NULL || *c == '\0')
			return -1;
		else
			mask |= bits[at - letters];
	}
	return mask;
}

bool
trace_expect_flags(struct shell *sh, char *const *want, size_t n,
    struct strbuf *got)
{
	const struct last_call *l = &sh->last;
	struct timespec until;
	bool held = false;

	/* None wanted (`expect packet none`): it holds when none comes for a while. */
	until = ts_after_ms(CLOCK_MONOTONIC, n == 0 ? EXPECT_NONE_MS : EXPECT_WAIT_MS);
	for (;;) {
		size_t k = 0;
		struct timespec now;

		sb_reset(got);
		pthread_mutex_lock(&T.lock);
		if (T.running)
			drain();
		for (size_t i = 0; i < T.n; i++) {
			const struct rec *r = &T.v[i];
			struct strbuf f = STRBUF_INIT;
			struct packet p;

			if (r->kind != REC_PACKET ||
			    r->t0.tv_sec < l->begin.tv_sec ||
			    (r->t0.tv_sec == l->begin.tv_sec &&
			    r->t0.tv_nsec < l->begin.tv_nsec))
				continue;
			p.ts = r->t0;
			if (packet_decode(r->dlt, r->bytes, r->caplen, r->wirelen,
			    &p) == -1)
				continue;
			if (p.proto == IPPROTO_TCP)
				packet_flags(&f, p.flags);
			else
				sb_add(&f, p.proto == IPPROTO_UDP ? "UDP" : "ICMP");
			sb_addf(got, "%s%s", got->len ? " " : "", sb_str(&f));
			if (k < n && trace_flags_parse(want[k]) ==
			    (p.proto == IPPROTO_TCP ? p.flags : p.proto ==
			    IPPROTO_UDP ? FLAGS_UDP : FLAGS_ICMP))
				k++;
			sb_free(&f);
		}
		pthread_mutex_unlock(&T.lock);
		/* Wanted none: one came. Wanted some: they came, or none can come. */
		if (n == 0 && got->len > 0)
			break;
		if ((held = n > 0 && k == n) || sig_int_pending || sig_quit_pending)
			break;
		if (!T.running) {
			held = n == 0;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > until.tv_sec ||
		    (now.tv_sec == until.tv_sec && now.tv_nsec >= until.tv_nsec)) {
			held = n == 0;
			break;
		}
		/*
		 * Packets still on their way: wait for the capture to have more,
		 * or a signal (no look at the flags is lost before the wait).
		 */
		struct pollfd p = { .fd = T.wake[0], .events = POLLIN };
		struct timespec tick = { 0, 50000000L };
		(void)stop_ppoll(&p, 1, &tick, false);
	}
	if (got->len == 0)
		sb_add(got, _("no packet"));
	return held;
}

/* ---- the diagram ---- */

/* Which side an end is: the client's (left), the server's (right), neither. */
/* The lab's hosts of the conversation's two ends (-1 outside the lab). */
static int cl_host = -1, sv_host = -1;

static int
side_of(const struct sockaddr_storage *local, int host,
    const struct sockaddr_storage *cl, const struct sockaddr_storage *sv)
{
	if (local->ss_family == 0)
		return -1;
	/* An unbound datagram socket's end is 0.0.0.0 and its port. */
	if (host == cl_host && same_end(local, cl, true))
		return LADDER_LEFT;
	if (host == sv_host && (same_end(sv, local, false) ||
	    same_end(local, sv, true)))
		return LADDER_RIGHT;
	return -1;
}

static bool
ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* Record J gives FD's number to a socket made anew (socket, or accept's result). */
static bool
same_number_anew(size_t j, int fd)
{
	const struct rec *r = &T.v[j];

	return r->kind == REC_CALL && r->made == fd;
}

/*
 * Is the peer of record I's descriptor OTHER, or not known? Linux gives two
 * connections to two servers the same local port, so a call on the other
 * connection has this one's local end. A connect still on its way has no
 * peer yet: the descriptor's later records tell it.
 */
static bool
peer_fits(size_t i, const struct sockaddr_storage *other)
{
	if (T.v[i].accepted.ss_family != 0)
		return same_end(&T.v[i].accepted, other, false);
	for (size_t j = i; j < T.n; j++) {
		const struct rec *r = &T.v[j];

		/* The number given to a new socket: another descriptor. */
		if (j > i && same_number_anew(j, T.v[i].fd))
			break;
		if (r->kind == REC_PACKET || r->fd != T.v[i].fd ||
		    r->host != T.v[i].host)
			continue;
		if (r->peer.ss_family != 0)
			return same_end(&r->peer, other, false);
		/* Closed with no peer known: what comes after is another socket's. */
		if (strncmp(r->label, "close", 5) == 0)
			break;
	}
	return true;
}

/* The descriptor that held END of the conversation, from the calls kept or the names known; else the address. */
static void
side_title(struct strbuf *sb, const struct sockaddr_storage *end,
    const struct sockaddr_storage *other, int proto)
{
	for (size_t i = 0; i < T.n; i++) {
		const struct rec *r = &T.v[i];

		if (r->kind == REC_CALL && r->fd >= 0 && same_end(&r->local, end, false) &&
		    (proto == IPPROTO_UDP || same_end(&r->peer, other, false))) {
			sb_addf(sb, "fd%d ", r->fd);
			packet_addr(sb, end, true);
			return;
		}
	}
	/* No call made on it yet (accepted, then left): the names the packet lines use. */
	for (size_t i = 0; i < T.nnames; i++) {
		const struct name *n = &T.names[i];

		if (!n->listening && same_end(&n->local, end, false) &&
		    (proto == IPPROTO_UDP || same_end(&n->peer, other, false))) {
			sb_addf(sb, "fd%d ", n->fd);
			break;
		}
	}
	packet_addr(sb, end, true);
}


/* Packet I of the record, decoded into P; false when it is no packet. */
static bool
rec_packet(size_t i, struct packet *p)
{
	if (T.v[i].kind != REC_PACKET)
		return false;
	p->ts = T.v[i].t0;
	return packet_decode(T.v[i].dlt, T.v[i].bytes, T.v[i].caplen,
	    T.v[i].wirelen, p) == 0;
}

/* Is P between the ends A and B (B's family 0: any peer of A), either way? */
static bool
packet_between(const struct packet *p, const struct sockaddr_storage *a,
    const struct sockaddr_storage *b)
{
	if (b->ss_family == 0)
		return same_end(a, &p->src, true) || same_end(a, &p->dst, true);
	return (same_end(a, &p->src, true) && same_end(b, &p->dst, false)) ||
	    (same_end(a, &p->dst, true) && same_end(b, &p->src, false));
}

/*
 * The conversation to draw: the one of descriptor FD (-1: the first
 * connection whose handshake completed, else the first SYN, else the first
 * datagram), client end in CL, server end in SV. The lock is held.
 */
static bool
pick_conversation(int fd, struct sockaddr_storage *cl, struct sockaddr_storage *sv,
    int *proto, bool *listens)
{
	struct sockaddr_storage a, b;
	struct packet p, q;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	if (fd >= 0) {
		/* Its ends as the last call on it saw them. */
		for (size_t i = T.n; i > 0 && a.ss_family == 0; i--)
			if (T.v[i - 1].kind == REC_CALL && T.v[i - 1].fd == fd &&
			    T.v[i - 1].local.ss_family != 0) {
				a = T.v[i - 1].local;
				b = T.v[i - 1].peer;
			}
		if (a.ss_family == 0)
			return false;
	}
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < T.n; i++) {
			if (!rec_packet(i, &p) || (fd >= 0 && !packet_between(&p, &a, &b)))
				continue;
			if (pass < 2 && (p.proto != IPPROTO_TCP ||
			    (p.flags & (PKT_SYN | PKT_ACK)) != PKT_SYN))
				continue;
			if (pass == 2 && p.proto != IPPROTO_TCP &&
			    p.proto != IPPROTO_UDP)
				continue;
			/* First pass: only a SYN that was answered with a SYN-ACK. */
			if (pass == 0) {
				bool answered = false;

				for (size_t j = i + 1; j < T.n && !answered; j++)
					answered = rec_packet(j, &q) &&
					    q.proto == IPPROTO_TCP &&
					    (q.flags & (PKT_SYN | PKT_ACK)) ==
					    (PKT_SYN | PKT_ACK) &&
					    same_end(&q.src, &p.dst, false) &&
					    same_end(&q.dst, &p.src, false);
				if (!answered)
					continue;
			}
			*cl = p.src;
			*sv = p.dst;
			cl_host = end_host(&p.src, T.v[i].host);
			sv_host = end_host(&p.dst, T.v[i].host);
			*proto = p.proto;
			*listens = pass < 2;
			return true;
		}
	return false;
}

int
trace_diagram(struct shell *sh, int fd, struct strbuf *out, bool svg, int width,
    struct strbuf *why)
{
	struct sockaddr_storage cl, sv;
	struct ladder_item *items = NULL;
	struct strbuf *labels = NULL;
	struct packet_flows flows = { 0 };
	struct strbuf left = STRBUF_INIT, right = STRBUF_INIT;
	struct ladder lad;
	struct tcp_follow fol;
	size_t n = 0, nlabels;
	bool found = false, listens = false;
	int proto = 0;

	pthread_mutex_lock(&T.lock);
	if (T.running)
		drain();
	found = pick_conversation(fd, &cl, &sv, &proto, &listens);
	if (!found) {
		pthread_mutex_unlock(&T.lock);
		if (fd >= 0 && T.n > 0)
			sb_addf(why, _("no packet of fd%d was captured"), fd);
		else
			sb_add(why, T.n == 0 ? _("nothing was captured: `trace on` "
			    "first, then make some calls") : _("no TCP segment or UDP "
			    "datagram was captured"));
		return -1;
	}
	/* Each record, and the states a segment moves its two ends to. */
	nlabels = 3 * T.n + 1;
	items = xcalloc(nlabels, sizeof *items);
	labels = xcalloc(nlabels, sizeof *labels);
	tcp_follow_init(&fol, listens);
	for (size_t i = 0; i < T.n; i++) {
		const struct rec *r = &T.v[i];
		struct packet p;
		int follow = -1;
		struct ladder_item *it = &items[n];
		struct strbuf *lb = &labels[n];
		int side;

		if (r->kind == REC_PACKET) {
			struct packet_style style = { 16, false, NULL, NULL, false };
			uint32_t seq, ack;

			p.ts = r->t0;
			if (packet_decode(r->dlt, r->bytes, r->caplen, r->wirelen,
			    &p) == -1)
				continue;
			/* An ICMP error about the conversation comes back to its sender. */
			if ((p.proto == IPPROTO_ICMP || p.proto == IPPROTO_ICMPV6) &&
			    p.orig_proto == proto) {
				if (same_end(&p.orig_src, &cl, false) &&
				    same_end(&p.orig_dst, &sv, false))
					side = LADDER_RIGHT;
				else if (same_end(&p.orig_src, &sv, false) &&
				    same_end(&p.orig_dst, &cl, false))
					side = LADDER_LEFT;
				else
					continue;
				sb_add(lb, p.proto == IPPROTO_ICMP ? "ICMP" : "ICMP6");
				if ((p.proto == IPPROTO_ICMP && p.icmp_type == 3 &&
				    p.icmp_code == 3) || (p.proto == IPPROTO_ICMPV6 &&
				    p.icmp_type == 1 && p.icmp_code == 4))
					sb_add(lb, " port unreachable");
				else
					sb_addf(lb, " type %d code %d", p.icmp_type,
					    p.icmp_code);
				it->kind = LADDER_PACKET;
				goto placed;
			}
			if (p.proto != proto)
				continue;
			if (same_end(&p.src, &cl, false) && same_end(&p.dst, &sv, false))
				side = LADDER_LEFT;
			else if (same_end(&p.src, &sv, false) &&
			    same_end(&p.dst, &cl, false))
				side = LADDER_RIGHT;
			else
				continue;
			if (proto == IPPROTO_TCP) {
				follow = side;
				/* A server that listened: LISTEN above the first SYN. */
				if (listens && !fol.syn[0] && !fol.syn[1]) {
					items[n].kind = LADDER_STATE;
					items[n].side = LADDER_RIGHT;
					items[n].begin = items[n].end = r->t0;
					sb_add(&labels[n++], "LISTEN");
					it = &items[n];
					lb = &labels[n];
				}
				packet_flows_relative(&flows, &p, &seq, &ack);
				packet_flags(lb, p.flags);
				if ((p.flags & (PKT_SYN | PKT_FIN | PKT_RST)) || p.len > 0)
					sb_addf(lb, p.len > 0 ? " seq %u:%u" : " seq %u",
					    seq, seq + (uint32_t)p.len);
				if (p.flags & PKT_ACK)
					sb_addf(lb, " ack %u", ack);
				if (p.flags & PKT_SYN)
					sb_addf(lb, " win %u", p.win);
			} else {
				sb_add(lb, "UDP");
			}
			if (p.len > 0) {
				sb_addf(lb, " len %zu ", p.len);
				pr_quoted(lb, p.payload, p.caplen < p.len ? p.caplen :
				    p.len, style.strsize);
			}
			it->kind = LADDER_PACKET;
		} else {
			side = side_of(&r->local, r->host, &cl, &sv);
			/*
			 * A socket not yet bound: the side its descriptor takes
			 * later, while the number is still this socket's.
			 */
			for (size_t j = i + 1; side == -1 && port_of(&r->local) == 0 &&
			    j < T.n && !same_number_anew(j, r->fd); j++)
				if (T.v[j].kind != REC_PACKET && T.v[j].fd == r->fd &&
				    port_of(&T.v[j].local) != 0) {
					side = side_of(&T.v[j].local, T.v[j].host,
					    &cl, &sv);
					break;
				}
			if (side == -1 || (proto == IPPROTO_TCP &&
			    !peer_fits(i, side == LADDER_LEFT ? &sv : &cl)))
				continue;
			sb_add(lb, r->label);
			it->kind = LADDER_CALL;
			it->waited = r->waited;
			it->spans = false;
		}
placed:
		it->side = side;
		it->begin = r->t0;
		it->end = r->t1;
		n++;
		if (follow >= 0) {
			int changed = tcp_follow_segment(&fol, follow, &p);

			for (int end = 0; end < 2; end++) {
				/* Bit 0 is the sender's end, bit 1 the receiver's. */
				int who = end == 0 ? follow : !follow;

				if (!(changed & (1 << end)))
					continue;
				items[n].kind = LADDER_STATE;
				items[n].side = who == 0 ? LADDER_LEFT : LADDER_RIGHT;
				items[n].begin = items[n].end = r->t0;
				sb_add(&labels[n], tcp_fsm_name(fol.state[who]));
				/* The sender's state changes as the segment leaves: above it. */
				if (end == 0) {
					struct ladder_item ti = items[n];
					struct strbuf tl = labels[n];

					items[n] = items[n - 1];
					labels[n] = labels[n - 1];
					items[n - 1] = ti;
					labels[n - 1] = tl;
				}
				n++;
			}
		}
	}
	for (size_t i = 0; i < n; i++)
		items[i].label = sb_str(&labels[i]);
	/* The server's LISTEN where its listen returned, not at the first SYN. */
	for (size_t i = 0; i < n; i++) {
		if (items[i].kind != LADDER_STATE || strcmp(items[i].label, "LISTEN") != 0)
			continue;
		for (size_t j = 0; j < n; j++)
			if (items[j].kind == LADDER_CALL && items[j].side == LADDER_RIGHT &&
			    strncmp(items[j].label, "listen(", 7) == 0 &&
			    !ts_before(&items[i].begin, &items[j].end))
				items[i].begin = items[i].end = items[j].end;
		break;
	}
	/*
	 * In time order: a call where it began, so the packets it caused come
	 * under it (the capture may have kept them before the call was kept).
	 */
	for (size_t i = 1; i < n; i++) {
		struct ladder_item it = items[i];
		size_t j = i;

		for (; j > 0 && ts_before(&it.begin, &items[j - 1].begin); j--)
			items[j] = items[j - 1];
		items[j] = it;
	}
	/*
	 * connect returns once the handshake is through: drawn as a bracket
	 * around the packets that flew while it ran, even where it never slept.
	 */
	for (size_t i = 0; i < n; i++) {
		if (items[i].kind != LADDER_CALL || items[i].waited ||
		    strncmp(items[i].label, "connect(", 8) != 0)
			continue;
		for (size_t j = i + 1; j < n && !ts_before(&items[i].end,
		    &items[j].begin); j++)
			if (items[j].kind == LADDER_PACKET &&
			    ts_before(&items[i].begin, &items[j].begin))
				items[i].spans = true;
	}
	/* Title each side after the descriptor that held it, else its address. */
	sb_add(&left, "client ");
	side_title(&left, &cl, &sv, proto);
	sb_add(&right, "server ");
	side_title(&right, &sv, &cl, proto);
	pthread_mutex_unlock(&T.lock);
	(void)sh;

	lad.left = sb_str(&left);
	lad.right = sb_str(&right);
	lad.items = items;
	lad.n = n;
	if (svg)
		ladder_svg(out, &lad);
	else
		ladder_text(out, &lad, width);
	/* Not T.n: the lock is let go, and the capture thread keeps adding. */
	for (size_t i = 0; i < nlabels; i++)
		sb_free(&labels[i]);
	free(labels);
	free(items);
	sb_free(&left);
	sb_free(&right);
	packet_flows_free(&flows);
	return 0;
}
