import type { Plugin } from '../plugin.ts';

/** A plugin ready to apply: loaded, checked, its options validated. */
export interface ResolvedPlugin {
  readonly plugin: Plugin<unknown>;
  /** Options after validation, with the schema's defaults filled in. */
  readonly options: unknown;
  /** Where the plugin came from, for messages: a file path, "package x (path)" or "code". */
  readonly origin: string;
  /** The entry as the user wrote it ("./my-plugin.ts", "some-package", "logger"); undefined for a plugin given as a value. */
  readonly reference?: string | undefined;
}
