// Options every engine command shares (--port, --config, --max-peers, -v/-q,
// --json) and the client they configure.
import type { ParseArgsConfig } from 'node:util';
import type { Client } from '../client.ts';
import { loadConfig } from '../config.ts';
import { createClient } from '../create-client.ts';
import { CodedError } from '../errors.ts';
import type { PortSpec } from '../settings.ts';
import type { PluginEntry } from '../plugin-host.ts';
import { cliDhtEntry } from './dht-nodes.ts';
import { cliLoggerEntry, loggerLevel } from './verbosity.ts';

export const CLIENT_OPTIONS = {
  port: { type: 'string' },
  config: { type: 'string' },
  'max-peers': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', multiple: true },
  verbose: { type: 'boolean', short: 'v', multiple: true },
  json: { type: 'boolean' },
  'dht-node': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** The usage lines of CLIENT_OPTIONS, for each command's --help. */
export const CLIENT_OPTIONS_USAGE = `  --port N|A-B         listen port or range (default 6881-6889)
  --max-peers N        peer connections per torrent at most (limits.maxConnectionsPerTorrent)
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

/** True with --quiet (or -q). */
export function isQuiet(values: ClientFlags): boolean {
  return (values.quiet?.length ?? 0) > 0;
}

/** A client with the .btrc found (or named by --config), --port, --max-peers and the log level applied. */
export async function clientFromOptions(values: ClientFlags): Promise<Client> {
  const maxPeers = values['max-peers'] === undefined ? undefined : positiveInteger('--max-peers', values['max-peers']);
  // The config is read here too: whether it sets the logger's level decides what -v and -q do.
  const loaded = await loadConfig(values.config === undefined ? {} : { file: values.config });
  const logger = cliLoggerEntry(loaded?.config, loggerLevel(values.verbose?.length ?? 0, values.quiet?.length ?? 0));
  const dht = cliDhtEntry(loaded?.config, values['dht-node']);
  const plugins = [logger, dht].filter((e): e is PluginEntry => e !== undefined);
  return createClient({
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values.port === undefined ? {} : { listen: { ports: portSpec(values.port) } }),
    ...(maxPeers === undefined ? {} : { limits: { maxConnectionsPerTorrent: maxPeers } }),
    ...(plugins.length === 0 ? {} : { plugins }),
  });
}
