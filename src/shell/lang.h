/* lang.h: which language the shell's own words are in (English or Korean). */
#ifndef SOCKSHELL_LANG_H
#define SOCKSHELL_LANG_H

#include <stdbool.h>
#include <stddef.h>

/* The languages `set lang` and --lang take, by index: "en", "ko". */
enum { LANG_EN, LANG_KO };
extern const char *const lang_codes[];

/*
 * Once, at start: LC_MESSAGES from the environment (LANG, LC_ALL, LANGUAGE),
 * and the catalogue, installed or in the build tree.
 */
void	lang_init(void);
/* Speak CODE ("en", "ko") from now on; false with a one-line reason in ERR. */
bool	lang_set(const char *code, char *err, size_t errlen);
/* LANG_EN or LANG_KO: the language the words come in now. */
int	lang_current(void);
/*
 * ERR's text in the C library's words for the current language, or NULL in
 * English (the call line already has the C locale's).
 */
const char *lang_strerror(int err);

#endif
