/* hints.c: the teaching line printed under a failed call. */
#include "config.h"

#include <sys/socket.h>

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "hints.h"
#include "i18n.h"

/*
 * One line each: the likely cause, then the fix. Specific (call, errno) pairs
 * first, by call in lifecycle order; a NULL call is the fallback for any call.
 * The errors are those each call's Linux man page lists that a learner can
 * reach by typing (tests/check_hints.c keeps that list).
 */
const struct hint hint_table[] = {
	/* socket(2) */
	{ "socket", EACCES, N_("this process may not make that kind of socket (raw and "
	    "packet sockets need root): use stream or dgram"), WHEN_ANY },
	{ "socket", EAFNOSUPPORT, N_("this kernel does not support that address family "
	    "(IPv6 turned off?): use inet, inet6 or unix"), WHEN_ANY },
	{ "socket", EINVAL, N_("the kernel does not know that family and type together: "
	    "use stream or dgram"), WHEN_ANY },
	{ "socket", EMFILE, N_("this process has as many descriptors open as it may "
	    "(ulimit -n): close some (see `fds`)"), WHEN_ANY },
	{ "socket", EPROTONOSUPPORT, N_("that protocol does not go with this family and "
	    "type: TCP is stream, UDP is dgram"), WHEN_ANY },
	{ "socket", ESOCKTNOSUPPORT, N_("this family has no sockets of that type: use "
	    "stream or dgram"), WHEN_ANY },

	/* socketpair(2) */
	{ "socketpair", EOPNOTSUPP, N_("this type cannot make a connected pair: use "
	    "stream or dgram"), WHEN_ANY },

	/* dup(2), dup2(2) */
	{ "dup", EMFILE, N_("this process has as many descriptors open as it may "
	    "(ulimit -n): close some (see `fds`)"), WHEN_ANY },
	{ "dup2", EBADF, N_("the new number must be below the open-file limit "
	    "(ulimit -n, RLIMIT_NOFILE): pick a smaller one"), WHEN_ANY },

	/* bind(2) */
	{ "bind", EADDRINUSE, N_("another socket holds this port, perhaps one in TIME_WAIT (`ss PORT` "
	    "tells): bind works if old and new socket set `setsockopt reuseaddr 1`"), WHEN_ANY },
	/* bind's own on EADDRINUSE, by what the kernel's table shows on the port */
	{ "bind listener", EADDRINUSE, N_("a socket listens on this port already (`ss PORT` "
	    "shows it; another shell's?): reuseaddr cannot share it; close it there, or "
	    "pick another port"), WHEN_ANY },
	{ "bind ownlistener", EADDRINUSE, N_("a socket of this shell's listens on this "
	    "port already (`fds` shows which): reuseaddr cannot share it; use that one, "
	    "close it first, or pick another port"), WHEN_ANY },
	{ "bind open", EADDRINUSE, N_("a connection on this port is still open or closing "
	    "(`ss PORT` shows its state): it holds the port until both ends close; "
	    "meanwhile pick another port"), WHEN_ANY },
	{ "bind notsocket", EADDRINUSE, N_("a file that is not a socket is at that path "
	    "(`unlink` here removes only sockets): bind a path of its own, in /tmp"),
	    WHEN_ANY },
	{ "bind timewait", EADDRINUSE, N_("the port's last connection waits in TIME_WAIT "
	    "(about 60 s, `ss PORT`); its socket lacked reuseaddr, and both must set it: "
	    "wait, or pick another port"), WHEN_REUSEADDR },
	{ "bind timewait", EADDRINUSE, N_("the port's last connection waits in TIME_WAIT "
	    "(about 60 s, `ss PORT`): wait, or pick another port; servers set reuseaddr "
	    "before each bind to skip this"), WHEN_ANY },
	{ "bind udp", EADDRINUSE, N_("another UDP socket is bound to this port (`ss PORT` "
	    "shows it): close it, or pick another port"), WHEN_ANY },
	{ "bind", EADDRNOTAVAIL, N_("that address is not on any interface of this machine; "
	    "bind 127.0.0.1 or the wildcard (leave ADDR out)"), WHEN_ANY },
	{ "bind", EADDRNOTAVAIL, N_("that address is not on this host of the lab: bind "
	    "its own (`host` says which) or the wildcard; or `host NAME`, then a "
	    "new socket there"), WHEN_LAB },
	{ "bind", EACCES, N_("ports below 1024 need root, or the unix path's directory "
	    "denies writing: use 1024 or above, or a path in /tmp"), WHEN_ANY },
	{ "bind", EINVAL, N_("this socket is already bound: bind once per socket, "
	    "before listen or connect"), WHEN_ANY },
	{ "bind autobound", EINVAL, N_("this socket has its address already: its connect, listen "
	    "or first send gave it a port the kernel chose; bind comes before them"),
	    WHEN_ANY },
	{ "bind", EAFNOSUPPORT, N_("the address family does not match the socket's; "
	    "an inet socket takes IPv4 addresses, inet6 takes IPv6"), WHEN_ANY },
	{ "bind", ELOOP, N_("the unix socket path runs through a loop of symbolic links: "
	    "use a plain path such as /tmp/NAME.sock"), WHEN_ANY },
	{ "bind", ENAMETOOLONG, N_("a name in the unix socket path is too long: use a "
	    "shorter path"), WHEN_ANY },
	{ "bind", ENOENT, N_("a directory in the unix socket path does not exist: create "
	    "it, or bind in /tmp"), WHEN_ANY },
	{ "bind", ENOTDIR, N_("a part of the unix socket path is a file, not a "
	    "directory: check the path"), WHEN_ANY },
	{ "bind", EROFS, N_("the unix socket path is on a read-only filesystem: bind "
	    "in /tmp"), WHEN_ANY },

	/* bind(2), as the socket makes it mean */
	{ "bind", EADDRINUSE, N_("this socket is bound already, and a socket binds "
	    "once: the file at that path may be its own (`fds` shows its path)"),
	    WHEN_UNIX_BOUND },
	{ "bind", EADDRINUSE, N_("a file is at that path already (a socket an earlier run "
	    "left?): `unlink PATH` removes it, then bind again"), WHEN_UNIX },
	{ "bind", EADDRINUSE, N_("another socket holds that port (`ss PORT` tells): "
	    "a listener, or one bound without reuseaddr (both must set it): close it, "
	    "or pick another port"), WHEN_REUSEADDR },
	{ "bind", EACCES, N_("the unix path's directory denies writing (or searching): "
	    "bind in /tmp, or a directory of your own"), WHEN_UNIX },
	{ "bind", EACCES, N_("ports below 1024 are privileged: they need root (or "
	    "CAP_NET_BIND_SERVICE); bind 1024 or above"), WHEN_INET },

	/* listen(2) */
	{ "listen", EOPNOTSUPP, N_("only stream sockets listen; a dgram (UDP) socket just "
	    "binds and uses recvfrom"), WHEN_ANY },
	{ "listen", EADDRINUSE, N_("listen binds an unbound socket to a free port; another "
	    "socket already listens on the one it was bound to"), WHEN_ANY },
	{ "listen", EINVAL, N_("a socket that connected, or only tried to, cannot "
	    "listen: listen on a fresh socket (socket, bind, listen)"), WHEN_ANY },

	/* accept(2) */
	{ "accept", EINVAL, N_("accept needs a listening socket: call `listen` first "
	    "(a connected socket cannot accept)"), WHEN_ANY },
	{ "accept", EOPNOTSUPP, N_("only stream sockets accept connections; for dgram "
	    "use recvfrom"), WHEN_ANY },
	{ "accept", EAGAIN, N_("non-blocking and no connection is waiting yet: poll for "
	    "POLLIN, or try again later"), WHEN_ANY },
	{ "accept", ECONNABORTED, N_("a client connected, then reset before accept took "
	    "it: nothing to do, accept again"), WHEN_ANY },
	{ "accept", EINTR, N_("Ctrl-C came before a client did: the listener is "
	    "unchanged, accept again"), WHEN_ANY },
	{ "accept", EMFILE, N_("this process has as many descriptors open as it may "
	    "(ulimit -n): close some; the client waits in the queue"), WHEN_ANY },
	{ "accept", EPERM, N_("a firewall rule refused this connection: check the "
	    "iptables/nftables rules"), WHEN_ANY },
	{ "accept", EPROTO, N_("the new connection broke during setup (a protocol "
	    "error): accept again"), WHEN_ANY },

	/* connect(2) */
	{ "connect", ECONNREFUSED, N_("nothing listens at that address (host and port, or "
	    "path): start a server there (socket, bind, listen), or check the address"), WHEN_ANY },
	{ "connect", ETIMEDOUT, N_("the host did not answer the SYN in time: it may be down, "
	    "or a firewall drops packets to that port"), WHEN_ANY },
	{ "connect", EISCONN, N_("this socket is already connected; a TCP socket connects "
	    "once: open a new socket for a new connection"), WHEN_ANY },
	{ "connect", EADDRNOTAVAIL, N_("no local port was free, or the address cannot be "
	    "connected to (port 0, or 0.0.0.0 on some systems)"), WHEN_ANY },
	{ "connect", EADDRINUSE, N_("the local address and port this socket was bound to "
	    "already connect to that peer: bind another port, or none"), WHEN_ANY },
	{ "connect", EINPROGRESS, N_("non-blocking connect started the handshake: poll for "
	    "POLLOUT, then `getsockopt error` tells how it ended"), WHEN_ANY },
	{ "connect", EALREADY, N_("a non-blocking connect is still under way: poll for "
	    "POLLOUT and check `getsockopt error`"), WHEN_ANY },
	{ "connect", EAGAIN, N_("non-blocking unix socket and the server's queue is full "
	    "(or no local port is free): try again later"), WHEN_ANY },
	{ "connect", EAFNOSUPPORT, N_("the address family does not match the socket's: "
	    "connect an inet socket to IPv4, an inet6 socket to IPv6"), WHEN_ANY },
	{ "connect", ENETUNREACH, N_("no route to that network from here: check the address"), WHEN_ANY },
	{ "connect loopback", ENETUNREACH, N_("the loopback interface is down here (a new "
	    "network namespace?): `ip link set lo up` brings it up"), WHEN_ANY },
	{ "connect", ENETUNREACH, N_("the lab has no way out: only its hosts answer, "
	    "client 10.0.0.1 and server 10.0.0.2 (fd00::1, fd00::2), and loopback"), WHEN_LAB },
	{ "connect", EHOSTUNREACH, N_("no route to that host: it may be down or the address wrong"), WHEN_ANY },
	{ "connect", EINVAL, N_("the address does not fit this socket (an IPv4 address for "
	    "inet6: write ::ffff:127.0.0.1), or it listens and only accepts"), WHEN_ANY },
	{ "connect", EACCES, N_("connecting to a broadcast address needs `setsockopt "
	    "broadcast 1`; a unix path needs write permission"), WHEN_ANY },
	{ "connect", EPERM, N_("a firewall rule (or a security policy) forbids this "
	    "connection: check the rules"), WHEN_ANY },
	{ "connect", ECONNRESET, N_("the peer reset the connection during the handshake"), WHEN_ANY },
	{ "connect", EINTR, N_("Ctrl-C came during the handshake, which goes on: poll for "
	    "POLLOUT, then `getsockopt error` tells how it ended"), WHEN_ANY },
	{ "connect", EPROTOTYPE, N_("the unix socket at that path is of another type "
	    "(stream or dgram): make a socket of its type"), WHEN_ANY },
	{ "connect", ENOENT, N_("no unix socket at that path: start the server first "
	    "(socket unix stream, bind PATH, listen)"), WHEN_ANY },

	/* connect(2) on a listener */
	{ "connect", EISCONN, N_("this socket listens: it only accepts connections "
	    "and cannot make one; open a new socket to connect"), WHEN_LISTENING },
	{ "connect", EINVAL, N_("this socket listens: it only accepts connections; "
	    "open a new socket to connect"), WHEN_LISTENING },

	/* read(2) */
	{ "read", EAGAIN, N_("non-blocking (or rcvtimeo ran out) and no data yet: poll "
	    "for POLLIN first, or `nonblock off` to wait in read"), WHEN_ANY },
	{ "read", EINTR, N_("Ctrl-C came before any data: nothing is lost, read again"), WHEN_ANY },
	{ "read", ENOTCONN, N_("this socket has no connection to read from: connect it, "
	    "or accept and read the new descriptor"), WHEN_ANY },
	{ "read", ECONNRESET, N_("the peer reset the connection (it closed with data "
	    "unread, or with linger 0): close this descriptor"), WHEN_ANY },
	{ "read", ECONNREFUSED, N_("a datagram sent from this socket was refused: nothing "
	    "listens on that port; this read reports it"), WHEN_ANY },
	{ "read", ETIMEDOUT, N_("the connection died: the peer stopped answering "
	    "(keepalive or retransmissions gave up); close it"), WHEN_ANY },

	/* write(2) */
	{ "write", EAGAIN, N_("non-blocking (or sndtimeo ran out) and the send buffer is "
	    "full: poll for POLLOUT, then write the rest"), WHEN_ANY },
	{ "write", EINTR, N_("Ctrl-C came before anything was sent: write again"), WHEN_ANY },
	{ "write", EPIPE, N_("this is a listener: it only accepts; write to the "
	    "descriptor accept returned (`fds` lists it)"), WHEN_LISTENING },
	{ "write", EPIPE, N_("the peer closed, you shut down writing, or it never "
	    "connected: no one to write to (SIGPIPE is ignored here, so EPIPE)"), WHEN_ANY },
	{ "write", ECONNRESET, N_("the peer reset the connection: nothing more goes "
	    "through, close this descriptor"), WHEN_ANY },
	{ "write", EDESTADDRREQ, N_("this datagram socket has no peer: connect it first, "
	    "or use sendto with an address"), WHEN_ANY },
	{ "write", ENOTCONN, N_("this socket is not connected: connect it first, or "
	    "write on the descriptor accept gave"), WHEN_ANY },
	{ "write", ECONNREFUSED, N_("an earlier datagram was refused: nothing listens on "
	    "that port; this write reports it"), WHEN_ANY },
	{ "write", EMSGSIZE, N_("a datagram this big cannot go in one piece (UDP: at most "
	    "65507 bytes): write less"), WHEN_ANY },

	/* close(2) */
	{ "close", EINTR, N_("interrupted (a linger wait?), but Linux closed the "
	    "descriptor all the same: do not close it again"), WHEN_ANY },

	/* sendto(2), which send(2) also is */
	{ "sendto", EACCES, N_("sending to a broadcast address needs `setsockopt "
	    "broadcast 1` first; a unix path needs write permission"), WHEN_ANY },
	{ "sendto", EAGAIN, N_("non-blocking (or dontwait, or sndtimeo ran out) and the "
	    "send buffer is full: poll for POLLOUT, send again"), WHEN_ANY },
	{ "sendto", ECONNRESET, N_("the peer reset the connection: nothing more goes "
	    "through, close this descriptor"), WHEN_ANY },
	{ "sendto", EDESTADDRREQ, N_("no destination: this socket is not connected; "
	    "sendto HOST PORT names one, or connect first"), WHEN_ANY },
	{ "sendto", EINTR, N_("Ctrl-C came before anything was sent: send again"), WHEN_ANY },
	{ "sendto", EINVAL, N_("an argument does not fit this socket: a flag it does "
	    "not take, or an address of the wrong size"), WHEN_ANY },
	{ "sendto", EISCONN, N_("this socket is connected: send without an address "
	    "(send or write), or use a fresh socket for sendto"), WHEN_ANY },
	{ "sendto", EMSGSIZE, N_("a datagram this big cannot go in one piece (UDP: at "
	    "most 65507 bytes): send less"), WHEN_ANY },
	{ "sendto", ENOTCONN, N_("a stream socket sends only once connected: connect "
	    "first (for TCP, sendto's address is not a destination)"), WHEN_ANY },
	{ "sendto", EOPNOTSUPP, N_("this socket does not take one of the flags given "
	    "(oob on UDP?): drop it"), WHEN_ANY },
	{ "sendto", EPIPE, N_("this is a listener: it only accepts; send on the "
	    "descriptor accept returned (`fds` lists it)"), WHEN_LISTENING },
	{ "sendto", EPIPE, N_("the peer closed, or you shut down writing: no one to "
	    "send to (SIGPIPE is ignored here, so EPIPE)"), WHEN_ANY },
	{ "sendto", ECONNREFUSED, N_("an earlier datagram to this peer was refused: "
	    "nothing listens on that port; start the receiver"), WHEN_ANY },
	{ "sendto", EAFNOSUPPORT, N_("the address family does not match the socket's: "
	    "an inet socket sends to IPv4, inet6 to IPv6"), WHEN_ANY },
	{ "sendto", ENOENT, N_("no unix socket at that path: bind a receiver there first"), WHEN_ANY },

	/* recvfrom(2), which recv(2) also is */
	{ "recvfrom", EAGAIN, N_("non-blocking (or dontwait, or rcvtimeo ran out) and "
	    "nothing has arrived: poll for POLLIN first"), WHEN_ANY },
	{ "recvfrom", ECONNREFUSED, N_("a datagram sent from this socket was refused: "
	    "nothing listens on that port; this call reports it"), WHEN_ANY },
	{ "recvfrom", EINTR, N_("Ctrl-C came before anything arrived: nothing is lost, "
	    "receive again"), WHEN_ANY },
	{ "recvfrom", EINVAL, N_("no urgent data for oob, or a flag this socket does "
	    "not take: drop the flag"), WHEN_ANY },
	{ "recvfrom", ENOTCONN, N_("a stream socket receives only once connected: "
	    "connect it, or accept and use the new descriptor"), WHEN_ANY },
	{ "recvfrom", ECONNRESET, N_("the peer reset the connection: close this descriptor"), WHEN_ANY },

	/* sendmsg(2) */
	{ "sendmsg", EAGAIN, N_("non-blocking (or dontwait, or sndtimeo ran out) and the "
	    "send buffer is full: poll for POLLOUT, send again"), WHEN_ANY },
	{ "sendmsg", EBADF, N_("a descriptor named after rights is not open (closed "
	    "since?): pass one `fds` lists"), WHEN_ANY },
	{ "sendmsg", ECONNREFUSED, N_("nothing is bound at that address (a path or "
	    "@name), or an earlier datagram was refused: start the receiver"), WHEN_ANY },
	{ "sendmsg", EDESTADDRREQ, N_("no destination: this socket is not connected; "
	    "`to HOST PORT` or `to PATH` names one, or connect first"), WHEN_ANY },
	{ "sendmsg", EINTR, N_("Ctrl-C came before anything was sent: send again"), WHEN_ANY },
	{ "sendmsg", EINVAL, N_("an argument does not fit this socket: a flag it does "
	    "not take, or an address of the wrong size"), WHEN_ANY },
	{ "sendmsg", EISCONN, N_("this socket is connected: leave `to` out, it sends "
	    "to its peer"), WHEN_ANY },
	{ "sendmsg", EMSGSIZE, N_("a datagram this big cannot go in one piece (UDP: at "
	    "most 65507 bytes in all pieces): send less"), WHEN_ANY },
	{ "sendmsg", ENOENT, N_("no unix socket at that path: bind a receiver there first"), WHEN_ANY },
	{ "sendmsg", ENOTCONN, N_("this socket has no peer: connect it first (a "
	    "datagram socket may name one: `to PATH`, `to HOST PORT`)"), WHEN_ANY },
	{ "sendmsg", EOPNOTSUPP, N_("a stream socket takes no `to` (connect it "
	    "instead), or a flag given does not suit this socket: drop it"), WHEN_ANY },
	{ "sendmsg", EPIPE, N_("this is a listener: it only accepts; send on the "
	    "descriptor accept returned (`fds` lists it)"), WHEN_LISTENING },
	{ "sendmsg", EPIPE, N_("the peer closed, you shut down writing, or it never "
	    "connected: no one to send to (SIGPIPE is ignored here)"), WHEN_ANY },

	/* recvmsg(2) */
	{ "recvmsg", EAGAIN, N_("non-blocking (or dontwait, or rcvtimeo ran out) and "
	    "nothing has arrived: poll for POLLIN first"), WHEN_ANY },
	{ "recvmsg", EINTR, N_("Ctrl-C came before anything arrived: nothing is lost, "
	    "receive again"), WHEN_ANY },
	{ "recvmsg", EINVAL, N_("no peer yet (a unix stream socket says EINVAL where "
	    "TCP says ENOTCONN), or a flag it does not take: connect first"), WHEN_ANY },
	{ "recvmsg", ENOTCONN, N_("a stream socket receives only once connected: "
	    "connect it, or accept and use the new descriptor"), WHEN_ANY },

	/* shutdown(2) */
	{ "shutdown", ENOTCONN, N_("shutdown needs a connected socket: connect or accept "
	    "first (a listener is just closed)"), WHEN_ANY },
	{ "shutdown", EINVAL, N_("how must be rd, wr or rdwr"), WHEN_ANY },

	/* getpeername(2) */
	{ "getpeername", ENOTCONN, N_("no peer: this socket is not connected (a listener "
	    "never is; the descriptor accept gives is)"), WHEN_ANY },

	/* setsockopt(2) */
	{ "setsockopt", ENOPROTOOPT, N_("this socket's protocol has no such option: "
	    "v6only is for inet6 sockets, nodelay for TCP"), WHEN_ANY },
	{ "setsockopt", EOPNOTSUPP, N_("this kind of socket has no such option: "
	    "nodelay is for TCP, v6only for inet6 sockets"), WHEN_ANY },
	{ "setsockopt", EINVAL, N_("not now or not that value: some options (v6only) "
	    "must be set before bind; check the value's range"), WHEN_ANY },

	/* setsockopt(2) of one option: its own hints before the call's */
	{ "setsockopt ip_add_membership", ENODEV, N_("no interface for it: IFADDR is no "
	    "address here, or none given and no route leads to the group; give one "
	    "(239.1.1.1 127.0.0.1), or try sockshell --lab"), WHEN_ANY },
	{ "setsockopt ip_add_membership", ENODEV, N_("no interface of this host has that "
	    "IFADDR: give its own (client 10.0.0.1, server 10.0.0.2) or leave it out"),
	    WHEN_LAB },
	{ "setsockopt ip_add_membership", EADDRINUSE, N_("this socket is in that group "
	    "on that interface already: one join is enough (ip_drop_membership "
	    "leaves)"), WHEN_ANY },
	{ "setsockopt ip_add_membership", EINVAL, N_("GROUP must be a multicast address, "
	    "224.0.0.0 to 239.255.255.255 (239.x.y.z for your own), on a dgram socket: "
	    "TCP has no groups"), WHEN_ANY },
	{ "setsockopt ip_drop_membership", EADDRNOTAVAIL, N_("this socket is not in that "
	    "group on that interface: drop what ip_add_membership joined, with the "
	    "same GROUP and IFADDR"), WHEN_ANY },
	{ "setsockopt ip_drop_membership", ENODEV, N_("no interface has that IFADDR: "
	    "drop with the IFADDR the join gave"), WHEN_ANY },
	{ "setsockopt ipv6_join_group", ENODEV, N_("no interface of that name or number, "
	    "or none given and no route leads to the group: name one (ff02::1:3 lo)"),
	    WHEN_ANY },
	{ "setsockopt ipv6_join_group", EADDRINUSE, N_("this socket is in that group on "
	    "that interface already: one join is enough (ipv6_leave_group leaves)"),
	    WHEN_ANY },
	{ "setsockopt ipv6_join_group", EINVAL, N_("GROUP must be an IPv6 multicast "
	    "address, in ff00::/8 (ff02::1:3 stays on the link), on a dgram socket"),
	    WHEN_ANY },
	{ "setsockopt ipv6_leave_group", EADDRNOTAVAIL, N_("this socket is not in that "
	    "group on that interface: leave what ipv6_join_group joined, with the "
	    "same interface"), WHEN_ANY },
	{ "setsockopt maxseg", EINVAL, N_("maxseg takes 88 to 32767 bytes (0: the "
	    "route's own segment size)"), WHEN_ANY },
	{ "setsockopt keepidle", EINVAL, N_("keepidle takes 1 to 32767 seconds"), WHEN_ANY },
	{ "setsockopt keepintvl", EINVAL, N_("keepintvl takes 1 to 32767 seconds"), WHEN_ANY },
	{ "setsockopt keepcnt", EINVAL, N_("keepcnt takes 1 to 127 probes"), WHEN_ANY },
	{ "setsockopt syncnt", EINVAL, N_("syncnt takes 1 to 127 retries"), WHEN_ANY },
	{ "setsockopt ttl", EINVAL, N_("ttl takes 1 to 255 hops, or -1: the system's "
	    "default (sysctl net.ipv4.ip_default_ttl)"), WHEN_ANY },
	{ "setsockopt ipv6_unicast_hops", EINVAL, N_("ipv6_unicast_hops takes 0 to 255 "
	    "hops, or -1: the route's default"), WHEN_ANY },
	{ "setsockopt ip_multicast_ttl", EINVAL, N_("ip_multicast_ttl takes 0 to 255 "
	    "hops (1: this link only), or -1: the default, 1"), WHEN_ANY },
	{ "setsockopt ipv6_multicast_hops", EINVAL, N_("ipv6_multicast_hops takes 0 to "
	    "255 hops (1: this link only), or -1: the default, 1"), WHEN_ANY },
	{ "setsockopt ip_multicast_if", EADDRNOTAVAIL, N_("no interface of this host has "
	    "that address: give one of its own (127.0.0.1), or 0.0.0.0 to let the "
	    "route choose"), WHEN_ANY },
	{ "setsockopt ipv6_multicast_if", ENODEV, N_("no interface has that number: "
	    "`ip link` lists them (1 is lo); 0 lets the route choose"), WHEN_ANY },

	{ "setsockopt ip_add_membership", EPROTO, N_("a TCP socket joins no group: "
	    "multicast is for dgram sockets (socket dgram)"), WHEN_ANY },
	{ "setsockopt ipv6_join_group", EPROTO, N_("a TCP socket joins no group: "
	    "multicast is for dgram sockets (socket inet6 dgram)"), WHEN_ANY },
	{ "sendto multicast", ENETUNREACH, N_("no route leads to the group: name the "
	    "interface (setsockopt ip_multicast_if 127.0.0.1, or ipv6_multicast_if "
	    "lo), or try sockshell --lab"), WHEN_ANY },

	/* getsockopt(2) */
	{ "getsockopt", ENOPROTOOPT, N_("this socket's protocol has no such option: "
	    "v6only is for inet6 sockets, nodelay for TCP"), WHEN_ANY },
	{ "getsockopt", EOPNOTSUPP, N_("this kind of socket has no such option: "
	    "nodelay is for TCP, v6only for inet6 sockets"), WHEN_ANY },

	/* poll(2) */
	{ "poll", EINTR, N_("Ctrl-C came before any descriptor was ready: nothing "
	    "changed, poll again"), WHEN_ANY },
	{ "poll", EINVAL, N_("more descriptors than this process may have open "
	    "(ulimit -n): poll fewer"), WHEN_ANY },

	/* epoll_ctl(2), epoll_wait(2) */
	{ "epoll_ctl", EEXIST, N_("this descriptor is in the epoll set already: "
	    "`epoll mod` changes its events, `epoll del` takes it out"), WHEN_ANY },
	{ "epoll_ctl", ENOENT, N_("this descriptor is not in the epoll set (never "
	    "added, deleted, or closed since): `epoll add` it first"), WHEN_ANY },
	{ "epoll_ctl", EINVAL, N_("epoll cannot do that: an epoll descriptor cannot "
	    "watch itself, and exclusive goes only with add (not mod), and not "
	    "with oneshot"), WHEN_ANY },
	{ "epoll_ctl", ELOOP, N_("this would make epoll sets watch each other in a "
	    "circle: watch sockets, not epoll descriptors"), WHEN_ANY },
	{ "epoll_wait", EINTR, N_("Ctrl-C came before any event: nothing changed, "
	    "wait again"), WHEN_ANY },
	/* ioctl(2) FIONREAD */
	{ "ioctl", EINVAL, N_("a listening socket queues connections, not bytes: ask "
	    "FIONREAD of a connected socket (accept one first)"), WHEN_ANY },

	/* select(2), which glibc makes as pselect6 */
	{ "pselect6", EINTR, N_("Ctrl-C came before any descriptor was ready: nothing "
	    "changed, select again"), WHEN_ANY },
	{ "pselect6", EINVAL, N_("a negative timeout: the kernel takes none below 0; "
	    "leave it out to wait for ever, or give 0 to only look"), WHEN_ANY },

	/* unlink(2) */
	{ "unlink", EACCES, N_("the directory holding that path denies writing or "
	    "searching: check its permissions, or use /tmp"), WHEN_ANY },
	{ "unlink", EBUSY, N_("the system uses that path (a mount point): it cannot be "
	    "removed"), WHEN_ANY },
	{ "unlink", EISDIR, N_("that path is a directory: unlink removes files, such "
	    "as a unix socket's"), WHEN_ANY },
	{ "unlink", ELOOP, N_("the path runs through a loop of symbolic links: check it"), WHEN_ANY },
	{ "unlink", ENAMETOOLONG, N_("a name in that path is too long (255 bytes a "
	    "name): check the path"), WHEN_ANY },
	{ "unlink", ENOENT, N_("nothing at that path: no socket file to remove (never "
	    "bound, or already unlinked)"), WHEN_ANY },
	{ "unlink", ENOTDIR, N_("a part of the path is a file, not a directory: check "
	    "the path"), WHEN_ANY },
	{ "unlink", EPERM, N_("the file is protected (immutable, or another user's in "
	    "a sticky directory such as /tmp): not removable here"), WHEN_ANY },
	{ "unlink", EROFS, N_("the path is on a read-only filesystem: nothing can be "
	    "removed there"), WHEN_ANY },

	/* clone(2), as glibc's fork() makes it; wait4(2), as wait() makes it */
	{ "clone", EAGAIN, N_("too many processes for this user (ulimit -u) or the "
	    "system: let some end, and `wait` for your zombies"), WHEN_ANY },
	{ "wait4", ECHILD, N_("no child to wait for: none left unreaped (each is "
	    "reaped once), or not this shell's; `fork` makes one"), WHEN_ANY },
	{ "wait4", EINTR, N_("Ctrl-C came before any child ended: nothing was reaped, "
	    "the children run on; wait again"), WHEN_ANY },

	/* openat(2): the FILE of write @FILE and read >FILE */
	{ "openat", EACCES, N_("the file's permissions do not let you read it (@FILE) or "
	    "write it (>FILE), or a directory on the way denies searching"), WHEN_ANY },
	{ "openat", EISDIR, N_("that is a directory: >FILE needs a file to write into "
	    "(a new name is created)"), WHEN_ANY },
	{ "openat", ELOOP, N_("the path runs through a loop of symbolic links: check it"), WHEN_ANY },
	{ "openat", EMFILE, N_("this process has too many descriptors open: close some"), WHEN_ANY },
	{ "openat", ENAMETOOLONG, N_("a name in that path is too long (255 bytes a "
	    "name): check the path"), WHEN_ANY },
	{ "openat", ENOENT, N_("no such file (@FILE), or a directory in the path is "
	    "missing: check the name, relative to where the shell runs"), WHEN_ANY },
	{ "openat", ENOSPC, N_("the filesystem is full: no room for a new file"), WHEN_ANY },
	{ "openat", ENOTDIR, N_("a part of the path is a file, not a directory: check "
	    "the path"), WHEN_ANY },
	{ "openat", EPERM, N_("the file is protected (immutable or append-only): "
	    "choose another"), WHEN_ANY },
	{ "openat", EROFS, N_("the path is on a read-only filesystem: >FILE cannot "
	    "write there, choose another place"), WHEN_ANY },
	{ "openat", ETXTBSY, N_("that file is a program running now: it cannot be "
	    "written; choose another name"), WHEN_ANY },

	/* splice(2) from the shell's pipe into the file: read >FILE */
	{ "splice file", EINVAL, N_("this file takes no splice (a /proc or /sys file, "
	    "say): the bytes in the pipe, and the rest, go by read and write"), WHEN_ANY },

	/* sendfile(2): write @FILE */
	{ "sendfile", EAGAIN, N_("non-blocking and the send buffer is full: poll for "
	    "POLLOUT, then send the rest from where it stopped"), WHEN_ANY },
	{ "sendfile", EINTR, N_("Ctrl-C came before anything was sent: nothing is "
	    "lost, send the file again"), WHEN_ANY },
	{ "sendfile", EINVAL, N_("sendfile reads files only: not a directory, nor a "
	    "terminal (@- from a pipe is spliced)"), WHEN_ANY },
	{ "sendfile", EIO, N_("the disk could not be read: a failing device or a "
	    "file that went away (network filesystem)"), WHEN_ANY },
	{ "sendfile", EPIPE, N_("the peer closed, you shut down writing, or it never "
	    "connected: no one to send to (SIGPIPE is ignored here, so EPIPE)"), WHEN_ANY },
	{ "sendfile", ECONNRESET, N_("the peer reset the connection (it closed with "
	    "data unread): what is in flight is lost; close this descriptor"), WHEN_ANY },

	/* any call */
	{ NULL, ENOTCONN, N_("this socket has no peer: connect it first, or accept a "
	    "connection and use the new descriptor"), WHEN_ANY },
	{ NULL, EPIPE, N_("no one to write to: the peer closed, you shut down writing, or "
	    "it never connected (SIGPIPE is ignored here, so you see EPIPE)"), WHEN_ANY },
	{ NULL, ECONNRESET, N_("the peer reset the connection (it closed with data unread, "
	    "or crashed): close this descriptor"), WHEN_ANY },
	{ NULL, EBADF, N_("that descriptor is not open: see `fds` for the ones you have"), WHEN_ANY },
	{ NULL, EINTR, N_("a signal (Ctrl-C is SIGINT) interrupted the wait; the descriptor "
	    "is unchanged: make the call again"), WHEN_ANY },
	{ NULL, EAGAIN, N_("the descriptor is non-blocking and nothing is ready: poll "
	    "first, or `nonblock off` to wait in the call"), WHEN_ANY },
	{ NULL, EINVAL, N_("an argument is not valid for this socket in its present state"), WHEN_ANY },
	{ NULL, EAFNOSUPPORT, N_("this address family is not supported here"), WHEN_ANY },
	{ NULL, EPROTONOSUPPORT, N_("this protocol does not go with that family and type"), WHEN_ANY },
	{ NULL, ENOTSOCK, N_("that descriptor is not a socket"), WHEN_ANY },
	{ NULL, EOPNOTSUPP, N_("this socket type does not support that operation"), WHEN_ANY },
	{ NULL, EACCES, N_("permission denied: a privileged port or address, or a file "
	    "permission on a unix socket path"), WHEN_ANY },
	{ NULL, EADDRINUSE, N_("that address is already in use by another socket"), WHEN_ANY },
	{ NULL, EADDRNOTAVAIL, N_("that address is not available on this machine"), WHEN_ANY },
	{ NULL, ECONNREFUSED, N_("nothing listens there, or the peer refused"), WHEN_ANY },
	{ NULL, ETIMEDOUT, N_("the peer did not answer in time"), WHEN_ANY },
	{ NULL, EISCONN, N_("this socket is already connected"), WHEN_ANY },
	{ NULL, ENETUNREACH, N_("the lab has no way out: only its hosts answer, "
	    "client 10.0.0.1 and server 10.0.0.2 (fd00::1, fd00::2), and loopback"), WHEN_LAB },
	{ NULL, ENETUNREACH, N_("no route to that network from here: check the address"), WHEN_ANY },
	{ NULL, EHOSTUNREACH, N_("no route to that host: it may be down, or the address "
	    "is wrong"), WHEN_ANY },
	{ NULL, EMFILE, N_("this process has too many descriptors open: close some"), WHEN_ANY },
	{ NULL, ENFILE, N_("the system has too many files open: close some descriptors "
	    "and try again"), WHEN_ANY },
	{ NULL, ENOBUFS, N_("the kernel ran out of buffer space: close something, "
	    "try again"), WHEN_ANY },
	{ NULL, ENOMEM, N_("the kernel ran out of memory for this: close something, "
	    "try again"), WHEN_ANY },
	{ NULL, EMSGSIZE, N_("a datagram this big cannot be sent in one piece"), WHEN_ANY },
	{ NULL, EDESTADDRREQ, N_("no destination: connect the socket, or use sendto"), WHEN_ANY },
	{ NULL, ENOENT, N_("no such file: the unix socket path does not exist"), WHEN_ANY },
	{ NULL, ENAMETOOLONG, N_("the path is too long for sun_path"), WHEN_ANY },
	{ NULL, 0, NULL, WHEN_ANY }
};

/* Does the socket S fit the hint H? */
static bool
hint_fits(const struct hint *h, const struct hint_socket *s)
{
	bool inet = s != NULL && (s->family == AF_INET || s->family == AF_INET6);

	switch (h->when) {
	case WHEN_ANY:
		return true;
	case WHEN_UNIX:
		return s != NULL && s->known && s->family == AF_UNIX;
	case WHEN_UNIX_BOUND:
		return s != NULL && s->known && s->family == AF_UNIX && s->bound;
	case WHEN_INET:
		return s != NULL && s->known && inet;
	case WHEN_LISTENING:
		return s != NULL && s->known && s->listening;
	case WHEN_REUSEADDR:
		return s != NULL && s->known && s->reuseaddr;
	case WHEN_LAB:
		return s != NULL && s->lab;
	}
	return false;
}

const char *
hint_find(const char *call, int err, const struct hint_socket *s)
{
	const struct hint *h, *plain = NULL, *any = NULL;

	/* accept4 is accept with flags: it fails as accept does. */
	if (call != NULL && strcmp(call, "accept4") == 0)
		call = "accept";
	/*
	 * One that speaks of this socket first, then the call's own, then the
	 * fallback for any call.
	 */
	for (h = hint_table; h->text != NULL; h++) {
		if (h->err != err || !hint_fits(h, s))
			continue;
		if (h->call == NULL) {
			if (any == NULL)
				any = h;
		} else if (call != NULL && strcmp(h->call, call) == 0) {
			if (h->when != WHEN_ANY)
				return h->text;
			if (plain == NULL)
				plain = h;
		}
	}
	return plain != NULL ? plain->text : any != NULL ? any->text : NULL;
}

const char *
hint_find_what(const char *call, const char *what, int err,
    const struct hint_socket *s)
{
	const struct hint *h, *plain = NULL;
	size_t n = call != NULL ? strlen(call) : 0;

	for (h = hint_table; what != NULL && h->text != NULL; h++) {
		if (h->err != err || h->call == NULL || !hint_fits(h, s) ||
		    strncmp(h->call, call, n) != 0 || h->call[n] != ' ' ||
		    strcmp(h->call + n + 1, what) != 0)
			continue;
		if (h->when != WHEN_ANY)
			return h->text;
		if (plain == NULL)
			plain = h;
	}
	return plain != NULL ? plain->text : hint_find(call, err, s);
}

const char *
hint_for(const char *call, int err)
{
	return hint_find(call, err, NULL);
}
