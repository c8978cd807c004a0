// The transmission-rpc plugin's request path without the socket: a body is
// parsed (size is the server's, depth and shape here), then each method that
// needs no disk runs on a client with no torrents. An input is refused with
// a coded RpcError or answered with something JSON can carry; anything else
// is a finding. The auth header and Host parsers get the input too.
import { Client } from '../../../core/index.ts';
import { parseBasicAuth } from '../../../plugins/transmission-rpc/basic-auth.ts';
import { RpcError } from '../../../plugins/transmission-rpc/errors.ts';
import { hostName } from '../../../plugins/transmission-rpc/http-gate.ts';
import { parseRpcCall } from '../../../plugins/transmission-rpc/json-body.ts';
import { methodOf } from '../../../plugins/transmission-rpc/rpc-methods.ts';
import { TorrentIds } from '../../../plugins/transmission-rpc/torrent-ids.ts';
import type { TorrentContext } from '../../../plugins/transmission-rpc/torrent-methods.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

const CALLS = [
  '{"method":"session-get","tag":1}',
  '{"method":"session-get","arguments":{"fields":["version","download-dir"]}}',
  '{"method":"session-stats"}',
  '{"arguments":{"fields":["error","errorString","eta","id","isFinished","leftUntilDone","name","peersGettingFromUs","peersSendingToUs","rateDownload","rateUpload","sizeWhenDone","status","uploadRatio"]},"method":"torrent-get","tag":4}',
  '{"arguments":{"fields":["files","name","priorities","wanted"],"ids":[1,"0123456789abcdef0123456789abcdef01234567"]},"method":"torrent-get"}',
  '{"arguments":{"ids":"recently-active"},"method":"torrent-stop"}',
  '{"arguments":{"downloadLimit":100,"downloadLimited":true,"ids":1},"method":"torrent-set"}',
  '{"arguments":{"files-unwanted":[0],"ids":1},"method":"torrent-set"}',
  '{"arguments":{"ids":1},"method":"torrent-verify"}',
  '{"method":"torrent-start","arguments":{"ids":[]}}',
];
const TOKENS = ['{', '}', '[', ']', '"', '\\"', '\\u0000', ':', ',', 'null', 'true', '1e999', '-0', '"ids"', '"fields"', '"method"', '"arguments"', '"__proto__"', '"constructor"', '"torrent-get"', '"recently-active"'];

/** Methods that touch the disk or the network (torrent-add, torrent-remove, session-set, free-space) are left to the tests. */
const PURE = new Set(['session-get', 'session-stats', 'torrent-get', 'torrent-start', 'torrent-start-now', 'torrent-stop', 'torrent-set', 'torrent-verify']);

let context: TorrentContext | undefined;
function fuzzContext(): TorrentContext {
  const client = new Client({ listen: { ports: 0, tcp4: false, tcp6: false }, downloadDir: '/nonexistent-root' });
  return (context ??= { client, ids: new TorrentIds(), sessionId: 'fuzz', roots: ['/nonexistent-root'], startedAt: Date.now(), speedLimitDown: 0, speedLimitUp: 0 });
}

export const rpcTarget: FuzzTarget = {
  name: 'rpc',
  description: 'transmission-rpc: body parsing (JSON depth, shape), the disk-free methods on an empty client, Basic auth and Host parsing',
  seeds: () => CALLS.map(latin1),
  tokens: () => TOKENS.map(latin1),
  run(input) {
    const text = Buffer.from(input).toString('latin1');
    parseBasicAuth(`Basic ${Buffer.from(input).toString('base64')}`);
    parseBasicAuth(text);
    hostName(text);
    const call = parseRpcCall(Buffer.from(input), 32);
    let method;
    try {
      method = methodOf(call.method);
    } catch (err) {
      if (err instanceof RpcError) return;
      throw err;
    }
    if (!PURE.has(call.method)) return;
    const answer = method.run(fuzzContext(), call.arguments);
    check(!(answer instanceof Promise), `${call.method} answers at once`);
    check(typeof JSON.stringify(answer) === 'string', 'the answer is JSON');
  },
};
