/* transfer.h: what the data commands share: FLAGS words, the sendto and recvfrom lines, what came in. */
#ifndef SOCKSHELL_TRANSFER_H
#define SOCKSHELL_TRANSFER_H

#include <sys/socket.h>
#include <sys/types.h>

#include <stdbool.h>
#include <stddef.h>

#include "commands.h"
#include "strbuf.h"

/* COUNT when none is given, and the most one receive may ask for. */
#define RECV_DEFAULT	4096
#define RECV_MAX	(1L << 20)

/*
 * WORD as send/recv flags: names from xlat_msg_flags, without "MSG_" or with
 * it, any case, joined by '|' ("peek|dontwait"). Returns true with the flags
 * when every name is one; false otherwise, with the first name that is not in
 * BAD.
 */
bool	msg_flags_parse(const char *word, int *flags, char *bad, size_t badlen);
/* The names msg_flags_parse takes, for errors: "oob, peek, ...". */
void	msg_flag_names(struct strbuf *);
/*
 * When ARGS has more than KEEP words and the last is an unquoted FLAGS word,
 * take it off and return true: a last word that is not all flag names is text.
 */
bool	args_take_msg_flags(struct args *, size_t keep, int *flags);
/*
 * Was W, taken as data because it is no FLAGS, meant as flags (a '|' in
 * it, or a name a typo away from a flag's)? BAD: its first name that is no
 * flag; NEAR: the flag it is near, or "".
 */
bool	msg_flags_near(const struct word *w, char *bad, size_t badlen,
	    char *near, size_t nearlen);
/* recv and recvfrom: "[COUNT] [FLAGS]", or a usage error and false. */
bool	args_recv(struct shell *, struct args *, long *count, int *flags);

/*
 * The arguments of sendto(2) as strace prints them: the data cut at STRSIZE,
 * then "NULL, 0" for no address (send(3) is sendto on Linux).
 */
void	pr_sendto_args(struct strbuf *, int fd, const void *buf, size_t len,
	    int flags, const struct sockaddr *, socklen_t, size_t strsize);
/*
 * The arguments of recvfrom(2) for a call that returned RET: the data received (at
 * most COUNT bytes, cut at STRSIZE), or on failure the buffer's address; then
 * the address (pr_sockaddr_result), or "NULL, NULL" when none was asked for
 * (recv(3) is recvfrom on Linux).
 */
void	pr_recvfrom_args(struct strbuf *, int fd, const void *buf, size_t count,
	    ssize_t ret, int flags, const struct sockaddr *, socklen_t before,
	    socklen_t after, size_t strsize);

/* Before a receive that may wait: the waiting line, unless FLAGS say it will not. */
void	recv_wait_note(struct shell *, int fd, int flags, size_t count);
/*
 * After a read or a receive of up to COUNT bytes returned N: remember the
 * bytes for `expect`, dump them when HEX (-x), and say so at end of file.
 */
void	received(struct shell *, const struct fd_entry *, const void *buf,
	    ssize_t n, size_t count, bool hex);
/*
 * After a read or a receive on a datagram socket: a note when the datagram
 * was cut (N over COUNT, with trunc) or may have been (N just COUNT).
 */
void	received_cut(struct shell *, const struct fd_entry *, ssize_t n,
	    size_t count);

#endif
