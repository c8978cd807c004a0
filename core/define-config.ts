// defineConfig(): types a `.btrc.ts` / `bt.config.ts` (or a config object
// given in code) without changing it. A built-in's options are checked
// against the type generated from its JSON Schema (core/generated/
// builtin-options.ts), so `['logger', { level: 'loud' }]` fails to compile,
// before the schema check at load time would refuse it. Plugins given by path, package name or as objects
// keep their loose type: their schema is known only once they are loaded.
import type { BtConfig } from './config.ts';
import type { BuiltinPluginOptions } from './generated/builtin-options.ts';
import type { BuiltinPluginName, PluginEntry } from './plugin-host/index.ts';

export type { BuiltinPluginOptions };

/**
 * What an entry given as `E` must be: a built-in's name with that built-in's
 * options; anything else as the plugin host takes it.
 */
export type ConfigPluginEntry<E = PluginEntry> = E extends readonly [infer Name extends BuiltinPluginName, unknown]
  ? readonly [Name, (Name extends keyof BuiltinPluginOptions ? BuiltinPluginOptions[Name] : object) | boolean]
  : E extends BuiltinPluginName
    ? E
    : PluginEntry;

/** A config whose plugin entries passed defineConfig's check. */
export interface DefinedConfig<Entries extends readonly PluginEntry[] = readonly PluginEntry[]> extends BtConfig {
  readonly plugins?: Entries;
}

/**
 * Returns `config` unchanged, typed: `export default defineConfig({ ... })`
 * in `.btrc.ts` or `bt.config.ts`. Settings are checked as `.btrc` is, and
 * each built-in named in `plugins` gets its own options type.
 */
export function defineConfig<const Entries extends readonly PluginEntry[] = readonly []>(
  config: Omit<BtConfig, 'plugins'> & { readonly plugins?: { readonly [I in keyof Entries]: ConfigPluginEntry<Entries[I]> } },
): DefinedConfig<Entries> {
  // Each checked entry is the entry itself (ConfigPluginEntry<E> only narrows E); the compiler cannot follow that.
  return config as DefinedConfig<Entries>;
}
