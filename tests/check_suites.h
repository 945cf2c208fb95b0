/* check_suites.h: one constructor per module's suite. */
#ifndef SOCKSHELL_CHECK_SUITES_H
#define SOCKSHELL_CHECK_SUITES_H

#include <check.h>

#include "commands.h"
#include "memsink.h"

Suite	*lexer_suite(void);
Suite	*addr_suite(void);
Suite	*print_suite(void);
Suite	*fdtable_suite(void);
Suite	*xlat_suite(void);
Suite	*cmd_suite(void);

/*
 * What a piece of code says, read from the in-memory sink (check_util.c):
 * capture_begin(), run the code, capture_end() gives what the terminal would
 * show on stdout and on stderr, as malloc'd, NUL-terminated strings; the
 * events themselves are in SINK until then.
 */
struct capture {
	struct mem_sink	 sink;
};
void	capture_begin(struct capture *);
void	capture_end(struct capture *, char **out, char **err);
/* The number of '\n'-terminated lines in S. */
int	count_lines(const char *);
struct shell;
/* Run the one command in LINE; what it printed to stdout and stderr (malloc'd). */
enum cmd_retval	run(struct shell *, const char *line, char **out, char **err);
/* LINE is refused: one line on stderr holding WHAT, nothing on stdout. */
void	run_refused(struct shell *, const char *line, const char *what);
/* Close every descriptor without a word on the terminal, and free the shell. */
void	quiet_close(struct shell *);
Suite	*data_suite(void);
Suite	*sockopt_suite(void);
Suite	*poll_suite(void);
Suite	*ss_suite(void);
Suite	*hints_suite(void);
Suite	*complete_suite(void);
Suite	*events_suite(void);
Suite	*packet_suite(void);
Suite	*ladder_suite(void);
Suite	*msghdr_suite(void);
Suite	*lab_suite(void);

#endif
