// A plugin's options: validated against its JSON Schema, with the schema's
// defaults filled in, before any plugin is applied.
import { compileSchema, describeSchemaErrors } from '../json-schema.ts';
import type { Plugin } from '../plugin.ts';
import type { PluginSwitch } from './entries.ts';
import { errorDetail, PluginLoadError } from './errors.ts';

/**
 * The options to apply the plugin with. `label` names the plugin in errors
 * (`plugin "./x.ts" (x)`), `where` the entry that gave the options.
 */
export function validateOptions(plugin: Plugin<unknown>, given: PluginSwitch | undefined, label: string, where: string): unknown {
  if (plugin.schema === undefined) return given ?? {};
  const options = cloneData(given ?? {});
  let validate;
  try {
    validate = compileSchema(plugin.schema, { strict: false, useDefaults: true });
  } catch (err) {
    throw new PluginLoadError('PLUGIN_INVALID', plugin.name, `${label} has a schema that does not compile: ${errorDetail(err)}`, { cause: err });
  }
  if (!validate(options)) {
    const { path, message } = describeSchemaErrors(validate.errors ?? []);
    const what = path === '' ? `options ${message}` : `option ${path} ${message}`;
    throw new PluginLoadError('PLUGIN_OPTIONS', plugin.name, `${label}: ${what} (${where})`, { optionPath: path });
  }
  return options;
}

/** Copies plain objects and arrays, so that filling in defaults never writes into the caller's config. */
function cloneData<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneData) as T;
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cloneData(x)])) as T;
  }
  return v;
}
