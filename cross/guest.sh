#!/bin/bash
# guest.sh ARCH DIR - a bootable Debian guest of architecture ARCH for
# qemu-system: DIR/kernel and DIR/base.cpio.gz, an initramfs with
# busybox, the C library, Debian's gdbserver, the kernel modules the
# virtio network needs and an /init that brings the network up
# (10.0.2.15 in qemu's user network), prints "qs-guest: ready", runs
# /test/start if a second initramfs (boot.sh) put one there, and powers
# off.  With qs.serial on the kernel command line its output goes to
# the virtio console, leaving the UART to the protocol.  The packages come from fetch-debs.sh, cached outside the tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian-arch.sh"
arch=$1 dir=$2
debian_arch "$arch"
cache=${QS_CROSS_CACHE:-/var/cache/quietstub-cross}/$arch
case "$arch" in
arm64) kpkg=linux-image-cloud-arm64
	mods="virtio virtio_ring virtio_mmio failover net_failover virtio_net virtio_console" ;;
armhf) kpkg=linux-image-armmp-lpae
	mods="virtio_mmio failover net_failover virtio_net virtio_console" ;;
riscv64) kpkg=linux-image-riscv64
	mods="virtio_mmio failover net_failover virtio_net" ;;
i386) kpkg=linux-image-686
	mods="virtio virtio_ring virtio_pci_legacy_dev virtio_pci_modern_dev virtio_pci
		failover net_failover virtio_net virtio_console" ;;
*) echo "guest: no guest recipe for $arch yet" >&2; exit 1 ;;
esac
bash "$here/fetch-debs.sh" "$arch" "$cache" "$kpkg^" busybox-static libc6 \
	libstdc++6 libgcc-s1 gdbserver
root=$cache/root
# trixie's packages put everything under /usr.
moddir=$root/lib/modules
[ -d "$moddir" ] || moddir=$root/usr/lib/modules
kver=$(ls "$moddir" | sort -V | tail -1)

rm -rf "$dir/initramfs"
mkdir -p "$dir/initramfs"
cd "$dir/initramfs"
mkdir -p bin sbin usr/bin usr/sbin lib usr/lib modules proc sys dev tmp test etc
cp "$root/bin/busybox" bin/ 2>/dev/null || cp "$root/usr/bin/busybox" bin/
[ -d "$root/lib/$MULTIARCH" ] && cp -a "$root/lib/$MULTIARCH" lib/
cp -a "$root"/lib/ld-linux* lib/ 2>/dev/null || true
[ -d "$root/usr/lib/$MULTIARCH" ] && cp -a "$root/usr/lib/$MULTIARCH" usr/lib/
# The program interpreter is named under /lib.
for f in "$root"/usr/lib/ld-linux*; do
	[ -e "$f" ] && cp -a "$f" usr/lib/ && ln -sf "../usr/lib/${f##*/}" lib/
done
cp "$root/usr/bin/gdbserver" usr/bin/
: >modules.list
for m in $mods; do
	f=$(find "$moddir/$kver" -name "$m.ko*" | head -1)
	[ -n "$f" ] || { echo "guest: module $m not found" >&2; exit 1; }
	case "$f" in *.xz) xz -dc "$f" >"modules/$m.ko" ;; *) cp "$f" "modules/$m.ko" ;; esac
	echo "$m.ko" >>modules.list
done
printf '127.0.0.1 localhost\n' >etc/hosts
printf 'hosts: files\n' >etc/nsswitch.conf
cat >init <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules.list); do insmod /modules/$m; done
# qs.serial: the UART is the protocol's line (boot.sh -s); say
# everything on the virtio console instead.
if grep -q qs.serial /proc/cmdline; then
	for _ in 1 2 3 4 5 6 7 8 9 10; do [ -e /dev/hvc0 ] && break; sleep 0.2; done
	exec >/dev/hvc0 2>&1
fi
ip link set lo up
ip addr add 10.0.2.15/24 dev eth0
ip link set eth0 up
ip route add default via 10.0.2.2
echo "qs-guest: ready"
[ -x /test/start ] && /test/start
echo "qs-guest: done"
poweroff -f
INIT
chmod +x init
find . | cpio -o -H newc --quiet | gzip -1 >"$dir/base.cpio.gz"
cp "$root/boot/vmlinuz-$kver" "$dir/kernel" 2>/dev/null || cp "$root/boot/vmlinux-$kver" "$dir/kernel"
echo "guest: $dir/kernel $dir/base.cpio.gz ($kver)"
