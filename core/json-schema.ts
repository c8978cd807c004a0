// JSON Schema validation shared by the config loader and the plugin host:
// one ajv instance per draft and mode, and one readable sentence per failure.
// The schemas of config-schema/ are not compiled here: their validators were
// generated from them ahead of time (scripts/schema-validators.ts), so that
// a process that only validates its settings and built-ins' options never
// loads ajv's compiler.
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { AJV_OPTIONS, schemaFormats } from './ajv-settings.ts';
import { CodedError } from './errors.ts';
import { validators as precompiledWithDefaults } from './generated/options-validators.ts';

// ajv takes ~25 ms to load: only programs that validate something pay for it.
const require = createRequire(import.meta.url);

export interface CompileOptions {
  /** Reject unknown keywords and loose schemas (our own schemas); third-party schemas compile leniently. */
  readonly strict: boolean;
  /** Fill in `default` values while validating (mutates the data). */
  readonly useDefaults: boolean;
}

const instances = new Map<string, Ajv>();
const compiled = new WeakMap<object, Map<string, ValidateFunction>>();

function instance(draft2020: boolean, options: CompileOptions): Ajv {
  const key = `${draft2020}|${options.strict}|${options.useDefaults}`;
  let ajv = instances.get(key);
  if (ajv === undefined) {
    const settings = { ...AJV_OPTIONS, strict: options.strict, useDefaults: options.useDefaults };
    ajv = draft2020
      ? new (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020(settings)
      : new (require('ajv') as typeof import('ajv')).Ajv(settings);
    for (const [format, check] of Object.entries(schemaFormats)) ajv.addFormat(format, check);
    instances.set(key, ajv);
  }
  return ajv;
}

/** Compiles (once per schema object) with draft 2020-12 when the schema says so, draft-07 otherwise. */
export function compileSchema(schema: object, options: CompileOptions): ValidateFunction {
  const declared = (schema as { $schema?: unknown }).$schema;
  const draft2020 = typeof declared === 'string' && declared.includes('2020-12');
  const key = `${draft2020}|${options.strict}|${options.useDefaults}`;
  let perMode = compiled.get(schema);
  if (perMode === undefined) compiled.set(schema, (perMode = new Map()));
  let validate = perMode.get(key);
  if (validate === undefined) {
    const id = (schema as { $id?: unknown }).$id;
    // One of config-schema/ (ajv too would take the schema it has by that $id for a second copy).
    const precompiled = draft2020 && options.useDefaults && typeof id === 'string' ? precompiledWithDefaults[id] : undefined;
    if (precompiled !== undefined) {
      perMode.set(key, precompiled);
      return precompiled;
    }
    const ajv = instance(draft2020, options);
    // A second copy of a schema with the same $id (say, read from disk twice) reuses the first.
    validate = (typeof id === 'string' ? ajv.getSchema(id) : undefined) ?? ajv.compile(schema);
    perMode.set(key, validate);
  }
  return validate;
}

/** Options or settings given in code that their schema rejects. */
export class OptionsError extends CodedError<'OPTIONS_INVALID'> {
  /** JSON pointer of the offending value, "" for the whole object. */
  readonly path: string;

  constructor(message: string, path: string) {
    super('OPTIONS_INVALID', message);
    this.path = path;
  }
}

/**
 * The options with the schema's defaults filled in by ajv (useDefaults): the
 * one way defaults are applied, so that the schema is their only source.
 * Works on a copy (keys set to undefined count as absent); throws
 * OptionsError, whose message starts with `what`, when the schema rejects them.
 */
export function fillDefaults<Resolved>(schema: object, given: unknown, what: string): Resolved {
  const copy = copyData(given ?? {});
  const validate = compileSchema(schema, { strict: false, useDefaults: true });
  if (!validate(copy)) {
    const { path, message } = describeSchemaErrors(validate.errors ?? []);
    throw new OptionsError(`${what}: ${path === '' ? '' : `${path} `}${message}`, path);
  }
  return copy as Resolved;
}

/** A copy of plain data: objects and arrays copied, undefined members dropped, functions and class instances kept as they are. */
function copyData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyData);
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = copyData(v);
  return out;
}

/**
 * Reduces ajv's errors to one sentence about the most specific place: with
 * anyOf, every branch reports, and the deepest path is the one the user got
 * wrong. Type errors at that place are merged ("must be integer or string").
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): { path: string; message: string } {
  const concrete = errors.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
  const pool = concrete.length > 0 ? concrete : errors;
  if (pool.length === 0) return { path: '', message: 'is invalid' };
  const depth = (e: ErrorObject): number => (e.instancePath === '' ? 0 : e.instancePath.split('/').length);
  const deepest = Math.max(...pool.map(depth));
  const here = pool.filter((e) => depth(e) === deepest);
  const path = here[0]?.instancePath ?? '';
  // A non-type error comes from a branch whose type matched: it is the relevant one.
  const specific = here.find((e) => e.keyword !== 'type');
  if (specific !== undefined) return { path, message: explain(specific) };
  const types = [...new Set(here.map((e) => String(e.params.type)))];
  return { path, message: `must be ${types.join(' or ')}` };
}

function explain(e: ErrorObject): string {
  switch (e.keyword) {
    case 'additionalProperties':
      return `has unknown key "${String(e.params.additionalProperty)}"${allowedKeys(e)}`;
    case 'enum':
      return `must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `must have key "${String(e.params.missingProperty)}"`;
    case 'format': {
      const format = String(e.params.format);
      return `must be ${format === 'ipv4' ? 'an IPv4 address' : format === 'ipv6' ? 'an IPv6 address' : `in format ${format}`}`;
    }
    case 'pattern': {
      const what = (e.parentSchema as { description?: unknown } | undefined)?.description;
      return `must match ${String(e.params.pattern)}${typeof what === 'string' ? ` (${what.charAt(0).toLowerCase()}${what.slice(1).replace(/\.$/, '')})` : ''}`;
    }
    default:
      return e.message ?? 'is invalid';
  }
}

function allowedKeys(e: ErrorObject): string {
  const props = (e.parentSchema as { properties?: unknown } | undefined)?.properties;
  return typeof props === 'object' && props !== null ? ` (allowed: ${Object.keys(props).join(', ')})` : '';
}
