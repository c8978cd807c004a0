// `.btrc` discovery with cosmiconfig (module name "bt") and validation of the
// whole file against config-schema/btrc.schema.json. Plugin options are not
// checked here: the plugin host checks them against each plugin's own schema.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { CodedError } from './errors.ts';
import { importUserModule, TsxNotFoundError } from './import-user-module.ts';
import { describeSchemaErrors } from './json-schema.ts';
import type { PluginEntry } from './plugin-host/index.ts';
import { configSchema, CONFIG_SCHEMA_PATH, expandPorts, type ClientSettings } from './settings.ts';

export { configSchema, CONFIG_SCHEMA_PATH };

/** What a `.btrc` holds (its types are generated from config-schema/btrc.schema.json; plugins typed as the plugin host takes them). */
export interface BtConfig extends ClientSettings {
  /** Where editors find the schema; ignored by swarmhook. */
  readonly $schema?: string;
  readonly plugins?: readonly PluginEntry[];
}

export interface LoadedConfig {
  /** Absolute path of the file the config came from (package.json for package.json#bt). */
  readonly filepath: string;
  readonly config: BtConfig;
}

export interface LoadConfigOptions {
  /** Folder the search starts in; default process.cwd(). */
  readonly cwd?: string;
  /** Last folder searched (inclusive). Default: the first folder upward that holds a package.json. */
  readonly stopDir?: string;
  /** Load this one file instead of searching (relative to cwd). */
  readonly file?: string;
}

export type ConfigErrorCode =
  | 'CONFIG_NOT_FOUND'
  /** A directory stands where a config file was given or is searched for (e.g. a `.btrc/` folder). */
  | 'CONFIG_NOT_A_FILE'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  /** A .ts config without tsx installed (on a Node that does not strip types). */
  | 'CONFIG_NEEDS_TSX';

export class ConfigError extends CodedError<ConfigErrorCode> {
  /** The config file concerned. */
  readonly file: string;
  /** JSON pointer of the offending value (CONFIG_INVALID only), "" for the whole file. */
  readonly path: string | undefined;

  constructor(code: ConfigErrorCode, file: string, message: string, options?: { path?: string; cause?: unknown }) {
    super(code, message, { cause: options?.cause });
    this.file = file;
    this.path = options?.path;
  }
}

/** Where the search looks in each folder, in this order. */
export const SEARCH_PLACES: readonly string[] = Object.freeze([
  'package.json',
  '.btrc',
  '.btrc.json',
  '.btrc.yaml',
  '.btrc.yml',
  '.btrc.js',
  '.btrc.ts',
  '.btrc.mjs',
  '.btrc.cjs',
  'bt.config.js',
  'bt.config.ts',
  'bt.config.mjs',
  'bt.config.cjs',
]);

// A TypeScript config is imported like a .ts plugin: by Node where it strips
// types, else by the user's tsx (cosmiconfig's own loader would write a
// compiled copy next to it, and needs the typescript package).
const loadTypeScript: Loader = async (filepath) => {
  const exported = (await importUserModule(filepath))['default'];
  // Outside a "type": "module" package tsx compiles to CommonJS, which nests the default export.
  if (typeof exported === 'object' && exported !== null && '__esModule' in exported && 'default' in exported) return exported.default;
  return exported;
};

// Loaded on first use: programs that never read a config do not pay for it.
async function explorer() {
  const { cosmiconfig } = await import('cosmiconfig');
  return cosmiconfig('bt', {
    searchPlaces: [...SEARCH_PLACES],
    searchStrategy: 'none',
    cache: false,
    loaders: { '.ts': loadTypeScript },
  });
}

/**
 * Finds and validates the configuration: the file given, or the first search
 * place found from `cwd` upward. Resolves to undefined when there is none.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig | undefined> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const found = options.file !== undefined ? await loadFile(resolve(cwd, options.file)) : await search(cwd, options.stopDir);
  if (found === undefined) return undefined;
  return { filepath: found.filepath, config: await validateConfig(found.config ?? {}, found.filepath) };
}

interface RawResult {
  readonly filepath: string;
  readonly config: unknown;
}

async function loadFile(file: string): Promise<RawResult> {
  let stats;
  try {
    stats = await stat(file);
  } catch (err) {
    throw new ConfigError('CONFIG_NOT_FOUND', file, `config file ${file} does not exist`, { cause: err });
  }
  if (stats.isDirectory()) {
    throw new ConfigError('CONFIG_NOT_A_FILE', file, `config file ${file} is a directory, not a file`);
  }
  try {
    const result = await (await explorer()).load(file);
    return { filepath: file, config: result?.config };
  } catch (err) {
    throw parseError(file, err);
  }
}

async function search(from: string, stopDir: string | undefined): Promise<RawResult | undefined> {
  const stop = stopDir === undefined ? undefined : resolve(stopDir);
  let ex: Awaited<ReturnType<typeof explorer>> | undefined;
  for (let dir = from; ; ) {
    // cosmiconfig (a dozen modules) is loaded only once a folder has a file it could read.
    if (await hasSearchPlace(dir)) {
      ex ??= await explorer();
      let result;
      try {
        result = await ex.search(dir);
      } catch (err) {
        const file = (err as { filepath?: unknown }).filepath;
        throw parseError(typeof file === 'string' ? file : dir, err);
      }
      if (result !== null) return { filepath: result.filepath, config: result.config };
    }
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    if (stop === undefined && (await isFile(join(dir, 'package.json')))) return undefined;
    dir = parent;
  }
}

/**
 * Whether `dir` has a file at one of the search places. A directory there is
 * refused: cosmiconfig passes over a directory named like a config file
 * (`.btrc/`) without a word, and the settings the user meant would silently
 * not apply.
 */
async function hasSearchPlace(dir: string): Promise<boolean> {
  let found = false;
  for (const place of SEARCH_PLACES) {
    const path = join(dir, place);
    const stats = await stat(path).catch(() => undefined);
    if (stats?.isDirectory()) {
      throw new ConfigError(
        'CONFIG_NOT_A_FILE',
        path,
        `${path} is a directory, not a config file: bt reads its settings from a file of that name (rename or remove the directory)`,
      );
    }
    if (stats !== undefined) found = true;
  }
  return found;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function parseError(file: string, err: unknown): ConfigError {
  if (err instanceof TsxNotFoundError) return new ConfigError('CONFIG_NEEDS_TSX', err.file, err.message, { cause: err });
  const raw = err instanceof Error ? err.message : String(err);
  // cosmiconfig prefixes "JSON Error in <file>:\n"; the file is named once, by us.
  const detail = raw.replace(/^(JSON|YAML|TypeScript) Error in [^\n]*:\n/, '').trim();
  return new ConfigError('CONFIG_PARSE', file, `${file}: cannot read the configuration: ${detail}`, { cause: err });
}

// ------------------------------------------------------------------ validation

/** Resolves to the config as typed, or rejects with CONFIG_INVALID naming the file, the JSON path and what was expected. */
export async function validateConfig(config: unknown, file: string): Promise<BtConfig> {
  // Generated from config-schema/btrc.schema.json (scripts/schema-validators.ts), not compiled here;
  // loaded only once there is a file to check (about 170 KB of code).
  const { btrc: validate } = await import('./generated/btrc-file-validator.ts');
  if (!validate(config)) {
    const { path, message } = describeSchemaErrors(validate.errors ?? []);
    throw new ConfigError('CONFIG_INVALID', file, `${file}: ${path || '/'} ${message}`, { path });
  }
  const ports = (config as BtConfig).listen?.ports;
  if (ports !== undefined) {
    try {
      expandPorts(ports);
    } catch (err) {
      throw new ConfigError('CONFIG_INVALID', file, `${file}: /listen/ports: ${(err as Error).message}`, { path: '/listen/ports' });
    }
  }
  return config as BtConfig;
}
