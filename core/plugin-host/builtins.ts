// The built-in plugins: their names, their order and where their modules are.
import { fileURLToPath } from 'node:url';

/** Built-in plugins, in the order they are applied. Each is on unless switched off. */
export const BUILTIN_PLUGINS = Object.freeze(['logger', 'peer-ban', 'tracker-failover', 'ip-filter', 'ut-metadata', 'pex', 'dht', 'lsd'] as const);
/** Built-ins that are off unless a config or code lists them (`bt daemon` does): they open ports or watch folders. Applied after BUILTIN_PLUGINS. */
export const OPT_IN_BUILTIN_PLUGINS = Object.freeze(['transmission-rpc', 'watch-dir', 'web-ui'] as const);
export type BuiltinPluginName = (typeof BUILTIN_PLUGINS)[number] | (typeof OPT_IN_BUILTIN_PLUGINS)[number];

const BUILTIN_DIR = new URL('../../plugins/', import.meta.url);
// The built-ins are compiled with the host: plugins/<name>/index.ts beside the
// sources (run by tsx in the repository), dist/plugins/<name>/index.js in the package.
const BUILTIN_EXTENSION = new URL(import.meta.url).pathname.endsWith('.ts') ? '.ts' : '.js';

export function isBuiltin(name: string): name is BuiltinPluginName {
  return (BUILTIN_PLUGINS as readonly string[]).includes(name) || (OPT_IN_BUILTIN_PLUGINS as readonly string[]).includes(name);
}

/** The built-in's module file (which may be absent: a package may leave a built-in out). */
export function builtinFile(name: BuiltinPluginName): string {
  return fileURLToPath(new URL(`${name}/index${BUILTIN_EXTENSION}`, BUILTIN_DIR));
}
