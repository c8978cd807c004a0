// How our JSON Schemas are compiled, written once: the ajv instances that
// compile schemas at run time (core/json-schema.ts) and the generator of the
// validators precompiled from config-schema/ (scripts/schema-validators.ts)
// both use these options, and the precompiled code imports these formats.
import { isIPv4, isIPv6 } from 'node:net';

/** Every error (not just the first) and the schema beside each: describeSchemaErrors picks the most specific. */
export const AJV_OPTIONS = { allErrors: true, verbose: true } as const;

/** The string formats our schemas use. */
export const schemaFormats = {
  ipv4: (s: string): boolean => isIPv4(s),
  ipv6: (s: string): boolean => isIPv6(s),
} as const;
