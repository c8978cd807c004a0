// The plugin contract: { name, apply(client, options) }.
import type { Client } from './client.ts';

/** A JSON Schema (draft 2020-12 or draft-07) object describing a plugin's options. */
export type JsonSchema = { readonly [keyword: string]: unknown };

export interface Plugin<Options = Record<string, never>> {
  /** Unique name; built-ins are "logger", "peer-ban", "tracker-failover", "ip-filter". */
  readonly name: string;
  /** JSON Schema the options are validated against before apply. */
  readonly schema?: JsonSchema;
  /** Names of plugins that must be applied before this one. */
  readonly requires?: readonly string[];
  apply(client: Client, options: Options): void;
}

/** A class whose instances are plugins; constructed without arguments. */
export type PluginClass = new () => Plugin<unknown>;

/**
 * The static marker that makes a function a plugin class: the host constructs
 * it with `new` instead of calling it as a factory. A registered symbol, so
 * that a plugin package can set it without importing swarmhook, and a class
 * marked by another copy of swarmhook is still recognised.
 */
export const PLUGIN_CLASS: unique symbol = Symbol.for('swarmhook.plugin-class') as typeof PLUGIN_CLASS;

/** Is this function a plugin class (marked by definePlugin or its own static PLUGIN_CLASS)? */
export function isPluginClass(fn: Function): fn is PluginClass {
  return (fn as { [PLUGIN_CLASS]?: unknown })[PLUGIN_CLASS] === true;
}

/**
 * Gives a plugin its types. An object is returned unchanged; a class is
 * marked as a plugin class (static PLUGIN_CLASS, inherited by subclasses) and
 * returned, so that the host constructs it rather than calling it.
 */
export function definePlugin<C extends PluginClass>(pluginClass: C): C;
export function definePlugin<Options = Record<string, never>>(plugin: Plugin<Options>): Plugin<Options>;
export function definePlugin(plugin: PluginClass | Plugin<unknown>): PluginClass | Plugin<unknown> {
  if (typeof plugin === 'function') Object.defineProperty(plugin, PLUGIN_CLASS, { value: true });
  return plugin;
}
