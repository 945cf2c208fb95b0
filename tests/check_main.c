/* check_main.c: the one Check runner; each module's suite is added here. */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "check_suites.h"

int
main(void)
{
	SRunner *sr = srunner_create(NULL);
	int failed;

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

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
