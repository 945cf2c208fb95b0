/*
 * rl.h: GNU Readline, opened with dlopen(3) the first time a person at a
 * terminal wants it, as libpcap is for `trace`: a script, a pipe or -c never
 * loads it (nor libtinfo), so they start sooner and smaller. The names the
 * shell uses call through RLSYM once this header is included.
 */
#ifndef SOCKSHELL_RL_H
#define SOCKSHELL_RL_H

#include <stdbool.h>
#include <stdio.h>

#include <readline/history.h>
#include <readline/readline.h>

#define READLINE_SYMBOLS(X) \
	X(add_history) X(append_history) X(history_base) X(history_get) \
	X(history_length) X(history_truncate_file) X(read_history) \
	X(rl_attempted_completion_function) X(rl_attempted_completion_over) \
	X(rl_bind_key) X(rl_callback_handler_install) \
	X(rl_callback_handler_remove) X(rl_callback_read_char) \
	X(rl_callback_sigcleanup) X(rl_catch_signals) X(rl_catch_sigwinch) \
	X(rl_check_signals) X(rl_clear_visible_line) \
	X(rl_completer_quote_characters) \
	X(rl_completer_word_break_characters) X(rl_completion_matches) \
	X(rl_crlf) X(rl_delete) X(rl_done) X(rl_end) \
	X(rl_filename_completion_function) X(rl_forced_update_display) \
	X(rl_free_line_state) X(rl_insert_text) X(rl_line_buffer) X(rl_mark) \
	X(rl_on_new_line) X(rl_outstream) X(rl_persistent_signal_handlers) \
	X(rl_point) X(rl_readline_name) X(rl_redisplay) X(rl_replace_line) \
	X(stifle_history) X(using_history) X(write_history)

struct readline_symbols {
#define READLINE_POINTER(s) __typeof__(s) *s;
	READLINE_SYMBOLS(READLINE_POINTER)
#undef READLINE_POINTER
};
extern struct readline_symbols	rlsym;

/*
 * Readline opened and every name found (once; later calls say the same).
 * False when it cannot be: WHY, if not NULL, is set to the reason.
 */
bool	readline_open(const char **why);

/* From here on, Readline's names are RLSYM's (not in rl.c, which finds them). */
#ifndef RL_OWN_NAMES
#define add_history			(*rlsym.add_history)
#define append_history			(*rlsym.append_history)
#define history_base			(*rlsym.history_base)
#define history_get			(*rlsym.history_get)
#define history_length			(*rlsym.history_length)
#define history_truncate_file		(*rlsym.history_truncate_file)
#define read_history			(*rlsym.read_history)
#define rl_attempted_completion_function	(*rlsym.rl_attempted_completion_function)
#define rl_attempted_completion_over	(*rlsym.rl_attempted_completion_over)
#define rl_bind_key			(*rlsym.rl_bind_key)
#define rl_callback_handler_install	(*rlsym.rl_callback_handler_install)
#define rl_callback_handler_remove	(*rlsym.rl_callback_handler_remove)
#define rl_callback_read_char		(*rlsym.rl_callback_read_char)
#define rl_callback_sigcleanup		(*rlsym.rl_callback_sigcleanup)
#define rl_catch_signals		(*rlsym.rl_catch_signals)
#define rl_catch_sigwinch		(*rlsym.rl_catch_sigwinch)
#define rl_check_signals		(*rlsym.rl_check_signals)
#define rl_clear_visible_line		(*rlsym.rl_clear_visible_line)
#define rl_completer_quote_characters	(*rlsym.rl_completer_quote_characters)
#define rl_completer_word_break_characters	(*rlsym.rl_completer_word_break_characters)
#define rl_completion_matches		(*rlsym.rl_completion_matches)
#define rl_crlf				(*rlsym.rl_crlf)
#define rl_delete			(*rlsym.rl_delete)
#define rl_done				(*rlsym.rl_done)
#define rl_end				(*rlsym.rl_end)
#define rl_filename_completion_function	(*rlsym.rl_filename_completion_function)
#define rl_forced_update_display	(*rlsym.rl_forced_update_display)
#define rl_free_line_state		(*rlsym.rl_free_line_state)
#define rl_insert_text			(*rlsym.rl_insert_text)
#define rl_line_buffer			(*rlsym.rl_line_buffer)
#define rl_mark				(*rlsym.rl_mark)
#define rl_on_new_line			(*rlsym.rl_on_new_line)
#define rl_outstream			(*rlsym.rl_outstream)
#define rl_persistent_signal_handlers	(*rlsym.rl_persistent_signal_handlers)
#define rl_point			(*rlsym.rl_point)
#define rl_readline_name		(*rlsym.rl_readline_name)
#define rl_redisplay			(*rlsym.rl_redisplay)
#define rl_replace_line			(*rlsym.rl_replace_line)
#define stifle_history			(*rlsym.stifle_history)
#define using_history			(*rlsym.using_history)
#define write_history			(*rlsym.write_history)
#endif

#endif
