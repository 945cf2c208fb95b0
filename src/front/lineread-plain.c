/*
 * lineread-plain.c: the line reader without Readline: a prompt, and lines the
 * terminal hands over whole, read while the shell's loop serves its slots.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineread.h"
#include "i18n.h"
#include "linesrc.h"
#include "shell.h"
#include "strbuf.h"
#include "term.h"

#ifdef HAVE_READLINE
/* Built beside Readline: what a terminal gets when Readline cannot be opened. */
#define lr_init		plain_lr_init
#define lr_end		plain_lr_end
#define lr_readline	plain_lr_readline
#define lr_saveline	plain_lr_saveline
#define lr_freeline	plain_lr_freeline
#endif

static const char	*plain_prompt;	/* on the screen while not NULL */
static const char	*plain_prefill;
static struct line_src	 tty;

void
lr_init(void)
{
	tty_quiet_ctrl();
	line_src_init(&tty, STDIN_FILENO, true);
}

void
lr_end(void)
{
	tty_restore();
	line_src_free(&tty);
}

/* The prompt (without the \001 \002 marks only Readline reads), and in step mode the command Enter runs. */
static void
show_prompt(void)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = plain_prompt; *p != '\0'; p++)
		if (*p != '\001' && *p != '\002')
			sb_addc(&sb, *p);
	if (plain_prefill != NULL) {
		sb_add(&sb, plain_prefill);
		sb_add(&sb, _("  (Enter runs it)"));
	}
	term_raw(sb_str(&sb));
	sb_free(&sb);
}

/* No line editing to redraw: what the shell says goes below, the prompt again after it. */
static void
prompt_hide(void)
{
	term_raw("\n");
}

static void
prompt_show(void)
{
	show_prompt();
}

static void
prompt_off(void)
{
	plain_prompt = NULL;
	term_prompt_hooks(NULL, NULL);
}

char *
lr_readline(const char *prompt, const char *prefill)
{
	const char *line;
	size_t len;
	int rc;

	tty_echo(true);
	plain_prompt = prompt;
	plain_prefill = prefill;
	tty.eof = false;	/* Ctrl-D ends a prompt, not the terminal */
	show_prompt();
	term_prompt_hooks(prompt_hide, prompt_show);
	for (;;) {
		if (sig_quit_pending)
			break;
		if (sig_int_pending) {
			/* The terminal already dropped what was typed. */
			sig_int_pending = 0;
			term_raw("^C\n");
			show_prompt();
			continue;
		}
		if ((rc = line_src_next(&tty, &line, &len)) == 1) {
			prompt_off();
			tty_echo(false);
			if (len == 0 && prefill != NULL)
				return xstrdup(prefill);
			return xmemdup(line, len + 1);
		}
		if (rc == -1 && errno == EINTR) {
			tty.eof = false;
			continue;
		}
		break;
	}
	prompt_off();
	term_raw("\n");
	return NULL;
}

void
lr_saveline(const char *line)
{
	(void)line;
}

void
lr_freeline(char *line)
{
	free(line);
}
