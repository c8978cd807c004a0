// Imports a module the user wrote: a plugin file, a plugin package's entry, or
// a JavaScript/TypeScript config file. swarmhook runs as JavaScript (dist/),
// so a TypeScript file needs a loader: Node's own type stripping where it has
// one, or else tsx, looked up in the user's project. tsx is not a dependency
// of swarmhook: it and esbuild are 11 MB that only users of .ts files need.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodedError } from './errors.ts';

/** Extensions tsx can load and plain Node 20 cannot. */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/**
 * Node's refusals to load a TypeScript file itself: no type stripping (Node 20),
 * syntax that stripping cannot erase (enums, namespaces), or a .ts file under
 * node_modules, which Node never strips.
 */
const NODE_CANNOT_LOAD_TYPESCRIPT = new Set([
  'ERR_UNKNOWN_FILE_EXTENSION',
  'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
  'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING',
]);

/** The advice every "needs tsx" error ends with. */
const INSTALL_TSX = 'npm install -D tsx';

/**
 * A TypeScript file had to be loaded, Node cannot load it, and tsx is not
 * installed where the file or the working directory can find it. The plugin
 * host and the config loader turn it into their own coded errors
 * (PLUGIN_NEEDS_TSX, CONFIG_NEEDS_TSX).
 */
export class TsxNotFoundError extends CodedError<'TSX_NOT_FOUND'> {
  readonly file: string;

  constructor(file: string, cause: unknown) {
    super('TSX_NOT_FOUND', `${file} is TypeScript, and loading it needs tsx, which is not installed: run \`${INSTALL_TSX}\` in your project`, { cause });
    this.file = file;
  }
}

type TsImport = (specifier: string, parentURL: string) => Promise<unknown>;

/** Imports `file` (an absolute path) and resolves to its module namespace. */
export async function importUserModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (!TYPESCRIPT_FILE.test(file) || typeof code !== 'string' || !NODE_CANNOT_LOAD_TYPESCRIPT.has(code)) throw err;
    const tsImport = await findTsx(file);
    if (tsImport === undefined) throw new TsxNotFoundError(file, err);
    // tsImport compiles this file and what it imports, without registering tsx for the whole process.
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}

/** tsx's tsImport, from the project of the file, of the working directory, or of swarmhook itself. */
async function findTsx(file: string): Promise<TsImport | undefined> {
  for (const from of [dirname(file), process.cwd(), import.meta.dirname]) {
    const entry = await tsxApiEntry(from);
    if (entry === undefined) continue;
    const api = (await import(pathToFileURL(entry).href)) as { tsImport?: unknown };
    if (typeof api.tsImport === 'function') return api.tsImport as TsImport;
  }
  return undefined;
}

/**
 * The ESM build of `tsx/esm/api` as Node would resolve it from `folder`. Its
 * CommonJS build (what require.resolve finds) cannot run tsImport, and import()
 * resolves bare names only from this module, not from the user's project.
 */
async function tsxApiEntry(folder: string): Promise<string | undefined> {
  // import-meta-resolve is six modules (~15 ms of CPU to load): only a .ts file Node cannot load needs it.
  const { moduleResolve } = await import('import-meta-resolve');
  try {
    return fileURLToPath(moduleResolve('tsx/esm/api', pathToFileURL(join(folder, 'noop.js')), new Set(['node', 'import'])));
  } catch {
    return undefined;
  }
}
