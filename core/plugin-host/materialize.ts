// Turns what an entry or a module gives into a checked plugin object. The
// contract (README, "Plugin entries"), with nothing guessed from source text:
// - a function marked as a plugin class (definePlugin(class ...), or a static
//   [Symbol.for('swarmhook.plugin-class')] = true) is constructed with `new`;
// - any other function is a factory: called without arguments, and awaited;
// - anything else must be the plugin itself, { name, apply(client, options) }.
import { isPluginClass, type Plugin } from '../plugin.ts';
import type { PluginReference } from './entries.ts';
import { describeValue, errorDetail, PluginLoadError } from './errors.ts';

/** A plugin, a plugin class or a factory: what an entry or a module's default export may be. */
export type PluginValue = Exclude<PluginReference, string>;

export const PLUGIN_EXPECTATION =
  'expected { name, apply(client, options) }, a class of those wrapped in definePlugin(), or a function returning one';

export async function materialize(value: PluginValue, where: string): Promise<Plugin<unknown>> {
  if (typeof value !== 'function') return checkPlugin(value, where);
  let plugin: unknown;
  if (isPluginClass(value)) {
    try {
      plugin = new value();
    } catch (err) {
      throw creationFailed(value, where, `constructing class ${value.name || '(anonymous)'} failed: ${errorDetail(err)}`, err);
    }
  } else {
    try {
      plugin = await (value as () => unknown)();
    } catch (err) {
      // Only a function with a prototype can be a class: say how to mark one.
      const hint =
        typeof value.prototype === 'object'
          ? `; a class is constructed only when wrapped in definePlugin() (or given static [Symbol.for('swarmhook.plugin-class')] = true)`
          : '';
      throw creationFailed(value, where, `calling ${describeValue(value)} as a factory failed: ${errorDetail(err)}${hint}`, err);
    }
  }
  return checkPlugin(plugin, where);
}

function creationFailed(fn: Function, where: string, what: string, cause: unknown): PluginLoadError {
  return new PluginLoadError('PLUGIN_INVALID', fn.name || 'anonymous', `${where}: ${what}`, { cause });
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
    throw new PluginLoadError('PLUGIN_INVALID', name ?? describeValue(p), `${where} is not a plugin (${problem}); ${PLUGIN_EXPECTATION}`);
  }
  return p as unknown as Plugin<unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
