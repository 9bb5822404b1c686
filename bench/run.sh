#!/bin/sh
# run.sh - build and run attach-bench: quietstub against gdbserver 13.1,
# side by side, in one run.
#
#   bench/run.sh [ATTACH-BENCH OPTIONS]      e.g. bench/run.sh -r 5 -n 1000,4000
#
# QUIETSTUB (default: ./quietstub from the build directory, the current
# directory) and GDBSERVER (default: /usr/bin/gdbserver) choose the
# stubs; BENCHDIR (default: a new directory under /tmp) is where the
# benchmark and its programs are built.  Run it alone on the machine:
# it measures milliseconds.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
QUIETSTUB=${QUIETSTUB:-$(pwd)/quietstub}
GDBSERVER=${GDBSERVER:-/usr/bin/gdbserver}
BENCHDIR=${BENCHDIR:-$(mktemp -d /tmp/attach-bench.XXXXXX)}
CC=${CC:-gcc}

for s in "$QUIETSTUB" "$GDBSERVER"; do
	[ -x "$s" ] || { echo "run.sh: no stub at $s (set QUIETSTUB / GDBSERVER)" >&2; exit 2; }
done
mkdir -p "$BENCHDIR"
$CC -O2 -Wall -o "$BENCHDIR/attach-bench" "$src/bench/attach-bench.c" \
	"$src/bench/rsp-client-lib.c" "$src/protocol/rsp_hex.c" -I"$src/protocol" -liberty
# The programs as the testsuite builds them.
$CC -g -O0 -pthread -o "$BENCHDIR/perturb" "$src/testsuite/programs/perturb.c"
$CC -g -O0 -pthread -o "$BENCHDIR/manythreads" "$src/testsuite/programs/manythreads.c"
exec "$BENCHDIR/attach-bench" -d "$BENCHDIR" "$@" \
	quietstub="$QUIETSTUB" gdbserver="$GDBSERVER"
