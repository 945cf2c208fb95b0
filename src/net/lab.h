/*
 * lab.h: `sockshell --lab`: the shell in a user and network namespace of its
 * own, where capture needs no root; two hosts, `client` 10.0.0.1 and `server`
 * 10.0.0.2 (fd00::1, fd00::2), each a network namespace with its loopback,
 * joined by a veth link (MTU 1500). The shell's own namespace is `client`.
 */
#ifndef SOCKSHELL_LAB_H
#define SOCKSHELL_LAB_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#include "strbuf.h"

#define LAB_HOSTS	2
/* The veth end's name in each host, and the link's MTU. */
#define LAB_IFNAME	"eth0"
#define LAB_MTU		1500

/*
 * Make the lab and move the process into it (client). Returns 0, or -1 with
 * one line in WHY naming the cause and the fix (no unprivileged user
 * namespaces, AppArmor's restriction, a container's seccomp...).
 */
int	lab_start(struct strbuf *why);
bool	lab_active(void);
/* What the system says of namespaces, for lab_explain (-1: not there). */
struct lab_facts {
	bool	root;		/* the effective uid is 0 */
	long	userns_clone;	/* sysctl kernel.unprivileged_userns_clone (Debian) */
	long	apparmor;	/* kernel.apparmor_restrict_unprivileged_userns (Ubuntu) */
	long	max_userns;	/* user.max_user_namespaces */
	long	max_netns;	/* user.max_net_namespaces */
	int	seccomp;	/* this process's seccomp mode: 2 is a filter */
};
void	lab_facts_read(struct lab_facts *);
/*
 * Why STEP of lab_start (NULL: its first unshare) failed with ERR on a system
 * with FACTS, and the fix, as one line in WHY.
 */
void	lab_explain(const struct lab_facts *, const char *step, int err,
	    struct strbuf *why);
/* The host the next socket is made on ("client"), or NULL outside the lab. */
const char *lab_host(void);
/* The lab's host names, LAB_HOSTS of them, in order; NULL outside the lab. */
const char *lab_host_name(int i);
/* Make NAME the host of the next socket: 0, or -1 with a one-line WHY. */
int	lab_host_set(const char *name, struct strbuf *why);
/*
 * Enter host I's network namespace for a moment (to open a capture there);
 * lab_leave() returns to the current host. 0, or -1 with errno.
 */
int	lab_enter(int i);
int	lab_leave(void);
/*
 * The lab's own name NAME ("client", "server") as an address of FAMILY
 * (AF_INET, AF_INET6, AF_UNSPEC: IPv4): 1 and the address in OUT (port 0),
 * 0 when NAME is none of the lab's (or the lab has no IPv6 for AF_INET6).
 */
int	lab_resolve(const char *name, int family, struct sockaddr_storage *out,
	    socklen_t *len);
/* The index of the host the next socket is made on; -1 outside the lab. */
int	lab_host_index(void);
/*
 * Host I's address on the link, as text: "10.0.0.1" for AF_INET, "fd00::1"
 * for AF_INET6; NULL outside the lab, or for AF_INET6 when the kernel has no
 * IPv6 (then the lab is IPv4 alone).
 */
const char *lab_host_address(int i, int family);
/*
 * The command another terminal types to run PROGRAM on host I: nsenter into
 * the lab's user namespace and into host I's network namespace, named by the
 * descriptor the lab keeps open (/proc/PID/fd/N), whichever host the shell is
 * on. Appended to SB; nothing outside the lab.
 */
void	lab_join_command(int i, const char *program, struct strbuf *sb);
/* Close the namespaces' descriptors, at exit: nothing is left open. */
void	lab_end(void);

#endif
