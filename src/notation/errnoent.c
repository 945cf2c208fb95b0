/*
 * errnoent.c: errno names from a table of the shell's own, as strace ships
 * its own, so the names do not depend on the C library; the message in a call
 * line is the C locale's, whatever LANG says, so call lines stay strace's.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "xlat.h"

/* Every errno Linux defines, by value; aliases (EWOULDBLOCK, ENOTSUP) below. */
static const struct xlat errnoent[] = {
#ifdef EPERM
	XLAT(EPERM),
#endif
#ifdef ENOENT
	XLAT(ENOENT),
#endif
#ifdef ESRCH
	XLAT(ESRCH),
#endif
#ifdef EINTR
	XLAT(EINTR),
#endif
#ifdef EIO
	XLAT(EIO),
#endif
#ifdef ENXIO
	XLAT(ENXIO),
#endif
#ifdef E2BIG
	XLAT(E2BIG),
#endif
#ifdef ENOEXEC
	XLAT(ENOEXEC),
#endif
#ifdef EBADF
	XLAT(EBADF),
#endif
#ifdef ECHILD
	XLAT(ECHILD),
#endif
#ifdef EAGAIN
	XLAT(EAGAIN),
#endif
#ifdef ENOMEM
	XLAT(ENOMEM),
#endif
#ifdef EACCES
	XLAT(EACCES),
#endif
#ifdef EFAULT
	XLAT(EFAULT),
#endif
#ifdef ENOTBLK
	XLAT(ENOTBLK),
#endif
#ifdef EBUSY
	XLAT(EBUSY),
#endif
#ifdef EEXIST
	XLAT(EEXIST),
#endif
#ifdef EXDEV
	XLAT(EXDEV),
#endif
#ifdef ENODEV
	XLAT(ENODEV),
#endif
#ifdef ENOTDIR
	XLAT(ENOTDIR),
#endif
#ifdef EISDIR
	XLAT(EISDIR),
#endif
#ifdef EINVAL
	XLAT(EINVAL),
#endif
#ifdef ENFILE
	XLAT(ENFILE),
#endif
#ifdef EMFILE
	XLAT(EMFILE),
#endif
#ifdef ENOTTY
	XLAT(ENOTTY),
#endif
#ifdef ETXTBSY
	XLAT(ETXTBSY),
#endif
#ifdef EFBIG
	XLAT(EFBIG),
#endif
#ifdef ENOSPC
	XLAT(ENOSPC),
#endif
#ifdef ESPIPE
	XLAT(ESPIPE),
#endif
#ifdef EROFS
	XLAT(EROFS),
#endif
#ifdef EMLINK
	XLAT(EMLINK),
#endif
#ifdef EPIPE
	XLAT(EPIPE),
#endif
#ifdef EDOM
	XLAT(EDOM),
#endif
#ifdef ERANGE
	XLAT(ERANGE),
#endif
#ifdef EDEADLK
	XLAT(EDEADLK),
#endif
#ifdef ENAMETOOLONG
	XLAT(ENAMETOOLONG),
#endif
#ifdef ENOLCK
	XLAT(ENOLCK),
#endif
#ifdef ENOSYS
	XLAT(ENOSYS),
#endif
#ifdef ENOTEMPTY
	XLAT(ENOTEMPTY),
#endif
#ifdef ELOOP
	XLAT(ELOOP),
#endif
#ifdef ENOMSG
	XLAT(ENOMSG),
#endif
#ifdef EIDRM
	XLAT(EIDRM),
#endif
#ifdef ECHRNG
	XLAT(ECHRNG),
#endif
#ifdef EL2NSYNC
	XLAT(EL2NSYNC),
#endif
#ifdef EL3HLT
	XLAT(EL3HLT),
#endif
#ifdef EL3RST
	XLAT(EL3RST),
#endif
#ifdef ELNRNG
	XLAT(ELNRNG),
#endif
#ifdef EUNATCH
	XLAT(EUNATCH),
#endif
#ifdef ENOCSI
	XLAT(ENOCSI),
#endif
#ifdef EL2HLT
	XLAT(EL2HLT),
#endif
#ifdef EBADE
	XLAT(EBADE),
#endif
#ifdef EBADR
	XLAT(EBADR),
#endif
#ifdef EXFULL
	XLAT(EXFULL),
#endif
#ifdef ENOANO
	XLAT(ENOANO),
#endif
#ifdef EBADRQC
	XLAT(EBADRQC),
#endif
#ifdef EBADSLT
	XLAT(EBADSLT),
#endif
#ifdef EBFONT
	XLAT(EBFONT),
#endif
#ifdef ENOSTR
	XLAT(ENOSTR),
#endif
#ifdef ENODATA
	XLAT(ENODATA),
#endif
#ifdef ETIME
	XLAT(ETIME),
#endif
#ifdef ENOSR
	XLAT(ENOSR),
#endif
#ifdef ENONET
	XLAT(ENONET),
#endif
#ifdef ENOPKG
	XLAT(ENOPKG),
#endif
#ifdef EREMOTE
	XLAT(EREMOTE),
#endif
#ifdef ENOLINK
	XLAT(ENOLINK),
#endif
#ifdef EADV
	XLAT(EADV),
#endif
#ifdef ESRMNT
	XLAT(ESRMNT),
#endif
#ifdef ECOMM
	XLAT(ECOMM),
#endif
#ifdef EPROTO
	XLAT(EPROTO),
#endif
#ifdef EMULTIHOP
	XLAT(EMULTIHOP),
#endif
#ifdef EDOTDOT
	XLAT(EDOTDOT),
#endif
#ifdef EBADMSG
	XLAT(EBADMSG),
#endif
#ifdef EOVERFLOW
	XLAT(EOVERFLOW),
#endif
#ifdef ENOTUNIQ
	XLAT(ENOTUNIQ),
#endif
#ifdef EBADFD
	XLAT(EBADFD),
#endif
#ifdef EREMCHG
	XLAT(EREMCHG),
#endif
#ifdef ELIBACC
	XLAT(ELIBACC),
#endif
#ifdef ELIBBAD
	XLAT(ELIBBAD),
#endif
#ifdef ELIBSCN
	XLAT(ELIBSCN),
#endif
#ifdef ELIBMAX
	XLAT(ELIBMAX),
#endif
#ifdef ELIBEXEC
	XLAT(ELIBEXEC),
#endif
#ifdef EILSEQ
	XLAT(EILSEQ),
#endif
#ifdef ERESTART
	XLAT(ERESTART),
#endif
#ifdef ESTRPIPE
	XLAT(ESTRPIPE),
#endif
#ifdef EUSERS
	XLAT(EUSERS),
#endif
#ifdef ENOTSOCK
	XLAT(ENOTSOCK),
#endif
#ifdef EDESTADDRREQ
	XLAT(EDESTADDRREQ),
#endif
#ifdef EMSGSIZE
	XLAT(EMSGSIZE),
#endif
#ifdef EPROTOTYPE
	XLAT(EPROTOTYPE),
#endif
#ifdef ENOPROTOOPT
	XLAT(ENOPROTOOPT),
#endif
#ifdef EPROTONOSUPPORT
	XLAT(EPROTONOSUPPORT),
#endif
#ifdef ESOCKTNOSUPPORT
	XLAT(ESOCKTNOSUPPORT),
#endif
#ifdef EOPNOTSUPP
	XLAT(EOPNOTSUPP),
#endif
#ifdef EPFNOSUPPORT
	XLAT(EPFNOSUPPORT),
#endif
#ifdef EAFNOSUPPORT
	XLAT(EAFNOSUPPORT),
#endif
#ifdef EADDRINUSE
	XLAT(EADDRINUSE),
#endif
#ifdef EADDRNOTAVAIL
	XLAT(EADDRNOTAVAIL),
#endif
#ifdef ENETDOWN
	XLAT(ENETDOWN),
#endif
#ifdef ENETUNREACH
	XLAT(ENETUNREACH),
#endif
#ifdef ENETRESET
	XLAT(ENETRESET),
#endif
#ifdef ECONNABORTED
	XLAT(ECONNABORTED),
#endif
#ifdef ECONNRESET
	XLAT(ECONNRESET),
#endif
#ifdef ENOBUFS
	XLAT(ENOBUFS),
#endif
#ifdef EISCONN
	XLAT(EISCONN),
#endif
#ifdef ENOTCONN
	XLAT(ENOTCONN),
#endif
#ifdef ESHUTDOWN
	XLAT(ESHUTDOWN),
#endif
#ifdef ETOOMANYREFS
	XLAT(ETOOMANYREFS),
#endif
#ifdef ETIMEDOUT
	XLAT(ETIMEDOUT),
#endif
#ifdef ECONNREFUSED
	XLAT(ECONNREFUSED),
#endif
#ifdef EHOSTDOWN
	XLAT(EHOSTDOWN),
#endif
#ifdef EHOSTUNREACH
	XLAT(EHOSTUNREACH),
#endif
#ifdef EALREADY
	XLAT(EALREADY),
#endif
#ifdef EINPROGRESS
	XLAT(EINPROGRESS),
#endif
#ifdef ESTALE
	XLAT(ESTALE),
#endif
#ifdef EUCLEAN
	XLAT(EUCLEAN),
#endif
#ifdef ENOTNAM
	XLAT(ENOTNAM),
#endif
#ifdef ENAVAIL
	XLAT(ENAVAIL),
#endif
#ifdef EISNAM
	XLAT(EISNAM),
#endif
#ifdef EREMOTEIO
	XLAT(EREMOTEIO),
#endif
#ifdef EDQUOT
	XLAT(EDQUOT),
#endif
#ifdef ENOMEDIUM
	XLAT(ENOMEDIUM),
#endif
#ifdef EMEDIUMTYPE
	XLAT(EMEDIUMTYPE),
#endif
#ifdef ECANCELED
	XLAT(ECANCELED),
#endif
#ifdef ENOKEY
	XLAT(ENOKEY),
#endif
#ifdef EKEYEXPIRED
	XLAT(EKEYEXPIRED),
#endif
#ifdef EKEYREVOKED
	XLAT(EKEYREVOKED),
#endif
#ifdef EKEYREJECTED
	XLAT(EKEYREJECTED),
#endif
#ifdef EOWNERDEAD
	XLAT(EOWNERDEAD),
#endif
#ifdef ENOTRECOVERABLE
	XLAT(ENOTRECOVERABLE),
#endif
#ifdef ERFKILL
	XLAT(ERFKILL),
#endif
#ifdef EHWPOISON
	XLAT(EHWPOISON),
#endif
	XLAT_END
};

/*
 * The kernel's own codes past the C library's (include/linux/errno.h) that
 * a call can still return; strace names them, and strerror knows none.
 */
static const struct xlat errno_kernel[] = {
	{ 515, "ENOIOCTLCMD" },
	{ 517, "EPROBE_DEFER" },
	{ 518, "EOPENSTALE" },
	{ 521, "EBADHANDLE" },
	{ 522, "ENOTSYNC" },
	{ 523, "EBADCOOKIE" },
	{ 524, "ENOTSUPP" },
	{ 525, "ETOOSMALL" },
	{ 526, "ESERVERFAULT" },
	{ 527, "EBADTYPE" },
	{ 528, "EJUKEBOX" },
	{ 529, "EIOCBQUEUED" },
	{ 530, "ERECALLCONFLICT" },
	XLAT_END
};

/* Other spellings of the same values, which a learner may type. */
static const struct xlat errno_aliases[] = {
	XLAT(EWOULDBLOCK),
	XLAT(ENOTSUP),
	XLAT(EDEADLOCK),
	XLAT_END
};

const char *
errno_name(int err)
{
	static char buf[32];
	const char *name = errno_known(err);

	if (name != NULL)
		return name;
	snprintf(buf, sizeof buf, "E%d", err);
	return buf;
}

const char *
errno_known(int err)
{
	const char *name = xlat_name(errnoent, err);

	return name != NULL ? name : xlat_name(errno_kernel, err);
}

int
errno_parse(const char *name)
{
	for (const struct xlat *x = errnoent; x->name != NULL; x++)
		if (strcasecmp(x->name, name) == 0)
			return (int)x->val;
	for (const struct xlat *x = errno_aliases; x->name != NULL; x++)
		if (strcasecmp(x->name, name) == 0)
			return (int)x->val;
	for (const struct xlat *x = errno_kernel; x->name != NULL; x++)
		if (strcasecmp(x->name, name) == 0)
			return (int)x->val;
	return 0;
}

const char *
errno_near(const char *name)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (const struct xlat *x = errnoent; x->name != NULL; x++) {
		size_t d = edit_distance(name, x->name);

		if (d < best_d) {
			best_d = d;
			best = x->name;
		}
	}
	return best;
}

const char *
errno_message(int err)
{
	static locale_t c_locale;

	if (c_locale == (locale_t)0)
		c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	if (c_locale == (locale_t)0)
		return strerror(err);
	return strerror_l(err, c_locale);
}

size_t
errno_count(void)
{
	return sizeof errnoent / sizeof errnoent[0] - 1;
}

const char *
errno_name_at(size_t i, int *err)
{
	if (i >= errno_count())
		return NULL;
	*err = (int)errnoent[i].val;
	return errnoent[i].name;
}
