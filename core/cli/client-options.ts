// Options every engine command shares: --port and --config.
import type { ParseArgsConfig } from 'node:util';
import type { Client } from '../client.ts';
import { createClient } from '../create-client.ts';
import type { PortSpec } from '../settings.ts';

export const CLIENT_OPTIONS = {
  port: { type: 'string' },
  config: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** "6881" and "0" are ports; "6881-6889" stays a range. */
function portSpec(text: string): PortSpec {
  return /^\d+$/.test(text.trim()) ? Number(text) : text;
}

/** A client with the .btrc found (or named by --config) and --port applied. */
export function clientFromOptions(values: { readonly port?: string; readonly config?: string }): Promise<Client> {
  return createClient({
    ...(values.config === undefined ? {} : { config: values.config }),
    ...(values.port === undefined ? {} : { listen: { ports: portSpec(values.port) } }),
  });
}
