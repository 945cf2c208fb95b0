/* lessons.h: finding the installed lessons. */
#ifndef SOCKSHELL_LESSONS_H
#define SOCKSHELL_LESSONS_H

#include <stddef.h>

struct lesson_list {
	char	**names;	/* "01-tcp-lifecycle", sorted, without ".sock" */
	char	**paths;
	size_t	  n;
};

/*
 * The lessons in $SOCKSHELL_LESSONS, else $(pkgdatadir)/lessons, else a
 * lessons/ folder beside the binary's own folder (a build in the source tree),
 * else the source tree's (a build outside it).
 */
void	lessons_find(struct lesson_list *);
void	lessons_free(struct lesson_list *);
/*
 * The lesson NAME names: its full name, its number ("01"), or a unique prefix
 * of it or of its words ("tcp").
 */
const char *lessons_match(const struct lesson_list *, const char *name);

#endif
