// Finds the module file of a plugin written as a string: a path, relative to
// the config file, or a package, resolved from the config file's folder the
// way `import` would resolve it there (import-meta-resolve: Node's own ESM
// resolver, with a parent of our choosing, which Node 20's import.meta.resolve
// only allows behind a flag): `exports` under the node, import and default
// conditions, else `main`.
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILTIN_PLUGINS } from './builtins.ts';
import { errorDetail, PluginLoadError } from './errors.ts';

const CONDITIONS = new Set(['node', 'import']);

export function isPathLike(ref: string): boolean {
  return ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('file:') || isAbsolute(ref) || ref === '.' || ref === '..';
}

/** The plugin file a path or package name (as written at `where`) stands for. */
export async function resolveReference(ref: string, baseDir: string, where: string): Promise<string> {
  return isPathLike(ref) ? findPath(ref, baseDir, where) : await findPackage(ref, baseDir, where);
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs', '.cjs'];

function findPath(ref: string, baseDir: string, where: string): string {
  const base = ref.startsWith('file:') ? fileURLToPath(ref) : resolve(baseDir, ref);
  const tried = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => join(base, `index${e}`))];
  const hit = tried.find(isFile);
  if (hit !== undefined) return hit;
  throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${where}) not found; looked for ${tried.join(', ')}`, { tried });
}

async function findPackage(ref: string, baseDir: string, where: string): Promise<string> {
  const folders = nodeModulesFolders(baseDir).map((dir) => join(dir, ref));
  // Loaded by the first package plugin only: ~13 ms of start-up that a .btrc of built-ins and paths never needs.
  const { moduleResolve } = await import('import-meta-resolve');
  let url: URL;
  try {
    url = moduleResolve(ref, pathToFileURL(join(baseDir, 'noop.js')), CONDITIONS);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' && !folders.some(isDirectory)) {
      const builtins = `not a built-in (${BUILTIN_PLUGINS.join(', ')}), not a path (those start with ./ or ../)`;
      throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${where}) not found: ${builtins}, and no package "${ref}" in ${folders.join(', ')}`, {
        tried: folders,
        cause: err,
      });
    }
    // The package is there, but its exports or main lead nowhere.
    throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${where}) cannot be resolved: ${errorDetail(err)}`, { tried: folders, cause: err });
  }
  if (url.protocol !== 'file:') {
    throw new PluginLoadError('PLUGIN_NOT_FOUND', ref, `plugin "${ref}" (${where}) not found: "${ref}" is Node's own module ${url.href}, not a plugin`);
  }
  return fileURLToPath(url);
}

/** The node_modules folders a package import from `dir` looks in, nearest first. */
function nodeModulesFolders(dir: string): string[] {
  const folders: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    folders.push(join(at, 'node_modules'));
    if (dirname(at) === at) return folders;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
