/*
 * check_ss.c: lines of /proc/net/tcp, tcp6 and udp read as ss(8) would show
 * them (the lines are copies of real ones), and the record of ports.
 */
#include "config.h"

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "ss.h"

static char *
addr(const struct sockaddr_storage *ss)
{
	struct strbuf sb = STRBUF_INIT;

	ss_format_addr(&sb, ss);
	return sb.s;
}

START_TEST(test_parse_tcp)
{
	struct ss_socket s;
	char *a;

	ck_assert(!ss_parse_line("  sl  local_address rem_address   st tx_queue "
	    "rx_queue tr tm->when retrnsmt   uid  timeout inode", AF_INET,
	    IPPROTO_TCP, &s));
	ck_assert(ss_parse_line("   1: 0100007F:897D 00000000:0000 0A 00000000:00000002 "
	    "00:00000000 00000000     0        0 46572 1 0000000056fafa75 100 0 0 10 0",
	    AF_INET, IPPROTO_TCP, &s));
	ck_assert_str_eq(ss_state_name(&s), "LISTEN");
	ck_assert_uint_eq(ss_port(&s.local), 0x897D);
	ck_assert_uint_eq(s.recv_q, 2);		/* waiting for accept */
	ck_assert_uint_eq(s.inode, 46572);
	ck_assert_int_eq(s.timer, SS_TIMER_NONE);
	a = addr(&s.local);
	ck_assert_str_eq(a, "127.0.0.1:35197");
	free(a);
	a = addr(&s.peer);
	ck_assert_str_eq(a, "0.0.0.0:*");
	free(a);

	/* TIME_WAIT: no inode, the timewait timer in clock ticks */
	ck_assert(ss_parse_line("   5: 0100007F:1F90 0100007F:C350 06 00000000:00000000 "
	    "03:00001770 00000000     0        0 0 3 0000000000000000", AF_INET,
	    IPPROTO_TCP, &s));
	ck_assert_str_eq(ss_state_name(&s), "TIME_WAIT");
	ck_assert_int_eq(s.timer, SS_TIMER_TIMEWAIT);
	ck_assert_uint_eq(s.timer_ticks, 6000);
	ck_assert_uint_eq(s.inode, 0);
	a = addr(&s.peer);
	ck_assert_str_eq(a, "127.0.0.1:50000");
	free(a);

	/* IPv6 ::1, four words in host order */
	ck_assert(ss_parse_line("   0: 00000000000000000000000001000000:8B6D "
	    "00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 "
	    "00000000     0        0 207587 1 000000009cff7040 100 0 0 10 0",
	    AF_INET6, IPPROTO_TCP, &s));
	a = addr(&s.local);
	ck_assert_str_eq(a, "[::1]:35693");
	free(a);
	a = addr(&s.peer);
	ck_assert_str_eq(a, "[::]:*");
	free(a);

	/* a bad line is no socket */
	ck_assert(!ss_parse_line("   0: 0100007F:897D", AF_INET, IPPROTO_TCP, &s));
	ck_assert(!ss_parse_line("   0: 100007F:897D 00000000:0000 0A 00000000:00000000 "
	    "00:00000000 00000000 0 0 1 1", AF_INET, IPPROTO_TCP, &s));
}
END_TEST

START_TEST(test_parse_udp)
{
	struct ss_socket s;

	ck_assert(ss_parse_line(" 4163: 0100007F:81C6 00000000:0000 07 00000000:00000000 "
	    "00:00000000 00000000     0        0 46570 2 000000008689146c 0", AF_INET,
	    IPPROTO_UDP, &s));
	ck_assert_str_eq(ss_state_name(&s), "UNCONN");
	ck_assert(ss_parse_line(" 3747: 0100007F:8026 0100007F:0001 01 00000000:00000000 "
	    "00:00000000 00000000     0        0 46571 2 00000000fe7ed663 0", AF_INET,
	    IPPROTO_UDP, &s));
	ck_assert_str_eq(ss_state_name(&s), "ESTABLISHED");
	ck_assert_uint_eq(ss_port(&s.peer), 1);
}
END_TEST

START_TEST(test_read_and_ports)
{
	struct ss_socket *v;
	unsigned ports[4];
	size_t n;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof sin;
	bool found = false;

	ck_assert_int_ne(fd, -1);
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sin, sizeof sin), 0);
	ck_assert_int_eq(listen(fd, 1), 0);
	ck_assert_int_eq(getsockname(fd, (struct sockaddr *)&sin, &len), 0);

	/* the kernel's list has our listener */
	ck_assert_int_eq(ss_read(&v, &n), 0);
	for (size_t i = 0; i < n; i++)
		found |= v[i].state == TCP_LISTEN &&
		    ss_port(&v[i].local) == ntohs(sin.sin_port);
	free(v);
	ck_assert(found);

	/* remembered once, oldest first, and kept after close */
	ss_forget();
	ck_assert_uint_eq(ss_ports(-1, ports, 4), 0);
	ss_remember_fd(fd, -1);
	ss_remember_fd(fd, -1);
	close(fd);
	ck_assert_uint_eq(ss_ports(-1, ports, 4), 1);
	ck_assert_uint_eq(ports[0], ntohs(sin.sin_port));
	ck_assert(ss_port_remembered(ntohs(sin.sin_port), -1));
	/* each host of the lab has its own ports: the same number is another socket there */
	ck_assert(!ss_port_remembered(ntohs(sin.sin_port), 1));
	ck_assert_uint_eq(ss_ports(1, ports, 4), 0);
	ss_forget();
	ck_assert(!ss_port_remembered(ntohs(sin.sin_port), -1));
}
END_TEST

START_TEST(test_ports_ring)
{
	unsigned got[200];
	size_t n;

	/* 128 kept: past that the oldest goes, and the order stays oldest first */
	ss_forget();
	for (unsigned p = 1000; p < 1200; p++)
		ss_remember_ports(-1, -1, (int)p, 0);
	n = ss_ports(-1, got, 200);
	ck_assert_uint_eq(n, 128);
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(got[i], 1200 - 128 + i);
	/* every port held is found, none that went is */
	for (unsigned p = 1000; p < 1200; p++)
		ck_assert_msg(ss_port_remembered(p, -1) == (p >= 1072), "port %u", p);
	ck_assert(!ss_port_remembered(1072 + 256, -1));
	ck_assert(!ss_port_remembered(1072, 0));
	/* one already held is not held twice */
	ss_remember_ports(-1, -1, 1199, 0);
	ck_assert_uint_eq(ss_ports(-1, got, 200), 128);
	/* the peer's port known: its own is not asked, the peer's is kept */
	ss_forget();
	ss_remember_ports(-1, -1, -1, 8080);
	ck_assert_uint_eq(ss_ports(-1, got, 200), 1);
	ck_assert_uint_eq(got[0], 8080);
	ss_forget();
}
END_TEST

Suite *
ss_suite(void)
{
	Suite *s = suite_create("ss");
	TCase *tc = tcase_create("proc");

	tcase_add_test(tc, test_parse_tcp);
	tcase_add_test(tc, test_parse_udp);
	tcase_add_test(tc, test_read_and_ports);
	tcase_add_test(tc, test_ports_ring);
	suite_add_tcase(s, tc);
	return s;
}
