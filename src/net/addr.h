/* addr.h: addresses as the user types them, and as strace prints them. */
#ifndef SOCKSHELL_ADDR_H
#define SOCKSHELL_ADDR_H

#include <sys/socket.h>

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

struct sockaddr_any {
	struct sockaddr_storage	 ss;
	socklen_t		 len;
};

struct addr_list {
	struct sockaddr_any	*v;
	size_t			 n;
	bool			 looked_up;	/* a name, resolved by getaddrinfo */
	bool			 lab_name;	/* a host of the lab (client, server) */
	bool			 short_form;	/* an IPv4 address written short: 127.1 */
	/* V while it is the only one (a numeric address): no allocation. */
	struct sockaddr_any	 first;
};

/* A port number 0..65535. Returns 0, or -1 with a reason in ERR. */
int	addr_parse_port(const char *, unsigned *, char *err, size_t errlen);
/*
 * HOST (numeric, "[v6]" or a name) and PORT into addresses. A numeric address
 * is taken as typed, whatever the socket's family, so the kernel can say what
 * it thinks of it; a name is looked up for FAMILY and SOCKTYPE only. In
 * the lab, its hosts' names (client, server) are its addresses, with no
 * getaddrinfo. Returns 0, -1 with a reason in ERR, or -2 when a signal
 * cut the lookup short (lookup.h).
 */
int	addr_lookup(int family, int socktype, const char *host, unsigned port,
	    struct addr_list *, char *err, size_t errlen);
void	addr_list_free(struct addr_list *);
/* AL emptied, without freeing what it held (a fresh one). */
void	addr_list_init(struct addr_list *);
/* AL set to hold one address, zeroed: where it is. */
struct sockaddr_any *addr_list_one(struct addr_list *);
/* The wildcard address of FAMILY at PORT. */
void	addr_wildcard(int family, unsigned port, struct sockaddr_any *);
/*
 * A unix socket path into sockaddr_un; refused before any call when too long.
 * "@name" is Linux's abstract namespace, "@" alone the family alone (autobind).
 */
int	addr_unix(const char *path, size_t len, struct sockaddr_any *, char *err,
	    size_t errlen);



/* strace's form: {sa_family=AF_INET, sin_port=htons(80), ...}. */
void	pr_sockaddr(struct strbuf *, const struct sockaddr *, socklen_t);
/*
 * A value-result address after the call, as strace shows it: the address and
 * "[BEFORE => AFTER]"; the pointer and "[BEFORE]" when the call FAILED, and the
 * pointer when the kernel gave back no address (TCP's recvfrom: AFTER is 0).
 */
void	pr_sockaddr_result(struct strbuf *, const struct sockaddr *,
	    socklen_t before, socklen_t after, bool failed);
/* The short human form for tables: 127.0.0.1:80, [::1]:80, /tmp/s. */
void	addr_format(struct strbuf *, const struct sockaddr *, socklen_t);
/* An IPv4 or IPv6 group address (224.0.0.0/4, ff00::/8): a multicast destination. */
bool	addr_is_multicast(const struct sockaddr_storage *);

#endif
