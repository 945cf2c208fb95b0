/* hints.c: the teaching line printed under a failed call. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "hints.h"

/* Specific (call, errno) pairs first; a NULL call is the fallback for any call. */
const struct hint hint_table[] = {
	{ "bind", EADDRINUSE, "another socket holds this port, perhaps one in TIME_WAIT "
	    "after a close; try `setsockopt reuseaddr 1` before `bind`, or another port" },
	{ "bind", EADDRNOTAVAIL, "that address is not on any interface of this machine; "
	    "bind 127.0.0.1 or the wildcard (leave ADDR out)" },
	{ "bind", EACCES, "ports below 1024 are privileged: use 1024 or above, or run as root" },
	{ "bind", EINVAL, "this socket is already bound: bind once per socket, "
	    "before listen or connect" },
	{ "bind", EAFNOSUPPORT, "the address family does not match the socket's; "
	    "an inet socket takes IPv4 addresses, inet6 takes IPv6" },
	{ "listen", EOPNOTSUPP, "only stream sockets listen; a dgram (UDP) socket just "
	    "binds and uses recvfrom" },
	{ "listen", EADDRINUSE, "listen binds an unbound socket to a free port; another "
	    "socket already listens on the one it was bound to" },
	{ "accept", EINVAL, "accept needs a listening socket: call `listen` first "
	    "(a connected socket cannot accept)" },
	{ "accept", EOPNOTSUPP, "only stream sockets accept connections; for dgram "
	    "use recvfrom" },
	{ "accept", EAGAIN, "non-blocking and no connection is waiting yet: poll for "
	    "POLLIN, or try again later" },
	{ "connect", ECONNREFUSED, "nothing listens on that port of that host: start a "
	    "server there (socket, bind, listen) or check the port" },
	{ "connect", ETIMEDOUT, "the host did not answer the SYN in time: it may be down, "
	    "or a firewall drops packets to that port" },
	{ "connect", EISCONN, "this socket is already connected; a TCP socket connects "
	    "once: open a new socket for a new connection" },
	{ "connect", EADDRNOTAVAIL, "no local port was free, or the address cannot be "
	    "connected to (port 0, or 0.0.0.0 on some systems)" },
	{ "connect", EINPROGRESS, "non-blocking connect started the handshake: poll for "
	    "POLLOUT, then `getsockopt error` tells how it ended" },
	{ "connect", EALREADY, "a non-blocking connect is still under way: poll for "
	    "POLLOUT and check `getsockopt error`" },
	{ "connect", EAFNOSUPPORT, "the address family does not match the socket's: "
	    "connect an inet socket to IPv4, an inet6 socket to IPv6" },
	{ "connect", ENETUNREACH, "no route to that network from here: check the address" },
	{ "connect", EHOSTUNREACH, "no route to that host: it may be down or the address wrong" },
	{ "connect", EINVAL, "this socket cannot connect now, e.g. it is listening: "
	    "a listening socket only accepts" },
	{ "connect", EACCES, "connecting to a broadcast address needs `setsockopt "
	    "broadcast 1`, or a firewall rule forbids it" },
	{ "connect", ECONNRESET, "the peer reset the connection during the handshake" },
	{ NULL, ENOTCONN, "this socket has no peer: connect it first, or accept a "
	    "connection and use the new descriptor" },
	{ NULL, EPIPE, "the peer has closed, or you shut down writing: there is no one "
	    "to write to (SIGPIPE is ignored here, so you see EPIPE)" },
	{ NULL, ECONNRESET, "the peer reset the connection (it closed with data unread, "
	    "or crashed): close this descriptor" },
	{ NULL, EBADF, "that descriptor is not open: see `fds` for the ones you have" },
	{ NULL, EINTR, "interrupted by a signal (Ctrl-C); the descriptor is unchanged, "
	    "try the call again" },
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
	{ NULL, EMFILE, "this process has too many descriptors open: close some" },
	{ NULL, ENFILE, "the system has too many files open" },
	{ NULL, ENOBUFS, "the kernel ran out of buffer space; try again" },
	{ NULL, ENOMEM, "the kernel ran out of memory for this" },
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
