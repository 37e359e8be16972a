# patch_word ELF SYMBOL VALUE: set a 32-bit little-endian word of the
# .param section of ELF in place (see guests/rt/link.ld), as the
# guests' parameters are set without a rebuild.  Sourced by
# tests/guests/qemu-check.sh and tests/bench/qemurev.sh; needs the
# cross binutils (riscv64-unknown-elf-nm, -readelf).
patch_word() {
	pw_addr=$(riscv64-unknown-elf-nm "$1" |
	    awk -v s="$2" '$3 == s { print $1 }')
	pw_sec=$(riscv64-unknown-elf-readelf -SW "$1" |
	    sed -n 's/^ *\[ *[0-9]*\] *//p' |
	    awk '$1 == ".param" { print $3, $4 }')
	if [ -z "$pw_addr" ] || [ -z "$pw_sec" ]; then
		echo "patch_word: $1: no symbol $2 in .param" >&2
		return 1
	fi
	# Split on purpose: the section's address and offset.
	# shellcheck disable=SC2086
	set -- "$1" "$3" $pw_sec
	pw_off=$((0x$4 + 0x$pw_addr - 0x$3))
	pw_v=$2
	pw_bytes=
	for pw_shift in 0 8 16 24; do
		pw_bytes=$pw_bytes\\$(printf %03o $((pw_v >> pw_shift & 255)))
	done
	# shellcheck disable=SC2059
	printf "$pw_bytes" |
	    dd of="$1" bs=1 seek="$pw_off" conv=notrunc 2>/dev/null
}
