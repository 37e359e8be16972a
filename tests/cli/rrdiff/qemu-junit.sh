# --junit on QEMU logs: one test case, failed with the first finding as
# its message; valid against formats/junit.xsd.
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT
D=$B/data
for p in "same qemu-causes-a qemu-causes-a" "part qemu-causes-a qemu-causes-b" \
    "input qemu-every-kind qemu-input-byte" \
    "extra qemu-causes-a qemu-causes-extra" \
    "host qemu-every-kind qemu-host-value"; do
	set -- $p
	$B/rrdiff -q --junit "$t/$1.xml" $D/$2.qlog $D/$3.qlog
	echo "$1 rc=$?"
	sed "s|$B/|\$B/|g" "$t/$1.xml"
	xmllint --noout --schema formats/junit.xsd "$t/$1.xml" 2>/dev/null
	echo "xmllint rc=$?"
done
# A log cut short: the logs part where it ends (exit 1), failed.
Q=tests/fuzz/corpus/fuzz_qreplay
$B/rrdiff -q --junit "$t/cut.xml" $Q/qemu72-hello.bin $Q/qemu72-hello-cut.bin
echo "cut rc=$?"
grep -c '<failure message=' "$t/cut.xml"
# Unsupported version: exit 2, the case in error.
$B/rrdiff -q --junit "$t/v0e.xml" $D/qemu-every-kind.qlog $D/qemu-v0e.qlog
echo "v0e rc=$?"
grep -c '<error message=' "$t/v0e.xml"
# A folder is refused before anything is compared.
$B/rrdiff -q --junit "$t" $D/qemu-causes-a.qlog $D/qemu-causes-b.qlog 2>&1 |
    sed "s|$t|\$T|g"
