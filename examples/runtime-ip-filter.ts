// A plugin that adds IP-filter rules while the client runs: an address that
// sends invalid data (peer_error) gets a rule of its own in the built-in
// ip-filter, so every later connection from it is refused before a byte is
// read, and reported as an ip_filter event naming the rule.
//
// It reaches the filter with getIpFilter(client), which returns the IpFilter
// the ip-filter plugin applied to that client; `requires` makes sure that
// plugin is applied first (a .btrc that switches it off gets a clear error).
//
// Load it from a .btrc (paths are relative to the config file):
//   "plugins": [["./runtime-ip-filter.ts", { "exempt": ["127.0.0.1"] }]]
//
// Run this file to watch it: a local swarm downloads the sample, then a
// misbehaving peer on 127.0.0.2 sends the seeder a broken handshake, is
// blocked, and is refused when it comes back.
//   node --import=tsx examples/runtime-ip-filter.ts
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { definePlugin } from '../core/index.ts';
import { isIp, normalizeIp } from '../core/net/address.ts'; // 'swarmhook/net' in your project
import { encodeHandshake } from '../core/wire/index.ts'; // 'swarmhook/wire' in your project
import type { EventInfo, JsonSchema } from '../core/index.ts';
import { getIpFilter } from '../plugins/ip-filter/index.ts';
import { runLocalSwarm, withTimeout } from './local-swarm.ts';

export interface BlockOnPeerErrorOptions {
  /** Addresses never blocked (e.g. your own machines). */
  readonly exempt?: readonly string[];
}

const NAME = 'block-on-peer-error';

/**
 * peer_error codes that are not invalid data: a connection closed during the
 * encryption handshake (a dialler that raced uTP against TCP drops the loser
 * this way, honest clients included), and our own per-address limit.
 */
const NOT_INVALID_DATA = new Set(['MSE_CLOSED', 'TOO_MANY_CONNECTIONS_FROM_IP']);

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { exempt: { type: 'array', items: { type: 'string', minLength: 1 }, default: [] } },
};

export const blockOnPeerError = definePlugin<BlockOnPeerErrorOptions>({
  name: NAME,
  schema,
  requires: ['ip-filter'],
  apply(client, options) {
    const filter = getIpFilter(client);
    if (filter === undefined) throw new Error('the ip-filter plugin is not applied to this client');
    const exempt = new Set((options.exempt ?? []).filter(isIp).map(normalizeIp));
    client.hooks.peer_error.tap(NAME, (_client, { ip, code }) => {
      if (NOT_INVALID_DATA.has(code) || !isIp(ip) || exempt.has(normalizeIp(ip)) || filter.has(ip) !== undefined) return;
      // The rule's source and label show up in the ip_filter events it causes.
      filter.add({ range: ip, label: `sent invalid data [${code}]` }, NAME);
    });
  },
});

export default blockOnPeerError;

/** Opens a connection from `localAddress`, sends `bytes`, and resolves when the other side closes it. */
function connectAndSend(port: number, localAddress: string, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress }, () => socket.write(bytes));
    socket.on('error', () => undefined); // a reset is an answer too
    socket.on('close', () => resolve());
    socket.resume();
  });
}

async function demo(): Promise<void> {
  await runLocalSwarm({ seederPlugins: [blockOnPeerError] }, async ({ meta, seeders, torrent }) => {
    const seeder = seeders[0]!;
    console.log(`the downloader has ${meta.name}: ${torrent.state}`);
    const blocked = new Promise<void>((resolve) => seeder.on_peer_error(() => resolve()));
    const refused = new Promise<EventInfo<'ip_filter'>>((resolve) => seeder.on_ip_filter((_c, info) => resolve(info)));

    // A handshake whose protocol string is wrong: the seeder drops it with peer_error.
    const broken = encodeHandshake(Buffer.from(meta.infoHash, 'hex'), Buffer.alloc(20, 1));
    broken.write('BitTorrent protocoX', 1, 'latin1');
    await connectAndSend(seeder.port!, '127.0.0.2', broken);
    await withTimeout(blocked, 5000, 'no peer_error');
    const rule = getIpFilter(seeder)!.has('127.0.0.2')!;
    console.log(`127.0.0.2 sent a broken handshake; rule added: ${rule.start}-${rule.end} (${rule.label}) from ${rule.source}`);

    // It comes back with a valid handshake: refused at accept.
    const valid = encodeHandshake(Buffer.from(meta.infoHash, 'hex'), Buffer.alloc(20, 2));
    await connectAndSend(seeder.port!, '127.0.0.2', valid);
    const info = await withTimeout(refused, 5000, 'no ip_filter event');
    console.log(`ip_filter: refused ${info.address.ip} (${info.protocol}) by rule ${info.rule.start}-${info.rule.end} from ${info.rule.source}`);
    console.log(`127.0.0.1 is not blocked: ${getIpFilter(seeder)!.has('127.0.0.1') === undefined}`);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await demo();
