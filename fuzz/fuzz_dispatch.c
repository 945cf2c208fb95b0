/*
 * fuzz_dispatch.c: libFuzzer harness for one line run on a fresh shell.
 *
 * Each input is one line, as typed at the prompt: run_line() lexes it, finds
 * each command (by name, alias or unique prefix) and makes its real system
 * calls. Then every descriptor the shell holds is closed, and the process
 * must hold exactly the descriptors it held before the line: one more is a
 * leak, one fewer means the shell closed what was not its own. Either is an
 * abort(), so libFuzzer keeps the input as a crash.
 *
 * The calls are real, so the harness is fenced. Each fence is set up once in
 * LLVMFuzzerInitialize, or around each input, and says below why it is there:
 *
 *   1. network:  a new user and network namespace, with only "lo", up;
 *   2. files:    the line runs in a fresh private directory, emptied after
 *                each input; a line with a '/' in any word is not run;
 *   3. commands: a line that names sleep, man, lesson or unlink (whole, as a
 *                unique prefix, or however the shell's own cmd_find takes
 *                it) is not run, and the shell's run_file always refuses;
 *   4. time:     a timer interrupts a call that blocks (accept, read, recv,
 *                connect, poll, a lingering close) as Ctrl-C would;
 *   5. signals:  SIGPIPE is ignored, as the shell itself ignores it.
 *
 * The shell's events go to an in-memory sink, emptied after each input:
 * nothing is printed (with SOCKSHELL_FUZZ_SHOW set in the environment, what
 * a terminal would have shown goes to stderr, to replay an input by hand).
 * A rejected input returns -1: libFuzzer does not keep it.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <net/if.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "lexer.h"
#include "memsink.h"
#include "script.h"
#include "shell.h"
#include "strbuf.h"

/* Descriptors are compared as a bitmap; one at or above this is a finding too. */
#define FD_WATCH_MAX	65536

/* How long a line may run before its blocking call is interrupted. */
#define ALARM_MS_DEFAULT	50
/* Once the first tick came, how often it comes again (see fence 4). */
#define ALARM_REPEAT_MS		10

static struct mem_sink	 sink;
static char		 private_dir[PATH_MAX];
static int		 private_fd = -1;	/* the private directory */
static int		 home_fd = -1;		/* where libFuzzer was started */
static timer_t		 alarm_timer;
static long		 alarm_ms = ALARM_MS_DEFAULT;
static unsigned char	 fds_before[FD_WATCH_MAX / 8], fds_after[FD_WATCH_MAX / 8];
static bool		 show;		/* SOCKSHELL_FUZZ_SHOW: print what the shell said */
static volatile sig_atomic_t ticks;	/* timer ticks during this line */
/* For the line at exit: how the fences shaped the run. */
static unsigned long	 n_run, n_rejected, n_cut;

static void __attribute__((noreturn, format(printf, 1, 2)))
die(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz_dispatch: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

/* ---- fence 1: the network ---- */

static void
write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd == -1)
		die("%s: %s", path, strerror(errno));
	n = write(fd, text, strlen(text));
	if (n != (ssize_t)strlen(text))
		die("writing \"%s\" to %s: %s", text, path,
		    n == -1 ? strerror(errno) : "short write");
	close(fd);
}

/*
 * Every socket the shell makes must live in a network namespace of its own:
 * a fuzzed `connect 10.0.0.1 80` or `sendto 8.8.8.8 53 x` must never leave
 * this machine, and a `bind 22` or a `listen` must never be seen by others.
 * A new user namespace first, so that no privilege is needed; as root in a
 * container that forbids user namespaces, a network namespace alone does.
 * Our uid and gid are mapped to themselves, so the files the shell makes in
 * the private directory (unix sockets) can be made. Then loopback is
 * brought up, and the namespace must hold no other interface: if any of
 * this fails, the harness stops before the first input.
 */
static void
fence_network(void)
{
	uid_t uid = getuid();
	gid_t gid = getgid();
	struct if_nameindex *ifs;
	struct ifreq ifr;
	char map[64];
	int s;

	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0) {
		write_file("/proc/self/setgroups", "deny");
		snprintf(map, sizeof map, "%u %u 1", (unsigned)uid, (unsigned)uid);
		write_file("/proc/self/uid_map", map);
		snprintf(map, sizeof map, "%u %u 1", (unsigned)gid, (unsigned)gid);
		write_file("/proc/self/gid_map", map);
	} else if (unshare(CLONE_NEWNET) != 0) {
		die("cannot enter a network namespace of its own (unshare: %s); "
		    "it will not run on the real network", strerror(errno));
	}

	if ((s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) == -1)
		die("socket: %s", strerror(errno));
	memset(&ifr, 0, sizeof ifr);
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == -1)
		die("SIOCGIFFLAGS lo: %s", strerror(errno));
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) == -1)
		die("cannot bring loopback up in the new namespace "
		    "(SIOCSIFFLAGS lo: %s)", strerror(errno));
	close(s);

	if ((ifs = if_nameindex()) == NULL)
		die("if_nameindex: %s", strerror(errno));
	for (struct if_nameindex *i = ifs; i->if_index != 0; i++)
		if (strcmp(i->if_name, "lo") != 0)
			die("the new network namespace has an interface %s: "
			    "it is not a fresh one", i->if_name);
	if_freenameindex(ifs);
}

/* ---- fence 2: files ---- */

/*
 * Unlink everything in the private directory: the unix sockets that `bind
 * NAME` made. Only files can be there (nothing the shell does makes a
 * directory).
 */
static void
empty_private_dir(void)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if ((fd = openat(private_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		die("%s: %s", private_dir, strerror(errno));
	if ((d = fdopendir(fd)) == NULL)
		die("fdopendir %s: %s", private_dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), de->d_name, 0) == -1)
			die("unlink %s/%s: %s", private_dir, de->d_name,
			    strerror(errno));
	}
	closedir(d);
}

static void
remove_private_dir(void)
{
	if (private_fd == -1)
		return;
	empty_private_dir();
	close(private_fd);
	private_fd = -1;
	rmdir(private_dir);
}

/*
 * libFuzzer writes crash-*, leak-* and timeout-* files to -artifact_prefix,
 * "./" unless told, and it may write them while a line runs, that is, in the
 * private directory. Make the prefix absolute (the directory libFuzzer was
 * started in, as without the harness) before libFuzzer reads its flags.
 */
static void
absolute_artifact_prefix(int *argc, char ***argv)
{
	static const char flag[] = "-artifact_prefix=";
	char cwd[PATH_MAX], **v;
	struct strbuf sb = STRBUF_INIT;
	int i, found = -1;

	if (getcwd(cwd, sizeof cwd) == NULL)
		die("getcwd: %s", strerror(errno));
	for (i = 1; i < *argc; i++) {
		if (strcmp((*argv)[i], "-ignore_remaining_args=1") == 0)
			break;
		if (strncmp((*argv)[i], flag, sizeof flag - 1) == 0)
			found = i;
	}
	if (found != -1 && (*argv)[found][sizeof flag - 1] == '/')
		return;
	sb_add(&sb, flag);
	sb_add(&sb, cwd);
	sb_addc(&sb, '/');
	if (found != -1) {
		sb_add(&sb, (*argv)[found] + sizeof flag - 1);
		(*argv)[found] = sb.s;	/* kept for the whole run */
		return;
	}
	/* A new argv with the flag after the program's name. */
	v = xcalloc((size_t)*argc + 2, sizeof *v);
	v[0] = (*argv)[0];
	v[1] = sb.s;
	for (i = 1; i < *argc; i++)
		v[i + 1] = (*argv)[i];
	*argv = v;
	(*argc)++;
}

/*
 * Move a descriptor of the harness's own up, out of the way: the shell's
 * first socket is then fd3, as in a shell started by hand, so the lessons'
 * lines ("accept fd3") mean in the corpus what they mean in a lesson.
 */
static int
out_of_the_way(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, 1000);

	if (high == -1)		/* a low RLIMIT_NOFILE: keep it where it is */
		return fd;
	close(fd);
	return high;
}

/*
 * A unix socket bound to NAME makes a file NAME, and `unlink NAME` removes
 * one: relative to the working directory. Each line runs with a fresh
 * private directory as its working directory (the harness goes back to
 * where it was started after the line, so libFuzzer's own relative paths
 * keep their meaning), and a line with a '/' in any word is not run (see
 * line_allowed), so no name can reach outside it: not "/etc/passwd", not
 * "../x", not "\x2f" decoded by the lexer either, as the check is made on
 * the words the lexer gives back.
 */
static void
fence_files(void)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	snprintf(private_dir, sizeof private_dir, "%s/sockshell-fuzz-XXXXXX", tmp);
	if (mkdtemp(private_dir) == NULL)
		die("mkdtemp %s: %s", private_dir, strerror(errno));
	if ((private_fd = open(private_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		die("%s: %s", private_dir, strerror(errno));
	if ((home_fd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		die("the working directory: %s", strerror(errno));
	private_fd = out_of_the_way(private_fd);
	home_fd = out_of_the_way(home_fd);
	atexit(remove_private_dir);
}

/* ---- fence 3: commands ---- */

/*
 * Commands a line must not reach: sleep would only waste time (the timer
 * cuts it), man forks man(1), lesson runs a file of commands (and run_file
 * refuses anyway), unlink removes a file. They are found with the shell's own
 * cmd_find, on the words the shell's own lexer makes, so a unique prefix
 * ("sl", "unl", "les", "ma"), an alias, or a name hidden in escapes inside
 * quotes is caught exactly when run_line would run it, and only then.
 */
static const char *const blocked_commands[] = {
	"sleep", "man", "lesson", "unlink", NULL
};

static bool
line_allowed(const uint8_t *data, size_t size)
{
	struct lexed lx;
	char err[256];
	bool ok = true;

	/* What does not lex is only refused by run_line: harmless. */
	if (lex_line((const char *)data, size, &lx, err, sizeof err) == -1)
		return true;
	for (size_t i = 0; i < lx.n && ok; i++) {
		const struct command_words *cw = &lx.cmds[i];
		const struct command *cmd = cmd_find(cw->v[0].s, err, sizeof err);

		for (size_t j = 0; cmd != NULL && blocked_commands[j] != NULL; j++)
			if (strcmp(cmd->name, blocked_commands[j]) == 0)
				ok = false;
		for (size_t j = 0; j < cw->n && ok; j++)
			if (memchr(cw->v[j].s, '/', cw->v[j].len) != NULL)
				ok = false;
	}
	lexed_free(&lx);
	return ok;
}

/* The shell's run_file (used by `lesson`): no file is ever run. */
static int
refuse_file(struct shell *sh, const char *path, bool step)
{
	(void)sh;
	(void)path;
	(void)step;
	errno = EPERM;
	return -1;
}

/* ---- fence 4: time ---- */

static void
on_alarm(int sig)
{
	(void)sig;
	sig_int_pending = 1;
	ticks++;
}

/*
 * A blocking call (accept with no client, read with no data, poll with a
 * long timeout, close with SO_LINGER) would stop the fuzzer. The shell's
 * answer to that is Ctrl-C: the SIGINT handler sets sig_int_pending, the
 * call returns EINTR (no SA_RESTART), and no further blocking call is made
 * in the line. The harness does the same with a timer: ALARM_MS_DEFAULT
 * (50 ms) after the line starts (SOCKSHELL_FUZZ_ALARM_MS overrides it), then
 * every ALARM_REPEAT_MS while the line runs, so that a call entered just
 * after a tick (between the shell's look at sig_int_pending and the call)
 * is cut by the next one. The timer runs on through the closes after the
 * line, as a close with SO_LINGER may wait too.
 *
 * Not SIGALRM and setitimer(ITIMER_REAL): libFuzzer uses those for its own
 * -timeout, which must keep working. A POSIX timer sends SIGRTMIN instead,
 * to a handler installed with sigaction() without SA_RESTART, as the shell
 * installs its own.
 */
static void
fence_time(void)
{
	struct sigevent sev;
	struct sigaction sa;
	const char *env = getenv("SOCKSHELL_FUZZ_ALARM_MS");

	if (env != NULL && (alarm_ms = strtol(env, NULL, 10)) <= 0)
		die("SOCKSHELL_FUZZ_ALARM_MS must be a number of milliseconds");
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: the blocking call returns EINTR */
	sa.sa_handler = on_alarm;
	if (sigaction(SIGRTMIN, &sa, NULL) == -1)
		die("sigaction: %s", strerror(errno));
	memset(&sev, 0, sizeof sev);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGRTMIN;
	if (timer_create(CLOCK_MONOTONIC, &sev, &alarm_timer) == -1)
		die("timer_create: %s", strerror(errno));
}

static void
alarm_set(bool on)
{
	struct itimerspec its;

	memset(&its, 0, sizeof its);
	if (on) {
		its.it_value.tv_sec = alarm_ms / 1000;
		its.it_value.tv_nsec = (alarm_ms % 1000) * 1000000L;
		its.it_interval.tv_nsec = ALARM_REPEAT_MS * 1000000L;
	}
	if (timer_settime(alarm_timer, 0, &its, NULL) == -1)
		die("timer_settime: %s", strerror(errno));
}

/* ---- fence 5: signals ---- */

/*
 * `write` to a peer that closed raises SIGPIPE, which would end the process.
 * The shell ignores it (signals_init); the harness does not call
 * signals_init, which would take SIGINT and SIGTERM from libFuzzer.
 */
static void
fence_signals(void)
{
	signal(SIGPIPE, SIG_IGN);
}

/* ---- descriptors ---- */

/* The open descriptors, as a bitmap; the one reading the list left out. */
static void
open_fds(unsigned char *map)
{
	struct dirent *de;
	DIR *d;
	long fd;
	char *end;

	memset(map, 0, FD_WATCH_MAX / 8);
	if ((d = opendir("/proc/self/fd")) == NULL)
		die("/proc/self/fd: %s", strerror(errno));
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		fd = strtol(de->d_name, &end, 10);
		if (*end != '\0' || fd < 0)
			continue;
		if (fd == dirfd(d))
			continue;
		if (fd >= FD_WATCH_MAX)
			die("descriptor %ld is open: above what is watched", fd);
		map[fd / 8] |= (unsigned char)(1u << (fd % 8));
	}
	closedir(d);
}

static void
check_fds(const uint8_t *data, size_t size)
{
	bool bad = false;

	open_fds(fds_after);
	if (memcmp(fds_before, fds_after, sizeof fds_after) == 0)
		return;
	for (int fd = 0; fd < FD_WATCH_MAX; fd++) {
		bool was = fds_before[fd / 8] & (1u << (fd % 8));
		bool is = fds_after[fd / 8] & (1u << (fd % 8));

		if (was == is)
			continue;
		fprintf(stderr, "fuzz_dispatch: descriptor %d %s\n", fd, is ?
		    "leaked: open after the line and every close" :
		    "was closed by the line, but was not the shell's");
		bad = true;
	}
	if (bad) {
		fprintf(stderr, "fuzz_dispatch: the line (%zu bytes): %.*s\n", size,
		    (int)size, (const char *)data);
		abort();
	}
}

/* Every descriptor in the shell's table must be open. */
static void
check_table(struct shell *sh)
{
	for (const struct fd_entry *e = fd_table_first(&sh->fds); e != NULL;
	    e = fd_table_next(&sh->fds, e))
		if (fcntl(e->fd, F_GETFD) == -1)
			die("the table holds fd%d, which is not open (%s)",
			    e->fd, strerror(errno));
}

static void
say_counts(void)
{
	fprintf(stderr, "fuzz_dispatch: %lu lines run, %lu cut by the timer "
	    "(%ld ms), %lu rejected by the fences\n", n_run, n_cut, alarm_ms,
	    n_rejected);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	absolute_artifact_prefix(argc, argv);
	fence_network();
	fence_files();
	fence_time();
	fence_signals();
	mem_sink_attach(&sink);
	show = getenv("SOCKSHELL_FUZZ_SHOW") != NULL;
	atexit(say_counts);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	struct shell sh;

	if (!line_allowed(data, size)) {
		n_rejected++;
		return -1;
	}
	n_run++;
	ticks = 0;

	open_fds(fds_before);
	shell_init(&sh);
	sh.run_file = refuse_file;
	sig_int_pending = 0;
	sig_quit_pending = 0;

	if (fchdir(private_fd) == -1)
		die("fchdir %s: %s", private_dir, strerror(errno));
	alarm_set(true);
	run_line(&sh, (const char *)data, size);
	check_table(&sh);
	/* Still under the timer: a close with SO_LINGER may wait. */
	shell_close_all(&sh);
	alarm_set(false);
	if (ticks > 0)
		n_cut++;
	if (fchdir(home_fd) == -1)
		die("fchdir back: %s", strerror(errno));

	shell_free(&sh);
	sig_int_pending = 0;
	sig_quit_pending = 0;
	check_fds(data, size);
	empty_private_dir();

	/* What a terminal would have shown: the renderer runs on every event. */
	mem_sink_render(&sink, &out, &err);
	if (show) {
		fprintf(stderr, "---- stdout\n%s---- stderr\n%s----\n",
		    sb_str(&out), sb_str(&err));
	}
	sb_free(&out);
	sb_free(&err);
	mem_sink_clear(&sink);
	return 0;
}
