/* settings.h: the one table of `set` settings: names, values, defaults, help. */
#ifndef SOCKSHELL_SETTINGS_H
#define SOCKSHELL_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum setting_id {
	SETTING_STRSIZE,
	SETTING_NOTIFY,
	SETTING_DATA,
	SETTING_STATES,
	SETTING_LANG,
	SETTING_MAX
};

/* `set data`: what shows received data under the call line. */
enum { DATA_TEXT, DATA_HEX, DATA_OFF };

enum setting_type {
	SETTING_NUMBER,		/* a whole number in [min, max] */
	SETTING_ONOFF,		/* on or off (1 or 0) */
	SETTING_CHOICE,		/* one of choices[], its index */
};

struct setting {
	const char		*name;
	enum setting_type	 type;
	const char *const	*choices;	/* SETTING_CHOICE: NULL-terminated */
	long			 min, max;	/* SETTING_NUMBER */
	long			 dflt;
	const char		*help;		/* one line */
	/* Makes a new value so (the language); false with a reason in ERR. */
	bool			(*apply)(long value, char *err, size_t errlen);
};

/* Every setting, by enum setting_id. */
extern const struct setting setting_table[SETTING_MAX];

/* By name, any case; NULL when there is none. */
const struct setting	*setting_find(const char *);
/*
 * WORD as a value of S, any case: a number, on/off, a choice. Returns false
 * with a one-line reason in ERR.
 */
bool	setting_parse(const struct setting *, const char *word, long *value,
	    char *err, size_t errlen);
/* "strsize 32", "data text": one setting and its value, as `set` shows it. */
void	setting_show(struct strbuf *, const struct setting *, long value);
/* The values a setting takes, for errors and help: "on, off", "text, hex, off", "0..1048576". */
void	setting_values(struct strbuf *, const struct setting *);

#endif
