/* msghdr.h: struct msghdr, its pieces and its control messages, as strace prints them. */
#ifndef SOCKSHELL_MSGHDR_H
#define SOCKSHELL_MSGHDR_H

#include <sys/socket.h>

#include <stddef.h>

#include "strbuf.h"

/*
 * MSG as strace prints sendmsg's and recvmsg's second argument:
 * {msg_name=..., msg_namelen=..., msg_iov=[{iov_base="...", iov_len=N}, ...],
 * msg_iovlen=N, msg_control=[{cmsg_len=..., ...}], msg_controllen=N, msg_flags=...}.
 * DATA is how many bytes the pieces hold, in order (sendmsg: all of them,
 * SIZE_MAX; recvmsg: what it returned): each piece shows its share, cut at
 * STRSIZE bytes. NAMELEN_BEFORE is msg_namelen as it went in: when the kernel
 * changed it, "128 => 16", and the address decoded no further than either.
 * msg_control is shown only when msg_controllen is not 0, as strace does.
 */
void	pr_msghdr(struct strbuf *, const struct msghdr *, socklen_t namelen_before,
	    size_t data, size_t strsize);
/* A recvmsg that failed: strace shows msg_namelen alone, "{msg_namelen=128}". */
void	pr_msghdr_failed(struct strbuf *, const struct msghdr *);

#endif
