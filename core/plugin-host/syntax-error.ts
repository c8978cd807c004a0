// Finds the syntax error behind a plugin that failed to load. Node hides it in
// one common case: a .ts plugin outside a "type": "module" package is compiled
// as CommonJS, fails, is retried as an ES module and then reported as
// "Cannot require() ES Module ... in a cycle". esbuild (tsx's compiler, so
// always installed with it) parses the plugin and the local files it imports
// without running them and says where the error is.
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';

export interface SyntaxErrorLocation {
  /** Absolute path of the file with the error (the plugin or a file it imports). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** What the parser expected or found. */
  readonly text: string;
}

/** The part of esbuild's API used here (esbuild is a dependency of tsx, not ours). */
interface EsbuildMessage {
  readonly text: string;
  readonly location: { readonly file: string; readonly line: number; readonly column: number } | null;
}
interface Esbuild {
  build(options: {
    entryPoints: string[];
    absWorkingDir: string;
    bundle: true;
    write: false;
    platform: 'node';
    format: 'esm';
    packages: 'external';
    logLevel: 'silent';
  }): Promise<unknown>;
}

const SOURCE_FILE = /\.[cm]?[jt]sx?$/;
const NOT_SYNTAX = /^(Could not resolve|No loader is configured)/;

function loadEsbuild(): Esbuild | undefined {
  try {
    const fromHere = createRequire(import.meta.url);
    return createRequire(fromHere.resolve('tsx/package.json'))('esbuild') as Esbuild;
  } catch {
    return undefined;
  }
}

/**
 * The first syntax error in `file` or in the relative imports it pulls in,
 * or undefined when they parse (the load failed for another reason) or the
 * check cannot run. Packages it imports are not parsed.
 */
export async function findSyntaxError(file: string): Promise<SyntaxErrorLocation | undefined> {
  const esbuild = loadEsbuild();
  if (esbuild === undefined) return undefined;
  const cwd = dirname(file);
  try {
    await esbuild.build({
      entryPoints: [file],
      absWorkingDir: cwd,
      bundle: true,
      write: false,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    return undefined;
  } catch (err) {
    const errors = (err as { errors?: readonly EsbuildMessage[] }).errors ?? [];
    // Only errors inside JavaScript or TypeScript source are syntax errors: an import
    // that does not resolve, or a file esbuild has no loader for (.node), is not,
    // and Node's own message says those better.
    const found = errors.find((e) => e.location !== null && SOURCE_FILE.test(e.location.file) && !NOT_SYNTAX.test(e.text));
    if (found?.location == null) return undefined;
    const { file: at, line, column } = found.location;
    return { file: resolve(cwd, at), line, column: column + 1, text: found.text };
  }
}
