// Built-in plugin "transmission-rpc": Transmission's RPC over HTTP, so that
// transmission-remote, Transmission's GUIs and scripts drive swarmhook. On by
// default in `bt daemon` only (an opt-in built-in elsewhere).
//
// - 127.0.0.1:9091, /transmission/rpc, X-Transmission-Session-Id (409).
// - Security: any non-loopback address needs username and password; a Host
//   whitelist (DNS rebinding); a body size limit and a JSON depth limit; a
//   per-address request rate; failed logins limited per address and reported
//   (rpc_refused); every folder a request names confined to downloadRoots.
// - Every state-changing request asks allow_rpc_request (a plugin may veto)
//   and fires rpc_request.
// - Other paths of the server are offered to the serve_http policy hook
//   (web-ui), behind the same gate.
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import schema from '../../config-schema/transmission-rpc.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults, OptionsError } from '../../core/index.ts';
import type { Client, JsonSchema } from '../../core/index.ts';
import type { ResolvedTransmissionRpcOptions, TransmissionRpcOptions } from './generated/options.ts';
import { createRpcServer, newSessionId } from './rpc-server.ts';
import { TorrentIds } from './torrent-ids.ts';
import { SPEED_BYTES } from './torrent-fields.ts';

export type { ResolvedTransmissionRpcOptions, TransmissionRpcOptions } from './generated/options.ts';
export { RpcError } from './errors.ts';
export type { RpcErrorCode } from './errors.ts';
export { RPC_PATHS, SESSION_HEADER } from './rpc-server.ts';

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  return (isIP(host) === 4 && host.startsWith('127.')) || host === '::1';
}

/** The server of each client the plugin was applied to, for tests and the daemon to read the bound port. */
const servers = new WeakMap<Client, Server>();

/** The port the RPC server of this client listens on, once listening. */
export function rpcPort(client: Client): number | undefined {
  const address = servers.get(client)?.address();
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

/** Resolves when the RPC server of this client listens (rejects when it cannot). */
export function whenRpcListening(client: Client): Promise<number> {
  const server = servers.get(client);
  if (server === undefined) return Promise.reject(new Error('the transmission-rpc plugin is not applied to this client'));
  if (server.listening) return Promise.resolve(rpcPort(client)!);
  return new Promise((resolveListening, reject) => {
    server.once('listening', () => resolveListening(rpcPort(client)!));
    server.once('error', reject);
  });
}

export default definePlugin<TransmissionRpcOptions>({
  name: 'transmission-rpc',
  schema: schema as JsonSchema,
  apply(client: Client, given) {
    const options = fillDefaults<ResolvedTransmissionRpcOptions>(schema, given, 'transmission-rpc');
    if (!isLoopback(options.host) && (options.username === '' || options.password === '')) {
      throw new OptionsError(`transmission-rpc: binding ${options.host}, which is not a loopback address, needs username and password`, '/host');
    }
    if (isIP(options.host) === 0 && options.host !== 'localhost') throw new OptionsError(`transmission-rpc: host "${options.host}" is not an IP address`, '/host');
    const roots = (options.downloadRoots.length > 0 ? options.downloadRoots : [client.settings.downloadDir]).map((r) => resolve(r));
    const limits = client.rateLimits;
    const context = {
      client,
      ids: new TorrentIds(),
      sessionId: newSessionId(),
      roots,
      startedAt: Date.now(),
      speedLimitDown: Math.round(limits.download / SPEED_BYTES),
      speedLimitUp: Math.round(limits.upload / SPEED_BYTES),
    };
    const server = createRpcServer(client, options, context);
    servers.set(client, server);
    server.on('error', (error) => client.emit('plugin_error', { plugin: 'transmission-rpc', hook: 'listen', error }));
    server.listen(options.port, options.host);
    client.onDestroy('transmission-rpc', () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    });
  },
});
