#!/bin/bash
# fetch-debs.sh ARCH DIR PACKAGE... - download Debian packages of another
# architecture and unpack them under DIR/root, with a private apt state
# in DIR (the host's dpkg architectures and package lists are left
# alone).  The mirror is the host's own; the release is the one that has
# ARCH (riscv64 is in trixie, not bookworm).  Packages already unpacked
# are not fetched again.  A PACKAGE written META^ is the package the
# metapackage META depends on first (linux-image-cloud-arm64^ is the
# kernel image itself).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/debian-arch.sh"
arch=$1 dir=$2
shift 2
debian_arch "$arch"
mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/root" "$dir/etc" "$dir/cache"

# The host's Debian mirror, from its apt sources.
mirror=$(sed -n 's/^URIs: *\(.*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb \(http[^ ]*\/debian\) .*/\1/p' /etc/apt/sources.list 2>/dev/null | head -1)
[ -n "$mirror" ] || { echo "fetch-debs: no Debian mirror in the host's apt sources" >&2; exit 1; }
echo "deb [arch=$arch signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SUITE main" \
	>"$dir/etc/sources.list"

apt_private() {
	apt-get -q -o Dir::State::Lists="$dir/lists" -o Dir::Etc::SourceList="$dir/etc/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent -o APT::Architecture="$arch" \
		-o APT::Architectures="$arch" -o Dir::Cache::archives="$dir/archives" \
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

want=()
for p in "$@"; do
	[ -e "$dir/root/.unpacked-$p" ] || want+=("$p")
done
[ ${#want[@]} -eq 0 ] && exit 0
if [ ! -s "$dir/lists/.updated" ]; then
	apt_private update >"$dir/update.log" 2>&1 || { tail -5 "$dir/update.log" >&2; exit 1; }
	date >"$dir/lists/.updated"
fi
cd "$dir/archives"
for p in "${want[@]}"; do
	if [[ $p == *^ ]]; then
		dep=$(apt-cache -o Dir::State::Lists="$dir/lists" \
			-o Dir::Etc::SourceList="$dir/etc/sources.list" \
			-o Dir::Etc::SourceParts=/nonexistent -o APT::Architecture="$arch" \
			-o APT::Architectures="$arch" -o Dir::Cache="$dir/cache" \
			show "${p%^}:$arch" 2>/dev/null | sed -n 's/^Depends: *\([^ ,]*\).*/\1/p' | head -1)
		[ -n "$dep" ] || { echo "fetch-debs: ${p%^} has no dependency" >&2; exit 1; }
		bash "$here/fetch-debs.sh" "$arch" "$dir" "$dep"
		touch "$dir/root/.unpacked-$p"
		continue
	fi
	rm -f ./"${p}"_*.deb
	apt_private download "$p:$arch" >>"$dir/download.log" 2>&1 ||
		{ tail -5 "$dir/download.log" >&2; exit 1; }
	dpkg -x ./"${p}"_*.deb "$dir/root"
	touch "$dir/root/.unpacked-$p"
done
