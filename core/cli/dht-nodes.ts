// --dht-node HOST:PORT (repeatable): bootstrap nodes given to the dht plugin
// as `extraBootstrap`, besides its `bootstrap` (the .btrc's or the default
// routers). A .btrc that switches the dht off keeps it off.
import type { BtConfig } from '../config.ts';
import type { PluginEntry } from '../plugin-host/index.ts';

export function cliDhtEntry(config: BtConfig | undefined, nodes: readonly string[] | undefined): PluginEntry | undefined {
  if (nodes === undefined || nodes.length === 0) return undefined;
  let options: { readonly extraBootstrap?: readonly string[] } = {};
  for (const entry of config?.plugins ?? []) {
    const [ref, sw] = Array.isArray(entry) ? (entry as readonly [unknown, unknown]) : [entry, true];
    if (ref !== 'dht') continue;
    if (sw === false) return undefined;
    options = typeof sw === 'object' && sw !== null ? sw : {};
  }
  return ['dht', { ...options, extraBootstrap: [...(options.extraBootstrap ?? []), ...nodes] }];
}
