#include "config.h"
#include "check_suites.h"

Suite *
ladder_suite(void)
{
	return suite_create("ladder");
}
