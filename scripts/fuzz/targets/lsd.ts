// LSD datagrams (BEP 14): decode → encode → decode. A datagram is an
// announce that re-encodes to one decoding the same, or an LsdError.
import { decodeLsdAnnounce, encodeLsdAnnounce } from '../../../plugins/lsd/message.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

const HOST = '239.192.152.143:6771';
const HASH = '0123456789abcdef0123456789abcdef01234567';
const SEEDS = [
  encodeLsdAnnounce(HOST, { port: 6881, infoHashes: [HASH], cookie: 'c00k1e' }),
  encodeLsdAnnounce(HOST, { port: 51413, infoHashes: [HASH, 'f'.repeat(40)], cookie: undefined }),
  Buffer.from(`BT-SEARCH * HTTP/1.1\nHost: ${HOST}\nPort: 1\nInfohash: ${HASH.toUpperCase()}\n\n`),
];
const TOKENS = ['BT-SEARCH * HTTP/1.1', '\r\n', '\n', ':', 'Port: ', 'Infohash: ', 'cookie: ', 'Host: ', '65535', '65536', '0', '-1', HASH, 'g'];

export const lsdTarget: FuzzTarget = {
  name: 'lsd',
  description: 'LSD announce decode → encode → decode',
  seeds: () => SEEDS,
  tokens: () => TOKENS.map(latin1),
  run(input) {
    // An LsdError thrown here is a coded refusal, which the runner accepts.
    const announce = decodeLsdAnnounce(input);
    check(announce.port >= 1 && announce.port <= 65535, 'the port is in range');
    // A cookie with a line break in it cannot come out of one header line.
    const again = decodeLsdAnnounce(encodeLsdAnnounce(HOST, announce));
    check(again.port === announce.port && again.infoHashes.join() === announce.infoHashes.join() && again.cookie === announce.cookie, 'the announce round-trips');
  },
};
