#!/usr/bin/env node
// The `bt` command.
//
// Installed from npm it runs the compiled JavaScript in dist/ (the package
// ships no TypeScript sources, and needs no tsx). In a clone of the repository
// it runs the TypeScript sources through tsx (a devDependency), as the tests
// do: `npm start`, the README's commands and the CLI tests then always run the
// code as it is now, never a dist/ left over from an earlier `npm run build`.
import { existsSync } from 'node:fs';

const SOURCE_MAIN = new URL('../core/cli/main.ts', import.meta.url);
const BUILT_MAIN = new URL('../dist/core/cli/main.js', import.meta.url);

/** Registers tsx's hooks; false when tsx is not installed (a clone installed with --omit=dev). */
async function registerTsx() {
  let esm;
  let cjs;
  try {
    esm = import.meta.resolve('tsx/esm/api');
    cjs = import.meta.resolve('tsx/cjs/api');
  } catch {
    return false;
  }
  // Both hooks, as `node --import tsx` has them: a user's .ts plugin outside a
  // "type": "module" package is CommonJS, and without tsx's require hook Node
  // hides its errors behind "Cannot require() ES Module ... in a cycle".
  (await import(cjs)).register();
  (await import(esm)).register();
  return true;
}

async function loadMain() {
  if (existsSync(SOURCE_MAIN) && (await registerTsx())) return (await import(SOURCE_MAIN.href)).main;
  if (existsSync(BUILT_MAIN)) return (await import(BUILT_MAIN.href)).main;
  process.stderr.write('bt: found neither tsx to run the sources (run `npm install`) nor a build in dist/ (run `npm run build`)\n');
  return undefined;
}

const main = await loadMain();
const code = main === undefined ? 1 : await main(process.argv.slice(2));
process.exitCode = code;
// The process ends by itself once the client is destroyed, after stdout and
// stderr have drained. Should a handle be left open anyway, a SIGTERM must
// still end `bt`: exit with the code after a grace period.
setTimeout(() => process.exit(code), 5000).unref();
