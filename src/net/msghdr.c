/* msghdr.c: sendmsg's and recvmsg's struct msghdr in strace's notation. */
#include "config.h"

#include <sys/socket.h>

#include <stdbool.h>
#include <string.h>

#include "addr.h"
#include "msghdr.h"
#include "print.h"
#include "xlat.h"

/* The control messages in msg_controllen bytes: SCM_RIGHTS with its descriptors. */
static void
pr_cmsgs(struct strbuf *sb, const struct msghdr *msg, size_t strsize)
{
	const unsigned char *p = msg->msg_control;
	size_t left = msg->msg_controllen;

	sb_addc(sb, '[');
	for (bool first = true; left >= sizeof(struct cmsghdr); first = false) {
		const struct cmsghdr *c = (const struct cmsghdr *)p;
		size_t len = c->cmsg_len, space;

		if (!first)
			pr_sep(sb);
		sb_addf(sb, "{cmsg_len=%zu, cmsg_level=", len);
		if (c->cmsg_level == SOL_SOCKET)
			sb_add(sb, "SOL_SOCKET");
		else
			sb_addlong(sb, c->cmsg_level);
		sb_add(sb, ", cmsg_type=");
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    len >= CMSG_LEN(0) && len <= left) {
			const unsigned char *d = CMSG_DATA(c);
			size_t n = (len - CMSG_LEN(0)) / sizeof(int);

			sb_add(sb, "SCM_RIGHTS, cmsg_data=[");
			for (size_t i = 0; i < n; i++) {
				int fd;

				if (i > 0)
					pr_sep(sb);
				/* strace -s bounds an array's elements as a string's bytes. */
				if (i + 1 > strsize) {
					sb_add(sb, "...");
					break;
				}
				memcpy(&fd, d + i * sizeof fd, sizeof fd);
				sb_addlong(sb, fd);
			}
			sb_addc(sb, ']');
		} else {
			sb_addf(sb, "%#x", (unsigned)c->cmsg_type);
		}
		sb_addc(sb, '}');
		space = CMSG_ALIGN(len);
		if (len < sizeof(struct cmsghdr) || space >= left)
			break;
		p += space;
		left -= space;
	}
	sb_addc(sb, ']');
}

void
pr_msghdr(struct strbuf *sb, const struct msghdr *msg, socklen_t namelen_before,
    size_t data, size_t strsize)
{
	socklen_t after = msg->msg_namelen;

	sb_add(sb, "{msg_name=");
	if (msg->msg_name == NULL)
		sb_add(sb, "NULL");
	else if (after < sizeof(sa_family_t))
		pr_ptr(sb, msg->msg_name);
	else
		pr_sockaddr(sb, msg->msg_name, after < namelen_before ? after :
		    namelen_before);
	if (after != namelen_before)
		sb_addf(sb, ", msg_namelen=%u => %u", (unsigned)namelen_before,
		    (unsigned)after);
	else
		sb_addf(sb, ", msg_namelen=%u", (unsigned)after);
	sb_add(sb, ", msg_iov=[");
	for (size_t i = 0; i < (size_t)msg->msg_iovlen; i++) {
		const struct iovec *v = &msg->msg_iov[i];
		size_t n = v->iov_len < data ? v->iov_len : data;

		if (i > 0)
			pr_sep(sb);
		if (i + 1 > strsize) {
			sb_add(sb, "...");
			break;
		}
		sb_add(sb, "{iov_base=");
		pr_quoted(sb, v->iov_base, n, strsize);
		sb_addf(sb, ", iov_len=%zu}", v->iov_len);
		data -= n;
	}
	sb_addf(sb, "], msg_iovlen=%zu", (size_t)msg->msg_iovlen);
	if (msg->msg_controllen != 0) {
		sb_add(sb, ", msg_control=");
		pr_cmsgs(sb, msg, strsize);
	}
	sb_addf(sb, ", msg_controllen=%zu, msg_flags=", (size_t)msg->msg_controllen);
	pr_flags(sb, xlat_msg_flags, (unsigned)msg->msg_flags, "MSG_???");
	sb_addc(sb, '}');
}

void
pr_msghdr_failed(struct strbuf *sb, const struct msghdr *msg)
{
	sb_addf(sb, "{msg_namelen=%u}", (unsigned)msg->msg_namelen);
}
