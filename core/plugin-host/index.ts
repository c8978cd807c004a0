// The plugin host: turns Babel-style plugin entries (built-in names, paths,
// packages, objects, classes, factories) into plugins with validated options,
// in an order that honours `requires`, and applies them. Everything is
// resolved and validated before the first apply, so a bad entry leaves the
// client untouched. The steps, one module each: entries (split an entry),
// resolve (path or package -> file), load (file -> default export),
// materialize (object, class or factory -> plugin), validate (options),
// order (unique names, `requires`), apply.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from '../plugin.ts';
import { applyPlugins, TAP_NAME_WARNING_CODE } from './apply.ts';
import { BUILTIN_PLUGINS, OPT_IN_BUILTIN_PLUGINS, builtinFile, isBuiltin, type BuiltinPluginName } from './builtins.ts';
import { splitEntry, type Located, type PluginEntry, type PluginReference, type PluginSwitch } from './entries.ts';
import { PluginLoadError, pluginLabel, type PluginErrorCode } from './errors.ts';
import { loadPluginExport } from './load.ts';
import { materialize } from './materialize.ts';
import { orderByRequirements, rejectDuplicates } from './order.ts';
import type { ResolvedPlugin } from './resolved-plugin.ts';
import { validateOptions } from './validate.ts';

export { applyPlugins, BUILTIN_PLUGINS, OPT_IN_BUILTIN_PLUGINS, isBuiltin, PluginLoadError, TAP_NAME_WARNING_CODE };
export type { BuiltinPluginName, PluginEntry, PluginErrorCode, PluginReference, PluginSwitch, ResolvedPlugin };
export type { PluginFactory } from './entries.ts';
export type { SyntaxErrorLocation } from './syntax-error.ts';

export interface PluginSources {
  /** Entries of a config file; paths and packages resolve from the file's folder. */
  readonly config?: { readonly entries: readonly PluginEntry[]; readonly file: string };
  /** Entries given in code; they come after the config's, and override its built-in settings. */
  readonly code?: readonly PluginEntry[];
  /** Where paths and packages given in code resolve from; default process.cwd(). */
  readonly cwd?: string;
}

interface BuiltinSetting {
  readonly enabled: boolean;
  readonly options: PluginSwitch | undefined;
  readonly where: string;
}

/** A plugin found, before its options are validated. */
interface Found {
  readonly plugin: Plugin<unknown>;
  readonly options: PluginSwitch | undefined;
  readonly origin: string;
  readonly reference: string | undefined;
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

  // The built-ins' modules load side by side (their file reads overlap); the
  // first failure in this order is the one reported, as when loaded one by one.
  const optIn = OPT_IN_BUILTIN_PLUGINS.filter((name) => builtins.get(name) !== undefined);
  const builtinsFound = await inOrder([...BUILTIN_PLUGINS, ...optIn].map((name) => findBuiltin(name, builtins.get(name))));
  const found: Found[] = builtinsFound.filter((builtin): builtin is Found => builtin !== undefined);
  for (const { ref, options, at } of others) found.push({ ...(await findPlugin(ref, at)), options, where: at.where });

  rejectDuplicates(found);
  const resolved = found.map(({ plugin, options, origin, reference, where }) => ({
    plugin,
    options: validateOptions(plugin, options, pluginLabel(plugin.name, reference), where),
    origin,
    reference,
  }));
  const switchedOff = new Map([...builtins].filter(([, s]) => !s.enabled).map(([name, s]) => [name, s.where]));
  return orderByRequirements(resolved, switchedOff);
}

/** The values of `promises`, once all have settled; rejects with the first rejection in list order. */
async function inOrder<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  return settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
}

async function findBuiltin(name: BuiltinPluginName, setting: BuiltinSetting | undefined): Promise<Found | undefined> {
  if (setting?.enabled === false) return undefined;
  const file = builtinFile(name);
  const where = setting?.where ?? `built-in "${name}"`;
  if (!existsSync(file)) {
    // A built-in not installed is skipped when on by default, and an error when asked for.
    if (setting === undefined) return undefined;
    throw new PluginLoadError('PLUGIN_NOT_FOUND', name, `built-in plugin "${name}" (${where}) is not installed: looked for ${file}`, {
      tried: [file],
    });
  }
  const plugin = await materialize(await loadPluginExport(file, name, where), `${file} (${where})`);
  if (plugin.name !== name) {
    throw new PluginLoadError('PLUGIN_INVALID', name, `${file} is the built-in "${name}" but its plugin is named "${plugin.name}"`);
  }
  return { plugin, options: setting?.options, origin: file, reference: name, where };
}

async function findPlugin(ref: PluginReference, at: Located): Promise<Omit<Found, 'options' | 'where'>> {
  if (typeof ref !== 'string') return { plugin: await materialize(ref, at.where), origin: 'code', reference: undefined };
  // Only plugins named by path or package are resolved: the built-ins do without this module.
  const { isPathLike, resolveReference } = await import('./resolve.ts');
  const file = await resolveReference(ref, at.baseDir, at.where);
  const plugin = await materialize(await loadPluginExport(file, ref, at.where), `${file} (${at.where})`);
  return { plugin, origin: isPathLike(ref) ? file : `package ${ref} (${file})`, reference: ref };
}
