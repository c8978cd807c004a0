// session-get, session-set, session-stats, free-space.
import { statfs } from 'node:fs/promises';
import { CLIENT_VERSION, type Client } from '../../core/index.ts';
import { onlyArguments, optionalBoolean, optionalCount, optionalString } from './arguments.ts';
import { confine } from './download-roots.ts';
import { RpcError } from './errors.ts';
import { SPEED_BYTES } from './torrent-fields.ts';

/** What the RPC keeps of the session besides the client: the default download folder and the session's speed limits (kB/s, on or off). */
export interface RpcSession {
  readonly client: Client;
  readonly sessionId: string;
  readonly roots: readonly string[];
  readonly startedAt: number;
  speedLimitDown: number;
  speedLimitUp: number;
}

const ENCRYPTION = { disabled: 'tolerated', enabled: 'preferred', forced: 'required' } as const;

export function sessionGet(session: RpcSession, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { client } = session;
  const limits = client.rateLimits;
  const all: Record<string, unknown> = {
    version: CLIENT_VERSION,
    // Transmission 3.00's RPC version: the fields and methods answered here follow it.
    'rpc-version': 15,
    'rpc-version-minimum': 1,
    'session-id': session.sessionId,
    'download-dir': client.downloadDir,
    'peer-port': client.port ?? 0,
    'peer-limit-global': client.settings.limits.maxConnections,
    'peer-limit-per-torrent': client.settings.limits.maxConnectionsPerTorrent,
    encryption: ENCRYPTION[client.settings.encryption.policy],
    'dht-enabled': client.plugins.has('dht'),
    'pex-enabled': client.plugins.has('pex'),
    'lpd-enabled': false,
    'port-forwarding-enabled': false,
    'speed-limit-down': session.speedLimitDown,
    'speed-limit-down-enabled': limits.download > 0,
    'speed-limit-up': session.speedLimitUp,
    'speed-limit-up-enabled': limits.upload > 0,
    // swarmhook has neither alternate speeds nor a seeding ratio limit: both are off (transmission-remote -si prints its LIMITS only with all of these).
    'alt-speed-enabled': false,
    'alt-speed-down': 0,
    'alt-speed-up': 0,
    'alt-speed-time-enabled': false,
    'alt-speed-time-begin': 0,
    'alt-speed-time-end': 0,
    'alt-speed-time-day': 0,
    seedRatioLimited: false,
    seedRatioLimit: 0,
    'idle-seeding-limit-enabled': false,
    'download-queue-enabled': false,
    'seed-queue-enabled': false,
    'start-added-torrents': true,
    'incomplete-dir-enabled': false,
    'rename-partial-files': false,
    units: {
      'speed-units': ['kB/s', 'MB/s', 'GB/s', 'TB/s'],
      'speed-bytes': SPEED_BYTES,
      'size-units': ['kB', 'MB', 'GB', 'TB'],
      'size-bytes': 1000,
      'memory-units': ['KiB', 'MiB', 'GiB', 'TiB'],
      'memory-bytes': 1024,
    },
  };
  const fields = args.fields;
  if (fields === undefined) return all;
  if (!Array.isArray(fields) || !fields.every((f) => typeof f === 'string')) throw new RpcError('RPC_BAD_ARGUMENT', 'argument "fields" must be a list of names');
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(all, f)).map((f) => [f, all[f]]));
}

const SESSION_SET_ARGUMENTS = new Set(['download-dir', 'speed-limit-down', 'speed-limit-down-enabled', 'speed-limit-up', 'speed-limit-up-enabled']);

export async function sessionSet(session: RpcSession, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  onlyArguments('session-set', args, SESSION_SET_ARGUMENTS);
  const dir = optionalString(args, 'download-dir');
  const confined = dir === undefined ? undefined : await confine(dir, session.roots, 'download-dir');
  const down = optionalCount(args, 'speed-limit-down');
  const up = optionalCount(args, 'speed-limit-up');
  const downOn = optionalBoolean(args, 'speed-limit-down-enabled') ?? session.client.rateLimits.download > 0;
  const upOn = optionalBoolean(args, 'speed-limit-up-enabled') ?? session.client.rateLimits.upload > 0;
  // The client's: a daemon keeps it across restarts, as transmission-daemon keeps settings.json.
  if (confined !== undefined) session.client.setDownloadDir(confined);
  if (down !== undefined) session.speedLimitDown = down;
  if (up !== undefined) session.speedLimitUp = up;
  session.client.setRateLimits({
    download: downOn ? session.speedLimitDown * SPEED_BYTES : 0,
    upload: upOn ? session.speedLimitUp * SPEED_BYTES : 0,
  });
  return {};
}

export function sessionStats(session: RpcSession): Record<string, unknown> {
  const { client } = session;
  const torrents = client.torrents;
  const paused = torrents.filter((t) => t.state === 'paused').length;
  return {
    torrentCount: torrents.length + client.magnets.length,
    activeTorrentCount: torrents.length - paused + client.magnets.length,
    pausedTorrentCount: paused,
    downloadSpeed: Math.round(torrents.reduce((sum, t) => sum + t.downloadRate, 0)),
    uploadSpeed: Math.round(torrents.reduce((sum, t) => sum + t.uploadRate, 0)),
    // The bytes of the torrents held now (a removed torrent's bytes leave with it); no cumulative stats are kept across runs.
    'current-stats': {
      uploadedBytes: torrents.reduce((sum, t) => sum + t.uploaded, 0),
      downloadedBytes: torrents.reduce((sum, t) => sum + t.downloaded, 0),
      sessionCount: 1,
      secondsActive: Math.floor((Date.now() - session.startedAt) / 1000),
    },
  };
}

export async function freeSpace(session: RpcSession, args: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  onlyArguments('free-space', args, new Set(['path']));
  const path = optionalString(args, 'path');
  if (path === undefined) throw new RpcError('RPC_BAD_ARGUMENT', 'free-space needs "path"');
  const real = await confine(path, session.roots, 'path');
  const stats = await statfs(real).catch((err: Error) => {
    throw new RpcError('RPC_FAILED', `free-space: ${err.message}`);
  });
  return { path, 'size-bytes': stats.bavail * stats.bsize, total_size: stats.blocks * stats.bsize };
}
