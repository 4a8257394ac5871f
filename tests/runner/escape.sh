#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/escape.sh: target data cannot change how a report looks (issue 7,
# 1.13): terminal escapes, carriage returns, invalid UTF-8, bidi overrides and
# markup in process names and results are shown escaped (\xNN, \u{NNNN}) in
# every format, never raw, never replaced by "[Invalid UTF-8]".
. "${top_srcdir:-.}/tests/runner/lib.sh"

for fmt in text json csv junit nessus html; do
  audit "h_$fmt" hostile --format "$fmt" -v
  expect_eq "$fmt: exit status 1 (the hostile result is FAILED)" 1 "$st"
  python3 - "$work/h_$fmt.out" "$fmt" >"$work/h_$fmt.check" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
fmt = sys.argv[2]
def say(ok, what):
    print(("ok - " if ok else "FAIL - ") + fmt + ": " + what)
try:
    text = data.decode('utf-8')
    say(True, 'valid UTF-8')
except UnicodeDecodeError as e:
    say(False, 'valid UTF-8 (%s)' % e)
    text = data.decode('utf-8', 'replace')
body = text.replace('\r\n', '\n') if fmt == 'csv' else text
if fmt == 'json':
    text = text.replace('\\\\', '\\')   # the JSON escape of a backslash
lists_listeners = fmt in ('text', 'json', 'html')
say(b'\x1b' not in data, 'no raw ESC byte')
say('\r' not in body, 'no raw carriage return')
say('\u202e' not in text, 'no raw bidi override')
say('\ufffd' not in text and 'Invalid UTF-8' not in text, 'nothing replaced')
say('\\x1b[1A\\x1b[2K\\x0dPASSED' in text, 'ESC and CR in a result name shown as \\x1b, \\x0d')
if lists_listeners:
    say('\\x1b[2K\\x0dPASSED' in text, 'ESC and CR in a process name shown as \\x1b, \\x0d')
    say('\\xff\\xfe' in text, 'invalid bytes shown as \\xNN')
    say('\\u{202e}rev' in text, 'bidi override shown as \\u{202e}')
say('\\xc3( end\\x00tail' in text, 'invalid sequence and NUL in a value shown escaped')
if fmt in ('junit', 'nessus', 'html'):
    say('<script>alert(1)' not in text, 'markup from the target is not markup')
if fmt in ('junit', 'nessus'):
    import xml.etree.ElementTree as ET
    try:
        ET.fromstring(data)
        say(True, 'well-formed XML')
    except ET.ParseError as e:
        say(False, 'well-formed XML (%s)' % e)
PY
  while read -r line; do
    case $line in ok*) ok "${line#ok - }" ;; *) fail "${line#FAIL - }" ;; esac
  done <"$work/h_$fmt.check"
done

# The FAILED line stands on its own line in the text report: a result name
# cannot move the cursor up or erase it.
has "$work/h_text.out" '^     FAILED  line 3     hostile \\x1b\[1A\\x1b\[2K\\x0dPASSED$' "text: the FAILED line is intact"
json_check "$work/h_json.out" "
l = [l for l in doc['targets'][0]['listeners'] if l['port'] == 6666][0]
check('json: the hostile process is exposed, whole', l['exposed'] is True and l['process'].startswith('\\\\x1b[2K\\\\x0dPASSED \\\\xff\\\\xfe<script>'), l)
"
finish
