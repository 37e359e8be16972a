#!/bin/sh
# The device tree the machine boots with (emu/dtb.c):
#   - rremu dtb writes it, dtc decompiles it, and its RAM size follows -m;
#   - compared node by node with QEMU's own tree (-machine dumpdtb=):
#     every node of ours is in QEMU's, with the same properties and
#     values, but for the differences listed in KNOWN below (each one a
#     way this machine is not QEMU's, said in rr(7));
#   - a recording's header pins it (dtb_hash), and a replay refuses a
#     log whose tree is not the one this machine boots with;
#   - the guest sees it at a1, at QEMU's place, in a recording's first
#     keyframe (so a replay sees the same bytes);
#   - the fdtwalk guest finds its UART by stdout-path (qemu-check.sh
#     compares its output with QEMU's);
#   - tree revisions (emu/dtb.h): logs recorded before revision 2
#     (tests/emu/old) replay, and a snapshot taken in their replay still
#     names revision 1's tree; a new recording boots revision 2's tree
#     (mmu-type, two PLIC contexts), which rremu dtb writes.
B=${B:-build}
. tests/emu/lib.sh
QEMU=${QEMU:-qemu-system-riscv32}

# node property: allowed to differ from QEMU's, and why.
KNOWN="
/cpus/cpu@0 riscv,isa		the extensions this hart implements
/chosen rng-seed		no random seed: the tree is a function of the configuration
/soc/plic@c000000 riscv,ndev	31 sources
"
known() {
	printf '%s\n' "$KNOWN" | awk -v n="$1" -v p="$2" \
	    '$1 == n && $2 == p { f = 1 } END { exit !f }'
}

# compare OURS QEMUS NODE: the node and its subtree, into $T/cmp.log
compare() {
	for p in $(fdtget -p "$1" "$3"); do
		a=$(fdtget -t bx "$1" "$3" "$p" 2>&1)
		b=$(fdtget -t bx "$2" "$3" "$p" 2>&1)
		[ "$a" = "$b" ] || known "$3" "$p" ||
		    echo "$3 $p: ours <$a> QEMU <$b>" >>"$T/cmp.log"
	done
	for p in $(fdtget -p "$2" "$3" 2>/dev/null); do
		fdtget -t bx "$1" "$3" "$p" >/dev/null 2>&1 || known "$3" "$p" ||
		    echo "$3 $p: only in QEMU's" >>"$T/cmp.log"
	done
	for n in $(fdtget -l "$1" "$3"); do
		case $3 in
		/) c=/$n ;;
		*) c=$3/$n ;;
		esac
		if fdtget -p "$2" "$c" >/dev/null 2>&1; then
			compare "$1" "$2" "$c"
		else
			echo "$c: not in QEMU's tree" >>"$T/cmp.log"
		fi
	done
}

if $E dtb -o "$T/virt.dtb" && dtc -I dtb -O dts -o "$T/virt.dts" \
    "$T/virt.dtb" 2>/dev/null && grep -q 'stdout-path = "/soc/serial@10000000"' \
    "$T/virt.dts"; then
	ok "dtb: rremu dtb writes a tree dtc decompiles"
else
	bad "dtb: rremu dtb -o, then dtc"
fi
$E dtb -m 64M -o - >"$T/m64.dtb"
if [ "$(fdtget -t x "$T/m64.dtb" /memory@80000000 reg)" = "0 80000000 0 4000000" ]; then
	ok "dtb: -m 64M: memory is 64 MiB"
else
	bad "dtb: -m 64M: memory reg $(fdtget -t x "$T/m64.dtb" /memory@80000000 reg)"
fi
$E dtb "$G/hello.elf" -o "$T/x.dtb" 2>"$T/err"
st=$?
if [ "$st" = 125 ] && [ ! -e "$T/x.dtb" ] && grep -q 'dtb takes -m and -o only' "$T/err"; then
	ok "dtb: an ELF argument is refused (125)"
else
	bad "dtb: with an ELF: exit $st"
fi

# Every node QEMU's tree has for a device this machine has, in ours.
NODES="/chosen /poweroff /reboot /memory@80000000 /cpus /cpus/cpu@0
/cpus/cpu@0/interrupt-controller /cpus/cpu-map/cluster0/core0 /soc
/soc/rtc@101000 /soc/serial@10000000 /soc/test@100000 /soc/plic@c000000
/soc/clint@2000000"
missing=
for n in $NODES; do
	fdtget -p "$T/virt.dtb" "$n" >/dev/null 2>&1 || missing="$missing $n"
done
if [ -z "$missing" ]; then
	ok "dtb: every node of a device both machines have is there"
else
	bad "dtb: missing nodes:$missing"
fi

for m in 128M 64M; do
	rm -f "$T/cmp.log" "$T/q.dtb"
	$QEMU -M virt,dumpdtb="$T/q.dtb" -m $m -bios none -nographic \
	    -monitor none >/dev/null 2>&1
	$E dtb -m $m -o "$T/o.dtb"
	if [ ! -s "$T/q.dtb" ]; then
		bad "dtb -m $m: QEMU wrote no tree ($QEMU)"
		continue
	fi
	compare "$T/o.dtb" "$T/q.dtb" /
	if [ ! -s "$T/cmp.log" ]; then
		ok "dtb -m $m: node by node as QEMU's, but for the known differences"
	else
		bad "dtb -m $m: differs from QEMU's"
		sed 's/^/	/' "$T/cmp.log"
	fi
done

# The header pins the tree: rrdump shows its hash; a replay of a log
# whose pinned tree is another refuses it.
$E record -q -o "$T/h.rr" "$G/hello.elf" </dev/null
$E record -q -m 64M -o "$T/h64.rr" "$G/hello.elf" </dev/null
h1=$($D -H "$T/h.rr" | sed -n 's/^dtb_hash = //p')
h2=$($D -H "$T/h64.rr" | sed -n 's/^dtb_hash = //p')
v=$($D -H "$T/h.rr" | sed -n 's/^format = //p')
if [ -n "$h1" ] && [ -n "$h2" ] && [ "$h1" != "$h2" ] && [ "$v" = 1.3 ]; then
	ok "dtb: the header pins the tree (format 1.3, dtb_hash follows -m)"
else
	bad "dtb: header dtb_hash <$h1> <$h2>, format $v"
fi
if "$B/tamper" "$T/h.rr" "$T/h-other.rr" dtb >/dev/null &&
    ! $E replay -q "$T/h-other.rr" 2>"$T/err" >/dev/null &&
    grep -q 'device tree' "$T/err"; then
	ok "dtb: a replay refuses a log whose tree is another"
else
	bad "dtb: replay of a log with another dtb_hash: $(cat "$T/err")"
fi
# The keyframe's state: a1 is the tree's address, RAM holds the tree.
$E run -q -u 0 -S "$T/boot.snap" "$G/hello.elf" </dev/null 2>/dev/null
$D "$T/boot.snap" >"$T/boot.txt" || bad "rrdump boot.snap: exit $?"
a1=$(sed -n 's/^cpu\.a1 = //p' "$T/boot.txt")
if [ "$a1" = 0x87e00000 ]; then
	ok "dtb: at boot a1 = 0x87e00000, as QEMU's with 128 MiB"
else
	bad "dtb: a1 at boot <$a1>"
fi

# ---- revisions ----
O=tests/emu/old
REV1=0x8f16d756f7889a00		# revision 1's tree with 1 MiB of RAM
for l in fdtwalk-dtb1 os-dtb1; do
	h=$($D -H "$O/$l.rr" | sed -n 's/^dtb_hash = //p')
	$E replay -v "$O/$l.rr" >"$T/$l.out" 2>"$T/err"
	st=$?
	if [ "$h" = "$REV1" ] && [ "$st" = 0 ] &&
	    grep -q 'replay matches the recording' "$T/err"; then
		ok "dtb: $l.rr, recorded with revision 1's tree, replays"
	else
		bad "dtb: $l.rr: dtb_hash $h, replay $st"
		sed 's/^/	/' "$T/err"
	fi
done
if grep -q '^fdtwalk: PLIC contexts 0x00000001' "$T/fdtwalk-dtb1.out" &&
    ! grep -q mmu-type "$T/fdtwalk-dtb1.out" &&
    grep -q '^os: user exited with 0' "$T/os-dtb1.out"; then
	ok "dtb: the old logs' guests saw revision 1's tree and ran as then"
else
	bad "dtb: the old logs' output"
fi
$E replay -q -u 20000 -S "$T/old.snap" "$O/fdtwalk-dtb1.rr" >/dev/null 2>&1
st=$?
h=$($D -H "$T/old.snap" | sed -n 's/^header\.dtb_hash = //p')
if [ "$st" = 0 ] && [ "$h" = "$REV1" ]; then
	ok "dtb: a snapshot from an old log's replay names revision 1's tree"
else
	bad "dtb: snapshot from the old log: replay $st, dtb_hash <$h>"
fi
# A new recording: revision 2, as rremu dtb writes it and dtc reads it.
$E record -q -m 1M -o "$T/new.rr" "$G/fdtwalk.elf" </dev/null >/dev/null 2>&1
rst=$?
$E replay "$T/new.rr" >"$T/new.out" 2>/dev/null
st=$?
h=$($D -H "$T/new.rr" | sed -n 's/^dtb_hash = //p')
$E dtb -m 1M -o - | dtc -I dtb -O dts -o "$T/new.dts" - 2>/dev/null
dst=$?
if [ "$rst" = 0 ] && [ "$st" = 0 ] && [ "$dst" = 0 ] && [ -n "$h" ] &&
    [ "$h" != "$REV1" ] &&
    grep -q '^fdtwalk: mmu-type riscv,sv32' "$T/new.out" &&
    grep -q '^fdtwalk: PLIC contexts 0x00000002' "$T/new.out" &&
    grep -q 'mmu-type = "riscv,sv32";' "$T/new.dts" &&
    grep -q 'interrupts-extended = <0x02 0x0b 0x02 0x09>;' "$T/new.dts"; then
	ok "dtb: a new recording boots revision 2's tree (mmu-type, PLIC context 1)"
else
	bad "dtb: new recording: record $rst replay $st dtc $dst, dtb_hash $h"
	sed 's/^/	/' "$T/new.out"
fi

echo "dtb: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
