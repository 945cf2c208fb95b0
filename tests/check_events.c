/* check_events.c: the emitter and its sinks. */
#include "config.h"

#include <check.h>

#include "check_suites.h"

Suite *
events_suite(void)
{
	return suite_create("events");
}
