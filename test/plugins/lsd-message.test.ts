// BEP 14 announces as the lsd built-in writes and reads them: the round
// trip, what other clients send (libtorrent's form, \n line ends, unknown
// headers), and strict refusal of everything else, cut at every byte.
import test from 'ava';
import { decodeLsdAnnounce, encodeLsdAnnounce, LsdError, MAX_LSD_DATAGRAM_BYTES, MAX_LSD_INFOHASHES, type LsdErrorCode } from '../../plugins/lsd/index.ts';
import { SourceLimit, MAX_TRACKED_SOURCES } from '../../plugins/lsd/source-limit.ts';

const HASH = '0123456789abcdef0123456789abcdef01234567';
const HOST = '239.192.152.143:6771';

test('an announce encodes as BEP 14 shows it and decodes back', (t) => {
  const datagram = encodeLsdAnnounce(HOST, { port: 6881, infoHashes: [HASH], cookie: 'c00k1e' });
  t.is(datagram.toString(), `BT-SEARCH * HTTP/1.1\r\nHost: ${HOST}\r\nPort: 6881\r\nInfohash: ${HASH}\r\ncookie: c00k1e\r\n\r\n\r\n`);
  t.deepEqual(decodeLsdAnnounce(datagram), { port: 6881, infoHashes: [HASH], cookie: 'c00k1e' });
});

test('other clients’ forms are read: upper-case hex, several info hashes, \\n line ends, unknown headers, no cookie', (t) => {
  const other = 'f'.repeat(40);
  const text = `BT-SEARCH * HTTP/1.1\nHost: ${HOST}\nPort: 51413\nInfohash: ${HASH.toUpperCase()}\nInfohash: ${other}\nInfohash: ${HASH}\nX-Later: 1\n\n\n`;
  t.deepEqual(decodeLsdAnnounce(Buffer.from(text)), { port: 51413, infoHashes: [HASH, other], cookie: undefined });
});

test('everything else is a coded LsdError', (t) => {
  const ok = (headers: string): Buffer => Buffer.from(`BT-SEARCH * HTTP/1.1\r\n${headers}\r\n\r\n`);
  const cases: [Buffer, LsdErrorCode][] = [
    [Buffer.alloc(0), 'LSD_BAD_REQUEST_LINE'],
    [Buffer.from('M-SEARCH * HTTP/1.1\r\n\r\n'), 'LSD_BAD_REQUEST_LINE'],
    [Buffer.alloc(MAX_LSD_DATAGRAM_BYTES + 1, 0x41), 'LSD_TOO_LARGE'],
    [ok(`Port: 6881\r\nno colon here\r\nInfohash: ${HASH}`), 'LSD_BAD_HEADER'],
    [ok(`Port: 6881\r\n: nameless\r\nInfohash: ${HASH}`), 'LSD_BAD_HEADER'],
    [ok(`Infohash: ${HASH}`), 'LSD_BAD_PORT'],
    [ok(`Port: 0\r\nInfohash: ${HASH}`), 'LSD_BAD_PORT'],
    [ok(`Port: 65536\r\nInfohash: ${HASH}`), 'LSD_BAD_PORT'],
    [ok(`Port: -1\r\nInfohash: ${HASH}`), 'LSD_BAD_PORT'],
    [ok(`Port: 6881x\r\nInfohash: ${HASH}`), 'LSD_BAD_PORT'],
    [ok('Port: 6881'), 'LSD_NO_INFOHASH'],
    [ok(`Port: 6881\r\nInfohash: ${HASH.slice(1)}`), 'LSD_BAD_INFOHASH'],
    [ok(`Port: 6881\r\nInfohash: ${'g'.repeat(40)}`), 'LSD_BAD_INFOHASH'],
    [ok(`Port: 6881\r\n${Array.from({ length: MAX_LSD_INFOHASHES + 1 }, (_, i) => `Infohash: ${i.toString(16).padStart(40, '0')}`).join('\r\n')}`), 'LSD_TOO_MANY_INFOHASHES'],
    [ok(`Port: 6881\r\nInfohash: ${HASH}\r\n${Array.from({ length: 40 }, () => 'X: 1').join('\r\n')}`), 'LSD_BAD_HEADER'],
  ];
  for (const [datagram, code] of cases) {
    const err = t.throws(() => decodeLsdAnnounce(datagram), { instanceOf: LsdError }, datagram.toString('latin1').slice(0, 60));
    t.is(err?.code, code, datagram.toString('latin1').slice(0, 60));
  }
});

test('every cut of an announce is a valid announce or a coded LsdError, never another exception', (t) => {
  const datagram = encodeLsdAnnounce(HOST, { port: 6881, infoHashes: [HASH], cookie: 'c' });
  let refused = 0;
  for (let end = 0; end <= datagram.length; end++) {
    try {
      decodeLsdAnnounce(datagram.subarray(0, end));
    } catch (err) {
      t.true(err instanceof LsdError, `cut at ${end}`);
      refused++;
    }
  }
  t.true(refused > 0 && refused < datagram.length + 1);
});

test('a source over its datagrams per second is refused until the next second; the table of sources stays bounded', (t) => {
  const limit = new SourceLimit(3);
  t.deepEqual([1, 2, 3, 4].map(() => limit.take('10.0.0.1', 1000)), [true, true, true, false]);
  t.true(limit.take('10.0.0.2', 1500), 'another source has its own budget');
  t.true(limit.take('10.0.0.1', 2000), 'a new second');
  for (let i = 0; i < MAX_TRACKED_SOURCES * 2; i++) t.true(limit.take(`spoofed ${i}`, 2100));
});
