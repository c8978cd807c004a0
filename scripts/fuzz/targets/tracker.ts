// What trackers answer: HTTP announce and scrape bodies (bencoded) and UDP
// announce and scrape packets (binary, BEP 15).
import { bencode } from '../../../core/bencode/index.ts';
import { parseAnnounceReply, parseScrapeReply } from '../../../core/tracker/response.ts';
import { parseUdpAnnounceReply, parseUdpScrapeReply } from '../../../core/tracker/udp.ts';
import { BENCODE_TOKENS } from '../fixtures.ts';
import { latin1, type FuzzTarget } from '../target.ts';

const HASH_A = Buffer.alloc(20, 0xaa);
const HASH_B = Buffer.from('\xff'.repeat(10) + 'ff'.repeat(5), 'latin1');
const HASHES = [HASH_A, HASH_B];

const compact4 = Buffer.from([1, 2, 3, 4, 0x1a, 0xe1, 10, 0, 0, 1, 0, 0]);
const compact6 = Buffer.concat([Buffer.alloc(15), Buffer.from([1, 0x1a, 0xe1]), Buffer.from('00000000000000000000ffff7f000001', 'hex'), Buffer.from([0, 80])]);

const HTTP_REPLIES = [
  bencode({ interval: 1800, 'min interval': 60, complete: 3, incomplete: 4, peers: compact4, peers6: compact6, 'tracker id': 'abc', 'warning message': 'careful' }),
  bencode({ interval: 60, peers: [{ ip: '1.2.3.4', port: 6881, 'peer id': 'x'.repeat(20) }, { ip: '::1', port: 80 }, { ip: 'example.com', port: 1 }] }),
  bencode({ 'failure reason': 'unregistered torrent' }),
  bencode({ files: { [HASH_A.toString('latin1')]: { complete: 1, incomplete: 2, downloaded: 3 }, [HASH_B.toString('latin1')]: { complete: 5 } } }),
  Buffer.from('d8:intervali1800e5:peers0:e\r\n', 'latin1'),
];

export const trackerHttpTarget: FuzzTarget = {
  name: 'tracker-http',
  description: 'parseAnnounceReply and parseScrapeReply on HTTP bodies',
  seeds: () => HTTP_REPLIES,
  tokens: () => [...BENCODE_TOKENS, '20:' + HASH_A.toString('latin1'), '20:' + HASH_B.toString('latin1'), '6:1.2.3.4', '4:port', '2:ip'].map(latin1),
  run(input) {
    const body = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    // Both readings; the announce reading's error (if any) is the one reported.
    let announceError: unknown;
    try {
      parseAnnounceReply(body);
    } catch (err) {
      announceError = err;
    }
    parseScrapeReply(body, HASHES);
    if (announceError !== undefined) throw announceError;
  },
};

function udpHeader(action: number, tid: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32BE(action, 0);
  b.writeUInt32BE(tid, 4);
  return b;
}

function u32s(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

// The first byte chooses the reading: announce over IPv4, over IPv6, or a scrape of 1 or 2 hashes.
const UDP_PACKETS = [
  Buffer.concat([Buffer.from([0]), udpHeader(1, 7), u32s(1800, 2, 3), compact4]),
  Buffer.concat([Buffer.from([1]), udpHeader(1, 7), u32s(0xffffffff, 0, 0), compact6]),
  Buffer.concat([Buffer.from([2]), udpHeader(2, 7), u32s(1, 2, 3)]),
  Buffer.concat([Buffer.from([3]), udpHeader(2, 7), u32s(1, 2, 3, 4, 5, 6)]),
];

export const trackerUdpTarget: FuzzTarget = {
  name: 'tracker-udp',
  description: 'parseUdpAnnounceReply and parseUdpScrapeReply on packets',
  seeds: () => UDP_PACKETS,
  tokens: () => [Buffer.alloc(4), Buffer.alloc(6, 0xff), u32s(3), compact6],
  run(input) {
    if (input.length === 0) return;
    const packet = Buffer.from(input.buffer, input.byteOffset + 1, input.byteLength - 1);
    switch (input[0]! % 4) {
      case 0:
        parseUdpAnnounceReply(packet, 4);
        return;
      case 1:
        parseUdpAnnounceReply(packet, 6);
        return;
      case 2:
        parseUdpScrapeReply(packet, HASHES.slice(0, 1));
        return;
      default:
        parseUdpScrapeReply(packet, HASHES);
    }
  },
};
