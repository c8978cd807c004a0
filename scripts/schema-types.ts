// Generates the TypeScript option types from config-schema/*.schema.json, as
// webpack generates declarations/ from schemas/: the schema is the one place
// an option is defined (type, default, description), the types follow it.
// `--write` rewrites the generated files; otherwise prints them.
// test/client/schema-types.test.ts fails when a generated file is stale.
//
// Only the subset of JSON Schema our schemas use is understood; any other
// keyword stops the generator rather than yield a wrong type.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Schema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema | boolean;
  readonly prefixItems?: readonly Schema[];
  readonly minItems?: number;
  readonly anyOf?: readonly Schema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, Schema>>;
}

/** Keywords that only constrain values (the type stays the same) or annotate. */
const IGNORED = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minLength', 'maxLength', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems',
]);
const UNDERSTOOD = new Set([...IGNORED, 'type', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'anyOf', '$ref', '$defs']);

export interface Source {
  /** Base name of the file in config-schema/. */
  readonly schema: string;
  /** Generated file, relative to the repository. */
  readonly out: string;
  /** Type name of the whole schema. */
  readonly root: string;
  /** Type names of nested objects, by JSON pointer; other nested objects are written inline. */
  readonly named?: Readonly<Record<string, string>>;
}

export const SOURCES: readonly Source[] = [
  {
    schema: 'btrc',
    out: 'core/generated/btrc-options.ts',
    root: 'BtrcFile',
    named: {
      '/properties/listen': 'ListenSettings',
      '/properties/limits': 'LimitSettings',
      '/properties/rates': 'RateSettings',
      '/properties/timeouts': 'TimeoutSettings',
      '/properties/trackers': 'TrackerSettings',
      '/properties/encryption': 'EncryptionSettings',
      '/properties/resume': 'ResumeSettings',
      '/properties/daemon': 'DaemonSettings',
    },
  },
  { schema: 'logger', out: 'plugins/logger/generated/options.ts', root: 'LoggerOptions' },
  { schema: 'peer-ban', out: 'plugins/peer-ban/generated/options.ts', root: 'PeerBanOptions' },
  { schema: 'tracker-failover', out: 'plugins/tracker-failover/generated/options.ts', root: 'TrackerFailoverOptions' },
  { schema: 'ip-filter', out: 'plugins/ip-filter/generated/options.ts', root: 'IpFilterOptions' },
  { schema: 'pex', out: 'plugins/pex/generated/options.ts', root: 'PexOptions' },
  { schema: 'ut-metadata', out: 'plugins/ut-metadata/generated/options.ts', root: 'UtMetadataOptions' },
  { schema: 'dht', out: 'plugins/dht/generated/options.ts', root: 'DhtOptions' },
  { schema: 'lsd', out: 'plugins/lsd/generated/options.ts', root: 'LsdOptions' },
  { schema: 'transmission-rpc', out: 'plugins/transmission-rpc/generated/options.ts', root: 'TransmissionRpcOptions' },
  { schema: 'watch-dir', out: 'plugins/watch-dir/generated/options.ts', root: 'WatchDirOptions' },
  { schema: 'web-ui', out: 'plugins/web-ui/generated/options.ts', root: 'WebUiOptions' },
];

const ROOT = new URL('../', import.meta.url);

function readSchema(name: string): Schema {
  return JSON.parse(readFileSync(new URL(`config-schema/${name}.schema.json`, ROOT), 'utf8')) as Schema;
}

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const key = (k: string): string => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));
const literal = (v: unknown): string => (typeof v === 'string' ? quote(v) : JSON.stringify(v));

function jsdoc(indent: string, s: Schema): string[] {
  const lines: string[] = [];
  if (s.description !== undefined) lines.push(s.description);
  if (s.default !== undefined) lines.push(`@default ${JSON.stringify(s.default)}`);
  if (lines.length === 0) return [];
  const safe = lines.map((l) => l.replace(/\*\//g, '*\\/'));
  if (safe.length === 1) return [`${indent}/** ${safe[0]} */`];
  return [`${indent}/**`, ...safe.map((l) => `${indent} * ${l}`), `${indent} */`];
}

class Generator {
  readonly #root: Schema;
  readonly #source: Source;
  /** Declarations in the order they are emitted: a nested named object before the object holding it. */
  readonly #declarations: string[] = [];
  readonly #emitted = new Set<string>();

  constructor(source: Source) {
    this.#source = source;
    this.#root = readSchema(source.schema);
  }

  generate(): string {
    const header = [
      `// Generated by scripts/schema-types.ts from config-schema/${this.#source.schema}.schema.json: do not edit.`,
      '// Run: node --import=tsx scripts/schema-types.ts --write',
      '// <Name> is what a user may write (every key with a default is optional);',
      '// Resolved<Name> is what the schema\'s defaults (ajv useDefaults) make of it.',
    ];
    for (const [name, def] of Object.entries(this.#root.$defs ?? {})) {
      this.#check(def, `/$defs/${name}`);
      this.#declarations.push([...jsdoc('', def), `export type ${pascal(name)} = ${this.#type(def, `/$defs/${name}`, false, '')};`].join('\n'));
    }
    this.#check(this.#root, '');
    this.#object(this.#root, '', this.#source.root);
    return `${header.join('\n')}\n\n${this.#declarations.join('\n\n')}\n`;
  }

  #check(s: Schema, at: string): void {
    for (const k of Object.keys(s)) {
      if (!UNDERSTOOD.has(k)) throw new Error(`config-schema/${this.#source.schema}.schema.json${at}: keyword "${k}" is not understood by scripts/schema-types.ts`);
    }
  }

  #def(ref: string): { name: string; schema: Schema } {
    const m = /^#\/\$defs\/([A-Za-z0-9_]+)$/.exec(ref);
    const schema = m === null ? undefined : this.#root.$defs?.[m[1]!];
    if (schema === undefined) throw new Error(`config-schema/${this.#source.schema}.schema.json: $ref "${ref}" is not a local $defs entry`);
    return { name: pascal(m![1]!), schema };
  }

  /** An object with defaults somewhere inside it gets a Resolved variant. */
  #hasDefaults(s: Schema): boolean {
    return Object.values(s.properties ?? {}).some((p) => p.default !== undefined);
  }

  /** Emits interface `name` (and Resolved<name> when defaults apply) for an object schema. */
  #object(s: Schema, at: string, name: string): void {
    if (this.#emitted.has(name)) return;
    this.#emitted.add(name);
    const variants = this.#hasDefaults(s) ? [false, true] : [false];
    for (const resolved of variants) {
      const body = this.#members(s, at, resolved, '  ');
      this.#declarations.push([...jsdoc('', s), `export interface ${resolved ? `Resolved${name}` : name} {`, ...body, '}'].join('\n'));
    }
  }

  #members(s: Schema, at: string, resolved: boolean, indent: string): string[] {
    const required = new Set(s.required ?? []);
    const out: string[] = [];
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      const here = `${at}/properties/${k}`;
      this.#check(p, here);
      const present = required.has(k) || (resolved && p.default !== undefined);
      out.push(...jsdoc(indent, p), `${indent}readonly ${key(k)}${present ? '' : '?'}: ${this.#type(p, here, resolved, indent)};`);
    }
    if (s.additionalProperties !== false) out.push(`${indent}readonly [key: string]: unknown;`);
    return out;
  }

  #type(s: Schema, at: string, resolved: boolean, indent: string): string {
    this.#check(s, at);
    if (s.$ref !== undefined) return this.#def(s.$ref).name;
    if (s.enum !== undefined) return s.enum.map(literal).join(' | ');
    if (s.anyOf !== undefined) return s.anyOf.map((a, i) => this.#type(a, `${at}/anyOf/${i}`, resolved, indent)).join(' | ');
    const types = s.type === undefined ? [] : typeof s.type === 'string' ? [s.type] : s.type;
    if (types.length === 0) return 'unknown';
    return types.map((t) => this.#single(t, s, at, resolved, indent)).join(' | ');
  }

  #single(type: string, s: Schema, at: string, resolved: boolean, indent: string): string {
    switch (type) {
      case 'integer':
      case 'number':
        return 'number';
      case 'string':
      case 'boolean':
      case 'null':
        return type;
      case 'array': {
        if (s.prefixItems !== undefined) {
          if (s.items !== false) throw new Error(`${at}: prefixItems is only understood with "items": false`);
          const min = s.minItems ?? 0;
          const parts = s.prefixItems.map((p, i) => `${this.#type(p, `${at}/prefixItems/${i}`, resolved, indent)}${i < min ? '' : '?'}`);
          return `readonly [${parts.join(', ')}]`;
        }
        if (s.items === undefined || typeof s.items === 'boolean') return 'readonly unknown[]';
        const item = this.#type(s.items, `${at}/items`, resolved, indent);
        return `readonly ${/[ |]/.test(item) && !item.startsWith('{') ? `(${item})` : item}[]`;
      }
      case 'object': {
        if (s.properties === undefined) return '{ readonly [key: string]: unknown }';
        const name = this.#source.named?.[at];
        if (name !== undefined) {
          this.#object(s, at, name);
          return resolved && this.#hasDefaults(s) ? `Resolved${name}` : name;
        }
        const inner = `${indent}  `;
        return ['{', ...this.#members(s, at, resolved, inner), `${indent}}`].join('\n');
      }
      default:
        throw new Error(`${at}: type "${type}" is not understood by scripts/schema-types.ts`);
    }
  }
}

/** The generated file of one source. */
export function generateTypes(source: Source): string {
  return new Generator(source).generate();
}

/** The sources that are a built-in's options (generated into plugins/<name>/), with the built-in's name. */
export function builtinSources(sources: readonly Source[] = SOURCES): (Source & { readonly plugin: string })[] {
  return sources.flatMap((s) => {
    const match = /^plugins\/([a-z0-9-]+)\/generated\/options\.ts$/.exec(s.out);
    return match === null ? [] : [{ ...s, plugin: match[1]! }];
  });
}

/** Where the built-ins' option types are gathered by plugin name, for defineConfig (core/define-config.ts). */
export const BUILTIN_OPTIONS_OUT = 'core/generated/builtin-options.ts';

/**
 * The map from each built-in's name to the options type generated from its
 * schema. Type-only imports: core gets the types without loading a plugin.
 */
export function generateBuiltinOptions(sources: readonly Source[] = SOURCES): string {
  const builtins = builtinSources(sources);
  const from = (s: Source): string => `../../${s.out}`;
  return [
    `// Generated by scripts/schema-types.ts from config-schema/{${builtins.map((s) => s.schema).join(',')}}.schema.json: do not edit.`,
    '// Run: node --import=tsx scripts/schema-types.ts --write',
    ...builtins.map((s) => `import type { ${s.root} } from ${quote(from(s))};`),
    '',
    '/** Each built-in plugin\'s options as .btrc and defineConfig() take them, by the plugin\'s name. */',
    'export interface BuiltinPluginOptions {',
    ...builtins.map((s) => `  readonly ${key(s.plugin)}: ${s.root};`),
    '}',
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const source of SOURCES) {
    const text = generateTypes(source);
    if (process.argv.includes('--write')) {
      const path = fileURLToPath(new URL(source.out, ROOT));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    } else {
      process.stdout.write(`// ${source.out}\n${text}\n`);
    }
  }
  const builtins = generateBuiltinOptions();
  if (process.argv.includes('--write')) writeFileSync(fileURLToPath(new URL(BUILTIN_OPTIONS_OUT, ROOT)), builtins);
  else process.stdout.write(`// ${BUILTIN_OPTIONS_OUT}\n${builtins}\n`);
}
