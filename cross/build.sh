#!/bin/bash
# build.sh ARCH BUILDDIR [CONFIGURE-ARGS...] - cross-build a static
# quietstub for the Debian architecture ARCH (i386, arm64, armhf,
# riscv64) in BUILDDIR with Debian's cross compiler
# (gcc-TRIPLET), libiberty and expat of that architecture from
# fetch-debs.sh (or libiberty from GDB's source, below), cached under QS_CROSS_CACHE (default
# /var/cache/quietstub-cross), outside the source tree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian-arch.sh"
arch=$1 build=$2
shift 2
debian_arch "$arch"
cache=${QS_CROSS_CACHE:-/var/cache/quietstub-cross}/$arch
command -v "$TRIPLET-gcc" >/dev/null ||
	{ echo "build: $TRIPLET-gcc not found: install gcc-$TRIPLET" >&2; exit 1; }
bash "$here/fetch-debs.sh" "$arch" "$cache" libiberty-dev libexpat1-dev
root=$cache/root
libdirs="-L$root/usr/lib/$MULTIARCH"
# The libiberty of a later Debian release than the host's (riscv64 is
# only in trixie) wants that release's C library, newer than the cross
# compiler's: build it from GDB's source (gdb-source) instead, once.
. /etc/os-release
if [ "$SUITE" != "${VERSION_CODENAME:-}" ]; then
	lib=$cache/libiberty-$TRIPLET
	if [ ! -s "$lib/libiberty.a" ]; then
		[ -r /usr/src/gdb.tar.xz ] ||
			{ echo "build: /usr/src/gdb.tar.xz not found: install gdb-source" >&2; exit 1; }
		rm -rf "$lib" && mkdir -p "$lib/src" "$lib/build"
		tar -C "$lib/src" -xJf /usr/src/gdb.tar.xz --wildcards 'gdb/libiberty/*' \
			'gdb/include/*' 'gdb/config/*' gdb/config.guess gdb/config.sub \
			gdb/install-sh gdb/mkinstalldirs gdb/move-if-change
		(cd "$lib/build" && "$lib/src/gdb/libiberty/configure" --host="$TRIPLET" &&
			make -j2) >"$lib/build.log" 2>&1 ||
			{ tail -20 "$lib/build.log" >&2; exit 1; }
		mv "$lib/build/libiberty.a" "$lib/" && rm -rf "$lib/src" "$lib/build"
	fi
	libdirs="-L$lib $libdirs"
fi
mkdir -p "$build"
cd "$build"
"$here/../configure" --host="$TRIPLET" \
	CPPFLAGS="-isystem $root/usr/include" \
	LDFLAGS="$libdirs" --enable-static-binary "$@" \
	>configure.log 2>&1 ||
	{ tail -20 configure.log >&2; exit 1; }
make -j2 >make.log 2>&1 || { grep -E 'error:|Error [0-9]|undefined reference' make.log | head -20 >&2; exit 1; }
echo "$build/quietstub: built for $TRIPLET"
