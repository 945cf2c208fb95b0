/* fdtable.c: the shell's descriptors, each at its number. */
#include "config.h"

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdtable.h"
#include "i18n.h"
#include "lab.h"
#include "strbuf.h"

void
fd_table_init(struct fd_table *t)
{
	memset(t, 0, sizeof *t);
	t->current = -1;
}

void
fd_table_free(struct fd_table *t)
{
	for (int fd = 0; fd < t->hi; fd++)
		if (t->slot[fd] != NULL) {
			free(t->slot[fd]->watch);
			free(t->slot[fd]);
		}
	while (t->spare != NULL) {
		struct fd_entry *e = t->spare;

		t->spare = e->older;
		free(e);
	}
	free(t->slot);
	fd_table_init(t);
}

/* The entry at FD or after it, up to HI. */
static struct fd_entry *
fd_table_from(const struct fd_table *t, int fd)
{
	for (; fd < t->hi; fd++)
		if (t->slot[fd] != NULL)
			return t->slot[fd];
	return NULL;
}

struct fd_entry *
fd_table_first(const struct fd_table *t)
{
	struct fd_entry *e = fd_table_from(t, t->lo);

	/*
	 * Closing all from the lowest up asks for the first each time: the
	 * empty numbers below it are passed once, not at every close.
	 */
	((struct fd_table *)t)->lo = e != NULL ? e->fd : 0;
	return e;
}

struct fd_entry *
fd_table_next(const struct fd_table *t, const struct fd_entry *e)
{
	return fd_table_from(t, e->fd + 1);
}

struct fd_entry *
fd_table_find(struct fd_table *t, int fd)
{
	return fd >= 0 && fd < t->hi ? t->slot[fd] : NULL;
}

/* Take E out of the list in order of arrival. */
static void
unlink_entry(struct fd_table *t, struct fd_entry *e)
{
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		t->newest = e->older;
	if (e->older != NULL)
		e->older->newer = e->newer;
	e->newer = e->older = NULL;
}

struct fd_entry *
fd_table_add(struct fd_table *t, int fd, int family, int type, int protocol,
    enum fd_role role)
{
	struct fd_entry *e;

	if (fd >= t->nslot) {
		int n = t->nslot ? t->nslot : 16;

		while (n <= fd)
			n *= 2;
		t->slot = xrealloc(t->slot, (size_t)n * sizeof *t->slot);
		memset(t->slot + t->nslot, 0,
		    (size_t)(n - t->nslot) * sizeof *t->slot);
		t->nslot = n;
	}
	if ((e = t->slot[fd]) != NULL) {
		unlink_entry(t, e);
		if (e->role == ROLE_EPOLL)
			t->nepoll--;
		free(e->watch);
	} else {
		if ((e = t->spare) != NULL) {
			t->spare = e->older;
			t->nspare--;
		} else {
			e = xmalloc(sizeof *e);
		}
		t->slot[fd] = e;
		t->n++;
	}
	if (fd >= t->hi)
		t->hi = fd + 1;
	if (fd < t->lo)
		t->lo = fd;
	memset(e, 0, sizeof *e);
	e->fd = fd;
	e->family = family;
	e->type = type;
	e->protocol = protocol;
	e->role = role;
	e->parent = -1;
	e->lport = e->pport = -1;
	e->host = lab_host_index();
	e->seq = t->next_seq++;
	e->older = t->newest;
	if (t->newest != NULL)
		t->newest->newer = e;
	t->newest = e;
	if (role == ROLE_EPOLL)
		t->nepoll++;
	t->current = fd;
	return e;
}

void
fd_table_ports(const struct fd_table *t, const struct fd_entry *e, int *lport,
    int *pport)
{
	bool sure = t->ncopies == 0;

	*lport = sure ? e->lport : -1;
	*pport = sure ? e->pport : -1;
}

void
fd_table_forget_ports(struct fd_table *t)
{
	for (int fd = 0; fd < t->hi; fd++)
		if (t->slot[fd] != NULL)
			t->slot[fd]->lport = t->slot[fd]->pport = -1;
}

void
fd_epoll_forget(struct fd_entry *e, int fd)
{
	size_t n = e->nwatch < FD_EPOLL_WATCH_MAX ? e->nwatch : FD_EPOLL_WATCH_MAX;

	if (e->role != ROLE_EPOLL)
		return;
	for (size_t k = 0; k < n; k++) {
		if (e->watch[k].fd != fd)
			continue;
		memmove(&e->watch[k], &e->watch[k + 1],
		    (n - k - 1) * sizeof e->watch[0]);
		e->nwatch--;
		return;
	}
}

/* The newest entry that is a socket (an epoll descriptor is never current), or -1. */
static int
newest_socket(const struct fd_table *t)
{
	for (const struct fd_entry *e = t->newest; e != NULL; e = e->older)
		if (e->role != ROLE_EPOLL)
			return e->fd;
	return -1;
}

bool
fd_table_remove(struct fd_table *t, int fd)
{
	struct fd_entry *e = fd_table_find(t, fd);

	if (e == NULL)
		return false;
	unlink_entry(t, e);
	if (e->role == ROLE_EPOLL)
		t->nepoll--;
	free(e->watch);
	/* A few kept: a socket made and closed over and over takes no allocation. */
	if (t->nspare < 16) {
		e->older = t->spare;
		t->spare = e;
		t->nspare++;
	} else {
		free(e);
	}
	t->slot[fd] = NULL;
	t->n--;
	while (t->hi > 0 && t->slot[t->hi - 1] == NULL)
		t->hi--;
	/* A closed descriptor leaves every epoll set that watched it. */
	for (struct fd_entry *w = t->nepoll > 0 ? fd_table_first(t) : NULL;
	    w != NULL; w = fd_table_next(t, w))
		fd_epoll_forget(w, fd);
	if (t->current == fd)
		t->current = newest_socket(t);
	return true;
}

bool
fd_table_use(struct fd_table *t, int fd)
{
	if (fd_table_find(t, fd) == NULL)
		return false;
	t->current = fd;
	return true;
}

struct fd_entry *
fd_table_add_copy(struct fd_table *t, int oldfd, int newfd)
{
	struct fd_entry copy = *fd_table_find(t, oldfd), *e;
	unsigned seq;

	/* Its own watch list, made before NEWFD's entry (if any) is reused. */
	if (copy.watch != NULL)
		copy.watch = xmemdup(copy.watch,
		    FD_EPOLL_WATCH_MAX * sizeof *copy.watch);
	e = fd_table_add(t, newfd, copy.family, copy.type, copy.protocol,
	    copy.role);
	seq = e->seq;
	copy.newer = e->newer;
	copy.older = e->older;
	*e = copy;
	e->fd = newfd;
	e->seq = seq;
	e->lport = e->pport = -1;
	/* The open file is shared, O_NONBLOCK with it; FD_CLOEXEC is the number's own. */
	e->cloexec = false;
	memset(&e->told, 0, sizeof e->told);
	t->ncopies++;
	return e;
}

int
fd_table_sibling(const struct fd_table *t, int fd)
{
	struct stat a, b;

	if (fstat(fd, &a) == -1)
		return -1;
	for (const struct fd_entry *e = fd_table_first(t); e != NULL;
	    e = fd_table_next(t, e))
		if (e->fd != fd && fstat(e->fd, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return e->fd;
	return -1;
}

int
fd_table_shared(const struct fd_table *t, int fd)
{
	return t->ncopies > 0 ? fd_table_sibling(t, fd) : -1;
}

size_t
fd_table_holders(const struct fd_table *t, int fd)
{
	struct stat a, b;
	size_t n = 1;

	if (t->ncopies == 0 || fstat(fd, &a) == -1)
		return 1;
	for (const struct fd_entry *e = fd_table_first(t); e != NULL;
	    e = fd_table_next(t, e))
		if (e->fd != fd && fstat(e->fd, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			n++;
	return n;
}

const char *
fd_count_words(size_t n, char buf[24])
{
	/* TRANSLATORS: how many numbers hold one socket ("two numbers"). */
	static const char *const words[] = {
		NC_("count", "no"), NC_("count", "one"), NC_("count", "two"),
		NC_("count", "three"), NC_("count", "four"), NC_("count", "five"),
		NC_("count", "six"), NC_("count", "seven"), NC_("count", "eight"),
		NC_("count", "nine")
	};

	if (n < sizeof words / sizeof words[0])
		return C_("count", words[n]);
	snprintf(buf, 24, "%zu", n);
	return buf;
}
