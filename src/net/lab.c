/*
 * lab.c: `--lab`. A user namespace where the learner is root, and in it two
 * network namespaces, the hosts `client` and `server`, each with its loopback,
 * joined by a veth link made with rtnetlink by hand (no ip(8) at run time).
 * The hosts have addresses on the link and a route for multicast
 * (224.0.0.0/4) on it, and nothing else: no default route, no way out to the
 * real network. Nothing here prints; what went wrong goes
 * back in a strbuf, one line naming the cause and the fix.
 */
#include "config.h"

#include <linux/sockios.h>

#include <linux/ethtool.h>

#include <sys/ioctl.h>

#include <sys/socket.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "fdhigh.h"
#include "i18n.h"
#include "lab.h"

/* The sysctls that tell apart why a user namespace was refused. */
#define SYSCTL_USERNS_CLONE	"/proc/sys/kernel/unprivileged_userns_clone"
#define SYSCTL_APPARMOR		"/proc/sys/kernel/apparmor_restrict_unprivileged_userns"
#define SYSCTL_MAX_USERNS	"/proc/sys/user/max_user_namespaces"
#define SYSCTL_MAX_NETNS	"/proc/sys/user/max_net_namespaces"

/* How long the kernel may take to answer a netlink request: it answers at once. */
#define NETLINK_WAIT_MS		5000

static const struct lab_host {
	const char	*name;
	const char	*inet;		/* on eth0, /24 */
	const char	*inet6;		/* on eth0, /64 */
} lab_hosts[LAB_HOSTS] = {
	{ "client", "10.0.0.1", "fd00::1" },
	{ "server", "10.0.0.2", "fd00::2" },
};

static struct {
	bool	 active;
	bool	 inet6;			/* the kernel has IPv6: fd00:: addresses too */
	int	 ns[LAB_HOSTS];		/* each host's /proc/self/ns/net */
	int	 cur;			/* the host of the next socket */
} lab = { false, false, { -1, -1 }, -1 };

/* A sysctl's number, or -1 when the file is not there (or holds none). */
static long
read_number(const char *path)
{
	char buf[32], *end;
	long v;

	if (fd_read_small(path, buf, sizeof buf) <= 0)
		return -1;
	v = strtol(buf, &end, 10);
	return end == buf ? -1 : v;
}

/* This process's seccomp mode (0 none, 1 strict, 2 a filter), -1 unknown. */
static int
seccomp_mode(void)
{
	char buf[8192], *p;

	if (fd_read_small("/proc/self/status", buf, sizeof buf) == -1 ||
	    (p = strstr(buf, "\nSeccomp:")) == NULL)
		return -1;
	return atoi(p + strlen("\nSeccomp:"));
}

/* Write TEXT to the file PATH: 0, or -1 with errno. */
static int
write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1)
		return -1;
	n = write(fd, text, len);
	saved = errno;
	close(fd);
	if (n == (ssize_t)len)
		return 0;
	errno = n == -1 ? saved : EIO;
	return -1;
}


/* This thread's network namespace, as a descriptor kept high: -1 with errno. */
static int
open_netns(void)
{
	int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);

	return fd == -1 ? -1 : fd_move_high(fd);
}

/* Why unshare(CLONE_NEWUSER|CLONE_NEWNET) failed with ERR, and the fix. */
static void
explain_unshare(const struct lab_facts *f, int err, struct strbuf *why)
{
	switch (err) {
	case EPERM:
		if (!f->root && f->userns_clone == 0) {
			sb_add(why, _("unprivileged user namespaces are off (sysctl "
			    "kernel.unprivileged_userns_clone=0); as root: "
			    "sysctl -w kernel.unprivileged_userns_clone=1"));
			return;
		}
		if (f->apparmor == 1) {
			sb_add(why, _("AppArmor restricts unprivileged user namespaces "
			    "(sysctl kernel.apparmor_restrict_unprivileged_userns=1: "
			    "unshare was refused); as root: sysctl -w "
			    "kernel.apparmor_restrict_unprivileged_userns=0, or give "
			    "sockshell an AppArmor profile that allows userns"));
			return;
		}
		if (f->seccomp == 2) {
			sb_add(why, _("this container forbids namespaces (seccomp: "
			    "unshare(CLONE_NEWUSER) is refused); run it with "
			    "--privileged or outside the container"));
			return;
		}
		sb_add(why, _("unshare(CLONE_NEWUSER|CLONE_NEWNET) was refused "
		    "(Operation not permitted) though no sysctl and no seccomp "
		    "filter forbids it: a chroot or a security module (SELinux?) "
		    "may; run the shell outside it"));
		return;
	case ENOSPC:
		if (f->max_userns == 0) {
			sb_add(why, _("user namespaces are off (sysctl "
			    "user.max_user_namespaces=0); as root: sysctl -w "
			    "user.max_user_namespaces=15000"));
		} else if (f->max_netns == 0) {
			sb_add(why, _("network namespaces are off (sysctl "
			    "user.max_net_namespaces=0); as root: sysctl -w "
			    "user.max_net_namespaces=15000"));
		} else {
			sb_addf(why, _("no namespace left: the limit is reached "
			    "(user.max_user_namespaces=%ld, "
			    "user.max_net_namespaces=%ld, here or in a namespace "
			    "around this one); end some, or as root raise them "
			    "with sysctl -w"), f->max_userns, f->max_netns);
		}
		return;
	case EUSERS:
		sb_add(why, _("user namespaces nest at most 32 deep, and this shell "
		    "is already that deep; start it from further out"));
		return;
	case EINVAL:
		sb_add(why, _("this kernel has no user or network namespaces "
		    "(CONFIG_USER_NS, CONFIG_NET_NS); use a kernel built with "
		    "them"));
		return;
	default:
		sb_addf(why, "unshare(CLONE_NEWUSER|CLONE_NEWNET): %s",
		    strerror(err));
		return;
	}
}

/* Why STEP, after the user namespace was made, failed with ERR, and the fix. */
static void
explain_step(const struct lab_facts *f, const char *step, int err,
    struct strbuf *why)
{
	if (err == EPERM || err == EACCES) {
		if (f->apparmor == 1) {
			sb_addf(why, _("AppArmor restricts unprivileged user "
			    "namespaces (sysctl "
			    "kernel.apparmor_restrict_unprivileged_userns=1: %s: "
			    "%s); as root: sysctl -w "
			    "kernel.apparmor_restrict_unprivileged_userns=0, or "
			    "give sockshell an AppArmor profile that allows userns"),
			    step, strerror(err));
			return;
		}
		if (f->seccomp == 2) {
			sb_addf(why, _("this container forbids namespaces (seccomp: "
			    "%s: %s); run it with --privileged or outside the "
			    "container"), step, strerror(err));
			return;
		}
	}
	if (err == EOPNOTSUPP && strstr(step, "veth") != NULL) {
		sb_addf(why, _("%s: %s: this kernel has no veth driver; as root: "
		    "modprobe veth"), step, strerror(err));
		return;
	}
	sb_addf(why, "%s: %s", step, strerror(err));
}

void
lab_facts_read(struct lab_facts *f)
{
	f->root = geteuid() == 0;
	f->userns_clone = read_number(SYSCTL_USERNS_CLONE);
	f->apparmor = read_number(SYSCTL_APPARMOR);
	f->max_userns = read_number(SYSCTL_MAX_USERNS);
	f->max_netns = read_number(SYSCTL_MAX_NETNS);
	f->seccomp = seccomp_mode();
}

void
lab_explain(const struct lab_facts *f, const char *step, int err,
    struct strbuf *why)
{
	if (step == NULL)
		explain_unshare(f, err, why);
	else
		explain_step(f, step, err, why);
}

/* ---- rtnetlink, by hand ---- */

/* One request: the header, its fixed part, then attributes. */
struct nlreq {
	union {
		struct nlmsghdr	hdr;
		char		buf[1024];
	} u;
};

static void *
nl_tail(struct nlreq *r)
{
	return r->u.buf + NLMSG_ALIGN(r->u.hdr.nlmsg_len);
}

/* Start a request of TYPE whose fixed part (ifinfomsg, ifaddrmsg) is FIXED. */
static void *
nl_begin(struct nlreq *r, unsigned short type, unsigned short flags,
    size_t fixed)
{
	memset(r, 0, sizeof *r);
	r->u.hdr.nlmsg_len = (unsigned)NLMSG_LENGTH(fixed);
	r->u.hdr.nlmsg_type = type;
	r->u.hdr.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	return NLMSG_DATA(&r->u.hdr);
}

/* Bytes appended as they are (a nested ifinfomsg); the requests are small and fixed. */
static void *
nl_put(struct nlreq *r, const void *data, size_t len)
{
	void *at = nl_tail(r);
	size_t end = NLMSG_ALIGN(r->u.hdr.nlmsg_len) + NLMSG_ALIGN(len);

	if (end > sizeof r->u.buf)
		abort();	/* a request that does not fit is a bug here */
	memset(at, 0, NLMSG_ALIGN(len));
	if (len > 0)
		memcpy(at, data, len);
	r->u.hdr.nlmsg_len = (unsigned)end;
	return at;
}

static struct rtattr *
nl_attr(struct nlreq *r, unsigned short type, const void *data, size_t len)
{
	struct rtattr *rta = nl_tail(r);
	size_t end = NLMSG_ALIGN(r->u.hdr.nlmsg_len) + RTA_SPACE(len);

	if (end > sizeof r->u.buf)
		abort();
	memset(rta, 0, RTA_SPACE(len));
	rta->rta_type = type;
	rta->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len > 0)
		memcpy(RTA_DATA(rta), data, len);
	r->u.hdr.nlmsg_len = (unsigned)end;
	return rta;
}

static void
nl_attr_str(struct nlreq *r, unsigned short type, const char *s)
{
	nl_attr(r, type, s, strlen(s) + 1);
}

static void
nl_attr_u32(struct nlreq *r, unsigned short type, uint32_t v)
{
	nl_attr(r, type, &v, sizeof v);
}

/* A nested attribute: begun empty, its length set when it ends. */
static struct rtattr *
nl_nest(struct nlreq *r, unsigned short type)
{
	return nl_attr(r, type, NULL, 0);
}

static void
nl_nest_end(struct nlreq *r, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)nl_tail(r) - (char *)nest);
}

/* Send the request on SOCK and wait for the kernel's answer: 0, or -1 with errno. */
static int
nl_talk(int sock, struct nlreq *r)
{
	static unsigned seq;
	struct sockaddr_nl kernel;
	union {
		struct nlmsghdr	hdr;
		char		buf[8192];
	} ans;
	struct pollfd pfd;
	int n, len;

	memset(&kernel, 0, sizeof kernel);
	kernel.nl_family = AF_NETLINK;
	r->u.hdr.nlmsg_seq = ++seq;
	if (sendto(sock, &r->u.hdr, r->u.hdr.nlmsg_len, 0,
	    (struct sockaddr *)&kernel, sizeof kernel) == -1)
		return -1;
	for (;;) {
		pfd.fd = sock;
		pfd.events = POLLIN;
		pfd.revents = 0;
		/* The kernel answers before sendto returns: nothing waits here. */
		if ((n = poll(&pfd, 1, NETLINK_WAIT_MS)) == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if ((len = (int)recv(sock, ans.buf, sizeof ans.buf, 0)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		for (struct nlmsghdr *m = &ans.hdr; NLMSG_OK(m, (unsigned)len);
		    m = NLMSG_NEXT(m, len)) {
			const struct nlmsgerr *e;

			if (m->nlmsg_seq != r->u.hdr.nlmsg_seq ||
			    m->nlmsg_type != NLMSG_ERROR)
				continue;
			e = NLMSG_DATA(m);
			if (e->error == 0)
				return 0;
			errno = -e->error;
			return -1;
		}
	}
}

/* A route netlink socket in this thread's network namespace. */
static int
nl_open(void)
{
	struct sockaddr_nl self;
	int sock;

	if ((sock = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC,
	    NETLINK_ROUTE)) == -1)
		return -1;
	memset(&self, 0, sizeof self);
	self.nl_family = AF_NETLINK;
	if (bind(sock, (struct sockaddr *)&self, sizeof self) == -1) {
		int saved = errno;

		close(sock);
		errno = saved;
		return -1;
	}
	return sock;
}

/*
 * RTM_NEWLINK: the veth pair, LAB_IFNAME here and LAB_IFNAME in the network
 * namespace PEER_NS, both with MTU LAB_MTU.
 */
static int
make_veth(int sock, int peer_ns)
{
	struct nlreq r;
	struct ifinfomsg *ifi, peer;
	struct rtattr *linkinfo, *data, *p;

	ifi = nl_begin(&r, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof *ifi);
	ifi->ifi_family = AF_UNSPEC;
	nl_attr_str(&r, IFLA_IFNAME, LAB_IFNAME);
	nl_attr_u32(&r, IFLA_MTU, LAB_MTU);
	linkinfo = nl_nest(&r, IFLA_LINKINFO);
	nl_attr_str(&r, IFLA_INFO_KIND, "veth");
	data = nl_nest(&r, IFLA_INFO_DATA);
	p = nl_nest(&r, VETH_INFO_PEER);
	memset(&peer, 0, sizeof peer);
	peer.ifi_family = AF_UNSPEC;
	nl_put(&r, &peer, sizeof peer);
	nl_attr_str(&r, IFLA_IFNAME, LAB_IFNAME);
	nl_attr_u32(&r, IFLA_MTU, LAB_MTU);
	nl_attr_u32(&r, IFLA_NET_NS_FD, (uint32_t)peer_ns);
	nl_nest_end(&r, p);
	nl_nest_end(&r, data);
	nl_nest_end(&r, linkinfo);
	return nl_talk(sock, &r);
}

/* RTM_NEWLINK on an existing link: IFF_UP. */
static int
link_up(int sock, int index)
{
	struct nlreq r;
	struct ifinfomsg *ifi;

	ifi = nl_begin(&r, RTM_NEWLINK, 0, sizeof *ifi);
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	return nl_talk(sock, &r);
}

/* RTM_NEWADDR: TEXT/PREFIX of FAMILY on the link INDEX, with no DAD to wait for. */
static int
add_address(int sock, int index, int family, const char *text, int prefix)
{
	struct nlreq r;
	struct ifaddrmsg *ifa;
	unsigned char addr[16];
	size_t alen = family == AF_INET6 ? 16 : 4;

	if (inet_pton(family, text, addr) != 1) {
		errno = EINVAL;
		return -1;
	}
	ifa = nl_begin(&r, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, sizeof *ifa);
	ifa->ifa_family = (unsigned char)family;
	ifa->ifa_prefixlen = (unsigned char)prefix;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (unsigned)index;
	nl_attr(&r, IFA_LOCAL, addr, alen);
	nl_attr(&r, IFA_ADDRESS, addr, alen);
	if (family == AF_INET) {
		/* 10.0.0.255: `setsockopt broadcast 1` then has somewhere to send. */
		uint32_t bcast;

		memcpy(&bcast, addr, 4);
		bcast |= htonl(0xffffffffu >> prefix);
		nl_attr(&r, IFA_BROADCAST, &bcast, 4);
	} else {
		ifa->ifa_flags = IFA_F_NODAD;
		nl_attr_u32(&r, IFA_FLAGS, IFA_F_NODAD);
	}
	return nl_talk(sock, &r);
}

/*
 * RTM_NEWROUTE: 224.0.0.0/4 on the link INDEX, as a LAN's hosts have by their
 * default route: a group is joined (ip_add_membership GROUP, no IFADDR) and
 * sent to on the link. Multicast only: the lab still has no way out.
 */
static int
add_multicast_route(int sock, int index)
{
	struct nlreq r;
	struct rtmsg *rtm;
	uint32_t dst = htonl(0xe0000000u);

	rtm = nl_begin(&r, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, sizeof *rtm);
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 4;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_BOOT;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	nl_attr(&r, RTA_DST, &dst, sizeof dst);
	nl_attr_u32(&r, RTA_OIF, (uint32_t)index);
	return nl_talk(sock, &r);
}

/* Write VALUE to net.ipv6.conf.IF.NAME of this namespace. */
static int
ipv6_conf(const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof path, "/proc/sys/net/ipv6/conf/%s/%s", LAB_IFNAME,
	    name);
	return write_file(path, value);
}

/* Turn off NAME's TCP segmentation, generic segmentation and receive offloads. */
static int
offloads_off(const char *name)
{
	static const uint32_t cmds[] = { ETHTOOL_STSO, ETHTOOL_SGSO, ETHTOOL_SGRO };
	struct ethtool_value ev;
	struct ifreq ifr;
	int fd, rc = 0;

	if ((fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0] && rc == 0; i++) {
		memset(&ifr, 0, sizeof ifr);
		snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
		ev.cmd = cmds[i];
		ev.data = 0;
		ifr.ifr_data = (char *)&ev;
		rc = ioctl(fd, SIOCETHTOOL, &ifr);
	}
	close(fd);
	return rc;
}

/* IF_OPER_UP of <linux/if.h>, which cannot be included beside <net/if.h>. */
#define OPER_UP			6
/* How long a link that is up may take to carry packets: it does at once. */
#define LINK_WAIT_MS		10000

/*
 * Is link INDEX operational (IFLA_OPERSTATE up)? A link whose peer came up
 * sends through the "noop" queue, which drops all it is given, until the
 * kernel's linkwatch work sees the carrier a moment later, marks the link
 * up and activates its real queue: 1 yes, 0 not yet, -1 with errno.
 */
static int
link_active(int sock, int index)
{
	struct nlreq r;
	struct ifinfomsg *ifi;
	union {
		struct nlmsghdr	hdr;
		char		buf[8192];
	} ans;
	struct pollfd pfd = { .fd = sock, .events = POLLIN };
	int len;

	ifi = nl_begin(&r, RTM_GETLINK, 0, sizeof *ifi);
	r.u.hdr.nlmsg_flags &= (unsigned short)~NLM_F_ACK;
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	if (send(sock, &r.u.hdr, r.u.hdr.nlmsg_len, 0) == -1)
		return -1;
	if (poll(&pfd, 1, NETLINK_WAIT_MS) != 1 ||
	    (len = (int)recv(sock, ans.buf, sizeof ans.buf, 0)) <= 0)
		return -1;
	for (struct nlmsghdr *m = &ans.hdr; NLMSG_OK(m, (unsigned)len);
	    m = NLMSG_NEXT(m, len)) {
		struct rtattr *a;
		int alen;

		if (m->nlmsg_type != RTM_NEWLINK)
			continue;
		alen = (int)IFLA_PAYLOAD(m);
		for (a = IFLA_RTA(NLMSG_DATA(m)); RTA_OK(a, alen); a = RTA_NEXT(a, alen))
			if (a->rta_type == IFLA_OPERSTATE)
				return *(unsigned char *)RTA_DATA(a) == OPER_UP;
	}
	return -1;
}

/*
 * Wait until this namespace's LAB_IFNAME carries packets. TCP sends again
 * and ARP asks again, but a datagram to a group, sent at once, would be lost
 * on a link not yet up. Polls; gives up after LINK_WAIT_MS.
 */
static void
link_wait_active(void)
{
	const struct timespec tick = { 0, 5 * 1000 * 1000 };
	int sock, eth, ms = 0;

	if ((sock = nl_open()) == -1)
		return;
	if ((eth = (int)if_nametoindex(LAB_IFNAME)) != 0)
		while (link_active(sock, eth) == 0 && ms < LINK_WAIT_MS) {
			nanosleep(&tick, NULL);
			ms += 5;
		}
	close(sock);
}

/*
 * The host I, whose network namespace this thread is in now: loopback up,
 * the addresses on its veth end, the link up. STEP names what failed.
 */
static int
host_setup(int i, const char **step)
{
	const struct lab_host *h = &lab_hosts[i];
	int sock, lo, eth, rc = -1, saved;

	*step = "a route netlink socket";
	if ((sock = nl_open()) == -1)
		return -1;
	*step = "bringing lo up";
	if ((lo = (int)if_nametoindex("lo")) == 0 || link_up(sock, lo) == -1)
		goto out;
	*step = "finding the veth end " LAB_IFNAME;
	if ((eth = (int)if_nametoindex(LAB_IFNAME)) == 0)
		goto out;
	/*
	 * IPv6 answers at once, with no duplicate address detection to wait
	 * for, and sends no router solicitations (there is no router).
	 */
	if (lab.inet6 && (ipv6_conf("accept_dad", "0") == -1 ||
	    ipv6_conf("accept_ra", "0") == -1) && errno == ENOENT)
		lab.inet6 = false;
	*step = "adding the IPv4 address";
	if (add_address(sock, eth, AF_INET, h->inet, 24) == -1)
		goto out;
	/* No IPv6 in this kernel: the lab is IPv4 alone. */
	if (lab.inet6 && add_address(sock, eth, AF_INET6, h->inet6, 64) == -1)
		lab.inet6 = false;
	/*
	 * Segments as a real network carries them: without segmentation and
	 * receive offloads, a write larger than the MSS leaves as several
	 * segments on the link (and in a capture), not as one large one.
	 */
	*step = "turning the offloads of " LAB_IFNAME " off";
	if (offloads_off(LAB_IFNAME) == -1)
		goto out;
	*step = "bringing " LAB_IFNAME " up";
	if (link_up(sock, eth) == -1)
		goto out;
	*step = "adding the multicast route 224.0.0.0/4";
	if (add_multicast_route(sock, eth) == -1)
		goto out;
	rc = 0;
out:
	saved = errno;
	close(sock);
	errno = saved;
	return rc;
}

void
lab_end(void)
{
	for (int i = 0; i < LAB_HOSTS; i++) {
		if (lab.ns[i] != -1)
			close(lab.ns[i]);
		lab.ns[i] = -1;
	}
	lab.active = false;
	lab.cur = -1;
}

int
lab_start(struct strbuf *why)
{
	struct lab_facts facts;
	char map[64];
	const char *step;
	uid_t uid = geteuid();
	gid_t gid = getegid();
	int sock, err;

	if (lab.active)
		return 0;
	/* The learner's user is root in here: free to make links and to capture. */
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == -1) {
		int err = errno;

		lab_facts_read(&facts);
		lab_explain(&facts, NULL, err, why);
		return -1;
	}
	step = "writing /proc/self/setgroups";
	if (write_file("/proc/self/setgroups", "deny") == -1 && errno != ENOENT)
		goto fail;
	step = "writing /proc/self/uid_map";
	snprintf(map, sizeof map, "0 %lu 1", (unsigned long)uid);
	if (write_file("/proc/self/uid_map", map) == -1)
		goto fail;
	step = "writing /proc/self/gid_map";
	snprintf(map, sizeof map, "0 %lu 1", (unsigned long)gid);
	if (write_file("/proc/self/gid_map", map) == -1)
		goto fail;

	/* This network namespace is the client; a second one is the server. */
	step = "opening /proc/self/ns/net";
	if ((lab.ns[0] = open_netns()) == -1)
		goto fail;
	step = "unshare(CLONE_NEWNET) for the server";
	if (unshare(CLONE_NEWNET) == -1)
		goto fail;
	step = "opening the server's /proc/self/ns/net";
	if ((lab.ns[1] = open_netns()) == -1)
		goto fail;
	step = "setns(CLONE_NEWNET) back to the client";
	if (setns(lab.ns[0], CLONE_NEWNET) == -1)
		goto fail;

	lab.inet6 = access("/proc/sys/net/ipv6", F_OK) == 0;
	step = "a route netlink socket";
	if ((sock = nl_open()) == -1)
		goto fail;
	step = "making the veth link (RTM_NEWLINK)";
	if (make_veth(sock, lab.ns[1]) == -1) {
		int saved = errno;

		close(sock);
		errno = saved;
		goto fail;
	}
	close(sock);
	if (host_setup(0, &step) == -1)
		goto fail;
	if (setns(lab.ns[1], CLONE_NEWNET) == -1) {
		step = "setns(CLONE_NEWNET) into the server";
		goto fail;
	}
	if (host_setup(1, &step) == -1)
		goto fail;
	link_wait_active();
	step = "setns(CLONE_NEWNET) back to the client";
	if (setns(lab.ns[0], CLONE_NEWNET) == -1)
		goto fail;
	link_wait_active();
	lab.cur = 0;
	lab.active = true;
	return 0;

fail:
	err = errno;
	lab_facts_read(&facts);
	lab_explain(&facts, step, err, why);
	lab_end();
	return -1;
}

bool
lab_active(void)
{
	return lab.active;
}

const char *
lab_host(void)
{
	return lab.active ? lab_hosts[lab.cur].name : NULL;
}

int
lab_host_index(void)
{
	return lab.active ? lab.cur : -1;
}

const char *
lab_host_name(int i)
{
	if (!lab.active || i < 0 || i >= LAB_HOSTS)
		return NULL;
	return lab_hosts[i].name;
}

const char *
lab_host_address(int i, int family)
{
	if (!lab.active || i < 0 || i >= LAB_HOSTS)
		return NULL;
	if (family == AF_INET6)
		return lab.inet6 ? lab_hosts[i].inet6 : NULL;
	return lab_hosts[i].inet;
}

/* The index of the host called NAME (as host names go, in any case), or -1. */
static int
host_find(const char *name)
{
	for (int i = 0; i < LAB_HOSTS; i++)
		if (strcasecmp(lab_hosts[i].name, name) == 0)
			return i;
	return -1;
}

int
lab_host_set(const char *name, struct strbuf *why)
{
	int i;

	if (!lab.active) {
		sb_add(why, _("there are hosts only in the lab: start the shell "
		    "with --lab (sockshell --lab)"));
		return -1;
	}
	if ((i = host_find(name)) == -1) {
		sb_addf(why, _("no host %s in the lab (there are %s and %s)"), name,
		    lab_hosts[0].name, lab_hosts[1].name);
		return -1;
	}
	if (setns(lab.ns[i], CLONE_NEWNET) == -1) {
		sb_addf(why, _("setns(CLONE_NEWNET) into %s: %s"), lab_hosts[i].name,
		    strerror(errno));
		return -1;
	}
	lab.cur = i;
	return 0;
}

void
lab_join_command(int i, const char *program, struct strbuf *sb)
{
	long pid = (long)getpid();

	if (!lab.active || i < 0 || i >= LAB_HOSTS)
		return;
	/*
	 * -U first (nsenter enters the user namespace before the network
	 * one when it must): root there may enter the host's namespace, the
	 * user's own credentials kept. The descriptor, not /proc/PID/ns/net,
	 * which is the host the shell is on at that moment.
	 */
	sb_addf(sb, "nsenter -t %ld -U --preserve-credentials --net=/proc/%ld/fd/%d "
	    "%s", pid, pid, lab.ns[i], program);
}

int
lab_enter(int i)
{
	if (!lab.active || i < 0 || i >= LAB_HOSTS) {
		errno = EINVAL;
		return -1;
	}
	return setns(lab.ns[i], CLONE_NEWNET);
}

int
lab_leave(void)
{
	if (!lab.active) {
		errno = EINVAL;
		return -1;
	}
	return setns(lab.ns[lab.cur], CLONE_NEWNET);
}

int
lab_resolve(const char *name, int family, struct sockaddr_storage *out,
    socklen_t *len)
{
	int i;

	if (!lab.active || (i = host_find(name)) == -1)
		return 0;
	memset(out, 0, sizeof *out);
	if (family == AF_INET6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)out;

		if (!lab.inet6)
			return 0;
		sin6->sin6_family = AF_INET6;
		inet_pton(AF_INET6, lab_hosts[i].inet6, &sin6->sin6_addr);
		*len = sizeof *sin6;
		return 1;
	}
	if (family == AF_INET || family == AF_UNSPEC) {
		struct sockaddr_in *sin = (struct sockaddr_in *)out;

		sin->sin_family = AF_INET;
		inet_pton(AF_INET, lab_hosts[i].inet, &sin->sin_addr);
		*len = sizeof *sin;
		return 1;
	}
	return 0;
}
