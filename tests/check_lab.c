/*
 * check_lab.c: why --lab was refused, and the fix, in one line, for each
 * system that forbids namespaces: those this machine is not (Debian's sysctl,
 * Ubuntu's AppArmor restriction) as well as those lab.sh makes (a limit of 0,
 * a container's seccomp filter).
 */
#include "config.h"

#include <errno.h>

#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_suites.h"
#include "lab.h"

/* A system where nothing forbids namespaces: no such sysctl, no filter. */
static const struct lab_facts open_system = { false, -1, -1, 15000, 15000, 0 };

static char *
why(const struct lab_facts *f, const char *step, int err)
{
	struct strbuf sb = STRBUF_INIT;

	lab_explain(f, step, err, &sb);
	ck_assert_ptr_null(strchr(sb_str(&sb), '\n'));
	return sb.s;
}

static void
check_why(const struct lab_facts *f, const char *step, int err,
    const char *cause, const char *fix)
{
	char *s = why(f, step, err);

	ck_assert_msg(strstr(s, cause) != NULL, "no cause \"%s\" in: %s", cause, s);
	ck_assert_msg(strstr(s, fix) != NULL, "no fix \"%s\" in: %s", fix, s);
	free(s);
}

START_TEST(test_userns_clone)
{
	struct lab_facts f = open_system;

	f.userns_clone = 0;
	check_why(&f, NULL, EPERM, "kernel.unprivileged_userns_clone=0",
	    "as root: sysctl -w kernel.unprivileged_userns_clone=1");
	/* Root is not the unprivileged user that sysctl stops. */
	f.root = true;
	char *s = why(&f, NULL, EPERM);
	ck_assert_ptr_null(strstr(s, "unprivileged_userns_clone"));
	free(s);
}
END_TEST

START_TEST(test_apparmor)
{
	struct lab_facts f = open_system;

	f.apparmor = 1;
	/* unshare refused at once, or the namespace made and its first step refused. */
	check_why(&f, NULL, EPERM, "AppArmor restricts unprivileged user namespaces",
	    "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
	check_why(&f, "writing /proc/self/uid_map", EPERM,
	    "AppArmor restricts unprivileged user namespaces",
	    "sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
	check_why(&f, "making the veth link (RTM_NEWLINK)", EACCES,
	    "making the veth link", "an AppArmor profile that allows userns");
	/* The restriction off: a refusal is not blamed on it. */
	f.apparmor = 0;
	char *s = why(&f, NULL, EPERM);
	ck_assert_ptr_null(strstr(s, "AppArmor restricts"));
	free(s);
}
END_TEST

START_TEST(test_container)
{
	struct lab_facts f = open_system;

	f.seccomp = 2;
	check_why(&f, NULL, EPERM, "this container forbids namespaces (seccomp",
	    "--privileged or outside the container");
	check_why(&f, "unshare(CLONE_NEWNET) for the server", EPERM,
	    "this container forbids namespaces", "--privileged");
}
END_TEST

START_TEST(test_limits)
{
	struct lab_facts f = open_system;

	f.max_userns = 0;
	check_why(&f, NULL, ENOSPC, "user.max_user_namespaces=0",
	    "sysctl -w user.max_user_namespaces=15000");
	f.max_userns = 15000;
	f.max_netns = 0;
	check_why(&f, NULL, ENOSPC, "user.max_net_namespaces=0",
	    "sysctl -w user.max_net_namespaces=15000");
	f.max_netns = 3;
	check_why(&f, NULL, ENOSPC, "the limit is reached", "raise them");
	check_why(&f, NULL, EUSERS, "32 deep", "start it from further out");
	check_why(&f, NULL, EINVAL, "CONFIG_USER_NS", "a kernel built with them");
	check_why(&f, "making the veth link (RTM_NEWLINK)", EOPNOTSUPP,
	    "no veth driver", "modprobe veth");
}
END_TEST

START_TEST(test_unknown)
{
	/* Nothing known forbids it: the call and its error, and where to look. */
	check_why(&open_system, NULL, EPERM, "was refused", "run the shell outside it");
	check_why(&open_system, "writing /proc/self/gid_map", EIO,
	    "writing /proc/self/gid_map", strerror(EIO));
}
END_TEST

START_TEST(test_facts_here)
{
	struct lab_facts f;

	/* This process's own facts: its seccomp mode is known, its uid right. */
	lab_facts_read(&f);
	ck_assert_int_ge(f.seccomp, 0);
	ck_assert(f.root == (geteuid() == 0));
}
END_TEST

Suite *
lab_suite(void)
{
	Suite *s = suite_create("lab");
	TCase *tc = tcase_create("refusals");

	tcase_add_test(tc, test_userns_clone);
	tcase_add_test(tc, test_apparmor);
	tcase_add_test(tc, test_container);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_unknown);
	tcase_add_test(tc, test_facts_here);
	suite_add_tcase(s, tc);
	return s;
}
