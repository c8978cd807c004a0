// BEP 11 ut_pex messages (plugins/pex/message.ts): round trips for IPv4 and
// IPv6 with flags, and hostile input refused with coded errors, bounded.
import test from 'ava';
import fc from 'fast-check';
import { encodeBencode } from '../../core/wire/index.ts';
import { MAX_PEX_MESSAGE_BYTES, MAX_PEX_PEERS_RECEIVED, PexError, decodePexMessage, encodePexMessage, type PexErrorCode } from '../../plugins/pex/message.ts';

test('added (with flags) and dropped, IPv4 and IPv6, come back as they were sent', (t) => {
  const message = {
    added: [
      { ip: '10.0.0.1', port: 6881, flags: 0x02 },
      { ip: '2001:db8::1', port: 51413, flags: 0x10 },
      { ip: '192.168.1.2', port: 1, flags: 0 },
    ],
    dropped: [
      { ip: '10.0.0.9', port: 6882 },
      { ip: '2001:db8::9', port: 6883 },
    ],
  };
  const decoded = decodePexMessage(encodePexMessage(message));
  t.deepEqual(
    [...decoded.added].sort((a, b) => a.ip.localeCompare(b.ip)),
    [...message.added].sort((a, b) => a.ip.localeCompare(b.ip)),
  );
  t.deepEqual([...decoded.dropped].sort((a, b) => a.ip.localeCompare(b.ip)), message.dropped);
});

test('the wire form is BEP 11’s: 6 bytes an IPv4 peer, 18 an IPv6 one, one flag byte each', (t) => {
  const payload = encodePexMessage({ added: [{ ip: '1.2.3.4', port: 0x1ae1, flags: 1 }], dropped: [] });
  t.is(payload.toString('latin1'), 'd5:added6:\x01\x02\x03\x04\x1a\xe17:added.f1:\x017:dropped0:e');
});

test('random IPv4 peer lists round-trip', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), fc.nat({ max: 255 })), { maxLength: 50 }), (peers) => {
      const added = peers.map(([ip, port, flags]) => ({ ip, port, flags }));
      t.deepEqual(decodePexMessage(encodePexMessage({ added, dropped: [] })).added, added);
    }),
  );
});

test('hostile messages are refused with coded errors', (t) => {
  const cases: [Buffer, PexErrorCode][] = [
    [Buffer.from('not bencode'), 'BAD_PEX_MESSAGE'],
    [Buffer.from('li1ee'), 'BAD_PEX_MESSAGE'],
    [Buffer.from('d5:addedi3ee'), 'BAD_PEX_MESSAGE'],
    [encodeBencode({ added: Buffer.alloc(7) }), 'BAD_PEX_LENGTH'],
    [encodeBencode({ added6: Buffer.alloc(17) }), 'BAD_PEX_LENGTH'],
    [encodeBencode({ dropped: Buffer.alloc(5) }), 'BAD_PEX_LENGTH'],
    [encodeBencode({ dropped6: Buffer.alloc(20) }), 'BAD_PEX_LENGTH'],
    [encodeBencode({ added: Buffer.alloc(6 * (MAX_PEX_PEERS_RECEIVED + 1), 1) }), 'PEX_TOO_MANY_PEERS'],
    [Buffer.alloc(MAX_PEX_MESSAGE_BYTES + 1), 'PEX_TOO_LARGE'],
  ];
  for (const [payload, code] of cases) {
    const err = t.throws(() => decodePexMessage(payload), { instanceOf: PexError }, payload.subarray(0, 20).toString('latin1'));
    t.is(err?.code, code);
  }
});

test('port 0 entries are skipped; flags of the wrong length are ignored; unknown keys too', (t) => {
  const added = Buffer.from([1, 2, 3, 4, 0, 0, 5, 6, 7, 8, 0, 80]);
  const decoded = decodePexMessage(encodeBencode({ added, 'added.f': Buffer.from([1]), future: 1 }));
  t.deepEqual(decoded.added, [{ ip: '5.6.7.8', port: 80, flags: 0 }]);
  t.deepEqual(decoded.dropped, []);
  t.deepEqual(decodePexMessage(encodeBencode({})), { added: [], dropped: [] });
});

test('any byte string decodes or throws PexError, nothing else', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        decodePexMessage(bytes);
      } catch (err) {
        if (!(err instanceof PexError)) throw err;
      }
    }),
  );
  t.pass();
});
