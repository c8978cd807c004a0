#!/usr/bin/env python3
# A libtorrent session with its DHT on loopback (settings from
# /work/shared/INTEROP.md "DHT on loopback"), bootstrapping from one node.
#   seed:  seeds --torrent from --dir and announces it to the DHT every second
#   fetch: adds magnet:?xt=urn:btih:<--hash> and reports the ms to its first peer
# Prints JSON lines: {"event":"listening","port":N}, {"event":"first_peer","ms":N}.
import argparse, json, sys, time
import libtorrent as lt

def say(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["seed", "fetch"])
    ap.add_argument("--dht-node", required=True)
    ap.add_argument("--torrent")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--hash")
    args = ap.parse_args()
    settings = lt.default_settings()
    settings.update({
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": True,
        "dht_bootstrap_nodes": "",
        "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
        "enable_incoming_utp": False, "enable_outgoing_utp": False,
        "allow_multiple_connections_per_ip": True,
        "ssrf_mitigation": False,
    })
    for key in ("dht_restrict_routing_ips", "dht_restrict_search_ips", "dht_enforce_node_id", "dht_prefer_verified_node_ids", "dht_ignore_dark_internet"):
        settings[key] = False
    ses = lt.session(settings)
    deadline = time.time() + 10
    while not ses.is_listening() and time.time() < deadline:
        time.sleep(0.02)
    host, port = args.dht_node.rsplit(":", 1)
    ses.add_dht_node((host, int(port)))
    say({"event": "listening", "port": ses.listen_port()})
    started = time.time()
    if args.mode == "seed":
        params = lt.add_torrent_params()
        params.ti = lt.torrent_info(args.torrent)
        params.save_path = args.dir
        params.flags |= lt.torrent_flags.seed_mode
        handle = ses.add_torrent(params)
    else:
        params = lt.parse_magnet_uri("magnet:?xt=urn:btih:" + args.hash)
        params.save_path = args.dir
        handle = ses.add_torrent(params)
    reported = False
    while True:
        if args.mode == "seed":
            handle.force_dht_announce()
        elif not reported and handle.status().list_peers > 0:
            say({"event": "first_peer", "ms": round((time.time() - started) * 1000)})
            reported = True
        ses.pop_alerts()
        time.sleep(0.05 if args.mode == "fetch" else 1.0)

if __name__ == "__main__":
    main()
