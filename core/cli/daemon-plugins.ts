// The built-ins `bt daemon` switches on besides the usual ones: the
// transmission-rpc endpoint (with --rpc-port), the web-ui, and watch-dir when
// the .btrc gives it a folder. A .btrc entry keeps its options; a .btrc that
// switches one off keeps it off.
import type { BtConfig } from '../config.ts';
import type { PluginEntry } from '../plugin-host/index.ts';

/** What the config says of a plugin: its options, false when switched off, undefined when not listed. */
export function configuredOptions(config: BtConfig | undefined, name: string): object | false | undefined {
  let found: object | false | undefined;
  for (const entry of config?.plugins ?? []) {
    const [ref, sw] = Array.isArray(entry) ? (entry as readonly [unknown, unknown]) : [entry, true];
    if (ref !== name) continue;
    found = sw === false ? false : typeof sw === 'object' && sw !== null ? sw : {};
  }
  return found;
}

export function daemonPluginEntries(config: BtConfig | undefined, rpcPort: number | undefined): PluginEntry[] {
  const entries: PluginEntry[] = [];
  const rpc = configuredOptions(config, 'transmission-rpc');
  if (rpc === false) return entries;
  entries.push(['transmission-rpc', { ...rpc, ...(rpcPort === undefined ? {} : { port: rpcPort }) }]);
  // The web UI is served by the RPC's server: on with it, unless switched off.
  const web = configuredOptions(config, 'web-ui');
  if (web !== false) entries.push(['web-ui', web ?? {}]);
  return entries;
}
