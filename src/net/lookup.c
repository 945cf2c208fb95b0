/*
 * getaddrinfo(3) that Ctrl-C can cut short (lookup.h).
 *
 * The lookup runs in a child process, which writes what it found into a
 * pipe and ends. The shell's thread waits for the pipe in the shell's own
 * wait, which a signal ends; then the child is killed and reaped. A process
 * and not a thread: a lookup cut short leaves no socket of the resolver's
 * behind in the shell's table, where it would take the number the
 * learner's next socket should get, and nothing runs on behind the prompt.
 *
 * What the pipe carries: getaddrinfo's result and errno, then for each
 * address its family, type, protocol and length, and its bytes. The names
 * (ai_canonname) are not carried: the shell asks for none.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lookup.h"
#include "strbuf.h"

static lookup_wait_fn *wait_fn;

void
lookup_set_wait(lookup_wait_fn *fn)
{
	wait_fn = fn;
}

struct head {
	int32_t	rc, err;
};

struct entry {
	int32_t	family, socktype, protocol, len;
};

/* In the child: every descriptor closed but KEEP, the pipe. */
static void
child_close_all_but(int keep)
{
	long top;

	if ((keep == 0 || close_range(0, (unsigned)keep - 1, 0) == 0) &&
	    close_range((unsigned)keep + 1, ~0U, 0) == 0)
		return;
	/* A kernel before 5.9 has no close_range: one by one, up to the limit. */
	top = sysconf(_SC_OPEN_MAX);
	for (long fd = 0; fd < (top > 0 ? top : 1024); fd++)
		if (fd != keep)
			close((int)fd);
}

/* In the child: the lookup, into the pipe, whole. */
static void
child_lookup(int fd, const char *node, const char *service,
    const struct addrinfo *hints)
{
	struct strbuf sb = STRBUF_INIT;
	struct addrinfo *res = NULL;
	struct head h;
	const char *p;
	size_t left;
	ssize_t n;

	h.rc = getaddrinfo(node, service, hints, &res);
	h.err = errno;
	sb_addn(&sb, (const char *)&h, sizeof h);
	for (struct addrinfo *ai = h.rc == 0 ? res : NULL; ai != NULL;
	    ai = ai->ai_next) {
		struct entry e = { ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol, (int32_t)ai->ai_addrlen };

		if (ai->ai_addrlen > sizeof(struct sockaddr_storage))
			continue;
		sb_addn(&sb, (const char *)&e, sizeof e);
		sb_addn(&sb, (const char *)ai->ai_addr, ai->ai_addrlen);
	}
	for (p = sb_str(&sb), left = sb.len; left > 0; p += n, left -= (size_t)n)
		if ((n = write(fd, p, left)) <= 0)
			break;
	close(fd);
	sb_free(&sb);
	if (res != NULL)
		freeaddrinfo(res);
	/* Said whole, or not at all: the parent takes nothing from a child that failed. */
	_exit(left == 0 ? 0 : 1);
}

/* One address of lookup's own list: the node and its address in one block. */
static struct addrinfo *
node_new(int family, int socktype, int protocol, const struct sockaddr *sa,
    socklen_t len)
{
	struct addrinfo *ai = xcalloc(1, sizeof *ai + len);

	ai->ai_family = family;
	ai->ai_socktype = socktype;
	ai->ai_protocol = protocol;
	ai->ai_addrlen = len;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	memcpy(ai->ai_addr, sa, len);
	return ai;
}

/* What the child wrote, as a list lookup_free frees; the lookup's result. */
static int
parse(const char *p, size_t len, struct addrinfo **res)
{
	struct addrinfo **tail = res;
	struct head h;

	if (len < sizeof h)
		return EAI_FAIL;	/* the child died before it could say */
	memcpy(&h, p, sizeof h);
	p += sizeof h;
	len -= sizeof h;
	while (len >= sizeof(struct entry)) {
		struct entry e;
		struct addrinfo *ai;

		memcpy(&e, p, sizeof e);
		if (e.len < 0 || (size_t)e.len > sizeof(struct sockaddr_storage) ||
		    len - sizeof e < (size_t)e.len)
			break;
		ai = node_new(e.family, e.socktype, e.protocol,
		    (const struct sockaddr *)(p + sizeof e), (socklen_t)e.len);
		*tail = ai;
		tail = &ai->ai_next;
		p += sizeof e + (size_t)e.len;
		len -= sizeof e + (size_t)e.len;
	}
	if (h.rc == 0 && *res == NULL)
		return EAI_NONAME;
	errno = h.err;
	return h.rc;
}

int
lookup(const char *node, const char *service, const struct addrinfo *hints,
    struct addrinfo **res)
{
	struct strbuf got = STRBUF_INIT;
	char buf[4096];
	int p[2], rc, status;
	ssize_t n;
	pid_t pid;

	*res = NULL;
	/* With no wait to give (a unit test): the call itself. */
	if (wait_fn == NULL)
		goto plain;
	/* No pipe or no process: the call itself too, said first, and no signal can cut it. */
	if (pipe2(p, O_CLOEXEC) == -1)
		goto here;
	if ((pid = fork()) == -1) {
		int saved = errno;

		close(p[0]);
		close(p[1]);
		errno = saved;
		goto here;
	}
	if (pid == 0) {
		child_close_all_but(p[1]);
		child_lookup(p[1], node, service, hints);
	}
	close(p[1]);
	if (!wait_fn(p[0], node)) {
		kill(pid, SIGKILL);
		close(p[0]);
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			;
		return EAI_INTR;
	}
	while ((n = read(p[0], buf, sizeof buf)) > 0 || (n == -1 && errno == EINTR))
		if (n > 0)
			sb_addn(&got, buf, (size_t)n);
	close(p[0]);
	status = -1;
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	/* A child that died or could not write it all: what came is not all it found. */
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		got.len = 0;
	rc = parse(sb_str(&got), got.len, res);
	sb_free(&got);
	if (rc != 0) {
		lookup_free(*res);
		*res = NULL;
	}
	return rc;
here:
	wait_fn(LOOKUP_HERE, node);
	rc = getaddrinfo(node, service, hints, res);
	/* A signal meanwhile: what it found is dropped, as when it is cut short. */
	if (!wait_fn(LOOKUP_HERE_DONE, node)) {
		if (rc == 0)
			freeaddrinfo(*res);
		*res = NULL;
		return EAI_INTR;
	}
	goto took;
plain:
	rc = getaddrinfo(node, service, hints, res);
took:
	if (rc != 0)
		return rc;
	/* One way to free, whichever way it came: into lookup's own list. */
	{
		struct addrinfo *gai = *res, **tail = res;

		*res = NULL;
		for (struct addrinfo *ai = gai; ai != NULL; ai = ai->ai_next) {
			*tail = node_new(ai->ai_family, ai->ai_socktype,
			    ai->ai_protocol, ai->ai_addr, ai->ai_addrlen);
			tail = &(*tail)->ai_next;
		}
		freeaddrinfo(gai);
	}
	return 0;
}

void
lookup_free(struct addrinfo *ai)
{
	while (ai != NULL) {
		struct addrinfo *next = ai->ai_next;

		free(ai);
		ai = next;
	}
}
