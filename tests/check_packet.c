#include "config.h"
#include "check_suites.h"

Suite *
packet_suite(void)
{
	return suite_create("packet");
}
