# -k and --ignore on QEMU logs, in QEMU's kind names (rr(7), Kinds):
# the kinds left out are not compared.
D=$B/data
# The differing input left out: the same.
$B/rrdiff -k ^async-char-read $D/qemu-every-kind.qlog $D/qemu-input-byte.qlog
echo "status $?"
# Only char-write compared: the guest parts, no input is a cause.
$B/rrdiff -k char-write $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
# Both left out, by name and by kind byte (22 is char-write).
$B/rrdiff --ignore 22,async-char-read $D/qemu-every-kind.qlog \
    $D/qemu-guest-parts.qlog
echo "status $?"
# The one host value left out: the same.
$B/rrdiff --ignore clock-host $D/qemu-every-kind.qlog $D/qemu-host-value.qlog
echo "status $?"
# An rr kind name that QEMU logs have not: refused, exit 2.
$B/rrdiff -k output $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
$B/rrdiff --ignore entropy $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
# A name of neither: a usage error.
$B/rrdiff -k clock-hots $D/qemu-every-kind.qlog $D/qemu-guest-parts.qlog
echo "status $?"
# A QEMU name given for rr logs: refused there, as an rr kind list is.
$B/rrdiff -k clock-host $B/data/good-diff-a.rr $B/data/good-diff-a.rr
echo "status $?"
# The last -k counts: an rr-only list before it is no matter.
$B/rrdiff -k output -k char-write $B/data/qemu-every-kind.qlog \
    $B/data/qemu-guest-parts.qlog
