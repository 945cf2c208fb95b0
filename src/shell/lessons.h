/* lessons.h: finding the installed lessons. */
#ifndef SOCKSHELL_LESSONS_H
#define SOCKSHELL_LESSONS_H

#include <stdbool.h>
#include <stddef.h>

struct lesson_list {
	char	**names;	/* "01-tcp-lifecycle", sorted, without ".sock" */
	char	**paths;
	size_t	  n;
	int	  err;		/* a folder could not be read for want of descriptors */
};

/*
 * The lessons in $SOCKSHELL_LESSONS, else $(pkgdatadir)/lessons, else a
 * lessons/ folder beside the binary's own folder (a build in the source tree),
 * else the source tree's (a build outside it). In Korean, each lesson's path
 * is its twin in the ko/ folder beside it, where there is one.
 */
void	lessons_find(struct lesson_list *);
void	lessons_free(struct lesson_list *);
/*
 * The lesson NAME names: its full name, its number ("01"), or a unique prefix
 * of it or of one of its words ("life", "unix"). NULL when none does, or more
 * than one: MANY (when not NULL) gets their names then, joined by ", ".
 */
struct strbuf;
const char *lessons_match(const struct lesson_list *, const char *name,
	    struct strbuf *many);

/* The lesson's title, its first comment line, into BUF; 0, or an errno. */
int	lessons_title(const char *path, char *buf, size_t size);

/*
 * Does the lesson at PATH run in the lab? Its opening comment lines say so:
 * "Run it in the lab: sockshell --lab --step ...".
 */
bool	lessons_wants_lab(const char *path);

/*
 * The Korean twin of the lesson file PATH (DIR/ko/NAME beside it) into BUF,
 * when there is one and PATH is not itself in a ko/ folder: true.
 */
bool	lessons_ko_twin(const char *path, char *buf, size_t size);

#endif
