/* check_main.c: the one Check runner; each module's suite is added here. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "check_suites.h"

/*
 * Check gives each test 4 s by default, a limit a busy or sanitized build can
 * meet with nothing wrong. A test here needs well under a second; the limit
 * only ends one that hangs (a blocking call on a socket that never comes
 * back), so it is set far above that: HANG_LIMIT seconds, as for the script
 * tests, 600 by default. tcase_create() reads CK_DEFAULT_TIMEOUT, so it is set
 * before any suite is made; one given in the environment is kept.
 */
static void
default_timeout(void)
{
	const char *hang = getenv("HANG_LIMIT");

	if (getenv("CK_DEFAULT_TIMEOUT") != NULL)
		return;
	if (hang == NULL || *hang == '\0')
		hang = "600";
	if (setenv("CK_DEFAULT_TIMEOUT", hang, 1) != 0)
		perror("setenv CK_DEFAULT_TIMEOUT");
}

int
main(void)
{
	SRunner *sr;
	int failed;

	default_timeout();
	sr = srunner_create(NULL);
	srunner_add_suite(sr, lexer_suite());
	srunner_add_suite(sr, addr_suite());
	srunner_add_suite(sr, print_suite());
	srunner_add_suite(sr, fdtable_suite());
	srunner_add_suite(sr, xlat_suite());
	srunner_add_suite(sr, cmd_suite());
	srunner_add_suite(sr, data_suite());
	srunner_add_suite(sr, sockopt_suite());
	srunner_add_suite(sr, poll_suite());
	srunner_add_suite(sr, ss_suite());
	srunner_add_suite(sr, hints_suite());
	srunner_add_suite(sr, complete_suite());
	srunner_add_suite(sr, events_suite());
	srunner_add_suite(sr, packet_suite());
	srunner_add_suite(sr, ladder_suite());
	srunner_add_suite(sr, msghdr_suite());
	srunner_add_suite(sr, lab_suite());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
