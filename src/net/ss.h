/* ss.h: the kernel's own list of TCP and UDP sockets, and the ports this shell used. */
#ifndef SOCKSHELL_SS_H
#define SOCKSHELL_SS_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* The timers /proc/net/tcp names by number in its "tr" column. */
enum ss_timer {
	SS_TIMER_NONE,
	SS_TIMER_RETRANSMIT,
	SS_TIMER_KEEPALIVE,
	SS_TIMER_TIMEWAIT,
	SS_TIMER_PROBE,
};

/* One socket, as the kernel lists it. */
struct ss_socket {
	int			 proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	int			 state;		/* TCP_LISTEN, TCP_TIME_WAIT...; UDP: TCP_CLOSE unconnected */
	struct sockaddr_storage	 local;
	struct sockaddr_storage	 peer;
	unsigned long		 send_q;
	unsigned long		 recv_q;	/* a listener: connections waiting for accept */
	enum ss_timer		 timer;
	unsigned long		 timer_ticks;	/* left, in clock ticks (sysconf _SC_CLK_TCK) */
	unsigned long		 inode;		/* 0 once no descriptor holds it (TIME_WAIT) */
};

/* One line of /proc/net/{tcp,udp}{,6}, of FAMILY and PROTO; false for the header. */
bool	ss_parse_line(const char *, int family, int proto, struct ss_socket *);
/*
 * Every TCP and UDP socket of this thread's network namespace, IPv4 then
 * IPv6 (/proc/thread-self/net: /proc/net is the main thread's).
 */
int	ss_read(struct ss_socket **, size_t *);
/* Those of the lab's host HOST (lab.h), entered for the moment; -1: ss_read. */
int	ss_read_host(int host, struct ss_socket **, size_t *);
/* The state as fds and ss name it: LISTEN, TIME_WAIT; UDP: UNCONN, ESTABLISHED. */
const char *ss_state_name(const struct ss_socket *);
/* 127.0.0.1:8080, [::1]:8080, and * for port 0: 0.0.0.0:*. */
void	ss_format_addr(struct strbuf *, const struct sockaddr_storage *);
unsigned ss_port(const struct sockaddr_storage *);

/*
 * The ports this shell's sockets were bound or connected to, remembered so
 * that `ss` still shows them after `close` (TIME_WAIT), each with the lab's
 * host the socket is on (-1 outside the lab). ss_remember_fd asks the kernel
 * for FD's local and peer port; call it before closing FD.
 */
void	ss_remember_fd(int fd, int host);
/*
 * The same, with the ports the caller knows (-1: ask the kernel, 0: none);
 * its own port is not asked when the peer's is known: ss finds the rows by it.
 */
void	ss_remember_ports(int fd, int host, int lport, int pport);
bool	ss_port_remembered(unsigned, int host);
/* The ports remembered on HOST, oldest first; returns how many. */
size_t	ss_ports(int host, unsigned *, size_t);
void	ss_forget(void);

#endif
