/*
 * fuzz_packet.c: libFuzzer harness for packet_decode + packet_format +
 * packet_flows_relative (many flows), and the ladder renderers fed with
 * the lines made.
 *
 * Input layout:
 *   byte 0  DLT selector (index into dlts[])
 *   byte 1  flags: 1 verbose, 2 flows, 4 orig_name callback, 8 strsize 0,
 *           0x10 strsize 4096, 0x20 ladder, 0x40 many-flows storm,
 *           0x80 NULL src/dst names
 *   rest    records: 2-byte big-endian length (capped by what is left),
 *           1 byte wirelen delta, then the captured bytes
 *
 * Built by ./configure --enable-fuzzing CC=clang (make fuzz/fuzz_packet);
 * `make fuzz-check` runs it a fixed number of times from fuzz/corpus/packet
 * (captures of tests/pcap, re-wrapped for each link type). Every TCP segment
 * decoded is also followed through RFC 793's states (tcp_follow).
 */
#include "config.h"

#include <arpa/inet.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ladder.h"
#include "packet.h"
#include "print.h"
#include "strbuf.h"

static const int dlts[] = {
	PKT_DLT_NULL, PKT_DLT_EN10MB, PKT_DLT_RAW, PKT_DLT_RAW_FILE,
	PKT_DLT_LINUX_SLL, PKT_DLT_IPV4, PKT_DLT_IPV6, PKT_DLT_LINUX_SLL2,
	999,
};

/* Output a terminal or an XML parser sees: well-formed UTF-8, no C0 but \n. */
static void
check_clean(const char *what, const unsigned char *s, size_t n, bool allow_nl)
{
	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];

		if (c < 0x20 || c == 0x7f) {
			if (c == '\n' && allow_nl) {
				i++;
				continue;
			}
			fprintf(stderr, "%s: control byte 0x%02x at %zu\n", what, c, i);
			abort();
		}
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t l = pr_utf8_len(s + i, n - i);
		if (l == 0) {
			fprintf(stderr, "%s: invalid UTF-8 0x%02x at %zu\n", what, c, i);
			abort();
		}
		/* U+FFFE / U+FFFF are not XML characters */
		if (l == 3 && s[i] == 0xef && s[i + 1] == 0xbf &&
		    (s[i + 2] == 0xbe || s[i + 2] == 0xbf)) {
			fprintf(stderr, "%s: noncharacter at %zu\n", what, i);
			abort();
		}
		i += l;
	}
}

static void
orig_cb(struct strbuf *sb, int proto, const struct sockaddr_storage *ss,
    void *arg)
{
	(void)arg;
	sb_addf(sb, "p%d:", proto);
	packet_addr(sb, ss, true);
}

static void
check_bounds(const unsigned char *b, size_t cap, const struct packet *p)
{
	if (p->payload != NULL && p->caplen > 0) {
		if (p->payload < b || p->payload + p->caplen > b + cap)
			abort();
	}
	if (p->opts != NULL && p->optlen > 0) {
		if (p->opts < b || p->opts + p->optlen > b + cap)
			abort();
	}
	if ((p->proto == IPPROTO_TCP || p->proto == IPPROTO_UDP) &&
	    p->payload != NULL && p->caplen > p->len)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	setlocale(LC_ALL, "C.UTF-8");
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct packet_flows flows = { 0 };
	struct packet_style st = { 32, false, NULL, NULL, false };
	struct tcp_follow follow;
	struct ladder_item items[64];
	struct strbuf labels[64];
	size_t nitems = 0;
	bool stormed = false;
	int dlt;
	uint8_t fl;

	if (size < 2)
		return 0;
	dlt = dlts[data[0] % (sizeof(dlts) / sizeof(dlts[0]))];
	fl = data[1];
	st.verbose = fl & 1;
	if (fl & 4) {
		st.orig_name = orig_cb;
	}
	if (fl & 8)
		st.strsize = 0;
	if (fl & 0x10)
		st.strsize = 4096;
	data += 2;
	size -= 2;
	st.ascii = (fl & 0x08) != 0;
	tcp_follow_init(&follow, (fl & 0x10) != 0);

	while (size > 0) {
		size_t len, wire;
		unsigned char *copy;
		struct packet p;
		struct strbuf sb = STRBUF_INIT;
		int rc;

		if (size >= 3) {
			len = (size_t)data[0] << 8 | data[1];
			wire = data[2];
			data += 3;
			size -= 3;
		} else {
			len = size;
			wire = 0;
		}
		if (len > size)
			len = size;
		/* an exact-size heap copy so ASan sees every overread */
		copy = malloc(len ? len : 1);
		memcpy(copy, data, len);
		memset(&p, 0xa5, sizeof(p));
		p.ts.tv_sec = 1;
		p.ts.tv_nsec = 2;
		rc = packet_decode(dlt, len ? copy : copy, len, len + wire * 37, &p);
		if (p.ts.tv_sec != 1 || p.ts.tv_nsec != 2)
			abort();
		if (rc == 0) {
			check_bounds(copy, len, &p);
			/* Any segment, in any order, from either end: a state stays a state. */
			if (tcp_follow_segment(&follow, (int)(wire & 1), &p) < 0 ||
			    tcp_follow_segment(&follow, (int)(wire & 1), &p) > 3 ||
			    tcp_fsm_name(follow.state[0])[0] == '?' ||
			    tcp_fsm_name(follow.state[1])[0] == '?')
				abort();
			packet_format(&sb, &p, (fl & 0x80) ? NULL : "fd3",
			    (fl & 0x80) ? NULL : "fd4", (fl & 2) ? &flows : NULL,
			    &st);
			check_clean("packet_format", (const unsigned char *)sb.s,
			    sb.len, false);
			if ((fl & 0x40) && p.proto == IPPROTO_TCP && !stormed) {
				stormed = true;
				/* push the flow table past FLOWS_MAX */
				struct packet q = p;
				uint32_t s, a;

				for (unsigned k = 0; k < 1100; k++) {
					if (q.src.ss_family == AF_INET)
						((struct sockaddr_in *)&q.src)->sin_port =
						    htons((uint16_t)k);
					else
						((struct sockaddr_in6 *)&q.src)->sin6_port =
						    htons((uint16_t)k);
					q.flags = (uint8_t)(k * 7);
					q.seq += k;
					packet_flows_relative(&flows, &q, &s, &a);
				}
				packet_flows_relative(&flows, &p, &s, &a);
			}
			if ((fl & 0x20) && nitems < 64) {
				labels[nitems] = sb;
				sb = (struct strbuf)STRBUF_INIT;
				items[nitems] = (struct ladder_item){
					.kind = (enum ladder_kind)(len % 3),
					.side = (enum ladder_side)(wire & 1),
					.begin = { (time_t)(wire >> 1), 0 },
					.end = { (time_t)(wire >> 1) + (wire & 6), 0 },
					.waited = (wire & 8) != 0,
					.label = NULL,
				};
				nitems++;
			}
		} else if ((fl & 0x20) && nitems < 64 && len > 0) {
			/* raw bytes as a label too: the renderers must clean them */
			labels[nitems] = (struct strbuf)STRBUF_INIT;
			sb_addn(&labels[nitems], (const char *)copy, len);
			items[nitems] = (struct ladder_item){
				.kind = (enum ladder_kind)(len % 3),
				.side = (enum ladder_side)(wire & 1),
				.begin = { (time_t)(wire >> 1), 0 },
				.end = { (time_t)(wire >> 1) + (wire & 6), 0 },
				.waited = (wire & 8) != 0,
			};
			nitems++;
		}
		sb_free(&sb);
		free(copy);
		data += len;
		size -= len;
	}
	if (nitems > 0) {
		struct ladder lad;
		struct strbuf out = STRBUF_INIT;
		int width = 80 + (int)(fl % 7) * 20;

		/* ladder.h: items in time order (trace_diagram sorts them) */
		for (size_t i = 1; i < nitems; i++)
			for (size_t j = i; j > 0 &&
			    items[j].begin.tv_sec < items[j - 1].begin.tv_sec; j--) {
				struct ladder_item ti = items[j];
				struct strbuf tl = labels[j];

				items[j] = items[j - 1];
				labels[j] = labels[j - 1];
				items[j - 1] = ti;
				labels[j - 1] = tl;
			}
		for (size_t i = 0; i < nitems; i++)
			items[i].label = sb_str(&labels[i]);
		lad.left = nitems > 1 ? items[1].label : "client fd3 127.0.0.1:5000";
		lad.right = nitems > 2 ? items[2].label : "server 127.0.0.1:9";
		lad.items = items;
		lad.n = nitems;
		ladder_text(&out, &lad, width);
		check_clean("ladder_text", (const unsigned char *)out.s, out.len,
		    true);
		sb_free(&out);
		ladder_svg(&out, &lad);
		check_clean("ladder_svg", (const unsigned char *)out.s, out.len,
		    true);
		sb_free(&out);
		for (size_t i = 0; i < nitems; i++)
			sb_free(&labels[i]);
	}
	packet_flows_free(&flows);
	return 0;
}
