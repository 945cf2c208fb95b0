/* news.h: the prompt's watch over the descriptors (`set notify on`). */
#ifndef SOCKSHELL_NEWS_H
#define SOCKSHELL_NEWS_H

#include <stdbool.h>

#include "shell.h"

/*
 * While a person types, one line above the prompt when a descriptor has a
 * connection, data, an end of file or an error waiting, each told once.
 * news_look tells what came before the prompt; news_watch(ON) puts the watch
 * in the loop's news slot while the prompt is up (nothing with `set notify off`).
 */
void	news_look(struct shell *);
void	news_watch(struct shell *, bool on);

#endif
