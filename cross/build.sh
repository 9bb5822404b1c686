#!/bin/bash
# build.sh ARCH BUILDDIR [CONFIGURE-ARGS...] - cross-build a static
# quietstub for the Debian architecture ARCH (i386, arm64, armhf,
# riscv64) in BUILDDIR with Debian's cross compiler
# (gcc-TRIPLET), libiberty and expat of that architecture from
# fetch-debs.sh, cached under QS_CROSS_CACHE (default
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
mkdir -p "$build"
cd "$build"
"$here/../configure" --host="$TRIPLET" \
	CPPFLAGS="-isystem $root/usr/include" \
	LDFLAGS="-L$root/usr/lib/$MULTIARCH" --enable-static-binary "$@" \
	>configure.log 2>&1 ||
	{ tail -20 configure.log >&2; exit 1; }
make -j2 >make.log 2>&1 || { grep -E 'error|Error' make.log | head -20 >&2; exit 1; }
echo "$build/quietstub: built for $TRIPLET"
