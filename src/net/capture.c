/* capture.c: libpcap behind `trace`: open, filter, read, save and load. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "fdhigh.h"
#include "i18n.h"
#include "lab.h"

#ifdef HAVE_PCAP
#include <dlfcn.h>
#include <fcntl.h>
#include <pcap/pcap.h>

/*
 * libpcap is opened the first time a capture is wanted (trace on, save,
 * load), not when the shell starts: it brings a dozen libraries with it
 * (dbus, systemd, gcrypt, three compressors) that would slow every start and
 * weigh on every shell that never traces. Its functions are called through
 * PCAP, under their own names.
 */
#define PCAP_FUNCTIONS(X) \
	X(pcap_activate) X(pcap_close) X(pcap_compile) X(pcap_create) \
	X(pcap_datalink) X(pcap_dispatch) X(pcap_dump) X(pcap_dump_close) \
	X(pcap_dump_flush) X(pcap_dump_open) X(pcap_freecode) \
	X(pcap_get_selectable_fd) X(pcap_geterr) X(pcap_open_dead) \
	X(pcap_open_offline) X(pcap_set_buffer_size) X(pcap_set_datalink) \
	X(pcap_set_immediate_mode) X(pcap_set_snaplen) X(pcap_setfilter) \
	X(pcap_setnonblock) X(pcap_stats)

static struct {
#define PCAP_POINTER(f) __typeof__(f) *f;
	PCAP_FUNCTIONS(PCAP_POINTER)
#undef PCAP_POINTER
} pcap;


/* libpcap opened and its functions found; else -1 and WHY says why. */
static int
pcap_load(struct strbuf *why)
{
	/* Debian's soname, then upstream's, then the development link. */
	static const char *const names[] = {
		"libpcap.so.0.8", "libpcap.so.1", "libpcap.so", NULL
	};
	static void *lib;
	void *h = NULL;

	if (lib != NULL)
		return 0;
	for (const char *const *n = names; *n != NULL && h == NULL; n++)
		h = dlopen(*n, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		sb_addf(why, _("libpcap could not be loaded (%s): install it, "
		    "e.g. apt-get install libpcap0.8"), dlerror());
		return -1;
	}
#define PCAP_FIND(f) \
	if ((*(void **)&pcap.f = dlsym(h, #f)) == NULL) { \
		sb_addf(why, _("libpcap has no %s: it is too old"), #f); \
		dlclose(h); \
		return -1; \
	}
	PCAP_FUNCTIONS(PCAP_FIND)
#undef PCAP_FIND
	lib = h;
	return 0;
}

/* From here on, libpcap's names call through PCAP. */
#define pcap_activate		(*pcap.pcap_activate)
#define pcap_close		(*pcap.pcap_close)
#define pcap_compile		(*pcap.pcap_compile)
#define pcap_create		(*pcap.pcap_create)
#define pcap_datalink		(*pcap.pcap_datalink)
#define pcap_dispatch		(*pcap.pcap_dispatch)
#define pcap_dump		(*pcap.pcap_dump)
#define pcap_dump_close		(*pcap.pcap_dump_close)
#define pcap_dump_flush		(*pcap.pcap_dump_flush)
#define pcap_dump_open		(*pcap.pcap_dump_open)
#define pcap_freecode		(*pcap.pcap_freecode)
#define pcap_get_selectable_fd	(*pcap.pcap_get_selectable_fd)
#define pcap_geterr		(*pcap.pcap_geterr)
#define pcap_open_dead		(*pcap.pcap_open_dead)
#define pcap_open_offline	(*pcap.pcap_open_offline)
#define pcap_set_buffer_size	(*pcap.pcap_set_buffer_size)
#define pcap_set_datalink	(*pcap.pcap_set_datalink)
#define pcap_set_immediate_mode	(*pcap.pcap_set_immediate_mode)
#define pcap_set_snaplen	(*pcap.pcap_set_snaplen)
#define pcap_setfilter		(*pcap.pcap_setfilter)
#define pcap_setnonblock	(*pcap.pcap_setnonblock)
#define pcap_stats		(*pcap.pcap_stats)

static pcap_t *open_activated(struct strbuf *);

/* One capture per host: the shell's own namespace, or each of the lab's. */
struct capture {
	pcap_t		*p[LAB_HOSTS];
	size_t		 n;
};

bool
capture_built(void)
{
	return true;
}

/* libpcap's words, without its "any: " or trailing newline. */
static void
why_pcap(struct strbuf *why, const char *what, const char *msg)
{
	size_t len = strlen(msg);

	while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
		len--;
	if (what != NULL)
		sb_addf(why, "%s: ", what);
	sb_addn(why, msg, len);
}

/*
 * libpcap takes the lowest free descriptors for its socket; those are the
 * learner's next numbers (socket would return 5, not 4). Fill the low ones
 * while it opens, so that its own land above them.
 */
#define LOW_FDS	100

static size_t
fill_low_fds(int *held, size_t max)
{
	size_t n = 0;
	int fd;

	long room = fd_limit() / 2;

	/* Leave libpcap room under a low open-file limit. */
	if ((long)max > room)
		max = room > 0 ? (size_t)room : 0;
	while (n < max && (fd = open("/dev/null", O_RDONLY | O_CLOEXEC)) != -1) {
		if (fd >= LOW_FDS) {
			close(fd);
			break;
		}
		held[n++] = fd;
	}
	return n;
}

/* The capture of the namespace the process is in now. */
static pcap_t *
open_one(struct strbuf *why)
{
	int held[LOW_FDS];
	size_t nheld = fill_low_fds(held, LOW_FDS);
	pcap_t *p = open_activated(why);

	while (nheld > 0)
		close(held[--nheld]);
	return p;
}

static pcap_t *
open_activated(struct strbuf *why)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p;
	int rc;

	if ((p = pcap_create("any", errbuf)) == NULL) {
		why_pcap(why, _("cannot capture"), errbuf);
		return NULL;
	}
	pcap_set_snaplen(p, CAPTURE_SNAPLEN);
	/* Every packet at once, not in blocks: a packet shows under its call. */
	pcap_set_immediate_mode(p, 1);
	pcap_set_buffer_size(p, 4 << 20);
	rc = pcap_activate(p);
	if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
		sb_add(why, _("capturing packets needs the right to (CAP_NET_RAW): "
		    "start the shell as `sockshell --lab`, where no root is needed, "
		    "or run it as root"));
		pcap_close(p);
		return NULL;
	}
	if (rc < 0) {
		why_pcap(why, _("cannot capture"), pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	/* SLL2 carries the interface and the direction: loopback's echo is told apart by them. */
	if (pcap_set_datalink(p, CAPTURE_DLT) != 0 ||
	    pcap_setnonblock(p, 1, errbuf) != 0) {
		why_pcap(why, _("cannot capture"), pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	return p;
}

int
capture_open(struct capture **out, struct strbuf *why)
{
	struct capture *c;
	size_t hosts = lab_active() ? LAB_HOSTS : 1;

	if (pcap_load(why) == -1)
		return -1;
	c = xcalloc(1, sizeof *c);
	for (size_t i = 0; i < hosts; i++) {
		pcap_t *p;

		if (lab_active() && lab_enter((int)i) == -1) {
			sb_addf(why, _("cannot enter the lab's host %s: %s"),
			    lab_host_name((int)i), strerror(errno));
			capture_close(c);
			return -1;
		}
		p = open_one(why);
		if (lab_active())
			lab_leave();
		if (p == NULL) {
			capture_close(c);
			return -1;
		}
		c->p[c->n++] = p;
	}
	if (capture_filter(c, "less 0", why) == -1) {
		capture_close(c);
		return -1;
	}
	*out = c;
	return 0;
}

void
capture_close(struct capture *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		pcap_close(c->p[i]);
	free(c);
}

size_t
capture_fds(const struct capture *c, int *fds, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < c->n && n < max; i++)
		fds[n++] = pcap_get_selectable_fd(c->p[i]);
	return n;
}

int
capture_filter(struct capture *c, const char *expr, struct strbuf *why)
{
	for (size_t i = 0; i < c->n; i++) {
		struct bpf_program prog;
		int rc;

		if (pcap_compile(c->p[i], &prog, expr, 1,
		    PCAP_NETMASK_UNKNOWN) != 0) {
			why_pcap(why, _("the capture filter"), pcap_geterr(c->p[i]));
			return -1;
		}
		rc = pcap_setfilter(c->p[i], &prog);
		pcap_freecode(&prog);
		if (rc != 0) {
			why_pcap(why, _("the capture filter"), pcap_geterr(c->p[i]));
			return -1;
		}
	}
	return 0;
}

struct relay {
	capture_fn	*fn;
	void		*ctx;
	int		 dlt;
	int		 source;
};

static void
relay(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct relay *r = (struct relay *)user;
	struct capture_packet cp;

	cp.ts.tv_sec = h->ts.tv_sec;
	cp.ts.tv_nsec = (long)h->ts.tv_usec * 1000;
	cp.dlt = r->dlt;
	cp.source = r->source;
	cp.bytes = bytes;
	cp.caplen = h->caplen;
	cp.wirelen = h->len;
	r->fn(r->ctx, &cp);
}

int
capture_dispatch(struct capture *c, capture_fn *fn, void *ctx)
{
	int total = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct relay r = { fn, ctx, pcap_datalink(c->p[i]), (int)i };
		int rc;

		/* Non-blocking: returns 0 as soon as nothing more is waiting. */
		while ((rc = pcap_dispatch(c->p[i], -1, relay, (u_char *)&r)) > 0)
			total += rc;
		if (rc == PCAP_ERROR)
			return -1;
	}
	return total;
}

unsigned long
capture_dropped(struct capture *c)
{
	unsigned long n = 0;

	for (size_t i = 0; i < c->n; i++) {
		struct pcap_stat st;

		if (pcap_stats(c->p[i], &st) == 0)
			n += st.ps_drop;
	}
	return n;
}

int
capture_save(const char *path, const struct capture_packet *v, size_t n,
    struct strbuf *why)
{
	pcap_t *dead;
	pcap_dumper_t *d;
	int rc = 0;

	if (pcap_load(why) == -1)
		return -1;
	if ((dead = pcap_open_dead(CAPTURE_DLT, CAPTURE_SNAPLEN)) == NULL) {
		sb_add(why, _("out of memory"));
		return -1;
	}
	if ((d = pcap_dump_open(dead, path)) == NULL) {
		/* libpcap's words name the file already. */
		why_pcap(why, NULL, pcap_geterr(dead));
		pcap_close(dead);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct pcap_pkthdr h;

		memset(&h, 0, sizeof h);
		h.ts.tv_sec = v[i].ts.tv_sec;
		h.ts.tv_usec = v[i].ts.tv_nsec / 1000;
		h.caplen = (bpf_u_int32)v[i].caplen;
		h.len = (bpf_u_int32)v[i].wirelen;
		pcap_dump((u_char *)d, &h, v[i].bytes);
	}
	if (pcap_dump_flush(d) != 0) {
		sb_addf(why, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return rc;
}

int
capture_load(const char *path, capture_fn *fn, void *ctx, struct strbuf *why)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct relay r = { fn, ctx, 0, 0 };
	pcap_t *p;
	int rc;

	if (pcap_load(why) == -1)
		return -1;
	if ((p = pcap_open_offline(path, errbuf)) == NULL) {
		why_pcap(why, NULL, errbuf);
		return -1;
	}
	r.dlt = pcap_datalink(p);
	rc = pcap_dispatch(p, -1, relay, (u_char *)&r);
	if (rc == PCAP_ERROR)
		why_pcap(why, path, pcap_geterr(p));
	pcap_close(p);
	return rc == PCAP_ERROR ? -1 : 0;
}

#else /* !HAVE_PCAP */

struct capture {
	int	 unused;
};

static const char *const no_pcap = N_("this sockshell was built without "
    "packet capture (./configure --without-pcap); build it with libpcap "
    "(Debian: apt-get install libpcap-dev) to trace packets");

bool
capture_built(void)
{
	return false;
}

int
capture_open(struct capture **out, struct strbuf *why)
{
	*out = NULL;
	sb_add(why, _(no_pcap));
	return -1;
}

void
capture_close(struct capture *c)
{
	(void)c;
}

size_t
capture_fds(const struct capture *c, int *fds, size_t max)
{
	(void)c, (void)fds, (void)max;
	return 0;
}

int
capture_filter(struct capture *c, const char *expr, struct strbuf *why)
{
	(void)c, (void)expr;
	sb_add(why, _(no_pcap));
	return -1;
}

int
capture_dispatch(struct capture *c, capture_fn *fn, void *ctx)
{
	(void)c, (void)fn, (void)ctx;
	return 0;
}

unsigned long
capture_dropped(struct capture *c)
{
	(void)c;
	return 0;
}

int
capture_save(const char *path, const struct capture_packet *v, size_t n,
    struct strbuf *why)
{
	(void)path, (void)v, (void)n;
	sb_add(why, _(no_pcap));
	return -1;
}

int
capture_load(const char *path, capture_fn *fn, void *ctx, struct strbuf *why)
{
	(void)path, (void)fn, (void)ctx;
	sb_add(why, _(no_pcap));
	return -1;
}

#endif
