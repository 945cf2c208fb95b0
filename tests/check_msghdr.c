/*
 * check_msghdr.c: sendmsg's and recvmsg's struct msghdr, its pieces (iovecs)
 * and its SCM_RIGHTS control message, exactly as strace 6.1 prints them: the
 * expected strings are from `strace -s 32 -e trace=sendmsg,recvmsg` runs of
 * the same calls on x86_64 (each piece cut at 32 bytes on its own; a receive
 * fills the pieces in order and the rest show ""; a failed recvmsg shows
 * msg_namelen alone).
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <check.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "msghdr.h"
#include "print.h"

/* A control buffer holding one SCM_RIGHTS message with N descriptors. */
union control {
	char		buf[CMSG_SPACE(sizeof(int) * 16)];
	struct cmsghdr	align;
};

static void
rights(struct msghdr *m, union control *u, const int *fds, size_t n)
{
	struct cmsghdr *c;

	memset(u, 0, sizeof *u);
	m->msg_control = u->buf;
	m->msg_controllen = CMSG_SPACE(sizeof(int) * n);
	c = CMSG_FIRSTHDR(m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
}

static char *
msghdr(const struct msghdr *m, socklen_t before, size_t data)
{
	struct strbuf sb = STRBUF_INIT;

	pr_msghdr(&sb, m, before, data, 32);
	return sb.s;
}

#define expect_msghdr(m, before, data, want) do {			\
	char *got_ = msghdr((m), (before), (data));			\
	ck_assert_str_eq(got_, (want));					\
	free(got_);							\
} while (0)

START_TEST(test_sendmsg)
{
	struct iovec two[] = { { "ab", 2 }, { "cd", 2 } };
	struct iovec three[] = {
		{ "hello ", 6 },
		{ "world, this is a long piece of text", 35 },
		{ "and the third piece is here too", 31 },
	};
	struct iovec empty[] = { { "", 0 }, { "x", 1 } };
	struct msghdr m = { 0 };
	union control u;
	int five = 5, three_fds[] = { 5, 6, 0 };

	m.msg_iov = two;
	m.msg_iovlen = 2;
	rights(&m, &u, &five, 1);
	expect_msghdr(&m, 0, SIZE_MAX, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}], "
	    "msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, "
	    "cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], msg_controllen=24, msg_flags=0}");

	m.msg_iov = three;
	m.msg_iovlen = 3;
	rights(&m, &u, three_fds, 3);
	expect_msghdr(&m, 0, SIZE_MAX, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"hello \", iov_len=6}, {iov_base=\"world, this is "
	    "a long piece of t\"..., iov_len=35}, {iov_base=\"and the third piece "
	    "is here too\", iov_len=31}], msg_iovlen=3, msg_control=[{cmsg_len=28, "
	    "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5, 6, 0]}], "
	    "msg_controllen=32, msg_flags=0}");

	/* No control message: msg_control is left out, not NULL. */
	m.msg_iov = empty;
	m.msg_iovlen = 2;
	m.msg_control = NULL;
	m.msg_controllen = 0;
	expect_msghdr(&m, 0, SIZE_MAX, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"\", iov_len=0}, {iov_base=\"x\", iov_len=1}], "
	    "msg_iovlen=2, msg_controllen=0, msg_flags=0}");
}
END_TEST

START_TEST(test_sendmsg_name)
{
	struct iovec two[] = { { "ab", 2 }, { "cd", 2 } };
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct msghdr m = { 0 };
	union control u;
	int five = 5;

	strcpy(sun.sun_path, "/tmp/h-msg-scratch/d.sock");
	m.msg_iov = two;
	m.msg_iovlen = 2;
	m.msg_name = &sun;
	m.msg_namelen = offsetof(struct sockaddr_un, sun_path) +
	    strlen(sun.sun_path) + 1;
	rights(&m, &u, &five, 1);
	expect_msghdr(&m, m.msg_namelen, SIZE_MAX, "{msg_name={sa_family=AF_UNIX, "
	    "sun_path=\"/tmp/h-msg-scratch/d.sock\"}, msg_namelen=28, "
	    "msg_iov=[{iov_base=\"ab\", iov_len=2}, {iov_base=\"cd\", iov_len=2}], "
	    "msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, "
	    "cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], msg_controllen=24, msg_flags=0}");

	m.msg_iovlen = 1;
	m.msg_namelen = sizeof sun;
	m.msg_control = NULL;
	m.msg_controllen = 0;
	expect_msghdr(&m, m.msg_namelen, SIZE_MAX, "{msg_name={sa_family=AF_UNIX, "
	    "sun_path=\"/tmp/h-msg-scratch/d.sock\"}, msg_namelen=110, "
	    "msg_iov=[{iov_base=\"ab\", iov_len=2}], msg_iovlen=1, "
	    "msg_controllen=0, msg_flags=0}");

	sin.sin_port = htons(60683);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m.msg_name = &sin;
	m.msg_namelen = sizeof sin;
	m.msg_iovlen = 2;
	rights(&m, &u, &five, 1);
	expect_msghdr(&m, m.msg_namelen, SIZE_MAX, "{msg_name={sa_family=AF_INET, "
	    "sin_port=htons(60683), sin_addr=inet_addr(\"127.0.0.1\")}, "
	    "msg_namelen=16, msg_iov=[{iov_base=\"ab\", iov_len=2}, "
	    "{iov_base=\"cd\", iov_len=2}], msg_iovlen=2, msg_control=[{cmsg_len=20, "
	    "cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], "
	    "msg_controllen=24, msg_flags=0}");
}
END_TEST

START_TEST(test_recvmsg)
{
	/* 72 bytes received into pieces of 3, 5 and 4096; three descriptors. */
	static char data[4104] = "hello world, this is a long piece of textand "
	    "the third piece is here too";
	struct iovec three[] = {
		{ data, 3 }, { data + 3, 5 }, { data + 8, 4096 },
	};
	struct iovec one[] = { { data, 4096 } };
	struct msghdr m = { 0 };
	union control u;
	int fds[] = { 8, 9, 11 }, two[] = { 12, 13 };

	m.msg_iov = three;
	m.msg_iovlen = 3;
	rights(&m, &u, fds, 3);
	expect_msghdr(&m, 0, 72, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"hel\", iov_len=3}, {iov_base=\"lo wo\", iov_len=5}, "
	    "{iov_base=\"rld, this is a long piece of tex\"..., iov_len=4096}], "
	    "msg_iovlen=3, msg_control=[{cmsg_len=28, cmsg_level=SOL_SOCKET, "
	    "cmsg_type=SCM_RIGHTS, cmsg_data=[8, 9, 11]}], msg_controllen=32, "
	    "msg_flags=0}");

	/* The control buffer held two of three: MSG_CTRUNC. */
	memcpy(data, "abcd", 4);
	m.msg_iov = one;
	m.msg_iovlen = 1;
	rights(&m, &u, two, 2);
	m.msg_flags = MSG_CTRUNC;
	expect_msghdr(&m, 0, 4, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"abcd\", iov_len=4096}], msg_iovlen=1, "
	    "msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, "
	    "cmsg_data=[12, 13]}], msg_controllen=24, msg_flags=MSG_CTRUNC}");

	/* None: no control buffer at all. */
	m.msg_control = NULL;
	m.msg_controllen = 0;
	expect_msghdr(&m, 0, 4, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"abcd\", iov_len=4096}], msg_iovlen=1, "
	    "msg_controllen=0, msg_flags=MSG_CTRUNC}");

	/* 38 bytes into 20 and 4096: each piece cut at 32 on its own. */
	memcpy(data, "0123456789012345678901234567abcdefghij", 38);
	one[0].iov_len = 20;
	three[0] = one[0];
	three[1].iov_base = data + 20;
	three[1].iov_len = 4096;
	m.msg_iov = three;
	m.msg_iovlen = 2;
	m.msg_flags = 0;
	expect_msghdr(&m, 0, 38, "{msg_name=NULL, msg_namelen=0, "
	    "msg_iov=[{iov_base=\"01234567890123456789\", iov_len=20}, "
	    "{iov_base=\"01234567abcdefghij\", iov_len=4096}], msg_iovlen=2, "
	    "msg_controllen=0, msg_flags=0}");

	/* Failed: msg_namelen alone. */
	{
		struct strbuf sb = STRBUF_INIT;

		m.msg_namelen = 128;
		pr_msghdr_failed(&sb, &m);
		ck_assert_str_eq(sb_str(&sb), "{msg_namelen=128}");
		sb_free(&sb);
	}
}
END_TEST

START_TEST(test_recvmsg_name)
{
	struct sockaddr_storage ss;
	struct sockaddr_un *sun = (struct sockaddr_un *)&ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	char data[8] = "abcd";
	struct iovec two[] = { { data, 1 }, { data + 1, 1 } };
	struct msghdr m = { 0 };
	union control u;
	int sixteen = 16;
	struct strbuf want = STRBUF_INIT;

	/* A datagram of 4 into 1 + 1, from a bound unix socket: MSG_TRUNC. */
	memset(&ss, 0, sizeof ss);
	sun->sun_family = AF_UNIX;
	strcpy(sun->sun_path, "/tmp/h-msg-scratch/e.sock");
	m.msg_name = &ss;
	m.msg_namelen = 28;
	m.msg_iov = two;
	m.msg_iovlen = 2;
	m.msg_flags = MSG_TRUNC;
	rights(&m, &u, &sixteen, 1);
	expect_msghdr(&m, 128, 2, "{msg_name={sa_family=AF_UNIX, "
	    "sun_path=\"/tmp/h-msg-scratch/e.sock\"}, msg_namelen=128 => 28, "
	    "msg_iov=[{iov_base=\"a\", iov_len=1}, {iov_base=\"b\", iov_len=1}], "
	    "msg_iovlen=2, msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, "
	    "cmsg_type=SCM_RIGHTS, cmsg_data=[16]}], msg_controllen=24, "
	    "msg_flags=MSG_TRUNC}");

	/* From an unbound one: no address, the buffer's pointer. */
	m.msg_namelen = 0;
	m.msg_iovlen = 1;
	two[0].iov_len = 4096;
	m.msg_control = NULL;
	m.msg_controllen = 0;
	m.msg_flags = 0;
	memcpy(data, "ab", 2);
	sb_add(&want, "{msg_name=");
	pr_ptr(&want, &ss);
	sb_add(&want, ", msg_namelen=128 => 0, msg_iov=[{iov_base=\"ab\", "
	    "iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}");
	expect_msghdr(&m, 128, 2, sb_str(&want));
	sb_free(&want);

	/* UDP: 4 bytes into 4 + 4, the second piece empty. */
	memset(&ss, 0, sizeof ss);
	sin->sin_family = AF_INET;
	sin->sin_port = htons(49705);
	sin->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	m.msg_namelen = sizeof *sin;
	memcpy(data, "abcd", 4);
	two[0].iov_len = 4;
	two[1].iov_base = data + 4;
	two[1].iov_len = 4;
	m.msg_iovlen = 2;
	expect_msghdr(&m, 128, 4, "{msg_name={sa_family=AF_INET, "
	    "sin_port=htons(49705), sin_addr=inet_addr(\"127.0.0.1\")}, "
	    "msg_namelen=128 => 16, msg_iov=[{iov_base=\"abcd\", iov_len=4}, "
	    "{iov_base=\"\", iov_len=4}], msg_iovlen=2, msg_controllen=0, "
	    "msg_flags=0}");
}
END_TEST

Suite *
msghdr_suite(void)
{
	Suite *s = suite_create("msghdr");
	TCase *tc = tcase_create("printer");

	tcase_add_test(tc, test_sendmsg);
	tcase_add_test(tc, test_sendmsg_name);
	tcase_add_test(tc, test_recvmsg);
	tcase_add_test(tc, test_recvmsg_name);
	suite_add_tcase(s, tc);
	return s;
}
