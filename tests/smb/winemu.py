#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/smb/winemu.py: an emulated Windows host for the SMB remote-command tests.
#
# The SMB2 server is impacket's (python3-impacket, Debian); this script adds
# what a Windows host has and impacket has not:
#   - \pipe\svcctl: a DCE/RPC service control manager (bind, OpenSCManagerW,
#     CreateServiceW, OpenServiceW, StartServiceW, QueryServiceStatus,
#     ControlService, DeleteService, CloseServiceHandle), the stubs decoded and
#     encoded with impacket's NDR classes (an NDR implementation independent of
#     ours).  Starting a service "runs" its command: the binary path must be
#       %COMSPEC% /Q /c <command> 1> %SystemRoot%\Temp\<file> 2>&1
#     and the captured output of <command> (tests/smb/fixtures) is written to
#     ADMIN$\Temp\<file>; StartServiceW then answers
#     ERROR_SERVICE_REQUEST_TIMEOUT, as Windows does for cmd.exe.
#   - signatures on every response of a signed session, compounds included
#     (impacket 0.10 leaves TREE_CONNECT responses unsigned and signs each part
#     of a compound before chaining it, which a Windows server never does).
# impacket's own limits stay (its negotiate always picks 2.0.2, it never
# checks a client's signature, it has no encryption): dialects, signing
# enforcement and encryption are tested against Samba.
#
# Usage: winemu.py --dir DIR --user NAME --password-file FILE
#                  [--locale en|fr|es] [--fault F] [--upn NAME@DNS.DOMAIN]
# DIR gets: port (when listening), admin/ (ADMIN$, with Temp/), state.json
# (services created, started, deleted; what is left), winemu.log.
# Faults: scm-denied, admin-denied, create-denied, start-fails, no-output,
# never-finishes, slow (output after --slow seconds), drop-after-session-setup,
# drop-during-command (the connection breaks once after StartServiceW).
# Stops on SIGTERM, writing state.json a last time.

import argparse
import hashlib
import hmac
import json
import logging
import os
import re
import signal
import socket
import socketserver
import struct
import sys
import threading
import time

from impacket import ntlm, smbserver
from impacket import smb3structs as smb2
from impacket.dcerpc.v5 import scmr
from impacket.dcerpc.v5.ndr import NULL

SVCCTL_UUID = bytes.fromhex("81bb7a364498f135ad3298f038001003")
NDR_UUID = bytes.fromhex("045d888aeb1cc9119fe808002b104860")

ERROR_ACCESS_DENIED = 5
ERROR_INVALID_HANDLE = 6
ERROR_SERVICE_REQUEST_TIMEOUT = 1053
ERROR_SERVICE_DISABLED = 1058
ERROR_SERVICE_DOES_NOT_EXIST = 1060
ERROR_SERVICE_MARKED_FOR_DELETE = 1072
ERROR_SERVICE_EXISTS = 1073
STOPPED, RUNNING = 1, 4

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sshd"))
import wincmd  # noqa: E402  (tests/sshd/wincmd.py: the emulated cmd.exe)

LOCALES = {
    "en": {
        "cmd /c ver": "en-ver.txt",
        "netstat -ano": "en-netstat-ano.txt",
        "netstat -an": "en-netstat-an.txt",
        "tasklist /svc": "en-tasklist-svc.txt",
    },
    "fr": {
        "cmd /c ver": "en-ver.txt",
        "netstat -ano": "fr-netstat-ano.txt",
        "tasklist /svc": "srv2016-tasklist-svc.txt",
    },
    "es": {
        "cmd /c ver": "en-ver.txt",
        "netstat -an": "es-netstat-an.txt",
        "netstat -nabo": "es-netstat-nabo.txt",
        "tasklist /svc": "srv2016-tasklist-svc.txt",
    },
}

BINPATH = re.compile(r"^%COMSPEC% /Q /c (.+) 1> %SystemRoot%\\Temp\\([A-Za-z0-9_.-]+) 2>&1$")


def fixture_bytes(path):
    """A fixture without its '# source:' line, with CRLF line ends."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"# source:"):
        data = data.split(b"\n", 1)[1] if b"\n" in data else b""
    if b"\r\n" not in data:
        data = data.replace(b"\n", b"\r\n")
    return data


class Host:
    """The emulated machine: services, their handles, and what happened."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.save_lock = threading.Lock()  # one writer of state.* at a time (connections are threads)
        self.services = {}      # lower-case name -> dict
        self.handles = {}       # 20-byte handle -> ("scm", None) | ("svc", name)
        self.events = {"created": [], "started": [], "deleted": [], "commands": [],
                       "connections_dropped": 0, "negotiations": 0}
        self.counter = 0
        self.temp = os.path.join(args.dir, "admin", "Temp")
        self.fault_seen = None
        self.armed = False
        self.running = False     # a started service not deleted yet

    def fault(self):
        """The fault in force: DIR/fault when it exists (tests switch faults
        without restarting), else --fault.  Writing the file re-arms the
        one-shot faults (the connection drops)."""
        try:
            with open(os.path.join(self.args.dir, "fault")) as f:
                current = f.read().strip()
        except OSError:
            current = self.args.fault
        if current != self.fault_seen:
            self.fault_seen = current
            self.armed = True
        return current

    def fire_once(self, name):
        """True the first time fault 'name' is hit after it was set."""
        if self.fault() != name or not self.armed:
            return False
        self.armed = False
        self.events["connections_dropped"] += 1
        self.save()
        return True

    def new_handle(self, kind, name):
        with self.lock:
            self.counter += 1
            h = struct.pack("<I", 0) + struct.pack("<IIII", self.counter, 0x5eed, 0, 0)
            self.handles[h] = (kind, name)
            return h

    def output_for(self, command):
        if command.startswith("echo "):
            return command[5:].encode("utf-8") + b"\r\n"
        m = re.match(r"^winemu-bytes (\d+)$", command)
        if m:
            n = int(m.group(1))
            line = b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!\r\n"
            return (line * (n // len(line) + 1))[:n]
        table = LOCALES.get(self.args.locale, LOCALES["en"])
        name = table.get(command)
        if name:
            return fixture_bytes(os.path.join(self.args.fixtures, name))
        # Anything else runs through the emulated cmd.exe of the SSH tests
        # (operators, nested cmd /c, !ERRORLEVEL!), its programs answered
        # from this locale's table; stdout and stderr both go to the file.
        captured = []
        wincmd.Shell(wincmd.Out(capture=captured), program=self.program_output).run_line(command)
        return b"".join(captured)

    def program_output(self, name, args):
        """A program of the emulated cmd.exe: (output, exit status) from the
        locale's table, or None (not recognized)."""
        table = LOCALES.get(self.args.locale, LOCALES["en"])
        fixture = table.get(" ".join([name] + args))
        if not fixture:
            return None
        return fixture_bytes(os.path.join(self.args.fixtures, fixture)), 0

    def run(self, svc):
        """StartServiceW: returns the Win32 result."""
        args = self.args
        fault = self.fault()
        if fault == "start-fails":
            return ERROR_SERVICE_DISABLED
        m = BINPATH.match(svc["binpath"])
        if not m:
            logging.error("unexpected binary path %r", svc["binpath"])
            return 2  # ERROR_FILE_NOT_FOUND, as for a broken image path
        command, fname = m.group(1), m.group(2)
        self.events["started"].append(svc["name"])
        self.running = True
        self.events["commands"].append(command)
        target = os.path.join(self.temp, fname)
        if fault == "no-output":
            svc["state"] = STOPPED
            return ERROR_SERVICE_REQUEST_TIMEOUT
        if fault == "never-finishes":
            svc["state"] = RUNNING
            return ERROR_SERVICE_REQUEST_TIMEOUT
        data = self.output_for(command)

        def write():
            tmp = target + ".partial"
            with open(tmp, "wb") as f:
                f.write(data)
            os.rename(tmp, target)
            svc["state"] = STOPPED

        if fault == "slow":
            svc["state"] = RUNNING
            threading.Timer(args.slow, write).start()
        else:
            write()
        return ERROR_SERVICE_REQUEST_TIMEOUT

    def state(self):
        left_services = sorted(s["name"] for s in self.services.values() if not s["deleted"])
        try:
            left_files = sorted(os.listdir(self.temp))
        except OSError:
            left_files = []
        return dict(self.events, leftover_services=left_services, leftover_files=left_files)

    def save(self):
        """state.json for people, state.txt (one 'key value...' line each) for tests."""
        path = os.path.join(self.args.dir, "state")
        with self.save_lock:
            with self.lock:
                st = self.state()
            with open(path + ".json.tmp", "w") as f:
                json.dump(st, f, indent=1, sort_keys=True)
            os.replace(path + ".json.tmp", path + ".json")
            with open(path + ".txt.tmp", "w") as f:
                for key in ("created", "started", "deleted", "leftover_services", "leftover_files"):
                    f.write("%s %d %s\n" % (key, len(st[key]), " ".join(st[key])))
                f.write("connections_dropped %d\n" % st["connections_dropped"])
                f.write("negotiations %d\n" % st["negotiations"])
                for c in st["commands"]:
                    f.write("command %s\n" % c)
            os.replace(path + ".txt.tmp", path + ".txt")


class Svcctl:
    """The MS-SCMR calls, on impacket's NDR structures."""

    def __init__(self, host):
        self.host = host

    def call(self, opnum, stub):
        handler = {
            0: self.close_handle, 1: self.control, 2: self.delete, 6: self.query,
            12: self.create, 15: self.open_scm, 16: self.open_service, 19: self.start,
        }.get(opnum)
        if handler is None:
            return None
        try:
            out = handler(stub)
        finally:
            self.host.save()
        return out

    def lookup(self, handle, kind):
        entry = self.host.handles.get(bytes(handle))
        if not entry or entry[0] != kind:
            return None
        return entry

    def open_scm(self, stub):
        req = scmr.ROpenSCManagerW(stub)
        resp = scmr.ROpenSCManagerWResponse()
        if self.host.fault() == "scm-denied" or not req["dwDesiredAccess"] & 0x2:
            resp["lpScHandle"] = b"\0" * 20
            resp["ErrorCode"] = ERROR_ACCESS_DENIED
        else:
            resp["lpScHandle"] = self.host.new_handle("scm", None)
            resp["ErrorCode"] = 0
        return resp.getData()

    def create(self, stub):
        req = scmr.RCreateServiceW(stub)
        resp = scmr.RCreateServiceWResponse()
        resp["lpdwTagId"] = NULL
        resp["lpServiceHandle"] = b"\0" * 20
        name = req["lpServiceName"][:-1]
        if not self.lookup(req["hSCManager"], "scm"):
            resp["ErrorCode"] = ERROR_INVALID_HANDLE
        elif self.host.fault() == "create-denied":
            resp["ErrorCode"] = ERROR_ACCESS_DENIED
        elif name.lower() in self.host.services and not self.host.services[name.lower()]["deleted"]:
            resp["ErrorCode"] = ERROR_SERVICE_EXISTS
        else:
            self.host.services[name.lower()] = {
                "name": name, "binpath": req["lpBinaryPathName"][:-1], "state": STOPPED,
                "deleted": False, "type": req["dwServiceType"], "start": req["dwStartType"],
                "account": None if req["lpServiceStartName"] in (None, NULL, "")
                else req["lpServiceStartName"],
            }
            self.host.events["created"].append(name)
            resp["lpServiceHandle"] = self.host.new_handle("svc", name.lower())
            resp["ErrorCode"] = 0
        return resp.getData()

    def open_service(self, stub):
        req = scmr.ROpenServiceW(stub)
        resp = scmr.ROpenServiceWResponse()
        resp["lpServiceHandle"] = b"\0" * 20
        svc = self.host.services.get(req["lpServiceName"][:-1].lower())
        if not self.lookup(req["hSCManager"], "scm"):
            resp["ErrorCode"] = ERROR_INVALID_HANDLE
        elif not svc or svc["deleted"]:
            resp["ErrorCode"] = ERROR_SERVICE_DOES_NOT_EXIST
        else:
            resp["lpServiceHandle"] = self.host.new_handle("svc", svc["name"].lower())
            resp["ErrorCode"] = 0
        return resp.getData()

    def service_of(self, handle):
        entry = self.lookup(handle, "svc")
        return self.host.services.get(entry[1]) if entry else None

    def start(self, stub):
        req = scmr.RStartServiceW(stub)
        resp = scmr.RStartServiceWResponse()
        svc = self.service_of(req["hService"])
        if not svc:
            resp["ErrorCode"] = ERROR_INVALID_HANDLE
        elif svc["deleted"]:
            resp["ErrorCode"] = ERROR_SERVICE_MARKED_FOR_DELETE
        else:
            resp["ErrorCode"] = self.host.run(svc)
        return resp.getData()

    def status_of(self, svc, resp):
        st = resp["lpServiceStatus"]
        st["dwServiceType"] = 0x10
        st["dwCurrentState"] = svc["state"]
        st["dwControlsAccepted"] = 0
        st["dwWin32ExitCode"] = 0 if svc["state"] == RUNNING else ERROR_SERVICE_REQUEST_TIMEOUT
        st["dwServiceSpecificExitCode"] = 0
        st["dwCheckPoint"] = 0
        st["dwWaitHint"] = 0

    def query(self, stub):
        req = scmr.RQueryServiceStatus(stub)
        resp = scmr.RQueryServiceStatusResponse()
        svc = self.service_of(req["hService"])
        if not svc:
            self.status_of({"state": STOPPED}, resp)
            resp["ErrorCode"] = ERROR_INVALID_HANDLE
        else:
            self.status_of(svc, resp)
            resp["ErrorCode"] = 0
        return resp.getData()

    def control(self, stub):
        req = scmr.RControlService(stub)
        resp = scmr.RControlServiceResponse()
        svc = self.service_of(req["hService"])
        self.status_of(svc or {"state": STOPPED}, resp)
        resp["ErrorCode"] = 1062 if svc else ERROR_INVALID_HANDLE  # not active
        return resp.getData()

    def delete(self, stub):
        req = scmr.RDeleteService(stub)
        resp = scmr.RDeleteServiceResponse()
        svc = self.service_of(req["hService"])
        if not svc:
            resp["ErrorCode"] = ERROR_INVALID_HANDLE
        elif svc["deleted"]:
            resp["ErrorCode"] = ERROR_SERVICE_MARKED_FOR_DELETE
        else:
            svc["deleted"] = True
            self.host.running = False
            self.host.events["deleted"].append(svc["name"])
            resp["ErrorCode"] = 0
        return resp.getData()

    def close_handle(self, stub):
        req = scmr.RCloseServiceHandle(stub)
        resp = scmr.RCloseServiceHandleResponse()
        known = self.host.handles.pop(bytes(req["hSCObject"]), None)
        resp["hSCObject"] = b"\0" * 20
        resp["ErrorCode"] = 0 if known else ERROR_INVALID_HANDLE
        return resp.getData()


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        part = sock.recv(n - len(buf))
        if not part:
            return None
        buf += part
    return buf


def pdu(ptype, flags, call_id, body):
    return struct.pack("<BBBBIHHI", 5, 0, ptype, flags, 0x10, 16 + len(body), 0, call_id) + body


class RpcHandler(socketserver.BaseRequestHandler):
    """One pipe open: a DCE/RPC association over a socket from impacket."""

    def handle(self):
        svcctl = self.server.svcctl
        max_recv = 4280
        pending = {}
        while True:
            hdr = recv_exact(self.request, 16)
            if not hdr:
                return
            ver, minor, ptype, flags, drep, frag_len, auth_len, call_id = \
                struct.unpack("<BBBBIHHI", hdr)
            body = recv_exact(self.request, frag_len - 16) if frag_len > 16 else b""
            if body is None or ver != 5:
                return
            if ptype == 11:  # bind
                max_xmit, max_recv = struct.unpack_from("<HH", body, 0)
                abstract = body[12 + 4:12 + 4 + 16]
                transfer = body[12 + 4 + 20:12 + 4 + 20 + 16]
                ok = abstract == SVCCTL_UUID and transfer == NDR_UUID
                sec = b"\\PIPE\\svcctl\0"
                ack = struct.pack("<HHIH", max_xmit, max_recv, 0x53F0, len(sec)) + sec
                ack += b"\0" * ((4 - (16 + len(ack)) % 4) % 4)
                ack += struct.pack("<B3x", 1)
                ack += struct.pack("<HH", 0 if ok else 2, 0 if ok else 1) + NDR_UUID + \
                    struct.pack("<I", 2)
                self.request.sendall(pdu(12, 3, call_id, ack))
            elif ptype == 0:  # request, maybe in fragments
                opnum = struct.unpack_from("<H", body, 6)[0]
                pending.setdefault(call_id, [opnum, b""])
                pending[call_id][1] += body[8:]
                if not flags & 2:
                    continue
                opnum, stub = pending.pop(call_id)
                out = svcctl.call(opnum, stub)
                if out is None:
                    self.request.sendall(pdu(3, 3, call_id,
                                             struct.pack("<IHBBI4x", 0, 0, 0, 0, 0x1C010002)))
                    continue
                room = max(max_recv - 24, 8)
                off, frags = 0, []
                while True:
                    chunk = out[off:off + room]
                    fl = (1 if off == 0 else 0) | (2 if off + len(chunk) >= len(out) else 0)
                    frags.append(pdu(2, fl, call_id,
                                     struct.pack("<IHBB", len(out) - off, 0, 0, 0) + chunk))
                    off += len(chunk)
                    if off >= len(out):
                        break
                self.request.sendall(b"".join(frags))
            else:
                return


class RpcServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def resign(data, key):
    """Signs every message of a response chain (as Windows does)."""
    out = bytearray(data)
    off = 0
    while off + 64 <= len(out):
        nc, = struct.unpack_from("<I", out, off + 20)
        end = off + nc if nc else len(out)
        cmd, = struct.unpack_from("<H", out, off + 12)
        flags, = struct.unpack_from("<I", out, off + 16)
        status, = struct.unpack_from("<I", out, off + 8)
        interim = status == 0x103
        if cmd not in (smb2.SMB2_NEGOTIATE, smb2.SMB2_SESSION_SETUP) and not interim:
            flags |= smb2.SMB2_FLAGS_SIGNED
        if flags & smb2.SMB2_FLAGS_SIGNED and (cmd != smb2.SMB2_SESSION_SETUP or status == 0):
            struct.pack_into("<I", out, off + 16, flags)
            out[off + 48:off + 64] = b"\0" * 16
            out[off + 48:off + 64] = hmac.new(key, bytes(out[off:end]),
                                              hashlib.sha256).digest()[:16]
        if not nc:
            break
        off += nc
    return bytes(out)


def patch_impacket(host):
    original = smbserver.SMBSERVER.processRequest

    def process_request(self, conn_id, data):
        packets = original(self, conn_id, data)
        conn = self.getConnectionData(conn_id, False)
        if (conn.get("SignatureEnabled") and conn.get("SigningSessionKey") and packets
                and isinstance(packets[0], (bytes, bytearray))
                and packets[0][:4] == b"\xfeSMB"):
            packets = [resign(packets[0], conn["SigningSessionKey"])] + list(packets[1:])
        return packets

    smbserver.SMBSERVER.processRequest = process_request


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--user", required=True)
    ap.add_argument("--password-file", required=True)
    ap.add_argument("--upn", default="")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--locale", default="en", choices=sorted(LOCALES))
    ap.add_argument("--fault", default="none")
    ap.add_argument("--slow", type=float, default=2.0)
    ap.add_argument("--fixtures", default=os.path.join(os.path.dirname(os.path.abspath(
        __file__)), "fixtures"))
    args = ap.parse_args()

    logging.basicConfig(filename=os.path.join(args.dir, "winemu.log"), level=logging.INFO,
                        format="%(asctime)s %(name)s %(message)s")
    # impacket logs NTLM responses in a crackable form at INFO: keep it quiet.
    logging.getLogger("impacket").setLevel(logging.WARNING)
    admin = os.path.join(args.dir, "admin")
    os.makedirs(os.path.join(admin, "Temp"), exist_ok=True)
    with open(args.password_file) as f:
        password = f.read().rstrip("\n")
    nthash = ntlm.compute_nthash(password).hex()
    del password

    host = Host(args)
    patch_impacket(host)
    rpc = RpcServer(("127.0.0.1", 0), RpcHandler)
    rpc.svcctl = Svcctl(host)
    threading.Thread(target=rpc.serve_forever, daemon=True).start()

    server = smbserver.SimpleSMBServer(listenAddress="127.0.0.1", listenPort=args.port)
    server.setSMB2Support(True)
    server.setSMBChallenge(os.urandom(8).hex())
    server.addShare("ADMIN$", admin, "Remote Admin")
    server.addShare("C$", args.dir, "Default share")
    server.addCredential(args.user, 0, "", nthash)
    if args.upn:
        server.addCredential(args.upn, 0, "", nthash)
    server.registerNamedPipe("svcctl", ("127.0.0.1", rpc.server_address[1]))
    smb = server._SimpleSMBServer__server
    original_tree_connect = smbserver.SMB2Commands.smb2TreeConnect
    original_create = smbserver.SMB2Commands.smb2Create

    def tree_connect(conn_id, smb_server, packet):
        # A non-administrator's view of ADMIN$ (Windows: STATUS_ACCESS_DENIED).
        req = smb2.SMB2TreeConnect(packet["Data"])
        path = packet.getData()[req["PathOffset"]:][:req["PathLength"]].decode("utf-16le")
        if host.fault() == "admin-denied" and path.upper().endswith("\\ADMIN$"):
            return [smb2.SMB2Error()], None, 0xC0000022
        # The connection breaks right after a successful SESSION_SETUP.
        if host.fire_once("drop-after-session-setup"):
            raise ConnectionAbortedError("emulated drop after SESSION_SETUP")
        return original_tree_connect(conn_id, smb_server, packet)

    def create(conn_id, smb_server, packet):
        # The connection breaks once while a command runs (after StartServiceW).
        if host.fault() == "drop-during-command" and host.running \
                and host.fire_once("drop-during-command"):
            raise ConnectionAbortedError("emulated drop while a command runs")
        return original_create(conn_id, smb_server, packet)

    original_negotiate = smbserver.SMB2Commands.smb2Negotiate

    def negotiate(conn_id, smb_server, packet, *rest):
        # One per connection: tests count connections with it.
        host.events["negotiations"] += 1
        host.save()
        return original_negotiate(conn_id, smb_server, packet, *rest)

    smb.hookSmb2Command(smb2.SMB2_NEGOTIATE, negotiate)
    smb.hookSmb2Command(smb2.SMB2_TREE_CONNECT, tree_connect)
    smb.hookSmb2Command(smb2.SMB2_CREATE, create)

    def stop(signum, frame):
        host.save()
        os._exit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    host.save()
    with open(os.path.join(args.dir, "port.tmp"), "w") as f:
        f.write("%d\n" % smb.server_address[1])
    os.replace(os.path.join(args.dir, "port.tmp"), os.path.join(args.dir, "port"))
    server.start()


if __name__ == "__main__":
    main()
