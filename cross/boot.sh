#!/bin/bash
# boot.sh [-s SERIALPORT] ARCH GUESTDIR TESTDIR LOG HOSTPORT:GUESTPORT...
# - boot the guest.sh guest in GUESTDIR under qemu-system with TESTDIR
# as its /test (a second initramfs; /test/start runs once the network
# is up), the console in LOG, each HOSTPORT on 127.0.0.1 forwarded to
# GUESTPORT in the guest.  With -s, the guest's UART is a TCP server on
# 127.0.0.1:SERIALPORT (a remote board's serial line) and the console a
# virtio console.  Waits (at most 180 s) for the guest to be ready,
# then prints qemu's pid; the caller kills it.  Software emulation
# only.
set -eu
serial=
if [ "$1" = -s ]; then
	serial=$2
	shift 2
fi
arch=$1 guest=$2 testdir=$3 log=$4
shift 4
fwd=""
for p in "$@"; do
	fwd="$fwd,hostfwd=tcp:127.0.0.1:${p%%:*}-:${p##*:}"
done
(cd "$testdir" && mkdir -p .cpio/test && cp -a $(ls -A | grep -v '^\.cpio$') .cpio/test/ &&
	cd .cpio && find . | cpio -o -H newc --quiet | gzip -1) >"$guest/test.cpio.gz"
rm -rf "$testdir/.cpio"
cat "$guest/base.cpio.gz" "$guest/test.cpio.gz" >"$guest/initrd.gz"
vserial=virtio-serial-device
case "$arch" in
arm64) qemu=(qemu-system-aarch64 -M virt -cpu "${QS_QEMU_CPU:-cortex-a57}")
	net=virtio-net-device console=ttyAMA0 ;;
armhf) qemu=(qemu-system-arm -M virt,highmem=off -cpu cortex-a15)
	net=virtio-net-device console=ttyAMA0 ;;
riscv64) qemu=(qemu-system-riscv64 -M virt -cpu rv64)
	net=virtio-net-device console=ttyS0 ;;
# A PC: its devices on PCI; no network boot ROM wanted.
i386) qemu=(qemu-system-i386 -M pc -cpu max)
	net=virtio-net-pci,romfile= console=ttyS0 vserial=virtio-serial-pci ;;
*) echo "boot: no qemu recipe for $arch" >&2; exit 1 ;;
esac
: >"$log"
if [ -n "$serial" ]; then
	# Without nodelay every packet waits 40 ms.
	io=(-chardev "socket,id=rsp,host=127.0.0.1,port=$serial,server=on,wait=off,nodelay=on"
		-serial chardev:rsp -device "$vserial"
		-chardev "file,id=con,path=$log" -device virtconsole,chardev=con)
	append="console=hvc0 qs.serial"
else
	io=(-serial "file:$log")
	append="console=$console"
fi
"${qemu[@]}" -m 512 -smp 1 -no-reboot -display none -monitor none \
	-kernel "$guest/kernel" -initrd "$guest/initrd.gz" \
	-append "$append panic=-1 rdinit=/init quiet" \
	-netdev "user,id=n0,restrict=on$fwd" -device "$net,netdev=n0" \
	"${io[@]}" </dev/null >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 360); do
	if grep -q 'qs-guest: ready' "$log" 2>/dev/null; then
		echo "$pid"
		exit 0
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.5
done
kill "$pid" 2>/dev/null
echo "boot: the $arch guest did not come up; console:" >&2
tail -20 "$log" >&2
exit 1
