#!/bin/bash
# compare.sh - run a list of GDB's own tests against quietstub and against
# Debian's gdbserver 13.1, with each board in all-stop and in non-stop
# mode, and list the differences: every test that passes with gdbserver
# and not with quietstub (a regression), and the reverse.
#
# Usage: compare.sh [-b BOARDS] [-m MODES] [-t SECONDS] BUILDDIR QUIETSTUB LIST|TEST.exp...
#   BUILDDIR   outside the repository: GDB's source is unpacked there once,
#              results go to BUILDDIR/<stub>/<board>/<mode>/<test>/
#   QUIETSTUB  the quietstub binary; gdbserver is $GDBSERVER
#              (default /usr/bin/gdbserver)
#   LIST       a file of test names (gdb.base/break.exp ...; '#' comments),
#              or the tests themselves
#   -b BOARDS  comma-separated (default: native-gdbserver,
#              native-extended-gdbserver,native-stdio-gdbserver)
#   -m MODES   comma-separated: all-stop, non-stop (default both)
#   -t SECONDS time limit of one .exp (default 300)
# Writes BUILDDIR/comparison.txt (also printed): per board and mode, the
# PASS counts of both stubs and the test names that differ.  A test that
# passes only with gdbserver has its .exp run again with gdbserver (up to
# twice more): if gdbserver fails it then, the test is timing-dependent
# in GDB itself and is listed as such, not as a regression.  If
# gdbserver passes it each time, quietstub runs it once more: passing
# then, it is listed as timing-dependent too (GDB tests that race a
# second thread's report against the prompt fail at random with both
# stubs, not always in the same variant); failing again, it counts.
# Exit status: 0 when nothing passes with gdbserver and not with quietstub.
set -u
export LC_ALL=C

boards=native-gdbserver,native-extended-gdbserver,native-stdio-gdbserver
modes=all-stop,non-stop
limit=300
while getopts b:m:t: opt; do
	case $opt in
	b) boards=$OPTARG ;;
	m) modes=$OPTARG ;;
	t) limit=$OPTARG ;;
	*) sed -n '2,25p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 3 ]; then
	sed -n '2,25p' "$0"
	exit 2
fi
build=$1
quietstub=$2
shift 2
gdbserver=${GDBSERVER:-/usr/bin/gdbserver}
here=$(cd "$(dirname "$0")" && pwd)

tests=()
for a in "$@"; do
	if [ -f "$a" ] && [[ $a != *.exp ]]; then
		while read -r t _; do
			[[ -z $t || $t == \#* ]] || tests+=("$t")
		done <"$a"
	else
		tests+=("$a")
	fi
done
[ ${#tests[@]} -gt 0 ] || { echo "compare: no tests" >&2; exit 2; }
mkdir -p "$build" || exit 2
build=$(cd "$build" && pwd -P)

mode_flags() {
	case $1 in
	non-stop) echo '-iex "set non-stop on" -iex "maint set target-non-stop on"' ;;
	*) echo "" ;;
	esac
}

# passes DIR: "test-file<TAB>test name" of every PASS under DIR, sorted
# (a name repeated in one file stays repeated, so counts compare).
passes() {
	find "$1" -name gdb.sum -exec grep -h '^PASS: ' {} + 2>/dev/null |
		sed 's/^PASS: //' | sort
}

# run_stub BOARD MODE RESULTS STUB TEST...: the tests with one stub.
run_stub() {
	local board=$1 mode=$2 results=$3 bin=$4
	shift 4
	"$here/run-subset.sh" -b "$board" -t "$limit" -f "$(mode_flags "$mode")" \
		-r "$results" "$build" "$bin" "$@"
}

# rerun BOARD MODE LABEL STUB NAMES: run the .exp files of NAMES (one
# test a line) again with STUB, results in $build/LABEL; prints the
# names that pass now.
rerun() {
	local board=$1 mode=$2 label=$3 bin=$4 names=$5 files
	local dir=$build/$label/$board/$mode
	files=$(printf '%s\n' "$names" | sed 's/\.exp: .*/.exp/' | sort -u)
	rm -rf "$dir"
	echo "== $label, $board, $mode" >&2
	# shellcheck disable=SC2086 # one test file a word
	run_stub "$board" "$mode" "$dir" "$bin" $files >&2
	passes "$dir" | comm -12 <(printf '%s\n' "$names") -
}

# lines TEXT: the lines of TEXT that are not empty.
lines() {
	printf '%s\n' "$1" | grep . || true
}

# recheck BOARD MODE NAMES: of NAMES (passes only with gdbserver, one a
# line), print those that gdbserver passes again in each of two more
# runs of their .exp files and quietstub fails again in one more; the
# others are added to $build/flaky (gdbserver failed) or
# $build/flaky-q (quietstub passed).
recheck() {
	local board=$1 mode=$2 names=$3 round again
	for round in 1 2; do
		[ -n "$names" ] || break
		again=$(rerun "$board" "$mode" "gdbserver-rerun$round" "$gdbserver" "$names")
		lines "$names" | comm -23 - <(lines "$again") >>"$build/flaky"
		names=$again
	done
	if [ -n "$names" ]; then
		again=$(rerun "$board" "$mode" quietstub-rerun "$quietstub" "$names")
		lines "$again" >>"$build/flaky-q"
		names=$(lines "$names" | comm -23 - <(lines "$again"))
	fi
	lines "$names"
}

report=$build/comparison.txt
: >"$report"
regressions=0
for board in ${boards//,/ }; do
	for mode in ${modes//,/ }; do
		for stub in gdbserver quietstub; do
			bin=$gdbserver
			[ $stub = quietstub ] && bin=$quietstub
			echo "== $stub, $board, $mode"
			run_stub "$board" "$mode" "$build/$stub/$board/$mode" \
				"$bin" "${tests[@]}"
		done
		g=$build/gdbserver/$board/$mode
		q=$build/quietstub/$board/$mode
		passes "$g" >"$build/g.pass"
		passes "$q" >"$build/q.pass"
		worse=$(comm -23 "$build/g.pass" "$build/q.pass")
		better=$(comm -13 "$build/g.pass" "$build/q.pass")
		: >"$build/flaky"
		: >"$build/flaky-q"
		[ -n "$worse" ] && worse=$(recheck "$board" "$mode" "$worse")
		nw=$(printf '%s' "$worse" | grep -c .)
		nb=$(printf '%s' "$better" | grep -c .)
		regressions=$((regressions + nw))
		{
			echo "$board, $mode: PASS gdbserver $(grep -c . "$build/g.pass")," \
				"quietstub $(grep -c . "$build/q.pass");" \
				"passing only with gdbserver: $nw; only with quietstub: $nb"
			[ "$nw" -gt 0 ] && printf '%s\n' "$worse" | sed 's/^/  - gdbserver only: /'
			[ "$nb" -gt 0 ] && printf '%s\n' "$better" | sed 's/^/  + quietstub only: /'
			sed 's/^/  ~ failed with gdbserver too when run again: /' "$build/flaky"
			sed 's/^/  ~ passed with quietstub when run again: /' "$build/flaky-q"
		} >>"$report"
		rm -f "$build/g.pass" "$build/q.pass" "$build/flaky" "$build/flaky-q"
	done
done
echo
cat "$report"
echo "regressions: $regressions (details in $build/<stub>/<board>/<mode>/<test>/gdb.log)"
[ "$regressions" -eq 0 ]
