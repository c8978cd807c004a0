// The client's settings: what `.btrc` and `new Client({...})` may set, and
// the one function that fills in their defaults. Types, defaults and
// descriptions all come from config-schema/btrc.schema.json: the types are
// generated from it (core/generated/btrc-options.ts) and ajv fills the
// defaults it declares, so no value is written twice.
import { readFileSync } from 'node:fs';
import type { BtrcFile, PortSpec, ResolvedBtrcFile, ResolvedListenSettings } from './generated/btrc-options.ts';
import { fillDefaults, OptionsError } from './json-schema.ts';

export type {
  EncryptionSettings,
  LimitSettings,
  ListenSettings,
  PortSpec,
  ResolvedEncryptionSettings,
  ResolvedResumeSettings,
  DaemonSettings,
  ResolvedDaemonSettings,
  ResumeSettings,
  RateSettings,
  ResolvedLimitSettings,
  ResolvedRateSettings,
  ResolvedListenSettings,
  ResolvedTimeoutSettings,
  ResolvedTrackerSettings,
  TimeoutSettings,
  TrackerSettings,
} from './generated/btrc-options.ts';

/** The keys of `.btrc` that are not settings of the client. */
type FileOnlyKeys = '$schema' | 'plugins';

/** Everything `.btrc` sets besides plugins; also accepted by `new Client()`. */
export type ClientSettings = Omit<BtrcFile, FileOnlyKeys>;

/** Settings with every default filled in and the port spec expanded to a list; frozen. */
export interface ResolvedSettings extends Omit<ResolvedBtrcFile, FileOnlyKeys | 'listen'> {
  readonly listen: Omit<ResolvedListenSettings, 'ports'> & { readonly ports: readonly number[] };
}

export const CONFIG_SCHEMA_PATH = new URL('../config-schema/btrc.schema.json', import.meta.url);

let schema: object | undefined;

/** The parsed config-schema/btrc.schema.json. */
export function configSchema(): object {
  schema ??= JSON.parse(readFileSync(CONFIG_SCHEMA_PATH, 'utf8')) as object;
  return schema;
}

/** The settings keys of the schema (every top-level key but $schema and plugins). */
function settingsKeys(): string[] {
  const properties = (configSchema() as { properties: Record<string, unknown> }).properties;
  return Object.keys(properties).filter((k) => k !== '$schema' && k !== 'plugins');
}

/** Expands a port spec to the ports to try, in order, without duplicates. Throws RangeError on a bad spec. */
export function expandPorts(spec: PortSpec): number[] {
  const out = new Set<number>();
  for (const part of typeof spec === 'object' ? spec : [spec]) {
    if (typeof part === 'number') {
      out.add(checkPort(part, String(part)));
      continue;
    }
    const m = /^(\d{1,5})-(\d{1,5})$/.exec(part);
    if (m === null) throw new RangeError(`"${part}" is not a port range like "6881-6889"`);
    const from = checkPort(Number(m[1]), part);
    const to = checkPort(Number(m[2]), part);
    if (from > to) throw new RangeError(`port range "${part}" is empty: ${from} is above ${to}`);
    for (let p = from; p <= to; p++) out.add(p);
  }
  return [...out];
}

function checkPort(port: number, written: string): number {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port ${written} is outside 0-65535`);
  return port;
}

/**
 * Fills in the defaults the schema declares (ajv useDefaults) and expands the
 * ports. Throws OptionsError for settings the schema rejects. Layers that
 * need a setting read client.settings, which is this of client.options.
 */
export function resolveSettings(given: ClientSettings = {}): ResolvedSettings {
  // Only the settings: client options also carry listeners and a name.
  const picked: Record<string, unknown> = {};
  for (const key of settingsKeys()) picked[key] = (given as Record<string, unknown>)[key];
  const filled = fillDefaults<ResolvedBtrcFile>(configSchema(), picked, 'settings');
  let ports: number[];
  try {
    ports = expandPorts(filled.listen.ports);
  } catch (err) {
    throw new OptionsError(`settings: /listen/ports ${(err as Error).message}`, '/listen/ports');
  }
  return deepFreeze({ ...filled, listen: { ...filled.listen, ports } });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

/** Drops keys whose value is undefined, so that they do not hide a default. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  if (o === undefined) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Merges settings section by section; later sources win key by key. */
export function mergeSettings(...sources: (ClientSettings | undefined)[]): ClientSettings {
  const out: { -readonly [K in keyof ClientSettings]: ClientSettings[K] } = {};
  for (const s of sources) {
    if (s === undefined) continue;
    if (s.listen !== undefined) out.listen = { ...out.listen, ...defined(s.listen) };
    if (s.limits !== undefined) out.limits = { ...out.limits, ...defined(s.limits) };
    if (s.rates !== undefined) out.rates = { ...out.rates, ...defined(s.rates) };
    if (s.timeouts !== undefined) out.timeouts = { ...out.timeouts, ...defined(s.timeouts) };
    if (s.trackers !== undefined) out.trackers = { ...out.trackers, ...defined(s.trackers) };
    if (s.resume !== undefined) out.resume = { ...out.resume, ...defined(s.resume) };
    if (s.daemon !== undefined) out.daemon = { ...out.daemon, ...defined(s.daemon) };
    if (s.encryption !== undefined) out.encryption = { ...out.encryption, ...defined(s.encryption) };
    if (s.transports !== undefined) {
      const utp = s.transports.utp === undefined ? out.transports?.utp : { ...out.transports?.utp, ...defined(s.transports.utp) };
      out.transports = { ...out.transports, ...defined(s.transports), ...(utp === undefined ? {} : { utp }) };
    }
    if (s.peerIdPrefix !== undefined) out.peerIdPrefix = s.peerIdPrefix;
    if (s.downloadDir !== undefined) out.downloadDir = s.downloadDir;
  }
  return out;
}
