#!/usr/bin/python3
"""What tests/draw/run.sh reads out of the pictures, as lines for the
shell to compare with rrdump's own output.

  check.py dom FILE         the page as Chromium left it (--dump-dom)
  check.py svg FILE         the SVG's lanes and markers, as dom's lines
  check.py png FILE         colours of a screenshot: "COLOURS TOP_SHARE"
  check.py trace SCHEMA TRACE DUMP
                            the trace validates against SCHEMA, and every
                            input and output event of DUMP (rrdump --json)
                            is in it with its number, icount, time, text
"""
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser


def jtext(s):
    return json.dumps(s, ensure_ascii=True)


class Dom(HTMLParser):
    """Lines for the parts of the page the tests look at."""

    def __init__(self):
        super().__init__()
        self.out = []
        self.stack = []         # open elements: (tag, attrs)
        self.grab = None        # (prefix, parts): text being collected
        self.run = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get('class') or '').split()
        if tag == 'body':
            self.out.append('errors %s' % a.get('data-errors', '0'))
            self.out.append('ready %s' % a.get('data-ready', '0'))
            self.out.append('view %s' % a.get('data-view', '-'))
        if tag == 'section' and 'run' in cls:
            self.run = a.get('data-run')
        if tag == 'div' and 'lane' in cls:
            self.out.append('lane %s %s %s %s' % (self.run, a['data-kind'],
                            a['data-events'], a.get('data-in-view')))
        if tag == 'div' and 'marker' in cls and 'diffmark' not in cls:
            self.out.append('marker %s %s %s %s' % (
                self.run, a['data-kind'], a['data-icount'],
                a['data-event']))
        if tag == 'div' and 'diffmark' in cls:
            self.out.append('diff %s %s %s %s' % (
                a['data-mark'], self.run, a['data-icount'],
                a['data-event']))
        if tag == 'tr' and 'data-key' in a:
            self.grab = ('stat %s' % a['data-key'], [])
        if tag == 'li' and 'data-icount' in a and 'out' in cls:
            self.grab = ('out %s %s %s' % (a['data-run'], a['data-event'],
                         a['data-icount']), [])
        if tag == 'code' and self.stack and self.stack[-1][1].get(
                'id') == 'cut':
            self.grab = ('cut', [])
        if tag == 'pre' and a.get('id') == 'errors':
            self.grab = ('errortext', [])
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if self.grab and ((tag == 'tr' and self.grab[0].startswith('stat'))
                          or (tag == 'li' and self.grab[0].startswith('out'))
                          or (tag == 'code' and self.grab[0] == 'cut')
                          or (tag == 'pre' and self.grab[0] ==
                              'errortext')):
            prefix, parts = self.grab
            self.grab = None
            if prefix.startswith('stat'):
                self.out.append('%s %s' % (prefix, parts[-1].strip()))
            elif prefix.startswith('out'):
                self.out.append('%s %s' % (prefix, jtext(parts[-1])))
            elif prefix == 'cut':
                self.out.append('cut %s' % ''.join(parts))
            elif ''.join(parts).strip():
                self.out.append('errortext %s' % jtext(''.join(parts)))

    def handle_data(self, data):
        if self.grab is not None:
            self.grab[1].append(data)


def dom(path):
    p = Dom()
    with open(path, encoding='utf-8') as f:
        p.feed(f.read())
    print('\n'.join(p.out))


def svg(path):
    ns = '{http://www.w3.org/2000/svg}'
    root = ET.parse(path).getroot()
    for g in root.iter(ns + 'g'):
        if 'lane' in (g.get('class') or '').split():
            print('lane 0 %s %s -' % (g.get('data-kind'),
                                      g.get('data-events')))
    for ln in root.iter(ns + 'line'):
        if 'marker' in (ln.get('class') or '').split():
            print('marker 0 %s %s -' % (ln.get('data-kind'),
                                        ln.get('data-icount')))


def png(path):
    from PIL import Image
    im = Image.open(path).convert('RGB')
    colours = im.getcolors(maxcolors=1 << 24)
    top = max(c for c, _ in colours)
    print('%d %.3f' % (len(colours), top / (im.width * im.height)))


def expected_text(rec):
    """What the trace's text of a dumped event must be (trace.c)."""
    kind = rec['kind']
    if kind == 'clock':
        # Past 2^53 a string of digits (rr(7), JSON Lines).
        return '%d ns' % int(rec['ns'])
    if kind == 'entropy':
        return '0x%08x' % int(rec['value'], 16)
    b = bytes.fromhex(rec.get('data', ''))
    s = b.decode('utf-8', 'surrogateescape')
    # A byte that is no UTF-8 stands for the code point of its value.
    return ''.join(chr(ord(c) - 0xdc00) if 0xdc80 <= ord(c) <= 0xdcff
                   else c for c in s)


def trace(schema_path, trace_path, dump_path):
    import jsonschema
    with open(schema_path) as f:
        schema = json.load(f)
    with open(trace_path, encoding='utf-8') as f:
        doc = json.load(f)
    jsonschema.validate(doc, schema)
    shift = doc['otherData']['clock_shift']
    byev = {}
    for e in doc['traceEvents']:
        if e['ph'] == 'i':
            byev[e['args']['event']] = e
    bad = n = 0
    with open(dump_path) as f:
        for line in f:
            rec = json.loads(line)
            if rec.get('type') != 'event' or rec['kind'] not in (
                    'clock', 'entropy', 'bh', 'output', 'semihost'):
                continue
            n += 1
            e = byev.get(rec['event'])
            want = expected_text(rec)
            if e is None:
                print('event %d (%s) not in the trace' % (rec['event'],
                                                          rec['kind']))
                bad += 1
            elif (e['name'] != rec['kind'] or
                  e['args']['icount'] != rec['icount'] or
                  e['args']['text'] != want or
                  abs(e['ts'] - (rec['icount'] << shift) / 1000) > 1e-6 *
                  max(1, e['ts'])):
                print('event %d: trace has %s, want %s %s' % (
                    rec['event'], jtext(e), rec['kind'], jtext(want)))
                bad += 1
    print('trace: %d input and output events, %d wrong' % (n, bad))
    return 1 if bad or n == 0 else 0


def main(argv):
    if len(argv) >= 3 and argv[1] == 'dom':
        dom(argv[2])
    elif len(argv) >= 3 and argv[1] == 'svg':
        svg(argv[2])
    elif len(argv) >= 3 and argv[1] == 'png':
        png(argv[2])
    elif len(argv) == 5 and argv[1] == 'trace':
        return trace(argv[2], argv[3], argv[4])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
