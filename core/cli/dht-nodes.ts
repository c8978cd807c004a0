// --dht-node HOST:PORT (repeatable): bootstrap nodes added to the dht
// plugin's, i.e. to the .btrc's `bootstrap` or else the schema's default
// routers. A .btrc that switches the dht off keeps it off.
import schema from '../../config-schema/dht.schema.json' with { type: 'json' };
import type { BtConfig } from '../config.ts';
import { fillDefaults } from '../json-schema.ts';
import type { PluginEntry } from '../plugin-host.ts';

export function cliDhtEntry(config: BtConfig | undefined, nodes: readonly string[] | undefined): PluginEntry | undefined {
  if (nodes === undefined || nodes.length === 0) return undefined;
  let options: object = {};
  for (const entry of config?.plugins ?? []) {
    const [ref, sw] = Array.isArray(entry) ? (entry as readonly [unknown, unknown]) : [entry, true];
    if (ref !== 'dht') continue;
    if (sw === false) return undefined;
    options = typeof sw === 'object' && sw !== null ? sw : {};
  }
  const { bootstrap } = fillDefaults<{ bootstrap: string[] }>(schema, options, 'dht');
  return ['dht', { ...options, bootstrap: [...new Set([...bootstrap, ...nodes])] }];
}
