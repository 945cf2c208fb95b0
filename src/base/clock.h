/* clock.h: deadlines as struct timespec, as ppoll and condition waits take them. */
#ifndef SOCKSHELL_CLOCK_H
#define SOCKSHELL_CLOCK_H

#include <time.h>

#define NSEC_PER_SEC	1000000000L

/* T plus SEC seconds and NSEC nanoseconds (0 <= NSEC), kept normal. */
static inline void
ts_add(struct timespec *t, time_t sec, long nsec)
{
	t->tv_sec += sec + nsec / NSEC_PER_SEC;
	t->tv_nsec += nsec % NSEC_PER_SEC;
	if (t->tv_nsec >= NSEC_PER_SEC) {
		t->tv_sec++;
		t->tv_nsec -= NSEC_PER_SEC;
	}
}

/* T plus MS milliseconds (0 <= MS). */
static inline void
ts_add_ms(struct timespec *t, long ms)
{
	ts_add(t, ms / 1000, ms % 1000 * 1000000L);
}

/* Now on CLOCK, plus MS milliseconds: a deadline. */
static inline struct timespec
ts_after_ms(clockid_t clock, long ms)
{
	struct timespec t;

	clock_gettime(clock, &t);
	ts_add_ms(&t, ms);
	return t;
}

/* What is left from now on CLOCK until UNTIL; a negative tv_sec once it is past. */
static inline struct timespec
ts_left(const struct timespec *until, clockid_t clock)
{
	struct timespec now, d;

	clock_gettime(clock, &now);
	d.tv_sec = until->tv_sec - now.tv_sec;
	d.tv_nsec = until->tv_nsec - now.tv_nsec;
	if (d.tv_nsec < 0) {
		d.tv_sec--;
		d.tv_nsec += NSEC_PER_SEC;
	}
	return d;
}

#endif
