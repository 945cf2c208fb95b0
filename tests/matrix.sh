#!/usr/bin/env bash
# matrix.sh SRCDIR: the other builds CI runs, each from scratch in its own folder
# (SRCDIR must be unconfigured: `make check-matrix` passes it a fresh distdir):
#   sanitize    -fsanitize=address,undefined, the whole test suite must stay clean
#   clang       the same sanitizers with clang, whose UBSan sees what GCC's does not
#   noreadline  ./configure --without-readline --without-pcap: the plain line
#               reader and no capture (trace says so); the whole suite must pass
#   fuzz        the libFuzzer harnesses, a short fixed run each (make fuzz-check)
set -euo pipefail
srcdir=$(cd "${1:?usage: matrix.sh SRCDIR}" && pwd)
top=$(pwd)
status=0

run() {
	local name=$1; shift
	local dir="$top/matrix-$name"
	echo "=== matrix: $name ==="
	rm -rf "$dir"
	mkdir -p "$dir"
	if (cd "$dir" && "$srcdir/configure" -q --enable-werror "$@" &&
	    make -j2 -s >/dev/null && make -j2 check); then
		echo "=== matrix: $name: ok ==="
	else
		echo "=== matrix: $name: FAILED (logs in $dir) ==="
		status=1
	fi
}

export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leaks are checked by valgrind in tests/scripts/valgrind.sh; LeakSanitizer cannot
# run under strace's ptrace, which some tests use.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
# The sanitized builds without link-time optimization: it would only slow
# their links; the default build and noreadline's have it.
SOCKSHELL_SANITIZED=1 run sanitize --disable-lto \
	CFLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
if command -v clang > /dev/null 2>&1; then
	SOCKSHELL_SANITIZED=1 run clang --disable-lto CC=clang \
		CFLAGS="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
else
	echo "=== matrix: clang: FAILED (clang is not installed: apt-get install clang) ==="
	status=1
fi
run noreadline --without-readline --without-pcap

# The libFuzzer harnesses (fuzz/): built with clang, each run a short fixed
# number of times from the seed corpus; any crash or leak fails.
fuzz() {
	local dir="$top/matrix-fuzz"
	echo "=== matrix: fuzz ==="
	rm -rf "$dir"
	mkdir -p "$dir"
	if (cd "$dir" && "$srcdir/configure" -q --enable-werror --enable-fuzzing CC=clang &&
	    make -j2 -s >/dev/null && make -s fuzz-check); then
		echo "=== matrix: fuzz: ok ==="
	else
		echo "=== matrix: fuzz: FAILED (logs in $dir) ==="
		status=1
	fi
}
fuzz
exit $status
