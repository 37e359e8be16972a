#!/usr/bin/python3
"""Validate JSON Lines against one of formats/*.schema.json.

usage: validate.py SCHEMA FILE...  (FILE "-": standard input)

Every line of each FILE that starts with "{" is a record to check; other
lines (text around the JSON in a golden output) are passed over.  With
--last TYPE, the last record of each file must be of that type.  Prints
FILE:LINE: why for each record that fails; exit 0 all valid, 1 some not,
2 trouble.  Uses Debian's python3-jsonschema (make deps).
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.stderr.write("validate.py: python3-jsonschema is missing "
                     "(make deps)\n")
    sys.exit(2)


def main(argv):
    last = None
    if len(argv) > 1 and argv[1] == "--last":
        last = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) < 3:
        sys.stderr.write("usage: validate.py [--last TYPE] SCHEMA FILE...\n")
        return 2
    path = os.path.abspath(argv[1])
    with open(path) as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    resolver = jsonschema.RefResolver(base_uri="file://" + path,
                                      referrer=schema)
    v = cls(schema, resolver=resolver)
    bad = 0
    n = 0
    for name in argv[2:]:
        f = sys.stdin if name == "-" else open(name, errors="replace")
        rec = None
        for i, line in enumerate(f, 1):
            if not line.startswith("{"):
                continue
            n += 1
            try:
                rec = json.loads(line)
            except ValueError as e:
                print("%s:%d: not JSON: %s" % (name, i, e))
                bad += 1
                continue
            # A consumer dispatches on type: each names one shape.
            t = rec.get("type") if isinstance(rec, dict) else None
            if t not in schema.get("$defs", {}) or \
                    {"$ref": "#/$defs/" + str(t)} not in schema["oneOf"]:
                print("%s:%d: no record type %r in %s" % (name, i, t,
                                                        argv[1]))
                bad += 1
                continue
            sub = cls({"$ref": "#/$defs/" + t}, resolver=resolver)
            errs = list(sub.iter_errors(rec)) or list(v.iter_errors(rec))
            if errs:
                bad += 1
                e = errs[0]
                print("%s:%d: %s: %s: %s" % (name, i, t,
                      "/".join(str(x) for x in e.absolute_path) or ".",
                      e.message[:300]))
        if last is not None and (rec is None or rec.get("type") != last):
            print("%s: the last record is not %s" % (name, last))
            bad += 1
        if f is not sys.stdin:
            f.close()
    if n == 0 and last is None:
        print("validate.py: no records in %s" % " ".join(argv[2:]))
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
