// The method table: which methods exist, which change state (those pass the
// allow_rpc_request policy hook and fire rpc_request first).
import { RpcError } from './errors.ts';
import { freeSpace, sessionGet, sessionSet, sessionStats } from './session-methods.ts';
import { torrentAdd, torrentGet, torrentRemove, torrentSet, torrentStart, torrentStop, torrentVerify, type TorrentContext } from './torrent-methods.ts';

type Args = Readonly<Record<string, unknown>>;
type Method = (c: TorrentContext, args: Args) => Record<string, unknown> | Promise<Record<string, unknown>>;

interface MethodDefinition {
  readonly run: Method;
  readonly changesState: boolean;
}

export const METHODS: Readonly<Record<string, MethodDefinition>> = Object.freeze({
  'session-get': { run: sessionGet, changesState: false },
  'session-set': { run: sessionSet, changesState: true },
  'session-stats': { run: sessionStats, changesState: false },
  'free-space': { run: freeSpace, changesState: false },
  'torrent-get': { run: torrentGet, changesState: false },
  'torrent-add': { run: torrentAdd, changesState: true },
  'torrent-start': { run: torrentStart, changesState: true },
  // No queue: "now" starts it as torrent-start does.
  'torrent-start-now': { run: torrentStart, changesState: true },
  'torrent-stop': { run: torrentStop, changesState: true },
  'torrent-remove': { run: torrentRemove, changesState: true },
  'torrent-set': { run: torrentSet, changesState: true },
  'torrent-verify': { run: torrentVerify, changesState: true },
});

export function methodOf(name: string): MethodDefinition {
  const method = Object.hasOwn(METHODS, name) ? METHODS[name] : undefined;
  // Transmission's own words for it.
  if (method === undefined) throw new RpcError('RPC_UNKNOWN_METHOD', 'method name not recognized');
  return method;
}
