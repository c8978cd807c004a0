// Imports a plugin's module and takes its default export, turning what Node
// reports into coded errors: a syntax error with its place, a TypeScript file
// without tsx, or a module that fails to load.
import { importUserModule, TsxNotFoundError } from '../import-user-module.ts';
import { isReference } from './entries.ts';
import { errorDetail, PluginLoadError } from './errors.ts';
import { PLUGIN_EXPECTATION, type PluginValue } from './materialize.ts';

/** The module's default export (or its namespace, when it has none): a plugin, a plugin class or a factory. */
export async function loadPluginExport(file: string, ref: string, where: string): Promise<PluginValue> {
  let ns: Record<string, unknown>;
  try {
    ns = await importUserModule(file);
  } catch (err) {
    if (err instanceof TsxNotFoundError) {
      throw new PluginLoadError('PLUGIN_NEEDS_TSX', ref, `plugin "${ref}" (${where}): ${err.message}`, { cause: err });
    }
    // Node may report a syntax error as something else (a require() cycle): look for one first.
    // (Loaded here: only a plugin that fails to load needs it.)
    const { findSyntaxError } = await import('./syntax-error.ts');
    const syntax = await findSyntaxError(file);
    if (syntax !== undefined) {
      const at = `${syntax.file}:${syntax.line}:${syntax.column}`;
      throw new PluginLoadError('PLUGIN_SYNTAX', ref, `plugin "${ref}" (${where}) has a syntax error at ${at}: ${syntax.text}`, {
        cause: err,
        syntax,
      });
    }
    throw new PluginLoadError('PLUGIN_INVALID', ref, `plugin "${ref}" (${where}) failed to load from ${file}: ${errorDetail(err)}`, { cause: err });
  }
  let exported: unknown = 'default' in ns ? ns['default'] : ns;
  // A CommonJS module compiled from ESM hides its default one level deeper.
  if (isObject(exported) && !looksLikePlugin(exported) && 'default' in exported) exported = exported['default'];
  if (!isReference(exported) || typeof exported === 'string') {
    throw new PluginLoadError('PLUGIN_INVALID', ref, `${file} (${where}) does not export a plugin: ${PLUGIN_EXPECTATION} as its default export`);
  }
  return exported;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function looksLikePlugin(v: Record<string, unknown>): boolean {
  return typeof v['name'] === 'string' && typeof v['apply'] === 'function';
}
