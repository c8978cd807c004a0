// The plugin host's coded error, and how its messages name a plugin.
import { CodedError } from '../errors.ts';
import type { SyntaxErrorLocation } from './syntax-error.ts';

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

/**
 * `plugin "./my-plugin.ts" (my-plugin)`: the user finds the entry by what they
 * wrote in .btrc, and the taps and client.plugins by the plugin's own name.
 * A plugin given as a value, or written as its name, is `plugin "my-plugin"`.
 */
export function pluginLabel(name: string, reference: string | undefined): string {
  return reference === undefined || reference === name ? `plugin "${name}"` : `plugin "${reference}" (${name})`;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return `function ${v.name || '(anonymous)'}`;
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function errorDetail(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
