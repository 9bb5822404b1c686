#!/bin/bash
# check.sh ARCH WORKDIR - quietstub on a real Linux kernel of the Debian
# architecture ARCH under qemu-system, side by side with Debian's
# gdbserver of that architecture in the same guest: cross-builds
# quietstub and the test programs, boots the guest (guest.sh, boot.sh)
# with both stubs in --multi mode, and drives gdb-multiarch over the
# forwarded TCP ports (127.0.0.1 only): break, arguments, registers
# with the values the program put there, backtrace, finish, stepi,
# memory write, a hardware watchpoint (where the machine has them), the
# register layout and values compared with gdbserver's; then attach to
# a running program with blocked threads, interrupt, continue, detach,
# and the program's own count of early returns and EINTRs; then a
# session over the emulated UART.  On arm64, an AArch32 program and the
# SVE registers too.  Prints PASS/FAIL lines and, last,
# "check-cross ARCH: N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
. "$here/debian-arch.sh"
arch=$1 work=$2
debian_arch "$arch" || exit 1
root=${QS_CROSS_CACHE:-/var/cache/quietstub-cross}/$arch/root
# What differs between the machines: where the first two arguments are
# (ARGS, a GDB command that shows them, ARGS_SEEN what it prints, WHERE
# its name; i386 passes them on the stack), the thread pointer (i386's
# is the gs selector), the UART, whether the kernel can
# single-step for ptrace, and whether the hardware has breakpoints and
# watchpoints quietstub can use (RISC-V's ptrace has none; a software
# watchpoint would single-step the whole program), and whether Debian's
# gdbserver takes a hardware breakpoint there (REF_HBREAK: on armhf it
# refuses a Thumb one with E01, and its session does not recover).
# UNCOMPARED:
# registers left out of the comparison of values with gdbserver's: on
# riscv64 s11, left there by the C library's start-up, differs from run
# to run under either stub, seldom enough that two gdbserver runs may
# agree on it; gdbserver does not read armhf's tpidruro.  AS_COMPARED:
# a sed script for the registers before the comparison: on an arm64 CPU
# without SSBS the kernel sets cpsr's SSBS bit when it switches to the
# task, so whether it shows depends on scheduling (the other flags are
# compared).
as_compared=
case "$arch" in
arm64) args="x0 x1" tls='$tpidr' uart=ttyAMA0 hw_points=yes ref_hbreak=yes single_step=yes uncompared=
	as_compared='s/^(cpsr +)0x[0-9a-f]+ +/\1/; s/ SSBS / /' ;;
armhf) args="r0 r1" tls='$tpidruro' uart=ttyAMA0 hw_points=yes ref_hbreak= single_step= uncompared=tpidruro ;;
riscv64) args="a0 a1" tls='$tp' uart=ttyS0 hw_points= ref_hbreak= single_step= uncompared=s11 ;;
i386) args= tls='$gs' uart=ttyS0 hw_points=yes ref_hbreak=yes single_step=yes uncompared= ;;
*) echo "check: no checks for $arch yet" >&2; exit 1 ;;
esac
if [ -n "$args" ]; then
	where="${args/ / and } hold" args_seen="^${args#* }[[:space:]]+0x55667788[[:space:]]"
	args="info registers $args"
else
	where="the stack above ebp holds" args='x/2xw $ebp + 8'
	args_seen='0x11223344[[:space:]]+0x55667788$'
fi
# A hardware watchpoint that main's store to counter after combine()
# returns triggers, then a hardware breakpoint on main's last line
# (where no earlier stop has left the PC).
end_line=$(grep -n 'LINE: end' "$src/testsuite/programs/wide.c" | cut -d: -f1)
hw_watch=(-ex "watch counter" -ex "continue" -ex "delete")
hw_break=(-ex "hbreak wide.c:$end_line" -ex "continue" -ex "delete")
hw=() hw_ref=()
if [ -n "$hw_points" ]; then
	hw=("${hw_watch[@]}" "${hw_break[@]}")
	hw_ref=("${hw_watch[@]}")
	[ -n "$ref_hbreak" ] && hw_ref=("${hw[@]}")
fi
passed=0 failed=0
pass() { echo "PASS: $arch: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $arch: $1"; failed=$((failed + 1)); }
check() { if grep -qE -- "$2" "$3"; then pass "$1"; else fail "$1"; fi; }
finish() {
	echo "check-cross $arch: $passed passed, $failed failed"
	exit 0
}
# Whatever ends this script ends the guests it started.
trap 'kill ${qemu_pid:-} ${serial_pid:-} ${sve_pid:-} 2>/dev/null' EXIT

mkdir -p "$work/test"
# The static quietstub a board gets, and a dynamic one for the
# thread-local variables: a static program cannot give libthread_db the
# ps_* functions it calls back.
if ! bash "$here/build.sh" "$arch" "$work/build" --enable-werror ||
	! bash "$here/build.sh" "$arch" "$work/build-dynamic" --enable-werror \
		--disable-static-binary ||
	! bash "$here/guest.sh" "$arch" "$work/guest" >/dev/null; then
	fail "build quietstub and the guest"
	finish
fi
cp "$work/build/quietstub" "$work/test/"
cp "$work/build-dynamic/quietstub" "$work/test/quietstub-dynamic"
for p in wide blocker tls; do
	if ! "$TRIPLET-gcc" -g -O0 -pthread -o "$work/test/$p" "$src/testsuite/programs/$p.c"; then
		fail "compile $p.c"
		finish
	fi
done
# An AArch32 program for the arm64 guest, static: the guest has no
# 32-bit C library.
aarch32=
if [ "$arch" = arm64 ] && command -v arm-linux-gnueabihf-gcc >/dev/null; then
	arm-linux-gnueabihf-gcc -g -O0 -static -o "$work/test/wide32" \
		"$src/testsuite/programs/wide.c" && aarch32=yes
fi
cat >"$work/test/start" <<'START'
#!/bin/sh
/test/blocker 60 >/dev/console 2>&1 &
/test/blocker 60 >/dev/console 2>&1 &
gdbserver --multi 0.0.0.0:2345 >/dev/null 2>&1 &
/test/quietstub-dynamic --multi 0.0.0.0:2347 >/dev/null 2>&1 &
exec /test/quietstub --multi 0.0.0.0:2346 >/dev/null 2>&1
START
chmod +x "$work/test/start"

# free_ports N: N free ports on the host's loopback.
free_ports() {
	python3 -c 'import socket, sys
s=[socket.socket() for _ in range(int(sys.argv[1]))]
[x.bind(("127.0.0.1",0)) for x in s]
print(" ".join(str(x.getsockname()[1]) for x in s))' "$1"
}
set -- $(free_ports 3)
gport=$1 qport=$2 dport=$3
log=$work/console.log
if ! qemu_pid=$(bash "$here/boot.sh" "$arch" "$work/guest" "$work/test" "$log" \
	"$gport:2345" "$qport:2346" "$dport:2347"); then
	fail "boot the guest"
	finish
fi
pass "boot the guest"
for _ in $(seq 1 40); do
	[ "$(grep -c 'blocker: pid' "$log")" -ge 2 ] && break
	sleep 0.5
done
pids=($(sed -n 's/.*blocker: pid \([0-9]*\).*/\1/p' "$log"))

# session NAME PORT [GDB-ARGS...]: the run session through one stub,
# into NAME.run, with GDB-ARGS after vCont?.
session() {
	local out=$work/$1.run hwcmds=("${hw_ref[@]}")
	[ "$1" = quietstub ] && hwcmds=("${hw[@]}")
	timeout 120 gdb-multiarch -q -batch -nx -ex "set pagination off" -ex "set confirm off" \
		-ex "set sysroot $root" -ex "file $work/test/wide" \
		-ex "target extended-remote 127.0.0.1:$2" -ex "set remote exec-file /test/wide" \
		-ex "break combine" -ex "run" -ex "echo @@bt\n" -ex "bt" \
		-ex "echo @@regs\n" -ex "$args" \
		-ex "echo @@layout\n" -ex "maint print remote-registers" \
		-ex "echo @@values\n" -ex "info registers" -ex "echo @@tls\n" -ex "p $tls != 0" \
		-ex "echo @@libs\n" -ex "maint packet qXfer:libraries-svr4:read::0,fff" \
		-ex "echo @@vcont\n" -ex "maint packet vCont?" "${@:3}" \
		-ex "echo @@finish\n" -ex "finish" -ex "echo @@stepi\n" -ex 'p/x $pc' -ex "stepi" -ex 'p/x $pc' \
		-ex "echo @@memory\n" -ex "set var counter = 40" -ex "p counter" \
		-ex "echo @@hw\n" "${hwcmds[@]}" \
		-ex "echo @@exit\n" -ex "continue" >"$out" 2>&1
}
# section NAME FILE: the lines of FILE between "@@NAME" and the next "@@".
section() { sed -n "/^@@$1\$/,/^@@/p" "$2" | sed '1d;$d'; }

# attach NAME PORT PID: attach, 2 x (continue, interrupt), detach.  The
# interrupt is a ^C to GDB a second into the continue, as a user's.
interrupt_later='shell (sleep 1; kill -INT $PPID) &'
attach() {
	timeout 60 gdb-multiarch -q -batch -nx -ex "set pagination off" -ex "set confirm off" \
		-ex "set sysroot $root" -ex "file $work/test/blocker" \
		-ex "target extended-remote 127.0.0.1:$2" -ex "attach $3" \
		-ex "echo @@threads\n" -ex "info threads" \
		-ex "$interrupt_later" -ex "continue" -ex "$interrupt_later" -ex "continue" \
		-ex "echo @@counts\n" -ex "p early + eintr" \
		-ex "echo @@detach\n" -ex "detach" -ex "echo @@end\n" >"$work/$1.attach" 2>&1
}

# A second gdbserver run shows the registers that differ from run to
# run (a stack protector value): they are left out of the comparison.
session gdbserver-again "$gport"
for s in gdbserver:$gport quietstub:$qport; do
	name=${s%%:*} port=${s##*:}
	f=$work/$name.run
	# Where the kernel cannot single-step, a step request is refused.
	stepping=()
	[ -z "$single_step" ] && [ $name = quietstub ] &&
		stepping=(-ex 'maint packet vCont;s')
	session "$name" "$port" "${stepping[@]}"
	check "$name: stops in combine with its arguments" \
		'Breakpoint 1, combine \(hi=287454020, lo=1432778632\)' "$f"
	check "$name: backtrace" '^#1 +0x[0-9a-f]+ in main ' "$f"
	check "$name: $where the arguments" "$args_seen" "$f"
	check "$name: the shared library list" \
		'received: "l<library-list-svr4 version="1\.0" main-lm="0x[0-9a-f]+">.*libc\.so\.6' "$f"
	if [ $name = gdbserver ] && [[ " $uncompared " == *" ${tls#\$} "* ]]; then
		echo "NOTE: $arch: gdbserver: the thread pointer: $(section tls "$f")"
	else
		check "$name: the thread pointer" '^\$[0-9]+ = 1$' "$f"
	fi
	check "$name: finish shows the 64-bit value" 'Value returned is \$[0-9]+ = 1234605616436508552' "$f"
	if [ "$(section stepi "$f" | grep -c '^\$[0-9]* = 0x')" = 2 ] &&
		[ "$(section stepi "$f" | grep '^\$' | sort -u | wc -l)" = 2 ]; then
		pass "$name: stepi moves the PC"
	else
		fail "$name: stepi moves the PC"
	fi
	if [ $name = gdbserver ]; then
		# gdbserver steps ARM programs with breakpoints of its own.
		echo "NOTE: $arch: gdbserver: vCont? $(section vcont "$f" | grep received)"
	elif [ -n "$single_step" ]; then
		check "$name: vCont? offers single-step" 'received: "vCont;c;C;s;S;t' "$f"
	else
		check "$name: vCont? offers no single-step" 'received: "vCont;c;C;t"' "$f"
		check "$name: a single-step is refused" 'received: "E\.[a-z]' "$f"
	fi
	check "$name: memory write" '^\$[0-9]+ = 40$' "$f"
	check "$name: the program runs to its end" 'exited normally' "$f"
done
# stable WHAT NAME: section WHAT of NAME's run without the registers
# two gdbserver runs disagree on.
stable() {
	section "$1" "$work/$2.run" | sed -E "$as_compared" |
		grep -vE -f <(diff <(section "$1" "$work/gdbserver.run") \
			<(section "$1" "$work/gdbserver-again.run") |
			sed -n 's/^[<>] *\([^ ]*\) .*/^ *\1 /p'; echo '^@@none$'
			for r in $uncompared; do echo "^ *$r "; done) || true
}
for what in layout values; do
	if [ -n "$(stable $what quietstub)" ] &&
		diff <(stable $what gdbserver) <(stable $what quietstub) >"$work/$what.diff"; then
		pass "quietstub: the same $what as gdbserver"
	else
		fail "quietstub: the same $what as gdbserver (see $work/$what.diff)"
	fi
done
# hw_checks NAME FILE WHAT OLD [watch]: the hardware watchpoint and
# breakpoint (not with "watch") in FILE, NAME's run (checks named
# "NAME: WHAT..."), the watched counter having been OLD.
hw_checks() {
	local hwrun
	hwrun=$(section hw "$2" | tr '\n' ' ')
	check "$1: ${3}a hardware watchpoint" "Old value = $4 New value = 7" <(echo "$hwrun")
	[ "${5:-}" = watch ] && return
	check "$1: ${3}a hardware breakpoint" \
		'Hardware assisted breakpoint 3 at .*Breakpoint 3, main \(' <(echo "$hwrun")
}
if [ -n "$hw_points" ]; then
	hw_checks gdbserver "$work/gdbserver.run" "" 40 $([ -z "$ref_hbreak" ] && echo watch)
	hw_checks quietstub "$work/quietstub.run" "" 40
fi

# Thread-local variables: qGetTLSAddr through the guest's libthread_db.
for s in gdbserver:$gport quietstub:$dport; do
	name=${s%%:*}
	f=$work/$name.tls
	timeout 120 gdb-multiarch -q -batch -nx -ex "set sysroot $root" -ex "file $work/test/tls" \
		-ex "target extended-remote 127.0.0.1:${s##*:}" -ex "set remote exec-file /test/tls" \
		-ex "break marker" -ex "run" -ex "echo @@worker\n" -ex "p tls_int" -ex "continue" \
		-ex "echo @@main\n" -ex "p tls_int" -ex "echo @@end\n" -ex "kill" >"$f" 2>&1
	if section worker "$f" | grep -q '^\$1 = 42$' && section main "$f" | grep -q '^\$2 = 5$'; then
		pass "$name: thread-local variables of two threads"
	else
		fail "$name: thread-local variables of two threads"
	fi
done

# session32 NAME PORT [GDB-ARGS...]: an AArch32 program under the
# AArch64 stub, which serves it GDB's 32-bit arm description, with the
# hardware points of GDB-ARGS; into NAME.run32.
session32() {
	timeout 120 gdb-multiarch -q -batch -nx -ex "set pagination off" -ex "set confirm off" \
		-ex "file $work/test/wide32" -ex "target extended-remote 127.0.0.1:$2" \
		-ex "set remote exec-file /test/wide32" -ex "break combine" -ex "run" \
		-ex "echo @@regs\n" -ex "info registers r0 r1" -ex "echo @@layout\n" \
		-ex "maint print remote-registers" -ex "echo @@finish\n" -ex "finish" \
		-ex "echo @@hw\n" "${@:3}" -ex "echo @@exit\n" -ex "continue" >"$work/$1.run32" 2>&1
}
if [ -n "$aarch32" ]; then
	for s in gdbserver:$gport quietstub:$qport; do
		name=${s%%:*}
		f=$work/$name.run32
		# gdbserver refuses an AArch32 hardware breakpoint (E01), and
		# its session does not recover.
		if [ $name = quietstub ]; then
			session32 "$name" "${s##*:}" "${hw_watch[@]}" "${hw_break[@]}"
		else
			session32 "$name" "${s##*:}" "${hw_watch[@]}"
		fi
		check "$name: AArch32: stops in combine with its arguments" \
			'Breakpoint 1, combine \(hi=287454020, lo=1432778632\)' "$f"
		check "$name: AArch32: r1 holds the argument" "^r1[[:space:]]+0x55667788[[:space:]]" "$f"
		check "$name: AArch32: finish" 'Value returned is \$[0-9]+ = 1234605616436508552' "$f"
		check "$name: AArch32: the program runs to its end" 'exited normally' "$f"
		hw_checks "$name" "$f" "AArch32: " 1 $([ $name = gdbserver ] && echo watch)
	done
	if [ -n "$(section layout "$work/quietstub.run32")" ] &&
		diff <(section layout "$work/gdbserver.run32") \
			<(section layout "$work/quietstub.run32") >"$work/layout32.diff"; then
		pass "quietstub: AArch32: the same layout as gdbserver"
	else
		fail "quietstub: AArch32: the same layout as gdbserver (see $work/layout32.diff)"
	fi
fi

# Attach last: gdbserver interrupts with SIGINT to the process group,
# which here is every process the guest's script started, itself
# included, and its session may not come back; what it shows is a
# reference, not counted.
if [ ${#pids[@]} -ge 2 ]; then
	attach quietstub "$qport" "${pids[1]}"
	attach gdbserver "$gport" "${pids[0]}"
	f=$work/quietstub.attach
	[ "$(section threads "$f" | grep -cE '^[* ] +[0-9]+ +Thread ')" = 4 ] &&
		pass "quietstub: attach sees 4 threads" || fail "quietstub: attach sees 4 threads"
	check "quietstub: interrupted twice" \
		'received signal SIGINT[^@]*received signal SIGINT' <(tr '\n' ' ' <"$f")
	check "quietstub: no early return or EINTR in the interrupted calls" \
		'^\$[0-9]+ = 0$' <(section counts "$f")
	check "quietstub: detach" "process ${pids[1]}\) detached" "$f"
else
	fail "the blocker programs started"
fi

# Over the emulated UART, a remote board's serial line: quietstub, then
# gdbserver, on the same line, each ending on k (gdbserver does not: the
# guest is stopped).
mkdir -p "$work/serial"
cp "$work/test/quietstub" "$work/test/wide" "$work/serial/"
cat >"$work/serial/start" <<START
#!/bin/sh
stty -F /dev/$uart 115200 raw -echo
/test/quietstub --baud 115200 /dev/$uart /test/wide
echo "qs-test: quietstub ended \$?"
gdbserver /dev/$uart /test/wide
START
chmod +x "$work/serial/start"
sport=$(free_ports 1)
slog=$work/serial-console.log
if serial_pid=$(bash "$here/boot.sh" -s "$sport" "$arch" "$work/guest" "$work/serial" "$slog"); then
	for name in quietstub gdbserver; do
		f=$work/$name.serial
		timeout 120 gdb-multiarch -q -batch -nx -ex "set sysroot $root" \
			-ex "file $work/test/wide" -ex "target remote 127.0.0.1:$sport" \
			-ex "break combine" -ex "continue" -ex "$args" \
			-ex "finish" -ex "kill" >"$f" 2>&1
		check "$name: serial: stops in combine with its arguments" \
			'Breakpoint 1, combine \(hi=287454020, lo=1432778632\)' "$f"
		check "$name: serial: $where the arguments" "$args_seen" "$f"
		check "$name: serial: finish" 'Value returned is \$[0-9]+ = 1234605616436508552' "$f"
		if [ $name = quietstub ]; then
			for _ in $(seq 1 20); do
				grep -q 'quietstub ended' "$slog" && break
				sleep 0.5
			done
			check "quietstub: serial: ends after k" 'qs-test: quietstub ended 0' "$slog"
		fi
	done
	kill "$serial_pid" 2>/dev/null
	serial_pid=
else
	fail "boot the guest with a serial line"
fi

# SVE and pointer authentication: the arm64 guest again on a CPU with
# both (qemu's own authentication algorithm: the architected one is
# slow to emulate): the register layout with z0-z31, p0-p15, ffr, vg
# and the authentication masks, and the masks' values, compared with
# gdbserver's; SVE registers written, then read back after a step (the
# kernel took them).
sve_session() {
	# The guest is ready before its stubs listen: a connection refused
	# there is tried again.
	for _ in 1 2 3 4 5; do
		sve_session_once "$@"
		grep -q 'Remote communication error' "$work/$1.sve" || break
		sleep 2
	done
}
sve_session_once() {
	timeout 120 gdb-multiarch -q -batch -nx -ex "set pagination off" -ex "set confirm off" \
		-ex "set sysroot $root" -ex "file $work/test/wide" \
		-ex "target extended-remote 127.0.0.1:$2" -ex "set remote exec-file /test/wide" \
		-ex "break combine" -ex "run" -ex "echo @@vg\n" -ex 'p $vg' \
		-ex "echo @@pauth\n" -ex 'p/x $pauth_dmask' -ex 'p/x $pauth_cmask' \
		-ex "echo @@layout\n" -ex "maint print remote-registers" \
		-ex 'set var $z5.d.u[1] = 0x1234abcd' -ex 'set var $p3[0] = 5' -ex "stepi" \
		-ex "echo @@after\n" -ex 'p/x $z5.d.u[1]' -ex 'p/x $p3[0]' \
		-ex "echo @@exit\n" -ex "continue" >"$work/$1.sve" 2>&1
}
if [ "$arch" = arm64 ]; then
	slog=$work/sve-console.log
	set -- $(free_ports 3)
	if sve_pid=$(QS_QEMU_CPU=max,pauth-impdef=on bash "$here/boot.sh" "$arch" "$work/guest" \
		"$work/test" "$slog" "$1:2345" "$2:2346" "$3:2347"); then
		for name in gdbserver quietstub; do
			port=$1
			[ $name = quietstub ] && port=$2
			f=$work/$name.sve
			sve_session "$name" "$port"
			check "$name: SVE: the vector length" '^\$1 = [1-9][0-9]*$' <(section vg "$f")
			check "$name: SVE: z5 and p3 written" \
				'^\$[0-9]+ = 0x1234abcd [^@]*\$[0-9]+ = 0x5 ' \
				<(section after "$f" | tr '\n' ' ')
			check "$name: SVE: the program runs to its end" 'exited normally' "$f"
		done
		if grep -q '^ z31 ' "$work/quietstub.sve" &&
			diff <(section layout "$work/gdbserver.sve") \
				<(section layout "$work/quietstub.sve") >"$work/layout-sve.diff"; then
			pass "quietstub: SVE: the same layout as gdbserver"
		else
			fail "quietstub: SVE: the same layout as gdbserver (see $work/layout-sve.diff)"
		fi
		if section pauth "$work/quietstub.sve" | grep -q '^\$[0-9]* = 0x[0-9a-f]*[1-9a-f]' &&
			[ "$(section pauth "$work/quietstub.sve")" = \
				"$(section pauth "$work/gdbserver.sve")" ]; then
			pass "quietstub: the pointer authentication masks, as gdbserver's"
		else
			fail "quietstub: the pointer authentication masks, as gdbserver's"
		fi
		kill "$sve_pid" 2>/dev/null
		sve_pid=
	else
		fail "boot the guest with SVE"
	fi
fi

# The blockers end on their own a minute after they started.
if [ ${#pids[@]} -ge 2 ]; then
	for _ in $(seq 1 360); do
		[ "$(grep -c 'loops=' "$log")" -ge 2 ] && break
		sleep 0.5
	done
	if grep -aqE "^blocker: pid ${pids[1]} loops=[1-9][0-9]* early=0 eintr=0" "$log"; then
		pass "quietstub: the program ran on after detach, no early return"
	else
		fail "quietstub: the program ran on after detach, no early return"
	fi
	echo "NOTE: $arch: gdbserver's attach session: $(grep -c 'received signal SIGINT' \
		"$work/gdbserver.attach") interrupts; its program: $(grep -a "blocker: pid ${pids[0]} loops" "$log")"
fi
finish
