#!/bin/sh
# speed.sh - build and run speed-bench: quietstub against gdbserver 13.1,
# side by side, with the raw limits, in one run and one table.
#
#   bench/speed.sh [SPEED-BENCH OPTIONS]      e.g. bench/speed.sh -r 5
#   bench/speed.sh -r 1 -t 0.1 -b 4 -c 200 -N 200 -n 20    (a smoke run)
#
# QUIETSTUB (default: ./quietstub from the build directory, the current
# directory), GDBSERVER (default: /usr/bin/gdbserver) and GDB (default:
# /usr/bin/gdb) choose the programs; BENCHDIR (default: a new directory
# under /tmp) is where the benchmark and its programs are built.  Run it
# alone on the machine: it measures rates.
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
QUIETSTUB=${QUIETSTUB:-$(pwd)/quietstub}
GDBSERVER=${GDBSERVER:-/usr/bin/gdbserver}
GDB=${GDB:-/usr/bin/gdb}
BENCHDIR=${BENCHDIR:-$(mktemp -d /tmp/speed-bench.XXXXXX)}
CC=${CC:-gcc}

for s in "$QUIETSTUB" "$GDBSERVER" "$GDB"; do
	[ -x "$s" ] || { echo "speed.sh: no program at $s (set QUIETSTUB / GDBSERVER / GDB)" >&2; exit 2; }
done
mkdir -p "$BENCHDIR"
$CC -O2 -Wall -o "$BENCHDIR/speed-bench" "$src/bench/speed-bench.c" \
	"$src/bench/rsp-client-lib.c" "$src/protocol/rsp_hex.c" -I"$src/protocol" -liberty
# The programs: -g -O0, as GDB users build them (and the testsuite does).
$CC -g -O0 -o "$BENCHDIR/speed-target" "$src/bench/programs/speed-target.c"
$CC -g -O0 -pthread -o "$BENCHDIR/manythreads" "$src/testsuite/programs/manythreads.c"
exec "$BENCHDIR/speed-bench" -d "$BENCHDIR" -g "$GDB" "$@" \
	quietstub="$QUIETSTUB" gdbserver="$GDBSERVER"
