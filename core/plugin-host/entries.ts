// Plugin entries as .btrc and createClient() list them, Babel-style:
// a reference, or [reference, options | true | false].
import type { Plugin, PluginClass } from '../plugin.ts';
import { describeValue, PluginLoadError } from './errors.ts';

/** A function returning a plugin (or a promise of one); called without arguments. */
export type PluginFactory = () => Plugin<unknown> | Promise<Plugin<unknown>>;
/** A built-in's name, a path ("./x.ts", relative to the config file), a package name, or the plugin itself. */
export type PluginReference = string | Plugin<unknown> | PluginClass | PluginFactory;
/** The plugin's options, `true` (on, default options) or `false` (off). */
export type PluginSwitch = object | boolean;
export type PluginEntry = PluginReference | readonly [PluginReference, PluginSwitch];

/** An entry and where it was written. */
export interface Located {
  readonly entry: PluginEntry;
  /** Where paths and packages resolve from. */
  readonly baseDir: string;
  /** "plugins[2] in /x/.btrc.json" or "plugins[0] given in code". */
  readonly where: string;
}

/** The entry's reference and its switch (`true` becomes undefined: default options). */
export function splitEntry(at: Located): [PluginReference, PluginSwitch | undefined] {
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

export function isReference(v: unknown): v is PluginReference {
  return (typeof v === 'string' && v.length > 0) || typeof v === 'function' || (typeof v === 'object' && v !== null && !Array.isArray(v));
}
