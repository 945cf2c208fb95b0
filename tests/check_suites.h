/* check_suites.h: one constructor per module's suite. */
#ifndef SOCKSHELL_CHECK_SUITES_H
#define SOCKSHELL_CHECK_SUITES_H

#include <check.h>

/* ---- core (issue 3) ---- */
/* ---- socket-API work (issue 4: data, addresses) ---- */
/* ---- socket-API work (issue 4: options, state) ---- */
/* ---- terminal work (issue 5) ---- */

#endif
