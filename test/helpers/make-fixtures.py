#!/usr/bin/python3
"""Writes test/fixtures/torrents/: a deterministic payload, .torrent files made
from it by mktorrent and by libtorrent, and expected.json with what libtorrent
2.0 reads from each .torrent (info hash, files, trackers...).

Run from the repository root with Debian's interpreter (it has libtorrent):
    /usr/bin/python3 test/helpers/make-fixtures.py
The payload bytes and the info hashes are the same on every run.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

import libtorrent as lt

OUT = os.path.join('test', 'fixtures', 'torrents')
PAYLOAD = os.path.join(OUT, 'payload')
TRACKER = 'http://127.0.0.1:6969/announce'
CREATION_DATE = 1700000000

# (path below payload/, length). Names sort the same file by file and as whole
# paths, so mktorrent's order equals swarmhook's.
FILES = [
    ('single.bin', 70000),
    ('multi/a.txt', 10000),
    ('multi/empty.txt', 0),
    ('multi/sub/b.bin', 50000),
    ('multi/sub/deeper/c.dat', 1234),
    ('multi/\u00fcn\u00efcode name.txt', 300),
]


def payload_bytes(label, length):
    """SHA-256 in counter mode: the same bytes on every machine."""
    out = bytearray()
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(f'{label}:{counter}'.encode()).digest()
        counter += 1
    return bytes(out[:length])


def write_payload():
    if os.path.isdir(PAYLOAD):
        shutil.rmtree(PAYLOAD)
    for rel, length in FILES:
        path = os.path.join(PAYLOAD, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(payload_bytes(rel, length))


def mktorrent(name, target, *args):
    out = os.path.join(OUT, name)
    if os.path.exists(out):
        os.remove(out)
    subprocess.run(['mktorrent', '-d', '-l', '15', '-o', out, *args, os.path.join(PAYLOAD, target)],
                   check=True, stdout=subprocess.DEVNULL)


def libtorrent(name, fs, piece_size, flags, trackers=(), seeds=(), comment=None, private=False):
    ct = lt.create_torrent(fs, piece_size, flags=flags)
    for tier, url in trackers:
        ct.add_tracker(url, tier)
    for url in seeds:
        ct.add_url_seed(url)
    if comment:
        ct.set_comment(comment)
    ct.set_creator('libtorrent fixture')
    ct.set_priv(private)
    lt.set_piece_hashes(ct, PAYLOAD)
    entry = ct.generate()
    entry[b'creation date'] = CREATION_DATE
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(lt.bencode(entry))


def describe(name, generator):
    """What libtorrent reads from the .torrent: the reference the tests compare to."""
    ti = lt.torrent_info(os.path.join(OUT, name))
    fs = ti.files()
    hashes = ti.info_hashes()
    tiers = {}
    for t in ti.trackers():
        tiers.setdefault(t.tier, []).append(t.url)
    return {
        'generator': generator,
        'infoHash': str(hashes.v1) if hashes.has_v1() else None,
        'infoHashV2': str(hashes.v2) if hashes.has_v2() else None,
        'name': ti.name(),
        'pieceLength': ti.piece_length(),
        'pieceCount': ti.num_pieces(),
        'length': ti.total_size(),
        'private': ti.priv(),
        'comment': ti.comment(),
        'createdBy': ti.creator(),
        'announce': [tiers[k] for k in sorted(tiers)],
        'urlList': [w['url'] for w in ti.web_seeds()],
        'files': [
            {
                'path': fs.file_path(i).replace(os.sep, '/'),
                'length': fs.file_size(i),
                'offset': fs.file_offset(i),
                'padding': bool(fs.file_flags(i) & lt.file_storage.flag_pad_file),
            }
            for i in range(fs.num_files())
        ],
    }


def main():
    if not os.path.isdir(os.path.join('test', 'helpers')):
        sys.exit('run from the repository root')
    os.makedirs(OUT, exist_ok=True)
    write_payload()
    expected = {}

    mktorrent('mktorrent-single.torrent', 'single.bin', '-a', TRACKER)
    mktorrent('mktorrent-multi.torrent', 'multi', '-a', TRACKER, '-a', 'udp://127.0.0.1:6969,http://[::1]:6969/announce',
              '-w', 'http://127.0.0.1:8080/seed/', '-c', 'fixture comment')
    mktorrent('mktorrent-private.torrent', 'single.bin', '-p', '-s', 'SWARMHOOK', '-a', TRACKER)
    for name in ['mktorrent-single.torrent', 'mktorrent-multi.torrent', 'mktorrent-private.torrent']:
        expected[name] = describe(name, 'mktorrent 1.1')

    single = lt.file_storage()
    single.add_file('single.bin', 70000)
    libtorrent('libtorrent-single.torrent', single, 16384, lt.create_torrent.v1_only,
               trackers=[(0, TRACKER), (1, 'udp://127.0.0.1:6969')], seeds=['http://127.0.0.1:8080/single.bin'],
               comment='fixture comment \u2713', private=True)

    # Files added one by one in a fixed order: v1 only, no padding.
    multi = lt.file_storage()
    for rel, length in FILES[1:]:
        multi.add_file(rel, length)
    libtorrent('libtorrent-multi-v1.torrent', multi, 16384, lt.create_torrent.v1_only, trackers=[(0, TRACKER)])

    # add_files with canonical order: BEP 47 padding files between files.
    padded = lt.file_storage()
    lt.add_files(padded, os.path.join(PAYLOAD, 'multi'))
    libtorrent('libtorrent-multi-pad.torrent', padded, 16384,
               lt.create_torrent.v1_only | lt.create_torrent.canonical_files, trackers=[(0, TRACKER)])

    # libtorrent 2.0's default: a hybrid v1 + v2 torrent.
    hybrid = lt.file_storage()
    lt.add_files(hybrid, os.path.join(PAYLOAD, 'multi'))
    libtorrent('libtorrent-hybrid.torrent', hybrid, 16384, 0, trackers=[(0, TRACKER)])

    # v2 only: no v1 piece hashes, which swarmhook refuses (V2_ONLY).
    v2 = lt.file_storage()
    lt.add_files(v2, os.path.join(PAYLOAD, 'multi'))
    libtorrent('libtorrent-v2only.torrent', v2, 16384, lt.create_torrent.v2_only)

    for name in ['libtorrent-single.torrent', 'libtorrent-multi-v1.torrent', 'libtorrent-multi-pad.torrent',
                 'libtorrent-hybrid.torrent', 'libtorrent-v2only.torrent']:
        expected[name] = describe(name, f'libtorrent {lt.__version__}')

    with open(os.path.join(OUT, 'expected.json'), 'w') as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
        f.write('\n')
    print(f'wrote {len(expected)} torrents and expected.json to {OUT}')


if __name__ == '__main__':
    main()
