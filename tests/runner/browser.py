# SPDX-License-Identifier: GPL-2.0-or-later
# tests/runner/browser.py: opens a nasl-audit HTML report in headless Chromium,
# driven over the DevTools protocol on a pipe (--remote-debugging-pipe, no
# network port, no extra package), runs checks in the page, clicks column
# headers to sort, and saves a screenshot.  Prints ok/FAIL lines.
# Usage: browser.py CHROMIUM REPORT.html SCREENSHOT.png PROFILE-DIR
import base64, json, os, select, signal, subprocess, sys, time

chromium, report, shot, profile = sys.argv[1:5]
signal.alarm(120)
to_browser_r, to_browser_w = os.pipe()
from_browser_r, from_browser_w = os.pipe()

def child_fds():
    # via fresh copies: a pipe end may already sit on 3 or 4 (close-on-exec)
    a, b = os.dup(to_browser_r), os.dup(from_browser_w)
    os.dup2(a, 3)
    os.dup2(b, 4)

proc = subprocess.Popen(
    [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
     "--disable-background-networking", "--disable-component-update", "--disable-sync",
     "--disable-extensions", "--remote-debugging-pipe", "--user-data-dir=" + profile, "about:blank"],
    preexec_fn=child_fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
os.close(to_browser_r)
os.close(from_browser_w)
buf = b""
next_id = 0
events = []

def send(method, params=None, session=None):
    global next_id, buf
    next_id += 1
    msg = {"id": next_id, "method": method, "params": params or {}}
    if session:
        msg["sessionId"] = session
    os.write(to_browser_w, json.dumps(msg).encode() + b"\0")
    while True:
        while b"\0" not in buf:
            select.select([from_browser_r], [], [], 60)
            chunk = os.read(from_browser_r, 1 << 20)
            if not chunk:
                raise SystemExit("FAIL - chromium closed the pipe")
            buf += chunk
        raw, buf = buf.split(b"\0", 1)
        m = json.loads(raw)
        if m.get("id") == next_id:
            if "error" in m:
                raise SystemExit("FAIL - %s: %s" % (method, m["error"]))
            return m.get("result", {})
        events.append(m)

def wait_event(name, session, seconds=30):
    global buf
    end = time.time() + seconds
    while time.time() < end:
        for e in events:
            if e.get("method") == name and e.get("sessionId") == session:
                events.remove(e)
                return e
        while b"\0" not in buf and time.time() < end:
            r, _, _ = select.select([from_browser_r], [], [], 1)
            if r:
                buf += os.read(from_browser_r, 1 << 20)
        while b"\0" in buf:
            raw, buf = buf.split(b"\0", 1)
            events.append(json.loads(raw))
    return None

def check(cond, what, detail=""):
    print(("ok - " if cond else "FAIL - ") + "browser: " + what + ("" if cond or not detail else ": " + str(detail)))

target = send("Target.createTarget", {"url": "about:blank"})["targetId"]
session = send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
send("Page.enable", session=session)
send("Network.enable", session=session)
send("Emulation.setDeviceMetricsOverride",
     {"width": 1280, "height": 1500, "deviceScaleFactor": 1, "mobile": False}, session=session)
send("Page.navigate", {"url": "file://" + os.path.abspath(report)}, session=session)
check(wait_event("Page.loadEventFired", session) is not None, "the page loaded")

def js(expr):
    r = send("Runtime.evaluate", {"expression": expr, "returnByValue": True}, session=session)
    if "exceptionDetails" in r:
        return "EXCEPTION: " + json.dumps(r["exceptionDetails"])[:300]
    return r["result"].get("value")

requests = [e for e in events if e.get("method") == "Network.requestWillBeSent"]
urls = [e["params"]["request"]["url"] for e in requests]
check(all(u.startswith("file:") for u in urls), "no request beyond the report file itself", urls)
check(js("Array.from(document.querySelectorAll('[src],link[href]')).length") == 0,
      "no external scripts, images or style sheets")
check(js("document.title") == "nasl-audit report", "title")
fleet_ports = "Array.from(document.querySelectorAll('#fleet-ports tbody tr')).map(r => r.cells[0].textContent + '/' + r.cells[1].textContent)"
first = js(fleet_ports)
check(first == ["22/tcp", "25/tcp", "123/udp", "443/tcp", "6666/tcp", "8080/tcp"], "fleet view in numeric port order", first)
row25 = js("Array.from(document.querySelectorAll('#fleet-ports tbody tr')).filter(r => r.cells[0].textContent == '25')[0].cells[4].innerHTML")
check(row25 is not None and row25.count('class="badge loopback"') == 2 and "exposed" not in row25,
      "port 25: loopback only, on both audited hosts", row25)
row22 = js("Array.from(document.querySelectorAll('#fleet-ports tbody tr')).filter(r => r.cells[0].textContent == '22')[0].cells[4].textContent")
check(row22 == "localhost127.0.0.1", "port 22: which hosts", row22)

# Sort by another column, then by Port: numeric order up, then down.
js("document.querySelector('#fleet-ports thead th:nth-child(2)').click()")
after_proto = js(fleet_ports)
check(after_proto[-1] == "123/udp", "click Proto: sorted by protocol", after_proto)
js("document.querySelector('#fleet-ports thead th:nth-child(1)').click()")
up = js(fleet_ports)
check(up == ["22/tcp", "25/tcp", "123/udp", "443/tcp", "6666/tcp", "8080/tcp"], "click Port: numeric ascending", up)
js("document.querySelector('#fleet-ports thead th:nth-child(1)').click()")
down = js(fleet_ports)
check(down == list(reversed(up)), "click Port again: descending", down)
check(js("document.querySelector('#fleet-ports thead th:nth-child(1)').getAttribute('aria-sort')") == "descending",
      "the header shows the order")
js("document.querySelector('#fleet-ports thead th:nth-child(4)').click()")
by_loop = js("Array.from(document.querySelectorAll('#fleet-ports tbody tr')).map(r => r.cells[3].textContent)")
check(by_loop == sorted(by_loop, key=int), "click Loopback only on: numeric", by_loop)
js("document.querySelector('#fleet-ports thead th:nth-child(1)').click()")

# Results and hostile text.
failed = js("Array.from(document.querySelectorAll('#results-0 tbody tr.row-FAILED td')).map(c => c.textContent)")
check(failed and failed[0] == "FAILED" and failed[1].startswith("hostile \\x1b[1A\\x1b[2K\\x0dPASSED"),
      "the FAILED row, its name escaped", failed)
proc_cell = js("Array.from(document.querySelectorAll('#listeners-0 tbody tr')).filter(r => r.cells[0].textContent == '6666')[0].cells[4].textContent")
check(proc_cell == "\\x1b[2K\\x0dPASSED \\xff\\xfe<script>alert(1)</script>\\u{202e}rev",
      "a hostile process name is text, escaped", proc_cell)
check(js("document.scripts.length") == 1, "no script from target data")
na = js("document.querySelector('#target-1 .alert').textContent")
check(na == "Not audited: authentication refused for user tester (auth)", "the target not audited says why", na)

shotdata = send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": False}, session=session)["data"]
open(shot, "wb").write(base64.b64decode(shotdata))
check(os.path.getsize(shot) > 10000, "screenshot saved (%d bytes)" % os.path.getsize(shot))
try:
    send("Browser.close")
except SystemExit:
    pass
try:
    proc.wait(timeout=20)
except subprocess.TimeoutExpired:
    proc.kill()
