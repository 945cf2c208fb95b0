/* hints.c: the teaching line printed under a failed call. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "hints.h"

/*
 * One line each: the likely cause, then the fix. Specific (call, errno) pairs
 * first, by call in lifecycle order; a NULL call is the fallback for any call.
 * The errors are those each call's Linux man page lists that a learner can
 * reach by typing (tests/check_hints.c keeps that list).
 */
const struct hint hint_table[] = {
	/* socket(2) */
	{ "socket", EACCES, "this process may not make that kind of socket (raw and "
	    "packet sockets need root): use stream or dgram" },
	{ "socket", EAFNOSUPPORT, "this kernel does not support that address family "
	    "(IPv6 turned off?): use inet, inet6 or unix" },
	{ "socket", EINVAL, "the kernel does not know that family and type together: "
	    "use stream or dgram" },
	{ "socket", EMFILE, "this process has as many descriptors open as it may "
	    "(ulimit -n): close some (see `fds`)" },
	{ "socket", EPROTONOSUPPORT, "that protocol does not go with this family and "
	    "type: TCP is stream, UDP is dgram" },
	{ "socket", ESOCKTNOSUPPORT, "this family has no sockets of that type: use "
	    "stream or dgram" },

	/* bind(2) */
	{ "bind", EADDRINUSE, "in use, maybe by TIME_WAIT (`ss PORT` tells): bind works if "
	    "old and new socket set `setsockopt reuseaddr 1`; a unix path: unlink it" },
	{ "bind", EADDRNOTAVAIL, "that address is not on any interface of this machine; "
	    "bind 127.0.0.1 or the wildcard (leave ADDR out)" },
	{ "bind", EACCES, "ports below 1024 need root, or the unix path's directory "
	    "denies writing: use 1024 or above, or a path in /tmp" },
	{ "bind", EINVAL, "this socket is already bound: bind once per socket, "
	    "before listen or connect" },
	{ "bind", EAFNOSUPPORT, "the address family does not match the socket's; "
	    "an inet socket takes IPv4 addresses, inet6 takes IPv6" },
	{ "bind", ELOOP, "the unix socket path runs through a loop of symbolic links: "
	    "use a plain path such as /tmp/NAME.sock" },
	{ "bind", ENAMETOOLONG, "a name in the unix socket path is too long: use a "
	    "shorter path" },
	{ "bind", ENOENT, "a directory in the unix socket path does not exist: create "
	    "it, or bind in /tmp" },
	{ "bind", ENOTDIR, "a part of the unix socket path is a file, not a "
	    "directory: check the path" },
	{ "bind", EROFS, "the unix socket path is on a read-only filesystem: bind "
	    "in /tmp" },

	/* listen(2) */
	{ "listen", EOPNOTSUPP, "only stream sockets listen; a dgram (UDP) socket just "
	    "binds and uses recvfrom" },
	{ "listen", EADDRINUSE, "listen binds an unbound socket to a free port; another "
	    "socket already listens on the one it was bound to" },
	{ "listen", EINVAL, "a connected socket cannot listen: listen on a fresh "
	    "socket (socket, bind, listen)" },

	/* accept(2) */
	{ "accept", EINVAL, "accept needs a listening socket: call `listen` first "
	    "(a connected socket cannot accept)" },
	{ "accept", EOPNOTSUPP, "only stream sockets accept connections; for dgram "
	    "use recvfrom" },
	{ "accept", EAGAIN, "non-blocking and no connection is waiting yet: poll for "
	    "POLLIN, or try again later" },
	{ "accept", ECONNABORTED, "a client connected, then reset before accept took "
	    "it: nothing to do, accept again" },
	{ "accept", EINTR, "Ctrl-C came before a client did: the listener is "
	    "unchanged, accept again" },
	{ "accept", EMFILE, "this process has as many descriptors open as it may "
	    "(ulimit -n): close some; the client waits in the queue" },
	{ "accept", EPERM, "a firewall rule refused this connection: check the "
	    "iptables/nftables rules" },
	{ "accept", EPROTO, "the new connection broke during setup (a protocol "
	    "error): accept again" },

	/* connect(2) */
	{ "connect", ECONNREFUSED, "nothing listens at that address (host and port, or "
	    "path): start a server there (socket, bind, listen), or check it" },
	{ "connect", ETIMEDOUT, "the host did not answer the SYN in time: it may be down, "
	    "or a firewall drops packets to that port" },
	{ "connect", EISCONN, "this socket is already connected; a TCP socket connects "
	    "once: open a new socket for a new connection" },
	{ "connect", EADDRNOTAVAIL, "no local port was free, or the address cannot be "
	    "connected to (port 0, or 0.0.0.0 on some systems)" },
	{ "connect", EADDRINUSE, "the local address and port this socket was bound to "
	    "already connect to that peer: bind another port, or none" },
	{ "connect", EINPROGRESS, "non-blocking connect started the handshake: poll for "
	    "POLLOUT, then `getsockopt error` tells how it ended" },
	{ "connect", EALREADY, "a non-blocking connect is still under way: poll for "
	    "POLLOUT and check `getsockopt error`" },
	{ "connect", EAGAIN, "non-blocking unix socket and the server's queue is full "
	    "(or no local port is free): try again later" },
	{ "connect", EAFNOSUPPORT, "the address family does not match the socket's: "
	    "connect an inet socket to IPv4, an inet6 socket to IPv6" },
	{ "connect", ENETUNREACH, "no route to that network from here: check the address" },
	{ "connect", EHOSTUNREACH, "no route to that host: it may be down or the address wrong" },
	{ "connect", EINVAL, "the address does not fit this socket (an IPv4 address for "
	    "inet6: write ::ffff:127.0.0.1), or it listens and only accepts" },
	{ "connect", EACCES, "connecting to a broadcast address needs `setsockopt "
	    "broadcast 1`; a unix path needs write permission" },
	{ "connect", EPERM, "a firewall rule (or a security policy) forbids this "
	    "connection: check the rules" },
	{ "connect", ECONNRESET, "the peer reset the connection during the handshake" },
	{ "connect", EINTR, "Ctrl-C came during the handshake, which goes on: poll for "
	    "POLLOUT, then `getsockopt error` tells how it ended" },
	{ "connect", EPROTOTYPE, "the unix socket at that path is of another type "
	    "(stream or dgram): make a socket of its type" },
	{ "connect", ENOENT, "no unix socket at that path: start the server first "
	    "(socket unix stream, bind PATH, listen)" },

	/* read(2) */
	{ "read", EAGAIN, "non-blocking (or rcvtimeo ran out) and no data yet: poll "
	    "for POLLIN first, or `nonblock off` to wait in read" },
	{ "read", EINTR, "Ctrl-C came before any data: nothing is lost, read again" },
	{ "read", ENOTCONN, "this socket has no connection to read from: connect it, "
	    "or accept and read the new descriptor" },
	{ "read", ECONNRESET, "the peer reset the connection (it closed with data "
	    "unread, or with linger 0): close this descriptor" },
	{ "read", ECONNREFUSED, "a datagram sent from this socket was refused: nothing "
	    "listens on that port; this read reports it" },
	{ "read", ETIMEDOUT, "the connection died: the peer stopped answering "
	    "(keepalive or retransmissions gave up); close it" },

	/* write(2) */
	{ "write", EAGAIN, "non-blocking (or sndtimeo ran out) and the send buffer is "
	    "full: poll for POLLOUT, then write the rest" },
	{ "write", EINTR, "Ctrl-C came before anything was sent: write again" },
	{ "write", EPIPE, "the peer closed, you shut down writing, or it never "
	    "connected: no one to write to (SIGPIPE is ignored here, so EPIPE)" },
	{ "write", ECONNRESET, "the peer reset the connection: nothing more goes "
	    "through, close this descriptor" },
	{ "write", EDESTADDRREQ, "this datagram socket has no peer: connect it first, "
	    "or use sendto with an address" },
	{ "write", ENOTCONN, "this socket is not connected: connect it first, or "
	    "write on the descriptor accept gave" },
	{ "write", ECONNREFUSED, "an earlier datagram was refused: nothing listens on "
	    "that port; this write reports it" },
	{ "write", EMSGSIZE, "a datagram this big cannot go in one piece (UDP: at most "
	    "65507 bytes): write less" },

	/* close(2) */
	{ "close", EINTR, "interrupted (a linger wait?), but Linux closed the "
	    "descriptor all the same: do not close it again" },

	/* sendto(2), which send(2) also is */
	{ "sendto", EACCES, "sending to a broadcast address needs `setsockopt "
	    "broadcast 1` first; a unix path needs write permission" },
	{ "sendto", EAGAIN, "non-blocking (or dontwait, or sndtimeo ran out) and the "
	    "send buffer is full: poll for POLLOUT, send again" },
	{ "sendto", ECONNRESET, "the peer reset the connection: nothing more goes "
	    "through, close this descriptor" },
	{ "sendto", EDESTADDRREQ, "no destination: this socket is not connected; "
	    "sendto HOST PORT names one, or connect first" },
	{ "sendto", EINTR, "Ctrl-C came before anything was sent: send again" },
	{ "sendto", EINVAL, "an argument does not fit this socket: a flag it does "
	    "not take, or an address of the wrong size" },
	{ "sendto", EISCONN, "this socket is connected: send without an address "
	    "(send or write), or use a fresh socket for sendto" },
	{ "sendto", EMSGSIZE, "a datagram this big cannot go in one piece (UDP: at "
	    "most 65507 bytes): send less" },
	{ "sendto", ENOTCONN, "a stream socket sends only once connected: connect "
	    "first (for TCP, sendto's address is not a destination)" },
	{ "sendto", EOPNOTSUPP, "this socket does not take one of the flags given "
	    "(oob on UDP?): drop it" },
	{ "sendto", EPIPE, "the peer closed, or you shut down writing: no one to "
	    "send to (SIGPIPE is ignored here, so EPIPE)" },
	{ "sendto", ECONNREFUSED, "an earlier datagram to this peer was refused: "
	    "nothing listens on that port; start the receiver" },
	{ "sendto", EAFNOSUPPORT, "the address family does not match the socket's: "
	    "an inet socket sends to IPv4, inet6 to IPv6" },
	{ "sendto", ENOENT, "no unix socket at that path: bind a receiver there first" },

	/* recvfrom(2), which recv(2) also is */
	{ "recvfrom", EAGAIN, "non-blocking (or dontwait, or rcvtimeo ran out) and "
	    "nothing has arrived: poll for POLLIN first" },
	{ "recvfrom", ECONNREFUSED, "a datagram sent from this socket was refused: "
	    "nothing listens on that port; this call reports it" },
	{ "recvfrom", EINTR, "Ctrl-C came before anything arrived: nothing is lost, "
	    "receive again" },
	{ "recvfrom", EINVAL, "no urgent data for oob, or a flag this socket does "
	    "not take: drop the flag" },
	{ "recvfrom", ENOTCONN, "a stream socket receives only once connected: "
	    "connect it, or accept and use the new descriptor" },
	{ "recvfrom", ECONNRESET, "the peer reset the connection: close this descriptor" },

	/* shutdown(2) */
	{ "shutdown", ENOTCONN, "shutdown needs a connected socket: connect or accept "
	    "first (a listener is just closed)" },
	{ "shutdown", EINVAL, "how must be rd, wr or rdwr" },

	/* getpeername(2) */
	{ "getpeername", ENOTCONN, "no peer: this socket is not connected (a listener "
	    "never is; the descriptor accept gives is)" },

	/* setsockopt(2) */
	{ "setsockopt", ENOPROTOOPT, "this socket's protocol has no such option: "
	    "v6only is for inet6 sockets, nodelay for TCP" },
	{ "setsockopt", EOPNOTSUPP, "this kind of socket has no such option: "
	    "nodelay is for TCP, v6only for inet6 sockets" },
	{ "setsockopt", EINVAL, "not now or not that value: some options (v6only) "
	    "must be set before bind; check the value's range" },

	/* getsockopt(2) */
	{ "getsockopt", ENOPROTOOPT, "this socket's protocol has no such option: "
	    "v6only is for inet6 sockets, nodelay for TCP" },
	{ "getsockopt", EOPNOTSUPP, "this kind of socket has no such option: "
	    "nodelay is for TCP, v6only for inet6 sockets" },

	/* poll(2) */
	{ "poll", EINTR, "Ctrl-C came before any descriptor was ready: nothing "
	    "changed, poll again" },
	{ "poll", EINVAL, "more descriptors than this process may have open "
	    "(ulimit -n): poll fewer" },

	/* unlink(2) */
	{ "unlink", EACCES, "the directory holding that path denies writing or "
	    "searching: check its permissions, or use /tmp" },
	{ "unlink", EBUSY, "the system uses that path (a mount point): it cannot be "
	    "removed" },
	{ "unlink", EISDIR, "that path is a directory: unlink removes files, such "
	    "as a unix socket's" },
	{ "unlink", ELOOP, "the path runs through a loop of symbolic links: check it" },
	{ "unlink", ENAMETOOLONG, "a name in that path is too long (255 bytes a "
	    "name): check the path" },
	{ "unlink", ENOENT, "nothing at that path: no socket file to remove (never "
	    "bound, or already unlinked)" },
	{ "unlink", ENOTDIR, "a part of the path is a file, not a directory: check "
	    "the path" },
	{ "unlink", EPERM, "the file is protected (immutable, or another user's in "
	    "a sticky directory such as /tmp): not removable here" },
	{ "unlink", EROFS, "the path is on a read-only filesystem: nothing can be "
	    "removed there" },

	/* any call */
	{ NULL, ENOTCONN, "this socket has no peer: connect it first, or accept a "
	    "connection and use the new descriptor" },
	{ NULL, EPIPE, "no one to write to: the peer closed, you shut down writing, or "
	    "it never connected (SIGPIPE is ignored here, so you see EPIPE)" },
	{ NULL, ECONNRESET, "the peer reset the connection (it closed with data unread, "
	    "or crashed): close this descriptor" },
	{ NULL, EBADF, "that descriptor is not open: see `fds` for the ones you have" },
	{ NULL, EINTR, "a signal (Ctrl-C is SIGINT) interrupted the wait; the descriptor "
	    "is unchanged: make the call again" },
	{ NULL, EAGAIN, "the descriptor is non-blocking and nothing is ready: poll "
	    "first, or `nonblock off` to wait in the call" },
	{ NULL, EINVAL, "an argument is not valid for this socket in its present state" },
	{ NULL, EAFNOSUPPORT, "this address family is not supported here" },
	{ NULL, EPROTONOSUPPORT, "this protocol does not go with that family and type" },
	{ NULL, ENOTSOCK, "that descriptor is not a socket" },
	{ NULL, EOPNOTSUPP, "this socket type does not support that operation" },
	{ NULL, EACCES, "permission denied: a privileged port or address, or a file "
	    "permission on a unix socket path" },
	{ NULL, EADDRINUSE, "that address is already in use by another socket" },
	{ NULL, EADDRNOTAVAIL, "that address is not available on this machine" },
	{ NULL, ECONNREFUSED, "nothing listens there, or the peer refused" },
	{ NULL, ETIMEDOUT, "the peer did not answer in time" },
	{ NULL, EISCONN, "this socket is already connected" },
	{ NULL, ENETUNREACH, "no route to that network from here: check the address" },
	{ NULL, EHOSTUNREACH, "no route to that host: it may be down, or the address "
	    "is wrong" },
	{ NULL, EMFILE, "this process has too many descriptors open: close some" },
	{ NULL, ENFILE, "the system has too many files open: close some descriptors "
	    "and try again" },
	{ NULL, ENOBUFS, "the kernel ran out of buffer space: close something, "
	    "try again" },
	{ NULL, ENOMEM, "the kernel ran out of memory for this: close something, "
	    "try again" },
	{ NULL, EMSGSIZE, "a datagram this big cannot be sent in one piece" },
	{ NULL, EDESTADDRREQ, "no destination: connect the socket, or use sendto" },
	{ NULL, ENOENT, "no such file: the unix socket path does not exist" },
	{ NULL, ENAMETOOLONG, "the path is too long for sun_path" },
	{ NULL, 0, NULL }
};

const char *
hint_for(const char *call, int err)
{
	const struct hint *h, *any = NULL;

	for (h = hint_table; h->text != NULL; h++) {
		if (h->err != err)
			continue;
		if (h->call == NULL) {
			if (any == NULL)
				any = h;
		} else if (call != NULL && strcmp(h->call, call) == 0)
			return h->text;
	}
	return any != NULL ? any->text : NULL;
}
