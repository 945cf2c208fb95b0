/* fdtable.c: a small sorted array of the shell's descriptors. */
#include "config.h"

#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "fdtable.h"
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
	free(t->v);
	fd_table_init(t);
}

/* Index of the first entry whose fd is >= fd. */
static size_t
fd_table_lower(const struct fd_table *t, int fd)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].fd < fd)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct fd_entry *
fd_table_find(struct fd_table *t, int fd)
{
	size_t i = fd_table_lower(t, fd);

	return i < t->n && t->v[i].fd == fd ? &t->v[i] : NULL;
}

struct fd_entry *
fd_table_add(struct fd_table *t, int fd, int family, int type, int protocol,
    enum fd_role role)
{
	size_t i = fd_table_lower(t, fd);
	struct fd_entry *e;

	if (i == t->n || t->v[i].fd != fd) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 16;
			t->v = xrealloc(t->v, t->cap * sizeof *t->v);
		}
		memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof *t->v);
		t->n++;
	}
	e = &t->v[i];
	memset(e, 0, sizeof *e);
	e->fd = fd;
	e->family = family;
	e->type = type;
	e->protocol = protocol;
	e->role = role;
	e->parent = -1;
	e->host = lab_host_index();
	e->seq = t->next_seq++;
	t->current = fd;
	return e;
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

bool
fd_table_remove(struct fd_table *t, int fd)
{
	size_t i = fd_table_lower(t, fd);

	if (i == t->n || t->v[i].fd != fd)
		return false;
	memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
	t->n--;
	/* A closed descriptor leaves every epoll set that watched it. */
	for (size_t j = 0; j < t->n; j++)
		fd_epoll_forget(&t->v[j], fd);
	if (t->current == fd) {
		unsigned long best = 0;

		t->current = -1;
		for (size_t j = 0; j < t->n; j++) {
			if (t->current == -1 || t->v[j].seq > best) {
				best = t->v[j].seq;
				t->current = t->v[j].fd;
			}
		}
	}
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
	unsigned long seq;

	e = fd_table_add(t, newfd, copy.family, copy.type, copy.protocol,
	    copy.role);
	seq = e->seq;
	*e = copy;
	e->fd = newfd;
	e->seq = seq;
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
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].fd != fd && fstat(t->v[i].fd, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			return t->v[i].fd;
	return -1;
}

int
fd_table_shared(const struct fd_table *t, int fd)
{
	return t->ncopies > 0 ? fd_table_sibling(t, fd) : -1;
}
