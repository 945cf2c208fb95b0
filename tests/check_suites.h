/* check_suites.h: one constructor per module's suite. */
#ifndef SOCKSHELL_CHECK_SUITES_H
#define SOCKSHELL_CHECK_SUITES_H

#include <check.h>

#include "commands.h"

/* ---- core (issue 3) ---- */
Suite	*lexer_suite(void);
Suite	*addr_suite(void);
Suite	*print_suite(void);
Suite	*fdtable_suite(void);
Suite	*xlat_suite(void);
Suite	*cmd_suite(void);

/*
 * What a piece of code writes to stdout and stderr, caught in temporary files
 * at the descriptor level (check_util.c): capture_begin(), run the
 * code, capture_end() gives both as malloc'd, NUL-terminated strings.
 */
struct capture {
	int	 saved_out;
	int	 saved_err;
	void	*out;		/* FILE * */
	void	*err;
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
/* ---- socket-API work (issue 4: data, addresses) ---- */
Suite	*data_suite(void);
/* ---- socket-API work (issue 4: options, state) ---- */
Suite	*sockopt_suite(void);
Suite	*poll_suite(void);
Suite	*ss_suite(void);
Suite	*hints_suite(void);
/* ---- terminal work (issue 5) ---- */
Suite	*complete_suite(void);

#endif
