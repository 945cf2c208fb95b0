/* lessons.c: where lessons live, and which one a name means. */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "lessons.h"
#include "strbuf.h"

#ifndef PKGDATADIR
#define PKGDATADIR "/usr/local/share/sockshell"
#endif

static const char suffix[] = ".sock";

/* Read DIR's *.sock files into the list; false when DIR has none. */
static bool
scan_dir(const char *dir, struct lesson_list *l)
{
	struct dirent **ents;
	int n = scandir(dir, &ents, NULL, alphasort);

	if (n < 0) {
		/* Out of descriptors is worth saying; a folder that is not there is not. */
		if (errno == EMFILE || errno == ENFILE || errno == ENOMEM)
			l->err = errno;
		return false;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		size_t len = strlen(name), sl = sizeof suffix - 1;
		struct strbuf path = STRBUF_INIT;

		if (len > sl && strcmp(name + len - sl, suffix) == 0 &&
		    name[0] != '.') {
			l->names = xrealloc(l->names, (l->n + 1) * sizeof *l->names);
			l->paths = xrealloc(l->paths, (l->n + 1) * sizeof *l->paths);
			l->names[l->n] = xmemdup(name, len - sl + 1);
			l->names[l->n][len - sl] = '\0';
			/* In Korean, the lesson's Korean twin (ko/NAME) where there is one. */
			if (lang_current() == LANG_KO) {
				sb_addf(&path, "%s/ko/%s", dir, name);
				if (access(path.s, R_OK) != 0)
					sb_reset(&path);
			}
			if (path.len == 0)
				sb_addf(&path, "%s/%s", dir, name);
			l->paths[l->n++] = path.s;
		}
		free(ents[i]);
	}
	free(ents);
	return l->n > 0;
}

void
lessons_find(struct lesson_list *l)
{
	const char *env = getenv("SOCKSHELL_LESSONS");
	char exe[PATH_MAX], *slash;
	ssize_t n;

	memset(l, 0, sizeof *l);
	if (env != NULL && *env != '\0') {
		scan_dir(env, l);
		return;
	}
	if (scan_dir(PKGDATADIR "/lessons", l))
		return;
	/* Not installed: src/sockshell in a build tree finds ../lessons. */
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 16)) <= 0)
		return;
	exe[n] = '\0';
	for (int up = 0; up < 2 && (slash = strrchr(exe, '/')) != NULL; up++)
		*slash = '\0';
	strcat(exe, "/lessons");
	if (scan_dir(exe, l))
		return;
#ifdef SRCDIR_LESSONS
	/* A build outside the source tree: the lessons stayed with the source. */
	scan_dir(SRCDIR_LESSONS, l);
#endif
}

void
lessons_free(struct lesson_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->names[i]);
		free(l->paths[i]);
	}
	free(l->names);
	free(l->paths);
	memset(l, 0, sizeof *l);
}

/* Does NAME begin the lesson name N, or one of its words after a '-'? */
static bool
begins_a_word(const char *n, const char *name, size_t len)
{
	for (const char *w = n; w != NULL; w = strchr(w, '-') != NULL ?
	    strchr(w, '-') + 1 : NULL)
		if (strncmp(w, name, len) == 0)
			return true;
	return false;
}

const char *
lessons_match(const struct lesson_list *l, const char *name,
    struct strbuf *many)
{
	const char *found = NULL;
	size_t len = strlen(name), n = 0;

	for (size_t i = 0; i < l->n; i++) {
		const char *dash = strchr(l->names[i], '-');

		if (strcmp(l->names[i], name) == 0)
			return l->paths[i];
		/* "tcp-lifecycle" for "01-tcp-lifecycle" */
		if (dash != NULL && strcmp(dash + 1, name) == 0)
			return l->paths[i];
	}
	/* A unique prefix of the whole name ("01") or of one of its words ("unix"). */
	for (size_t i = 0; i < l->n; i++) {
		if (len == 0 || !begins_a_word(l->names[i], name, len))
			continue;
		if (many != NULL)
			sb_addf(many, "%s%s", n > 0 ? ", " : "", l->names[i]);
		n++;
		found = l->paths[i];
	}
	return n == 1 ? found : NULL;
}

int
lessons_title(const char *path, char *buf, size_t size)
{
	FILE *fp = fopen(path, "re");
	char line[256];
	size_t len;

	buf[0] = '\0';
	if (fp == NULL)
		return errno;
	/* The first comment line, without its "# " (and "Lesson N: ", said by the name). */
	while (fgets(line, sizeof line, fp) != NULL) {
		char *t = line + strspn(line, " \t");

		if (*t != '#')
			continue;
		t += strspn(t + 1, " ") + 1;
		if ((strncmp(t, "Lesson ", 7) == 0 || strncmp(t, "레슨 ", 7) == 0) &&
		    strchr(t, ':') != NULL)
			t = strchr(t, ':') + 1 + (strchr(t, ':')[1] == ' ');
		len = strcspn(t, "\r\n");
		if (len == 0)
			continue;
		snprintf(buf, size, "%.*s", (int)len, t);
		break;
	}
	fclose(fp);
	return 0;
}

bool
lessons_wants_lab(const char *path)
{
	struct stat st;
	char line[512];
	bool lab = false;
	FILE *fp;

	/* A pipe's lines are read once, by the run: its head is not looked at. */
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (fp = fopen(path, "re")) == NULL)
		return false;
	/* The opening comment block only: a command line ends it. */
	while (!lab && fgets(line, sizeof line, fp) != NULL) {
		const char *t = line + strspn(line, " \t");

		if (*t == '\n' || *t == '\0')
			continue;
		if (*t != '#')
			break;
		lab = strstr(t, "sockshell --lab") != NULL;
	}
	fclose(fp);
	return lab;
}

bool
lessons_ko_twin(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/'), *name = slash != NULL ? slash + 1 : path;
	int dirlen = slash != NULL ? (int)(slash - path) : 0;
	int n;

	/* Already a twin: lessons/ko/NAME, or ko/NAME from within lessons/. */
	if (dirlen >= 2 && strncmp(slash - 2, "ko", 2) == 0 &&
	    (dirlen == 2 || slash[-3] == '/'))
		return false;
	n = slash != NULL ? snprintf(buf, size, "%.*s/ko/%s", dirlen, path, name) :
	    snprintf(buf, size, "ko/%s", name);
	return n > 0 && (size_t)n < size && access(buf, R_OK) == 0;
}
