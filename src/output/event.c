/* event.c: the one emitter, and the list of sinks it feeds. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "i18n.h"
#include "strbuf.h"

static struct sink	*sinks;
static int		 delivering;	/* depth: an event said while one is delivered */
static int		 timed;		/* the sinks that read times */
static pthread_mutex_t	 thread_lock = PTHREAD_MUTEX_INITIALIZER;
/* A sink's shows() answers by what it was made with: kept until one comes or goes. */
unsigned		 emit_shown_known, emit_shown_yes;
static bool		 any_dead;	/* a sink marked dead, not yet unlinked */

void
sink_add(struct sink *s)
{
	struct sink **p = &sinks;

	s->dead = false;
	s->next = NULL;
	timed += s->timed;
	emit_shown_known = 0;
	while (*p != NULL)
		p = &(*p)->next;
	*p = s;
}

/* Unlink the sinks marked dead, once no delivery walks the list. */
static void
sinks_reap(void)
{
	if (!any_dead)
		return;
	any_dead = false;
	for (struct sink **p = &sinks; *p != NULL;) {
		if ((*p)->dead) {
			timed -= (*p)->timed;
			*p = (*p)->next;
		} else {
			p = &(*p)->next;
		}
	}
}

void
sink_remove(struct sink *s)
{
	s->dead = true;
	any_dead = true;
	emit_shown_known = 0;
	if (delivering == 0)
		sinks_reap();
}

void
emit(struct event *ev)
{
	if (timed > 0 && ev->time.tv_sec == 0 && ev->time.tv_nsec == 0)
		clock_gettime(CLOCK_REALTIME, &ev->time);
	delivering++;
	for (struct sink *s = sinks; s != NULL; s = s->next)
		if (!s->dead)
			s->deliver(s, ev);
	if (--delivering == 0)
		sinks_reap();
}

void
emit_text(enum ev_kind kind, int fd, const char *text)
{
	struct event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = kind;
	ev.fd = fd;
	ev.text = text;
	emit(&ev);
}

void
emitf(enum ev_kind kind, int fd, const char *fmt, ...)
{
	char room[256];
	struct strbuf sb;
	va_list ap;

	sb_init_on(&sb, room, sizeof room);
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	if (sb.len > 0 && i18n_has_particles(fmt))
		sb.len = i18n_particles(sb.s, sb.len);
	emit_text(kind, fd, sb_str(&sb));
	sb_free(&sb);
}

void
emit_thread_begin(void)
{
	pthread_mutex_lock(&thread_lock);
}

void
emit_thread_end(void)
{
	pthread_mutex_unlock(&thread_lock);
}

void
emit_flush(void)
{
	for (struct sink *s = sinks; s != NULL; s = s->next)
		if (!s->dead && s->flush != NULL)
			s->flush(s);
}

bool
emit_shown_ask(enum ev_kind kind)
{
	unsigned bit = 1u << kind;
	bool yes = false;

	for (struct sink *s = sinks; s != NULL && !yes; s = s->next)
		yes = !s->dead && (s->shows == NULL || s->shows(s, kind));
	emit_shown_known |= bit;
	emit_shown_yes = yes ? emit_shown_yes | bit : emit_shown_yes & ~bit;
	return yes;
}

bool
emit_timed(void)
{
	return timed > 0;
}
