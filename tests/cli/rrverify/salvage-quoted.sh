# The salvage command rrverify suggests is one a shell takes as it is,
# whatever the file is called: pasted, it runs and salvages.
t=$(mktemp -d) && trap 'rm -rf "$t"' EXIT
X=$(cd "$B" && pwd)
$B/rremu record -q --checkpoint-interval 2000 -B 4096 -o "$t/rec.rr" $B/guests/demo.elf \
    <tests/guests/demo.in >/dev/null || exit 2
cd "$t" || exit 2
n=$(($(wc -c <rec.rr) * 3 / 4))
head -c $n rec.rr >"it's a killed \$log.rr"
cmdl=$($X/rrverify "it's a killed \$log.rr" 2>/dev/null | sed -n 's/^  salvage: //p')
echo "$cmdl"
PATH=$X:$PATH
eval "$cmdl" 2>/dev/null
echo "pasted: exit $?"
$X/rrverify -q "it's a killed \$log.salvaged.rr"; echo "its output: rrverify $?"
$X/rrverify --json "it's a killed \$log.rr" 2>/dev/null | jq -r 'select(.type == "verdict") | .salvage'
echo "jq: $?"
