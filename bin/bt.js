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

/** tsx's register(), or undefined when tsx is not installed (a clone installed with --omit=dev). */
async function tsxRegister() {
  let api;
  try {
    api = import.meta.resolve('tsx/esm/api');
  } catch {
    return undefined;
  }
  return (await import(api)).register;
}

async function loadMain() {
  if (existsSync(SOURCE_MAIN)) {
    const register = await tsxRegister();
    if (register !== undefined) {
      register();
      return (await import(SOURCE_MAIN.href)).main;
    }
  }
  if (existsSync(BUILT_MAIN)) return (await import(BUILT_MAIN.href)).main;
  process.stderr.write('bt: found neither tsx to run the sources (run `npm install`) nor a build in dist/ (run `npm run build`)\n');
  return undefined;
}

const main = await loadMain();
process.exitCode = main === undefined ? 1 : await main(process.argv.slice(2));
