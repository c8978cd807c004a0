// Options every engine command shares (--port, --config, --max-peers, -v/-q,
// --json) and the client they configure.
import type { ParseArgsConfig } from 'node:util';
import type { Client } from '../client.ts';
import { loadConfig } from '../config.ts';
import { createClient } from '../create-client.ts';
import { CodedError } from '../errors.ts';
import type { PortSpec } from '../settings.ts';
import type { PluginEntry } from '../plugin-host/index.ts';
import { cliDhtEntry } from './dht-nodes.ts';
import { cliLoggerEntry, loggerLevel } from './verbosity.ts';

export const CLIENT_OPTIONS = {
  port: { type: 'string' },
  config: { type: 'string' },
  'max-peers': { type: 'string' },
  'max-download-rate': { type: 'string' },
  'max-upload-rate': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', multiple: true },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  json: { type: 'boolean' },
  'dht-node': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** The usage lines of CLIENT_OPTIONS, for each command's --help. */
export const CLIENT_OPTIONS_USAGE = `  --port N|A-B         listen port or range (default 6881-6889)
  --max-peers N        peer connections per torrent at most (limits.maxConnectionsPerTorrent)
  --max-download-rate R  download at most R bytes per second over all torrents, e.g. 500K,
                       2M, 1.5MiB (K = 1024, M = 1024 * 1024; 0 = unlimited; rates.maxDownloadRate)
  --max-upload-rate R  upload at most R bytes per second, as above (rates.maxUploadRate)
  --config FILE        a .btrc to load instead of searching for one
  --dht-node HOST:PORT a DHT node to bootstrap from, besides the dht plugin's (repeatable)
  --json               status and messages as JSON lines on stdout, then a summary object
  -q, --quiet          no status line, and the log only from critical up; -qq: no log
  -v, --verbose        log more: -v info (a line per verified piece), -vv debug
                       (a .btrc that sets the logger's level wins over -v and -q)
  -h, --help           this help
`;

export interface ClientFlags {
  readonly port?: string;
  readonly config?: string;
  readonly 'max-peers'?: string;
  readonly 'max-download-rate'?: string;
  readonly 'max-upload-rate'?: string;
  readonly quiet?: readonly boolean[];
  readonly verbose?: readonly boolean[];
  readonly 'dht-node'?: readonly string[];
}

export type CliOptionErrorCode = 'CLI_BAD_OPTION';

export class CliOptionError extends CodedError<CliOptionErrorCode> {}

/** "6881" and "0" are ports; "6881-6889" stays a range. */
function portSpec(text: string): PortSpec {
  return /^\d+$/.test(text.trim()) ? Number(text) : text;
}

/** A whole number of at least 1, for --max-peers. */
export function positiveInteger(flag: string, text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new CliOptionError('CLI_BAD_OPTION', `${flag} needs a whole number of at least 1, not "${text}"`);
  return Number(text);
}

const RATE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/**
 * --max-download-rate / --max-upload-rate: bytes per second with aria2's
 * units, K = 1024 and M = 1024 * 1024 (G = 1024^3), "KiB"/"MiB"/"GiB" read
 * the same; 0 is unlimited. "500K", "2M", "1.5MiB", "65536".
 */
export function parseRate(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?)?$/i.exec(text.trim());
  const value = m === null ? Number.NaN : Math.round(Number(m[1]) * RATE_UNITS[(m[2] ?? '').toLowerCase()]!);
  if (!Number.isSafeInteger(value)) {
    throw new CliOptionError('CLI_BAD_OPTION', `${flag} needs bytes per second, e.g. 500K, 2M or 1.5MiB (K = 1024, M = 1024 * 1024; 0 = unlimited), not "${text}"`);
  }
  return value;
}

/** True with --quiet (or -q). */
export function isQuiet(values: ClientFlags): boolean {
  return (values.quiet?.length ?? 0) > 0;
}

/** The rates section the rate flags set; undefined without them. */
function rateSettings(values: ClientFlags): { maxDownloadRate?: number; maxUploadRate?: number } | undefined {
  const download = values['max-download-rate'];
  const upload = values['max-upload-rate'];
  if (download === undefined && upload === undefined) return undefined;
  return {
    ...(download === undefined ? {} : { maxDownloadRate: parseRate('--max-download-rate', download) }),
    ...(upload === undefined ? {} : { maxUploadRate: parseRate('--max-upload-rate', upload) }),
  };
}

/** A client with the .btrc found (or named by --config), --port, --max-peers, the rate flags and the log level applied. */
export async function clientFromOptions(values: ClientFlags): Promise<Client> {
  const maxPeers = values['max-peers'] === undefined ? undefined : positiveInteger('--max-peers', values['max-peers']);
  const rates = rateSettings(values);
  // The config is read here too: whether it sets the logger's level decides what -v and -q do.
  const loaded = await loadConfig(values.config === undefined ? {} : { file: values.config });
  const logger = cliLoggerEntry(loaded?.config, loggerLevel(values.verbose?.length ?? 0, values.quiet?.length ?? 0));
  const dht = cliDhtEntry(loaded?.config, values['dht-node']);
  const plugins = [logger, dht].filter((e): e is PluginEntry => e !== undefined);
  return createClient({
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values.port === undefined ? {} : { listen: { ports: portSpec(values.port) } }),
    ...(maxPeers === undefined ? {} : { limits: { maxConnectionsPerTorrent: maxPeers } }),
    ...(rates === undefined ? {} : { rates }),
    ...(plugins.length === 0 ? {} : { plugins }),
  });
}
