/* xlat.c: the constant tables. Names come from the identifiers, values from the headers. */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xlat.h"

const struct xlat xlat_families[] = {
	XLAT(AF_UNSPEC),
	XLAT(AF_UNIX),
	XLAT(AF_INET),
	XLAT(AF_INET6),
	XLAT(AF_NETLINK),
	XLAT(AF_PACKET),
	XLAT_END
};

const struct xlat xlat_socktypes[] = {
	XLAT(SOCK_STREAM),
	XLAT(SOCK_DGRAM),
	XLAT(SOCK_RAW),
	XLAT(SOCK_SEQPACKET),
	XLAT_END
};

/* The flags socket(2)'s type and accept4(2) take, in strace's order. */
const struct xlat xlat_sock_flags[] = {
	XLAT(SOCK_CLOEXEC),
	XLAT(SOCK_NONBLOCK),
	XLAT_END
};

const struct xlat xlat_ipprotos[] = {
	XLAT(IPPROTO_IP),
	XLAT(IPPROTO_ICMP),
	XLAT(IPPROTO_TCP),
	XLAT(IPPROTO_UDP),
	XLAT(IPPROTO_IPV6),
	XLAT(IPPROTO_SCTP),
	XLAT_END
};

/* strace names the option levels SOL_*, even where the code says IPPROTO_*. */
const struct xlat xlat_sol_levels[] = {
	XLAT(SOL_SOCKET),
	XLAT(SOL_IP),
	XLAT(SOL_TCP),
	{ IPPROTO_UDP, "SOL_UDP" },	/* glibc has no SOL_UDP */
	XLAT(SOL_IPV6),
	XLAT_END
};

const struct xlat xlat_shutdown_modes[] = {
	XLAT(SHUT_RD),
	XLAT(SHUT_WR),
	XLAT(SHUT_RDWR),
	XLAT_END
};

const struct xlat xlat_msg_flags[] = {
	XLAT(MSG_OOB),
	XLAT(MSG_PEEK),
	XLAT(MSG_DONTROUTE),
	XLAT(MSG_CTRUNC),
	XLAT(MSG_TRUNC),
	XLAT(MSG_DONTWAIT),
	XLAT(MSG_EOR),
	XLAT(MSG_WAITALL),
	XLAT(MSG_CONFIRM),
	XLAT(MSG_NOSIGNAL),
	XLAT(MSG_MORE),
	XLAT_END
};

const struct xlat xlat_open_access[] = {
	XLAT(O_RDONLY),
	XLAT(O_WRONLY),
	XLAT(O_RDWR),
	XLAT_END
};

const struct xlat xlat_open_flags[] = {
	XLAT(O_APPEND),
	XLAT(O_NONBLOCK),
	XLAT(O_ASYNC),
	XLAT(O_DIRECT),
	XLAT(O_NOATIME),
	XLAT_END
};

const struct xlat xlat_epoll_events[] = {
	XLAT(EPOLLIN),
	XLAT(EPOLLPRI),
	XLAT(EPOLLOUT),
	XLAT(EPOLLRDNORM),
	XLAT(EPOLLRDBAND),
	XLAT(EPOLLWRNORM),
	XLAT(EPOLLWRBAND),
	XLAT(EPOLLMSG),
	XLAT(EPOLLERR),
	XLAT(EPOLLHUP),
	XLAT(EPOLLRDHUP),
	XLAT(EPOLLEXCLUSIVE),
	XLAT(EPOLLWAKEUP),
	XLAT(EPOLLONESHOT),
	XLAT(EPOLLET),
	XLAT_END
};

const struct xlat xlat_epoll_ctl_ops[] = {
	XLAT(EPOLL_CTL_ADD),
	XLAT(EPOLL_CTL_DEL),
	XLAT(EPOLL_CTL_MOD),
	XLAT_END
};

const struct xlat xlat_poll_events[] = {
	XLAT(POLLIN),
	XLAT(POLLPRI),
	XLAT(POLLOUT),
	XLAT(POLLERR),
	XLAT(POLLHUP),
	XLAT(POLLNVAL),
	XLAT(POLLRDNORM),
	XLAT(POLLRDBAND),
	XLAT(POLLWRNORM),
	XLAT(POLLWRBAND),
	XLAT(POLLMSG),
	XLAT(POLLRDHUP),
	XLAT_END
};

const struct xlat xlat_tcp_states[] = {
	XLAT(TCP_ESTABLISHED),
	XLAT(TCP_SYN_SENT),
	XLAT(TCP_SYN_RECV),
	XLAT(TCP_FIN_WAIT1),
	XLAT(TCP_FIN_WAIT2),
	XLAT(TCP_TIME_WAIT),
	XLAT(TCP_CLOSE),
	XLAT(TCP_CLOSE_WAIT),
	XLAT(TCP_LAST_ACK),
	XLAT(TCP_LISTEN),
	XLAT(TCP_CLOSING),
	XLAT_END
};

/* The flags glibc's fork() gives clone(2), in the order strace prints them. */
const struct xlat xlat_clone_flags[] = {
	XLAT(CLONE_VM),
	XLAT(CLONE_FS),
	XLAT(CLONE_FILES),
	XLAT(CLONE_SIGHAND),
#ifdef CLONE_PIDFD
	XLAT(CLONE_PIDFD),
#endif
	XLAT(CLONE_PTRACE),
	XLAT(CLONE_VFORK),
	XLAT(CLONE_PARENT),
	XLAT(CLONE_THREAD),
#ifdef CLONE_NEWNS
	XLAT(CLONE_NEWNS),
#endif
#ifdef CLONE_SYSVSEM
	XLAT(CLONE_SYSVSEM),
#endif
	XLAT(CLONE_SETTLS),
	XLAT(CLONE_PARENT_SETTID),
	XLAT(CLONE_CHILD_CLEARTID),
#ifdef CLONE_DETACHED
	XLAT(CLONE_DETACHED),
#endif
#ifdef CLONE_UNTRACED
	XLAT(CLONE_UNTRACED),
#endif
	XLAT(CLONE_CHILD_SETTID),
	XLAT_END
};

/* WUNTRACED is WSTOPPED, the name strace gives it. */
const struct xlat xlat_wait_options[] = {
	XLAT(WNOHANG),
	XLAT(WSTOPPED),
	XLAT(WEXITED),
	XLAT(WCONTINUED),
	XLAT(WNOWAIT),
	XLAT_END
};

const struct xlat xlat_signals[] = {
	XLAT(SIGHUP), XLAT(SIGINT), XLAT(SIGQUIT), XLAT(SIGILL),
	XLAT(SIGTRAP), XLAT(SIGABRT), XLAT(SIGBUS), XLAT(SIGFPE),
	XLAT(SIGKILL), XLAT(SIGUSR1), XLAT(SIGSEGV), XLAT(SIGUSR2),
	XLAT(SIGPIPE), XLAT(SIGALRM), XLAT(SIGTERM), XLAT(SIGSTKFLT),
	XLAT(SIGCHLD), XLAT(SIGCONT), XLAT(SIGSTOP), XLAT(SIGTSTP),
	XLAT(SIGTTIN), XLAT(SIGTTOU), XLAT(SIGURG), XLAT(SIGXCPU),
	XLAT(SIGXFSZ), XLAT(SIGVTALRM), XLAT(SIGPROF), XLAT(SIGWINCH),
	XLAT(SIGIO), XLAT(SIGPWR), XLAT(SIGSYS),
	XLAT_END
};

#define KERNEL_SIGRTMIN	32

void
pr_signal(struct strbuf *sb, int sig)
{
	const char *name = xlat_name(xlat_signals, sig);

	if (name != NULL)
		sb_add(sb, name);
	/* Numbered from the kernel's first real-time signal (32), not glibc's SIGRTMIN. */
	else if (sig >= KERNEL_SIGRTMIN && sig <= SIGRTMAX)
		sb_addf(sb, "SIGRT_%d", sig - KERNEL_SIGRTMIN);
	else
		sb_addlong(sb, sig);
}

const char *
xlat_name(const struct xlat *x, long val)
{
	for (; x->name != NULL; x++)
		if (x->val == val)
			return x->name;
	return NULL;
}

void
pr_xlat(struct strbuf *sb, const struct xlat *x, long val, const char *dflt)
{
	const char *name = xlat_name(x, val);

	if (name != NULL)
		sb_add(sb, name);
	else
		sb_addf(sb, "%#lx /* %s */", (unsigned long)val, dflt);
}

void
pr_flags(struct strbuf *sb, const struct xlat *x, unsigned long val,
    const char *dflt)
{
	unsigned long rest = val;
	int n = 0;

	if (val == 0) {
		sb_addc(sb, '0');
		return;
	}
	for (; x->name != NULL; x++) {
		unsigned long bit = (unsigned long)x->val;

		if (bit != 0 && (rest & bit) == bit) {
			sb_add(sb, n++ ? "|" : "");
			sb_add(sb, x->name);
			rest &= ~bit;
		}
	}
	if (rest == 0)
		return;
	if (n > 0)
		sb_addf(sb, "|%#lx", rest);
	else
		sb_addf(sb, "%#lx /* %s */", rest, dflt);
}

bool
xlat_parse(const struct xlat *x, const char *prefix, const char *word,
    long *val)
{
	size_t plen = strlen(prefix);

	for (; x->name != NULL; x++) {
		const char *short_name = x->name;

		if (strncmp(short_name, prefix, plen) == 0)
			short_name += plen;
		if (strcasecmp(word, short_name) == 0 ||
		    strcasecmp(word, x->name) == 0) {
			*val = x->val;
			return true;
		}
	}
	return false;
}

/* Edit distance, to suggest the nearest name for a mistyped one. */
size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[32], cur[32];

	if (la >= 32 || lb >= 32)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? sub : del;
			if (ins < cur[j])
				cur[j] = ins;
		}
		memcpy(prev, cur, (lb + 1) * sizeof prev[0]);
	}
	return prev[lb];
}
