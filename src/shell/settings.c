/* settings.c: one entry per setting drives `set`, its completion, help and the man page. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "lang.h"
#include "settings.h"

static const char *const onoff[] = { "off", "on", NULL };
/* `set lang`: gettext's catalogue from now on. */
static bool
apply_lang(long value, char *err, size_t errlen)
{
	return lang_set(lang_codes[value], err, errlen);
}

static const char *const data_modes[] = {
	[DATA_TEXT] = "text", [DATA_HEX] = "hex", [DATA_OFF] = "off", NULL
};

const struct setting setting_table[SETTING_MAX] = {
	[SETTING_STRSIZE] = {
		.name = "strsize", .type = SETTING_NUMBER, .min = 0, .max = 1L << 20,
		.dflt = 32,
		.help = N_("data past N bytes is cut, ... after the quote, as strace -s (32)"),
	},
	[SETTING_NOTIFY] = {
		.name = "notify", .type = SETTING_ONOFF, .choices = onoff, .dflt = 1,
		.help = N_("at the prompt, a line when a peer connects, sends or closes (on)"),
	},
	[SETTING_DATA] = {
		.name = "data", .type = SETTING_CHOICE, .choices = data_modes,
		.dflt = DATA_TEXT,
		.help = N_("received data under the call line: text when the line cut it, "
		    "hex always, or off (text)"),
	},
	[SETTING_STATES] = {
		.name = "states", .type = SETTING_ONOFF, .choices = onoff, .dflt = 0,
		.help = N_("a line whenever a descriptor's TCP state changes, after a call "
		    "or at the prompt, from TCP_INFO (off)"),
	},
	[SETTING_LANG] = {
		.name = "lang", .type = SETTING_CHOICE, .choices = lang_codes,
		.dflt = LANG_EN,
		.help = N_("the language of the shell's own words: en or ko; call "
		    "lines stay strace's (from the locale)"),
		.apply = apply_lang,
	},
};

const struct setting *
setting_find(const char *name)
{
	for (size_t i = 0; i < SETTING_MAX; i++)
		if (strcasecmp(setting_table[i].name, name) == 0)
			return &setting_table[i];
	return NULL;
}

void
setting_values(struct strbuf *sb, const struct setting *s)
{
	if (s->type == SETTING_NUMBER) {
		sb_addf(sb, "%ld..%ld", s->min, s->max);
		return;
	}
	for (size_t i = 0; s->choices[i] != NULL; i++) {
		/* on/off reads better in that order */
		size_t k = s->type == SETTING_ONOFF ? 1 - i : i;

		sb_add(sb, i ? ", " : "");
		sb_add(sb, s->choices[k]);
	}
}

bool
setting_parse(const struct setting *s, const char *word, long *value, char *err,
    size_t errlen)
{
	struct strbuf names = STRBUF_INIT;
	char *end;
	long v;

	switch (s->type) {
	case SETTING_NUMBER:
		errno = 0;
		v = strtol(word, &end, 10);
		if (*word == '\0' || *end != '\0') {
			snprintf(err, errlen, _("%s is not a number: %s"), s->name, word);
			return false;
		}
		if (errno == ERANGE || v < s->min || v > s->max) {
			snprintf(err, errlen, _("%s out of range: %s (%ld..%ld)"), s->name,
			    word, s->min, s->max);
			return false;
		}
		*value = v;
		return true;
	case SETTING_ONOFF:
		if (strcmp(word, "1") == 0 || strcmp(word, "0") == 0) {
			*value = word[0] == '1';
			return true;
		}
		/* FALLTHROUGH */
	case SETTING_CHOICE:
		for (size_t i = 0; s->choices[i] != NULL; i++) {
			if (strcasecmp(s->choices[i], word) == 0) {
				*value = (long)i;
				return true;
			}
		}
		setting_values(&names, s);
		snprintf(err, errlen, _("%s takes %s, not %s"), s->name, sb_str(&names),
		    word);
		sb_free(&names);
		return false;
	}
	return false;
}

void
setting_show(struct strbuf *sb, const struct setting *s, long value)
{
	if (s->type == SETTING_NUMBER)
		sb_addf(sb, "%s %ld", s->name, value);
	else
		sb_addf(sb, "%s %s", s->name, s->choices[value]);
}
