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

/** Gives a plugin object its types; returns it unchanged. */
export function definePlugin<Options = Record<string, never>>(plugin: Plugin<Options>): Plugin<Options> {
  return plugin;
}
