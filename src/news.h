/* news.h: the prompt's watch over the descriptors (`set notify on`). */
#ifndef SOCKSHELL_NEWS_H
#define SOCKSHELL_NEWS_H

#include "lineread.h"
#include "shell.h"

/*
 * The watch to hand lr_readline, or NULL when `set notify off`: while a person
 * types, one line above the prompt when a descriptor has a connection, data, an
 * end of file or an error waiting, each told once.
 */
const struct lr_watch	*news_watch(struct shell *);

#endif
