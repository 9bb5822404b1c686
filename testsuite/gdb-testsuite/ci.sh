#!/bin/bash
# ci.sh - the part of GDB's testsuite that .ci/run runs: the tests of
# ci.list with native-extended-gdbserver, all-stop and non-stop, against
# quietstub and Debian's gdbserver 13.1 in the same run (compare.sh).
#
# Usage: ci.sh BUILDDIR QUIETSTUB
# Prints, as its last line, "gdb-testsuite: N passed, M failed": N the
# PASSes of quietstub, M the tests that pass only with gdbserver (plus
# one if quietstub passed nothing: a run that tests nothing fails).
set -u
if [ $# -ne 2 ]; then
	sed -n '2,9p' "$0"
	exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
build=$1
"$here/compare.sh" -b native-extended-gdbserver -m all-stop,non-stop -t 300 \
	"$build" "$2" "$here/ci.list" >"$build.log" 2>&1
status=$?
report=$1/comparison.txt
cat "$report" 2>/dev/null
passed=0
if [ -s "$report" ]; then
	passed=$(sed -n 's/.*PASS gdbserver [0-9]*, quietstub \([0-9]*\);.*/\1/p' "$report" |
		awk '{ s += $1 } END { print s + 0 }')
fi
failed=$(grep -c '^  - gdbserver only: ' "$report" 2>/dev/null)
failed=${failed:-0}
[ "$passed" -gt 0 ] || failed=$((failed + 1))
[ "$status" -le 1 ] || { echo "compare.sh failed (status $status): see $build.log"; failed=$((failed + 1)); }
echo "gdb-testsuite: $passed passed, $failed failed"
