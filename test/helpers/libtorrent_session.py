#!/usr/bin/python3
"""A libtorrent 2.0 session for swarmhook's tests: one torrent, loopback only.

Run with Debian's /usr/bin/python3 (it has the libtorrent module):

  libtorrent_session.py (--torrent FILE | --magnet URI) --save DIR [--mode seed|download]
                        [--listen 127.0.0.1|::1] [--port 0]
                        [--peer HOST:PORT ...] [--skip-check] [--high-performance]
                        [--exit-on-finish] [--alerts all|peer|none] [--forced-encryption] [--default-encryption]
                        [--download-limit BYTES_PER_S]
                        [--transport tcp|utp]

Writes one JSON object per line on stdout:
  {"event": "listening", "host": ..., "port": N}        the real listen port (asked for 0)
  {"event": "added", "info_hash": HEX, "name": ..., "pieces": N}   pieces is null for a magnet link
  {"event": "metadata", "name": ..., "pieces": N, "total_size": B}  a magnet link's metadata arrived (ut_metadata)
  {"event": "state", "state": "checking_files" | "downloading" | "seeding" | ...}
  {"event": "ready"}                                   checking done, peers from --peer dialed
  {"event": "alert", "type": WHAT, "message": ..., "ip": ..., "port": ..., "reason": ...}
  {"event": "progress", "progress": 0..1, "total_done": B, "num_peers": N,
   "download_rate": B/s, "upload_rate": B/s, "total_upload": B,
   "num_pieces": N}                                    pieces had (passed the hash check); at most every 0.2 s, on change
  {"event": "finished"}                                download mode: every piece passed its hash check
  {"event": "first_block"}                             with --report-first-block: the first block of piece data came
  {"event": "error", "message": ...}
  {"event": "exit"}

Reads JSON commands on stdin, one per line:
  {"cmd": "connect", "host": "127.0.0.1", "port": 6881}
  {"cmd": "status"}                                    prints a progress line now
  {"cmd": "quit"}
and exits when stdin closes, so a test that drops the process's stdin ends it.
"""
import argparse
import json
import queue
import sys
import threading
import time

import libtorrent as lt


def say(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def parse_peer(text):
    """HOST:PORT, or [V6]:PORT."""
    if text.startswith("["):
        host, _, port = text[1:].partition("]:")
    else:
        host, _, port = text.rpartition(":")
    return host, int(port)


def read_stdin(commands):
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            commands.put(json.loads(line))
        except ValueError:
            say({"event": "error", "message": "bad command: " + line})
    commands.put({"cmd": "quit", "why": "stdin closed"})


def alert_fields(a):
    out = {"event": "alert", "type": a.what(), "message": a.message()}
    ip = getattr(a, "ip", None)
    if isinstance(ip, tuple) and len(ip) == 2:
        out["ip"], out["port"] = ip[0], ip[1]
    for name in ("reason", "op"):
        try:
            v = getattr(a, name, None)
        except TypeError:
            # Some enums (close_reason_t) have no Python converter in the Debian build.
            continue
        if v is not None and not callable(v):
            out[name] = str(v)
    err = getattr(a, "error", None)
    if err is not None and hasattr(err, "message"):
        out["error"] = err.message()
    pid = getattr(a, "pid", None)
    if pid is not None:
        try:
            out["peer_id"] = bytes(pid.to_bytes()).decode("latin1")
        except Exception:
            pass
    return out


def main():
    ap = argparse.ArgumentParser()
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--torrent")
    source.add_argument("--magnet", help="add by magnet link: the metadata comes from peers (BEP 9)")
    ap.add_argument("--save", required=True)
    ap.add_argument("--mode", choices=["seed", "download"], default="seed")
    ap.add_argument("--listen", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--peer", action="append", default=[])
    ap.add_argument("--skip-check", action="store_true", help="seed without hashing the data first (seed_mode)")
    ap.add_argument("--high-performance", action="store_true", help="lt.high_performance_seed() settings as the base")
    ap.add_argument("--exit-on-finish", action="store_true")
    ap.add_argument("--alerts", choices=["all", "peer", "none"], default="peer")
    ap.add_argument("--forced-encryption", action="store_true", help="MSE/PE with RC4 only, both ways; plaintext peers refused")
    ap.add_argument("--default-encryption", action="store_true", help="libtorrent's own encryption defaults (pe_enabled both ways: dials MSE first)")
    ap.add_argument("--upload-limit", type=int, default=0, help="upload bytes per second, loopback peers included (0: unlimited)")
    ap.add_argument("--download-limit", type=int, default=0, help="download rate cap in bytes/s, loopback peers included (0: none)")
    ap.add_argument("--transport", choices=["tcp", "utp"], default="tcp", help="the only transport used both ways (utp: TCP off, uTP on)")
    ap.add_argument("--report-first-block", action="store_true", help='print {"event": "first_block"} when the first block of piece data has come')
    args = ap.parse_args()

    host = args.listen
    listen_at = ("[%s]" % host if ":" in host else host) + ":%d" % args.port
    cat = lt.alert.category_t
    mask = cat.error_notification | cat.status_notification | cat.storage_notification
    if args.alerts != "none":
        mask |= cat.peer_notification | cat.connect_notification
    if args.alerts == "all":
        mask |= cat.piece_progress_notification | cat.incoming_request_notification
    if args.report_first_block:
        mask |= cat.block_progress_notification

    settings = lt.high_performance_seed() if args.high_performance else lt.default_settings()
    settings.update({
        "listen_interfaces": listen_at,
        "outgoing_interfaces": "",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_incoming_utp": False,
        "enable_outgoing_utp": False,
        "allow_multiple_connections_per_ip": True,
        "ssrf_mitigation": False,
        # Plain BitTorrent protocol: accept encrypted, never start with it.
        "in_enc_policy": int(lt.enc_policy.pe_enabled),
        "out_enc_policy": int(lt.enc_policy.pe_disabled),
        "alert_mask": int(mask),
        "user_agent": "libtorrent/" + lt.__version__,
    })
    if args.default_encryption:
        defaults = lt.default_settings()
        settings.update({k: defaults[k] for k in ("in_enc_policy", "out_enc_policy", "allowed_enc_level", "prefer_rc4")})
    if args.forced_encryption:
        settings.update({
            "in_enc_policy": int(lt.enc_policy.pe_forced),
            "out_enc_policy": int(lt.enc_policy.pe_forced),
            "allowed_enc_level": int(lt.enc_level.pe_rc4),
            "prefer_rc4": True,
        })
    if args.download_limit > 0:
        settings["download_rate_limit"] = args.download_limit
    if args.transport == "utp":
        settings.update({
            "enable_incoming_tcp": False,
            "enable_outgoing_tcp": False,
            "enable_incoming_utp": True,
            "enable_outgoing_utp": True,
        })
    ses = lt.session(settings)
    if args.upload_limit > 0:
        # Loopback peers are in the "local" peer class, which the session's limit does not bind: limit that class too.
        ses.set_upload_rate_limit(args.upload_limit)
        pc = ses.get_peer_class(ses.local_peer_class_id)
        pc["upload_limit"] = args.upload_limit
    if args.download_limit > 0:
        # 127/8 is in libtorrent's "local" peer class, exempt from the session's limit: cap that class too.
        pc = ses.get_peer_class(ses.local_peer_class_id)
        pc["download_limit"] = args.download_limit
        ses.set_peer_class(ses.local_peer_class_id, pc)

    deadline = time.time() + 10
    while not ses.is_listening() and time.time() < deadline:
        time.sleep(0.02)
    say({"event": "listening", "host": host, "port": ses.listen_port()})

    if args.magnet:
        info = None
        atp = lt.parse_magnet_uri(args.magnet)
    else:
        info = lt.torrent_info(args.torrent)
        atp = lt.add_torrent_params()
        atp.ti = info
    atp.save_path = args.save
    flags = atp.flags & ~lt.torrent_flags.auto_managed & ~lt.torrent_flags.paused
    if args.skip_check and args.mode == "seed":
        flags |= lt.torrent_flags.seed_mode
    atp.flags = flags
    handle = ses.add_torrent(atp)
    if info is None:
        say({"event": "added", "info_hash": str(atp.info_hashes.v1), "name": atp.name, "pieces": None})
    else:
        say({"event": "added", "info_hash": str(info.info_hashes().v1), "name": info.name(), "pieces": info.num_pieces()})

    commands = queue.Queue()
    threading.Thread(target=read_stdin, args=(commands,), daemon=True).start()

    peers = [parse_peer(p) for p in args.peer]
    ready = False
    finished = False
    first_block = False
    last_state = None
    last_progress = None
    last_progress_at = 0.0

    def progress_line(force=False):
        nonlocal last_progress, last_progress_at
        st = handle.status()
        line = {
            "event": "progress",
            "progress": st.progress,
            "total_done": st.total_done,
            "num_peers": st.num_peers,
            "download_rate": st.download_rate,
            "upload_rate": st.upload_rate,
            "total_upload": st.total_upload,
            "num_pieces": st.num_pieces,
        }
        key = (st.progress, st.total_done, st.num_peers, st.total_upload, st.num_pieces)
        if force or key != last_progress:
            last_progress = key
            last_progress_at = time.time()
            say(line)

    while True:
        try:
            while True:
                cmd = commands.get_nowait()
                what = cmd.get("cmd")
                if what == "quit":
                    say({"event": "exit"})
                    return
                if what == "connect":
                    handle.connect_peer((cmd["host"], int(cmd["port"])))
                elif what == "status":
                    progress_line(force=True)
                else:
                    say({"event": "error", "message": "unknown command %r" % what})
        except queue.Empty:
            pass

        ses.wait_for_alert(100)
        for a in ses.pop_alerts():
            if args.alerts != "none" or isinstance(a, (lt.torrent_error_alert, lt.file_error_alert)):
                say(alert_fields(a))
            if args.report_first_block and isinstance(a, lt.block_finished_alert) and not first_block:
                first_block = True
                say({"event": "first_block"})
            if isinstance(a, lt.metadata_received_alert):
                ti = handle.torrent_file()
                say({"event": "metadata", "name": ti.name(), "pieces": ti.num_pieces(), "total_size": ti.total_size()})
            if isinstance(a, lt.torrent_finished_alert) and args.mode == "download" and not finished:
                finished = True
                progress_line(force=True)
                say({"event": "finished"})
                if args.exit_on_finish:
                    say({"event": "exit"})
                    return

        st = handle.status()
        state = str(st.state)
        if state != last_state:
            last_state = state
            say({"event": "state", "state": state})
        if not ready and state not in ("checking_files", "checking_resume_data"):
            ready = True
            for peer in peers:
                handle.connect_peer(peer)
            say({"event": "ready"})
        if time.time() - last_progress_at >= 0.2:
            progress_line()


if __name__ == "__main__":
    main()
