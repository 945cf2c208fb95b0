/*
 * capture.h: the packet capture behind `trace`, over libpcap: one capture
 * on Linux's "any" device in the shell's network namespace, or one in each
 * host of the lab. Built without libpcap, capture_open() says so.
 */
#ifndef SOCKSHELL_CAPTURE_H
#define SOCKSHELL_CAPTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "strbuf.h"

/* The link type every capture is read in and saved as: DLT_LINUX_SLL2. */
#define CAPTURE_DLT	276
/* Bytes kept of each packet: headers and the start of the payload. */
#define CAPTURE_SNAPLEN	2048

struct capture_packet {
	struct timespec		 ts;		/* CLOCK_REALTIME */
	int			 dlt;
	const unsigned char	*bytes;
	size_t			 caplen;	/* captured, at most CAPTURE_SNAPLEN */
	size_t			 wirelen;	/* on the wire */
	int			 source;	/* which capture: the lab's host, else 0 */
};

typedef void	capture_fn(void *ctx, const struct capture_packet *);

struct capture;

/* Built with libpcap? */
bool	capture_built(void);
/*
 * Open the capture(s), non-blocking, matching nothing until a filter is set.
 * 0, or -1 with one line in WHY: no libpcap, no right to capture (and what
 * to do), or libpcap's own words.
 */
int	capture_open(struct capture **, struct strbuf *why);
void	capture_close(struct capture *);
/* The descriptors to poll for packets: how many were put in FDS. */
size_t	capture_fds(const struct capture *, int *fds, size_t max);
/* Compile EXPR (pcap-filter(7)) and set it on every capture. */
int	capture_filter(struct capture *, const char *expr, struct strbuf *why);
/* Hand FN every packet waiting now, without waiting; the count, or -1. */
int	capture_dispatch(struct capture *, capture_fn *, void *ctx);
/* Packets the kernel dropped because the shell read too slowly. */
unsigned long capture_dropped(struct capture *);

/* Write N packets to PATH as a pcap file (link type CAPTURE_DLT). */
int	capture_save(const char *path, const struct capture_packet *, size_t n,
	    struct strbuf *why);
/* Hand FN every packet of the pcap file PATH, in order. */
int	capture_load(const char *path, capture_fn *, void *ctx,
	    struct strbuf *why);

#endif
