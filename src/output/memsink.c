/* memsink.c: events kept in memory, each with its own copy of the words. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memsink.h"
#include "term.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void
mem_deliver(struct sink *s, const struct event *ev)
{
	struct mem_sink *m = (struct mem_sink *)s;
	struct mem_event *me;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 32;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	me = &m->v[m->n++];
	memset(me, 0, sizeof *me);
	me->kind = ev->kind;
	me->fd = ev->fd;
	me->time = ev->time;
	me->where = dup_or_null(ev->where);
	me->echo = ev->echo;
	if (ev->kind == EV_CALL) {
		struct strbuf line = STRBUF_INIT;

		sb_addf(&line, "%s(%s) = %s", ev->call->name, ev->call->args,
		    ev->call->result);
		me->text = line.s != NULL ? line.s : xstrdup("");
		me->name = xstrdup(ev->call->name);
		me->args = xstrdup(ev->call->args);
		me->result = xstrdup(ev->call->result);
		me->ret = ev->call->ret;
		me->err = ev->call->err;
		me->begin = ev->call->begin;
		me->end = ev->call->end;
	} else {
		me->text = dup_or_null(ev->text);
	}
}

void
mem_sink_attach(struct mem_sink *m)
{
	memset(m, 0, sizeof *m);
	m->sink.deliver = mem_deliver;
	m->sink.timed = true;
	sink_add(&m->sink);
}

void
mem_sink_clear(struct mem_sink *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].text);
		free(m->v[i].where);
		free(m->v[i].name);
		free(m->v[i].args);
		free(m->v[i].result);
	}
	m->n = 0;
}

void
mem_sink_detach(struct mem_sink *m)
{
	sink_remove(&m->sink);
	mem_sink_clear(m);
	free(m->v);
	m->v = NULL;
	m->cap = 0;
}

void
mem_sink_render(const struct mem_sink *m, struct strbuf *out, struct strbuf *err)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct mem_event *me = &m->v[i];
		struct ev_call call;
		struct event ev;
		struct strbuf line = STRBUF_INIT;
		int fd;

		memset(&ev, 0, sizeof ev);
		ev.kind = me->kind;
		ev.fd = me->fd;
		ev.text = me->text;
		ev.where = me->where;
		ev.echo = me->echo;
		if (me->kind == EV_CALL) {
			memset(&call, 0, sizeof call);
			call.name = me->name;
			call.args = me->args;
			call.ret = me->ret;
			call.err = me->err;
			call.result = me->result;
			ev.call = &call;
			ev.text = NULL;
		}
		term_format(&ev, false, false, &line, &fd);
		sb_addn(fd == 2 ? err : out, line.s != NULL ? line.s : "", line.len);
		sb_free(&line);
	}
}

const struct mem_event *
mem_sink_find(const struct mem_sink *m, enum ev_kind kind, size_t i)
{
	for (size_t j = 0; j < m->n; j++)
		if (m->v[j].kind == kind && i-- == 0)
			return &m->v[j];
	return NULL;
}
