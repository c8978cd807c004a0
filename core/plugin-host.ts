// The plugin host: turns Babel-style plugin entries (built-in names, paths,
// packages, objects, classes, factories) into plugins with validated options,
// in an order that honours `requires`, and applies them. Everything is
// resolved and validated before the first apply, so a bad entry leaves the
// client untouched.
//
// Plugins tap hooks with their own name (`hook.tap('my-plugin', fn)`, or
// 'my-plugin:label'): a tap that throws is reported as plugin_error under its
// tap name, so the name is how the user learns which plugin failed.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from './client.ts';
import { CodedError } from './errors.ts';
import { importUserModule, TsxNotFoundError } from './import-user-module.ts';
import { compileSchema, describeSchemaErrors } from './json-schema.ts';
import type { Plugin } from './plugin.ts';
import { findSyntaxError, type SyntaxErrorLocation } from './plugin-syntax.ts';

/** Built-in plugins, in the order they are applied. Each is on unless switched off. */
export const BUILTIN_PLUGINS = Object.freeze(['logger', 'peer-ban', 'tracker-failover', 'ip-filter', 'dht'] as const);
export type BuiltinPluginName = (typeof BUILTIN_PLUGINS)[number];

const BUILTIN_DIR = new URL('../plugins/', import.meta.url);
// The built-ins are compiled with the host: plugins/<name>/index.ts beside the
// sources (run by tsx in the repository), dist/plugins/<name>/index.js in the package.
const BUILTIN_EXTENSION = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

/** A class whose instances are plugins; constructed without arguments. */
export type PluginClass = new () => Plugin<unknown>;
/** A function returning a plugin (or a promise of one); called without arguments. */
export type PluginFactory = () => Plugin<unknown> | Promise<Plugin<unknown>>;
/** A built-in's name, a path ("./x.ts", relative to the config file), a package name, or the plugin itself. */
export type PluginReference = string | Plugin<unknown> | PluginClass | PluginFactory;
/** The plugin's options, `true` (on, default options) or `false` (off). */
export type PluginSwitch = object | boolean;
export type PluginEntry = PluginReference | readonly [PluginReference, PluginSwitch];

export interface ResolvedPlugin {
  readonly plugin: Plugin<unknown>;
  /** Options after validation, with the schema's defaults filled in. */
  readonly options: unknown;
  /** Where the plugin came from, for messages: a file path, "package x (path)" or "code". */
  readonly origin: string;
}

export interface PluginSources {
  /** Entries of a config file; paths and packages resolve from the file's folder. */
  readonly config?: { readonly entries: readonly PluginEntry[]; readonly file: string };
  /** Entries given in code; they come after the config's, and override its built-in settings. */
  readonly code?: readonly PluginEntry[];
  /** Where paths and packages given in code resolve from; default process.cwd(). */
  readonly cwd?: string;
}

export type PluginErrorCode =
  | 'PLUGIN_NOT_FOUND'
  | 'PLUGIN_INVALID'
  /** The plugin's file, or a file it imports, does not parse. */
  | 'PLUGIN_SYNTAX'
  | 'PLUGIN_OPTIONS'
  | 'PLUGIN_REQUIRES'
  | 'PLUGIN_DUPLICATE'
  | 'PLUGIN_APPLY'
  | 'PLUGIN_NEEDS_TSX';

export class PluginLoadError extends CodedError<PluginErrorCode> {
  /** The plugin concerned: its name, or the reference when it has none yet. */
  readonly plugin: string;
  /** JSON pointer of the bad option (PLUGIN_OPTIONS only). */
  readonly optionPath: string | undefined;
  /** Paths looked at (PLUGIN_NOT_FOUND only). */
  readonly tried: readonly string[];
  /** Where the syntax error is (PLUGIN_SYNTAX only). */
  readonly syntax: SyntaxErrorLocation | undefined;

  constructor(
    code: PluginErrorCode,
    plugin: string,
    message: string,
    details: { optionPath?: string; tried?: readonly string[]; syntax?: SyntaxErrorLocation; cause?: unknown } = {},
  ) {
    super(code, message, { cause: details.cause });
    this.plugin = plugin;
    this.optionPath = details.optionPath;
    this.tried = details.tried ?? [];
    this.syntax = details.syntax;
  }
}

interface Located {
  readonly entry: PluginEntry;
  readonly baseDir: string;
  /** "entry 2 of plugins in /x/.btrc.json" or "entry 0 of the plugins given in code". */
  readonly where: string;
}

interface BuiltinSetting {
  readonly enabled: boolean;
  readonly options: PluginSwitch | undefined;
  readonly where: string;
}

/**
 * Resolves every entry to a plugin, validates its options and orders the list:
 * built-ins first (fixed order), then the config's plugins, then the code's.
 */
export async function resolvePlugins(sources: PluginSources = {}): Promise<ResolvedPlugin[]> {
  const cwd = resolve(sources.cwd ?? process.cwd());
  const located: Located[] = [];
  if (sources.config !== undefined) {
    const { entries, file } = sources.config;
    entries.forEach((entry, i) => located.push({ entry, baseDir: dirname(file), where: `plugins[${i}] in ${file}` }));
  }
  sources.code?.forEach((entry, i) => located.push({ entry, baseDir: cwd, where: `plugins[${i}] given in code` }));

  const builtins = new Map<string, BuiltinSetting>();
  const others: { ref: PluginReference; options: PluginSwitch | undefined; at: Located }[] = [];
  for (const at of located) {
    const [ref, sw] = splitEntry(at);
    if (typeof ref === 'string' && isBuiltin(ref)) {
      builtins.set(ref, { enabled: sw !== false, options: sw, where: at.where });
    } else if (sw !== false) {
      others.push({ ref, options: sw, at });
    }
  }

  const found: { plugin: Plugin<unknown>; options: PluginSwitch | undefined; origin: string; where: string }[] = [];
  for (const name of BUILTIN_PLUGINS) {
    const setting = builtins.get(name);
    if (setting?.enabled === false) continue;
    const file = fileURLToPath(new URL(`${name}/index${BUILTIN_EXTENSION}`, BUILTIN_DIR));
    if (!isFile(file)) {
      // A built-in not installed is skipped when on by default, and an error when asked for.
      if (setting === undefined) continue;
      throw new PluginLoadError('PLUGIN_NOT_FOUND', name, `built-in plugin "${name}" (${setting.where}) is not installed: looked for ${file}`, {
        tried: [file],
      });
    }
    const plugin = await loadModule(file, name, setting?.where ?? `built-in "${name}"`);
    if (plugin.name !== name) {
      throw new PluginLoadError('PLUGIN_INVALID', name, `${file} is the built-in "${name}" but its plugin is named "${plugin.name}"`);
    }
    found.push({ plugin, options: setting?.options, origin: file, where: setting?.where ?? `built-in "${name}"` });
  }
  for (const { ref, options, at } of others) {
    const { plugin, origin } = await materializeReference(ref, at);
    found.push({ plugin, options, origin, where: at.where });
  }

  const seen = new Map<string, string>();
  for (const f of found) {
    const earlier = seen.get(f.plugin.name);
    if (earlier !== undefined) {
      const hint = isBuiltin(f.plugin.name) ? `; to replace the built-in, switch it off with ["${f.plugin.name}", false]` : '';
      throw new PluginLoadError(
        'PLUGIN_DUPLICATE',
        f.plugin.name,
        `two plugins are named "${f.plugin.name}": ${earlier} and ${f.where}${hint}`,
      );
    }
    seen.set(f.plugin.name, f.where);
  }

  const resolved = found.map((f) => ({
    plugin: f.plugin,
    options: validateOptions(f.plugin, f.options, f.where),
    origin: f.origin,
  }));
  return orderByRequirements(resolved, builtins);
}

/** Applies the plugins in order and records them in client.plugins. */
export function applyPlugins(client: Client, plugins: readonly ResolvedPlugin[]): void {
  for (const { plugin } of plugins) {
    if (client.plugins.has(plugin.name)) {
      throw new PluginLoadError('PLUGIN_DUPLICATE', plugin.name, `plugin "${plugin.name}" is already applied to this client`);
    }
  }
  for (const { plugin, options } of plugins) {
    const before = tapsOf(client);
    try {
      plugin.apply(client, options);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new PluginLoadError('PLUGIN_APPLY', plugin.name, `plugin "${plugin.name}" failed to apply: ${detail}`, { cause: err });
    }
    warnAboutForeignTapNames(plugin.name, before, tapsOf(client));
    client.notePluginApplied(plugin.name, options);
  }
}

/** Code of the process warning about a plugin tapping under another name. */
export const TAP_NAME_WARNING_CODE = 'SWARMHOOK_TAP_NAME';

type TapSnapshot = Map<string, Set<object>>;

function tapsOf(client: Client): TapSnapshot {
  const hooks = client.hooks as unknown as Record<string, { taps: readonly object[] }>;
  return new Map(Object.entries(hooks).map(([name, hook]) => [name, new Set(hook.taps)]));
}

/**
 * plugin_error names a failing tap by its tap name, so a plugin must tap with
 * its own name (or "name:label"). A tap under another name is allowed but
 * reported once, at apply time, as a process warning.
 */
function warnAboutForeignTapNames(plugin: string, before: TapSnapshot, after: TapSnapshot): void {
  for (const [hook, taps] of after) {
    const old = before.get(hook);
    for (const tap of taps) {
      if (old?.has(tap)) continue;
      const name = (tap as { name?: unknown }).name;
      if (name === plugin || (typeof name === 'string' && name.startsWith(`${plugin}:`))) continue;
      process.emitWarning(
        `plugin "${plugin}" tapped ${hook} as "${String(name)}"; tap with the plugin's name ("${plugin}") so that plugin_error names the plugin`,
        { code: TAP_NAME_WARNING_CODE },
      );
    }
  }
}

export function isBuiltin(name: string): name is BuiltinPluginName {
  return (BUILTIN_PLUGINS as readonly string[]).includes(name);
}

// ------------------------------------------------------------------ entries

function splitEntry(at: Located): [PluginReference, PluginSwitch | undefined] {
  const { entry } = at;
  if (Array.isArray(entry)) {
    const [ref, sw] = entry as unknown[];
    if (entry.length !== 2 || !isReference(ref) || !(typeof sw === 'boolean' || (typeof sw === 'object' && sw !== null))) {
      throw new PluginLoadError(
        'PLUGIN_INVALID',
        describeValue(ref),
        `${at.where} must be a plugin reference or [reference, options | true | false], not ${describeValue(entry)}`,
      );
    }
    return [ref, sw === true ? undefined : (sw as PluginSwitch)];
  }
  if (!isReference(entry)) {
    throw new PluginLoadError('PLUGIN_INVALID', describeValue(entry), `${at.where} is not a plugin reference: ${describeValue(entry)}`);
  }
  return [entry, undefined];
}

function isReference(v: unknown): v is PluginReference {
  return (typeof v === 'string' && v.length > 0) || typeof v === 'function' || (typeof v === 'object' && v !== null && !Array.isArray(v));
}

async function materializeReference(ref: PluginReference, at: Located): Promise<{ plugin: Plugin<unknown>; origin: string }> {
  if (typeof ref !== 'string') return { plugin: await materialize(ref, at.where), origin: 'code' };
  const file = isPathLike(ref) ? findPath(ref, at) : findPackage(ref, at);
  return { plugin: await loadModule(file, ref, at.where), origin: isPathLike(ref) ? file : `package ${ref} (${file})` };
}

function isPathLike(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('file:') || isAbsolute(ref) || ref === '.' || ref === '..';
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

function findPath(ref: string, at: Located): string {
  const base = ref.startsWith('file:') ? fileURLToPath(ref) : resolve(at.baseDir, ref);
  const tried = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  const hit = tried.find(isFile);
  if (hit !== undefined) return hit;
  throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${at.where}) not found; looked for ${tried.join(', ')}`, { tried });
}

function findPackage(ref: string, at: Located): string {
  const require = createRequire(join(at.baseDir, 'noop.js'));
  const folders = (require.resolve.paths(ref) ?? []).map((p) => join(p, ref));
  try {
    return require.resolve(ref);
  } catch (err) {
    // An ESM-only package whose "exports" has no "require" condition: read its entry by hand.
    if ((err as { code?: string }).code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      const entry = folders.map(esmEntry).find((f) => f !== undefined);
      if (entry !== undefined) return entry;
    }
  }
  const builtins = `not a built-in (${BUILTIN_PLUGINS.join(', ')}), not a path (those start with ./ or ../)`;
  throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${at.where}) not found: ${builtins}, and no package "${ref}" in ${folders.join(', ')}`, {
    tried: folders,
  });
}

function esmEntry(folder: string): string | undefined {
  let pkg: { exports?: unknown; main?: unknown };
  try {
    pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as typeof pkg;
  } catch {
    return undefined;
  }
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (typeof e !== 'object' || e === null) return undefined;
    const o = e as Record<string, unknown>;
    return pick(o['.'] ?? o['import'] ?? o['node'] ?? o['default']);
  };
  const entry = pick(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  const file = resolve(folder, entry);
  return isFile(file) ? file : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------ modules

async function loadModule(file: string, ref: string, where: string): Promise<Plugin<unknown>> {
  let ns: Record<string, unknown>;
  try {
    ns = await importUserModule(file);
  } catch (err) {
    if (err instanceof TsxNotFoundError) {
      throw new PluginLoadError('PLUGIN_NEEDS_TSX', ref, `plugin "${ref}" (${where}): ${err.message}`, { cause: err });
    }
    // Node may report a syntax error as something else (a require() cycle): look for one first.
    const syntax = await findSyntaxError(file);
    if (syntax !== undefined) {
      const at = `${syntax.file}:${syntax.line}:${syntax.column}`;
      throw new PluginLoadError('PLUGIN_SYNTAX', ref, `plugin "${ref}" (${where}) has a syntax error at ${at}: ${syntax.text}`, {
        cause: err,
        syntax,
      });
    }
    const detail = err instanceof Error ? err.message : String(err);
    throw new PluginLoadError('PLUGIN_INVALID', ref, `plugin "${ref}" (${where}) failed to load from ${file}: ${detail}`, { cause: err });
  }
  let exported: unknown = 'default' in ns ? ns['default'] : ns;
  // A CommonJS module compiled from ESM hides its default one level deeper.
  if (isObject(exported) && !looksLikePlugin(exported) && 'default' in exported) exported = exported['default'];
  if (!isReference(exported) || typeof exported === 'string') {
    throw new PluginLoadError('PLUGIN_INVALID', ref, `${file} (${where}) does not export a plugin: ${expectation} as its default export`);
  }
  return materialize(exported, `${file} (${where})`);
}

const expectation = 'expected { name, apply(client, options) }, a class of those, or a function returning one';

/** Turns an object, class or factory into a checked plugin object. */
async function materialize(value: Exclude<PluginReference, string>, where: string): Promise<Plugin<unknown>> {
  let plugin: unknown = value;
  if (typeof value === 'function') {
    try {
      plugin = isClass(value) ? new (value as PluginClass)() : await (value as PluginFactory)();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new PluginLoadError('PLUGIN_INVALID', value.name || 'anonymous', `${where}: creating the plugin failed: ${detail}`, { cause: err });
    }
  }
  return checkPlugin(plugin, where);
}

function isClass(fn: Function): boolean {
  if (/^class[\s{]/.test(Function.prototype.toString.call(fn))) return true;
  // A constructor function (or a transpiled class) that puts apply on its prototype.
  const proto = (fn as { prototype?: unknown }).prototype;
  return isObject(proto) && typeof proto['apply'] === 'function';
}

function checkPlugin(p: unknown, where: string): Plugin<unknown> {
  const name = isObject(p) && typeof p['name'] === 'string' ? p['name'] : undefined;
  const problem = !isObject(p)
    ? `got ${describeValue(p)}`
    : name === undefined || name === ''
      ? 'its "name" is not a non-empty string'
      : typeof p['apply'] !== 'function'
        ? 'its "apply" is not a function'
        : p['schema'] !== undefined && !isObject(p['schema'])
          ? 'its "schema" is not a JSON Schema object'
          : p['requires'] !== undefined && !(Array.isArray(p['requires']) && p['requires'].every((r) => typeof r === 'string'))
            ? 'its "requires" is not a list of plugin names'
            : undefined;
  if (problem !== undefined) {
    throw new PluginLoadError('PLUGIN_INVALID', name ?? describeValue(p), `${where} is not a plugin (${problem}); ${expectation}`);
  }
  return p as unknown as Plugin<unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function looksLikePlugin(v: Record<string, unknown>): boolean {
  return typeof v['name'] === 'string' && typeof v['apply'] === 'function';
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

// ------------------------------------------------------------------ options and order

function validateOptions(plugin: Plugin<unknown>, given: PluginSwitch | undefined, where: string): unknown {
  if (plugin.schema === undefined) return given ?? {};
  const options = cloneData(given ?? {});
  let validate;
  try {
    validate = compileSchema(plugin.schema, { strict: false, useDefaults: true });
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new PluginLoadError('PLUGIN_INVALID', plugin.name, `plugin "${plugin.name}" has a schema that does not compile: ${detail}`, { cause: err });
  }
  if (!validate(options)) {
    const { path, message } = describeSchemaErrors(validate.errors ?? []);
    const what = path === '' ? `options ${message}` : `option ${path} ${message}`;
    throw new PluginLoadError('PLUGIN_OPTIONS', plugin.name, `plugin "${plugin.name}": ${what} (${where})`, { optionPath: path });
  }
  return options;
}

/** Copies plain objects and arrays, so that filling in defaults never writes into the caller's config. */
function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneData) as T;
  if (isObject(v) && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneData(x)])) as T;
  }
  return v;
}

/** Stable topological order: each plugin after the plugins it requires, otherwise as listed. */
function orderByRequirements(list: ResolvedPlugin[], builtins: ReadonlyMap<string, BuiltinSetting>): ResolvedPlugin[] {
  const names = new Set(list.map((r) => r.plugin.name));
  for (const { plugin } of list) {
    for (const need of plugin.requires ?? []) {
      if (names.has(need)) continue;
      const off = builtins.get(need);
      const why = off?.enabled === false ? `, which is switched off (${off.where})` : ', which is not loaded';
      throw new PluginLoadError('PLUGIN_REQUIRES', plugin.name, `plugin "${plugin.name}" requires plugin "${need}"${why}`);
    }
  }
  const placed = new Set<string>();
  const out: ResolvedPlugin[] = [];
  const pending = [...list];
  while (pending.length > 0) {
    const i = pending.findIndex((r) => (r.plugin.requires ?? []).every((n) => placed.has(n)));
    if (i === -1) {
      const cycle = pending.map((r) => `"${r.plugin.name}" requires ${(r.plugin.requires ?? []).map((n) => `"${n}"`).join(', ')}`);
      throw new PluginLoadError('PLUGIN_REQUIRES', pending[0]!.plugin.name, `plugins require each other in a circle: ${cycle.join('; ')}`);
    }
    const [next] = pending.splice(i, 1);
    out.push(next!);
    placed.add(next!.plugin.name);
  }
  return out;
}
