# debian-arch.sh - sourced: the names one Debian architecture goes by.
# debian_arch ARCH sets TRIPLET (the cross compiler's prefix), MULTIARCH
# (the library directory), SUITE (the Debian release that has the
# architecture) and QS_CPU (quietstub's backend), or fails.
debian_arch() {
	case "$1" in
	i386) TRIPLET=i686-linux-gnu MULTIARCH=i386-linux-gnu SUITE=bookworm QS_CPU=i386 ;;
	arm64) TRIPLET=aarch64-linux-gnu MULTIARCH=aarch64-linux-gnu SUITE=bookworm QS_CPU=aarch64 ;;
	armhf) TRIPLET=arm-linux-gnueabihf MULTIARCH=arm-linux-gnueabihf SUITE=bookworm QS_CPU=arm ;;
	riscv64) TRIPLET=riscv64-linux-gnu MULTIARCH=riscv64-linux-gnu SUITE=trixie QS_CPU=riscv64 ;;
	*) echo "unknown Debian architecture $1 (i386, arm64, armhf, riscv64)" >&2; return 1 ;;
	esac
}
