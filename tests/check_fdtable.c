/* check_fdtable.c: the shell's descriptors, kept sorted, and which one is current. */
#include "config.h"

#include <sys/socket.h>

#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "fdtable.h"

/* The table holds exactly the N fds WANT, in this (ascending) order. */
static void
assert_fds(const struct fd_table *t, const int *want, size_t n)
{
	const struct fd_entry *e = fd_table_first(t);

	ck_assert_uint_eq(t->n, n);
	for (size_t i = 0; i < n; i++, e = fd_table_next(t, e)) {
		ck_assert_ptr_nonnull(e);
		ck_assert_msg(e->fd == want[i], "entry %zu is fd%d, not fd%d",
		    i, e->fd, want[i]);
	}
	ck_assert_ptr_null(e);
}

static void
add(struct fd_table *t, int fd)
{
	ck_assert_ptr_nonnull(fd_table_add(t, fd, AF_INET, SOCK_STREAM, 6,
	    ROLE_SOCKET));
}

START_TEST(test_empty)
{
	struct fd_table t;

	fd_table_init(&t);
	ck_assert_uint_eq(t.n, 0);
	ck_assert_int_eq(t.current, -1);
	ck_assert_ptr_null(fd_table_find(&t, 3));
	ck_assert(!fd_table_remove(&t, 3));
	ck_assert(!fd_table_use(&t, 3));
	ck_assert_int_eq(t.current, -1);
	fd_table_free(&t);
}
END_TEST

START_TEST(test_add_sorted_and_current)
{
	struct fd_table t;
	struct fd_entry *e;

	fd_table_init(&t);
	add(&t, 7);
	ck_assert_int_eq(t.current, 7);
	add(&t, 3);
	ck_assert_int_eq(t.current, 3);
	add(&t, 5);
	ck_assert_int_eq(t.current, 5);
	e = fd_table_add(&t, 4, AF_INET6, SOCK_DGRAM, 17, ROLE_ACCEPTED);
	ck_assert_int_eq(t.current, 4);
	assert_fds(&t, (const int[]){ 3, 4, 5, 7 }, 4);

	ck_assert_ptr_eq(fd_table_find(&t, 4), e);
	ck_assert_int_eq(e->fd, 4);
	ck_assert_int_eq(e->family, AF_INET6);
	ck_assert_int_eq(e->type, SOCK_DGRAM);
	ck_assert_int_eq(e->protocol, 17);
	ck_assert_int_eq(e->role, ROLE_ACCEPTED);
	ck_assert_int_eq(e->parent, -1);
	ck_assert_int_eq(e->host, -1);	/* outside the lab: no host */
	ck_assert_ptr_null(fd_table_find(&t, 6));
	ck_assert_ptr_null(fd_table_find(&t, 8));
	ck_assert_ptr_null(fd_table_find(&t, 0));
	fd_table_free(&t);
	ck_assert_uint_eq(t.n, 0);
	ck_assert_int_eq(t.current, -1);
}
END_TEST

/* The kernel hands a closed number out again: the entry is replaced, not doubled. */
START_TEST(test_add_again)
{
	struct fd_table t;

	fd_table_init(&t);
	add(&t, 3);
	add(&t, 4);
	fd_table_add(&t, 3, AF_UNIX, SOCK_DGRAM, 0, ROLE_SOCKET);
	assert_fds(&t, (const int[]){ 3, 4 }, 2);
	ck_assert_int_eq(t.current, 3);
	ck_assert_int_eq(fd_table_find(&t, 3)->family, AF_UNIX);
	/* and it is now the most recent one */
	fd_table_use(&t, 4);
	ck_assert(fd_table_remove(&t, 4));
	ck_assert_int_eq(t.current, 3);
	fd_table_free(&t);
}
END_TEST

START_TEST(test_remove_current)
{
	struct fd_table t;

	/* Most recently added, not the highest nor the lowest number. */
	fd_table_init(&t);
	add(&t, 5);
	add(&t, 3);
	add(&t, 9);
	add(&t, 4);
	ck_assert(fd_table_remove(&t, 4));
	ck_assert_int_eq(t.current, 9);
	ck_assert(fd_table_remove(&t, 9));
	ck_assert_int_eq(t.current, 3);
	assert_fds(&t, (const int[]){ 3, 5 }, 2);
	ck_assert(fd_table_remove(&t, 3));
	ck_assert_int_eq(t.current, 5);
	ck_assert(fd_table_remove(&t, 5));
	ck_assert_int_eq(t.current, -1);
	ck_assert_uint_eq(t.n, 0);
	fd_table_free(&t);

	/* After `use`, removing the current one goes back to the newest. */
	fd_table_init(&t);
	add(&t, 5);
	add(&t, 3);
	add(&t, 4);
	ck_assert(fd_table_use(&t, 5));
	ck_assert(fd_table_remove(&t, 5));
	ck_assert_int_eq(t.current, 4);
	fd_table_free(&t);
}
END_TEST

START_TEST(test_remove_other)
{
	struct fd_table t;

	/* current is neither the newest nor the oldest */
	fd_table_init(&t);
	add(&t, 3);
	add(&t, 4);
	add(&t, 5);
	add(&t, 6);
	ck_assert(fd_table_use(&t, 4));
	ck_assert(fd_table_remove(&t, 6));	/* the newest */
	ck_assert_int_eq(t.current, 4);
	ck_assert(fd_table_remove(&t, 3));	/* the oldest */
	ck_assert_int_eq(t.current, 4);
	assert_fds(&t, (const int[]){ 4, 5 }, 2);
	ck_assert_ptr_null(fd_table_find(&t, 3));
	ck_assert_ptr_null(fd_table_find(&t, 6));
	fd_table_free(&t);
}
END_TEST

START_TEST(test_remove_unknown)
{
	struct fd_table t;

	fd_table_init(&t);
	add(&t, 3);
	add(&t, 5);
	ck_assert(!fd_table_remove(&t, 4));
	ck_assert(!fd_table_remove(&t, 6));
	ck_assert(!fd_table_remove(&t, 0));
	ck_assert(!fd_table_remove(&t, -1));
	assert_fds(&t, (const int[]){ 3, 5 }, 2);
	ck_assert_int_eq(t.current, 5);
	ck_assert(fd_table_remove(&t, 3));
	ck_assert(!fd_table_remove(&t, 3));	/* not twice */
	ck_assert_uint_eq(t.n, 1);
	fd_table_free(&t);
}
END_TEST

START_TEST(test_use)
{
	struct fd_table t;

	fd_table_init(&t);
	add(&t, 3);
	add(&t, 4);
	ck_assert(fd_table_use(&t, 3));
	ck_assert_int_eq(t.current, 3);
	ck_assert(!fd_table_use(&t, 7));
	ck_assert_int_eq(t.current, 3);
	ck_assert(!fd_table_use(&t, -1));
	ck_assert_int_eq(t.current, 3);
	ck_assert(fd_table_use(&t, 4));
	ck_assert_int_eq(t.current, 4);
	fd_table_free(&t);
}
END_TEST

#define MANY	1000

/* Fisher-Yates with a fixed seed: the same order every run. */
static void
shuffle(int *v, size_t n, unsigned *seed)
{
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)rand_r(seed) % (i + 1);
		int tmp = v[i];

		v[i] = v[j];
		v[j] = tmp;
	}
}

/*
 * The place in T's walk of the first entry whose fd is not above the one
 * before it; 0 when the walk is in order and meets T's every entry.
 */
static size_t
unsorted_at(const struct fd_table *t)
{
	size_t k = 0;
	int last = -1;

	for (const struct fd_entry *e = fd_table_first(t); e != NULL;
	    e = fd_table_next(t, e), k++)
		if (e->fd <= last)
			return k;
		else
			last = e->fd;
	return k == t->n ? 0 : k;
}

/*
 * A thousand descriptors added and removed in random orders. The table's
 * every state is checked, with one assertion per state rather than one per
 * slot: each passing assertion costs Check a write, and a million of them
 * made this test slow enough to meet a timeout on a busy machine.
 */
/* A close never makes an epoll descriptor current: the newest socket is. */
START_TEST(test_remove_skips_epoll)
{
	struct fd_table t;

	fd_table_init(&t);
	add(&t, 3);
	add(&t, 4);
	fd_table_add(&t, 5, 0, 0, 0, ROLE_EPOLL);
	t.current = 4;	/* as the epoll command leaves it */
	ck_assert(fd_table_remove(&t, 4));
	ck_assert_int_eq(t.current, 3);
	ck_assert(fd_table_remove(&t, 3));
	ck_assert_int_eq(t.current, -1);
	ck_assert_uint_eq(t.n, 1);
	fd_table_free(&t);
}
END_TEST

START_TEST(test_many)
{
	static int order[MANY], gone[MANY];
	static bool removed[MANY];	/* by fd: removed[(fd - 3) / 2] */
	struct fd_table t;
	const struct fd_entry *e;
	unsigned seed = 12345;
	size_t alive, top, bad;

	/* fds 3, 5, 7, ... so that misses fall between entries */
	for (size_t i = 0; i < MANY; i++)
		order[i] = 3 + 2 * (int)i;
	shuffle(order, MANY, &seed);

	fd_table_init(&t);
	for (size_t i = 0; i < MANY; i++) {
		add(&t, order[i]);
		ck_assert_int_eq(t.current, order[i]);
	}
	ck_assert_uint_eq(t.n, MANY);
	e = fd_table_first(&t);
	for (size_t i = 0; i < MANY; i++, e = fd_table_next(&t, e)) {
		ck_assert_int_eq(e->fd, 3 + 2 * (int)i);
		ck_assert_ptr_eq(fd_table_find(&t, 3 + 2 * (int)i), e);
		ck_assert_ptr_null(fd_table_find(&t, 4 + 2 * (int)i));
	}
	ck_assert_ptr_null(e);

	/*
	 * Remove in another random order; model the current descriptor: the
	 * newest still here, i.e. the last of ORDER not yet removed. TOP only
	 * moves down, so the model costs one pass over ORDER in all.
	 */
	memcpy(gone, order, sizeof gone);
	shuffle(gone, MANY, &seed);
	memset(removed, 0, sizeof removed);
	alive = MANY;
	top = MANY;
	for (size_t i = 0; i < MANY; i++) {
		int was = t.current, want;

		ck_assert(fd_table_remove(&t, gone[i]));
		removed[(gone[i] - 3) / 2] = true;
		alive--;
		ck_assert_uint_eq(t.n, alive);
		while (top > 0 && removed[(order[top - 1] - 3) / 2])
			top--;
		want = top > 0 ? order[top - 1] : -1;
		/* removing another than the current one leaves it current */
		if (gone[i] != was)
			ck_assert_int_eq(want, was);
		ck_assert_msg(t.current == want, "after removing fd%d: current "
		    "fd%d, want fd%d", gone[i], t.current, want);
		bad = unsorted_at(&t);
		ck_assert_msg(bad == 0, "after removing fd%d: the walk goes "
		    "wrong at its entry %zu", gone[i], bad);
	}
	ck_assert_int_eq(t.current, -1);
	fd_table_free(&t);
}
END_TEST

Suite *
fdtable_suite(void)
{
	Suite *s = suite_create("fdtable");
	TCase *tc = tcase_create("fdtable");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_add_sorted_and_current);
	tcase_add_test(tc, test_add_again);
	tcase_add_test(tc, test_remove_current);
	tcase_add_test(tc, test_remove_other);
	tcase_add_test(tc, test_remove_unknown);
	tcase_add_test(tc, test_use);
	tcase_add_test(tc, test_remove_skips_epoll);
	tcase_add_test(tc, test_many);
	suite_add_tcase(s, tc);
	return s;
}
