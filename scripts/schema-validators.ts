// Precompiles the validators of config-schema/*.schema.json with ajv's
// standalone code generation, so that a process does not load ajv's compiler
// and compile them at every start (about 150 ms of CPU and several MB of
// heap for `bt download`). The schemas stay the one definition: these files
// are generated from them, and test/client/schema-validators.test.ts fails
// when one is stale. Schemas not in config-schema/ (users' plugins) still
// compile at run time (core/json-schema.ts), with the same ajv options.
// `--write` rewrites the generated files; otherwise prints them.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { AnySchemaObject } from 'ajv';
import { AJV_OPTIONS, schemaFormats } from '../core/ajv-settings.ts';

const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
const { _ } = require('ajv') as typeof import('ajv');
const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;

const ROOT = new URL('../', import.meta.url);

export interface ValidatorsFile {
  /** Generated file, relative to the repository. */
  readonly out: string;
  readonly text: string;
}

/** Every schema of config-schema/, by file name, sorted. */
function schemas(): { name: string; schema: AnySchemaObject & { $id: string } }[] {
  return readdirSync(new URL('config-schema/', ROOT))
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.schema\.json$/, ''), schema: JSON.parse(readFileSync(new URL(`config-schema/${f}`, ROOT), 'utf8')) as AnySchemaObject & { $id: string } }));
}

const camel = (name: string): string => name.replace(/-(.)/g, (_m, c: string) => c.toUpperCase());

/**
 * One module of validators compiled with `useDefaults`, exported by name and
 * in a table by the schema's $id (what core/json-schema.ts looks them up by).
 */
function generate(out: string, what: string, entries: readonly { name: string; schema: AnySchemaObject & { $id: string } }[], options: { strict: boolean; useDefaults: boolean }): ValidatorsFile {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...options, code: { source: true, esm: true, lines: true, formats: _`formats` } });
  for (const [format, check] of Object.entries(schemaFormats)) ajv.addFormat(format, check);
  const exports: Record<string, string> = {};
  for (const { name, schema } of entries) {
    ajv.addSchema(schema);
    exports[camel(name)] = schema.$id;
  }
  const code = standaloneCode(ajv, exports);
  const text = [
    '// @ts-nocheck: ajv generated the code below; the table at the end is typed.',
    `// Generated from config-schema/ by scripts/schema-validators.ts: ${what}.`,
    '// Do not edit. Run: node --import=tsx scripts/schema-validators.ts --write',
    "import { createRequire } from 'node:module';",
    "import type { ValidateFunction } from 'ajv';",
    "import { schemaFormats as formats } from '../ajv-settings.ts';",
    '',
    '// The code requires two small helpers of ajv (string length, deep equality), not its compiler.',
    'const require = createRequire(import.meta.url);',
    code.replace(/^"use strict";\n?/, '').replace(/^export const (\w+) = (validate\d+);$/gm, 'export const $1: ValidateFunction = $2;'),
    '',
    '/** The validators by their schema\'s $id. */',
    'export const validators: Readonly<Record<string, ValidateFunction>> = {',
    ...Object.entries(exports).map(([name, id]) => `  ${JSON.stringify(id)}: ${name},`),
    '};',
    '',
  ].join('\n');
  return { out, text };
}

/** The generated modules: every schema filling in defaults (client settings, plugin options), and the .btrc file as written. */
export function generateValidators(): ValidatorsFile[] {
  const all = schemas();
  return [
    generate('core/generated/options-validators.ts', 'every schema, filling in its defaults', all, { strict: false, useDefaults: true }),
    generate('core/generated/btrc-file-validator.ts', 'the .btrc file as written (strict, no defaults)', all.filter((s) => s.name === 'btrc'), { strict: true, useDefaults: false }),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of generateValidators()) {
    if (process.argv.includes('--write')) writeFileSync(fileURLToPath(new URL(file.out, ROOT)), file.text);
    else process.stdout.write(`// ${file.out}\n${file.text}\n`);
  }
}
