// `.btrc` discovery with cosmiconfig (module name "bt") and validation of the
// whole file against config-schema/btrc.schema.json. Plugin options are not
// checked here: the plugin host checks them against each plugin's own schema.
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Loader } from 'cosmiconfig';
import { CodedError } from './errors.ts';
import { importUserModule, TsxNotFoundError } from './import-user-module.ts';
import { btrc as btrcFileValidator } from './generated/btrc-file-validator.ts';
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
  const config = found.config ?? {};
  validateConfig(config, found.filepath);
  return { filepath: found.filepath, config: config as BtConfig };
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
  const ex = await explorer();
  for (let dir = from; ; ) {
    await refuseDirectoryPlaces(dir);
    let result;
    try {
      result = await ex.search(dir);
    } catch (err) {
      const file = (err as { filepath?: unknown }).filepath;
      throw parseError(typeof file === 'string' ? file : dir, err);
    }
    if (result !== null) return { filepath: result.filepath, config: result.config };
    const parent = dirname(dir);
    if (dir === stop || parent === dir) return undefined;
    if (stop === undefined && (await isFile(join(dir, 'package.json')))) return undefined;
    dir = parent;
  }
}

/**
 * cosmiconfig passes over a directory named like a config file (`.btrc/`)
 * without a word, and the settings the user meant would silently not apply.
 */
async function refuseDirectoryPlaces(dir: string): Promise<void> {
  for (const place of SEARCH_PLACES) {
    const path = join(dir, place);
    if (await isDirectory(path)) {
      throw new ConfigError(
        'CONFIG_NOT_A_FILE',
        path,
        `${path} is a directory, not a config file: bt reads its settings from a file of that name (rename or remove the directory)`,
      );
    }
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
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

/** Throws CONFIG_INVALID naming the file, the JSON path and what was expected. */
export function validateConfig(config: unknown, file: string): asserts config is BtConfig {
  // Generated from config-schema/btrc.schema.json (scripts/schema-validators.ts), not compiled here.
  const validate = btrcFileValidator;
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
}
