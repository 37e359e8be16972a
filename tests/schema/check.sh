#!/bin/sh
# JSON Schema checks (make check): every JSON record in the golden
# outputs of rrdump, rrdiff, rrverify and rremu is valid against its tool's
# schema in formats/, dispatched on its type; no record type is named
# by two schemas (one consumer can dispatch on type across the tools).
# Uses Debian's python3-jsonschema through /usr/bin/python3 (make deps).
PY=${PY:-/usr/bin/python3}
V=tests/schema/validate.py
fail=0
# The goldens of the JSON Lines views: not those of the pictures, whose
# trace-events JSON is one document with a schema of its own
# (formats/trace-events.schema.json, checked in make draw-check).
lines_goldens() {
	for o in tests/cli/$1/*.out; do
		grep -qE -- '--(trace-events|html|svg)' "${o%.out}.sh" || echo "$o"
	done
}
for t in rrdump rrdiff rrverify rremu; do
	# shellcheck disable=SC2046
	if "$PY" "$V" "formats/$t.schema.json" $(lines_goldens $t); then
		echo "ok   $t: every JSON golden record fits formats/$t.schema.json"
	else
		echo "FAIL $t: records that do not fit formats/$t.schema.json"
		fail=$((fail + 1))
	fi
done
# Across every schema in formats/ whose records dispatch on type (a
# top-level oneOf: the JSON Lines ones, not trace-events).
if "$PY" - formats/*.schema.json <<'PYEOF'
import json, sys
seen = {}
bad = 0
lines = 0
for path in sys.argv[1:]:
    s = json.load(open(path))
    lines += "oneOf" in s
    for ref in s.get("oneOf", []):
        name = ref["$ref"].rsplit("/", 1)[1]
        const = s["$defs"][name]["properties"]["type"]["const"] \
            if "properties" in s["$defs"][name] else None
        if const != name:
            print("%s: record %s has type %r" % (path, name, const))
            bad += 1
        if name in seen:
            print("%s and %s both name %s" % (seen[name], path, name))
            bad += 1
        seen[name] = path
if lines < 4:
    print("only %d JSON Lines schemas in formats/" % lines)
    bad += 1
sys.exit(1 if bad else 0)
PYEOF
then
	echo "ok   no record type is named by two schemas"
else
	echo "FAIL record types named twice"
	fail=$((fail + 1))
fi
echo "schema: $((5 - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
