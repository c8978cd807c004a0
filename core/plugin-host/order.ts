// The order plugins are applied in, and the checks on the list as a whole:
// names are unique, and every `requires` is met.
import { isBuiltin } from './builtins.ts';
import { PluginLoadError, pluginLabel } from './errors.ts';
import type { ResolvedPlugin } from './resolved-plugin.ts';

/** Two plugins may not share a name; `where` says which entry each came from. */
export function rejectDuplicates(list: readonly (ResolvedPlugin & { readonly where: string })[]): void {
  const seen = new Map<string, string>();
  for (const r of list) {
    const { name } = r.plugin;
    const at = r.reference === undefined || r.reference === name ? r.where : `"${r.reference}" (${r.where})`;
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      const hint = isBuiltin(name) ? `; to replace the built-in, switch it off with ["${name}", false]` : '';
      throw new PluginLoadError('PLUGIN_DUPLICATE', name, `two plugins are named "${name}": ${earlier} and ${at}${hint}`);
    }
    seen.set(name, at);
  }
}

/**
 * Stable topological order: each plugin after the plugins it requires,
 * otherwise as listed. `switchedOff` maps each built-in switched off to the
 * entry that did it, to say why a requirement is missing.
 */
export function orderByRequirements(list: readonly ResolvedPlugin[], switchedOff: ReadonlyMap<string, string>): ResolvedPlugin[] {
  const names = new Set(list.map((r) => r.plugin.name));
  for (const { plugin, reference } of list) {
    for (const need of plugin.requires ?? []) {
      if (names.has(need)) continue;
      const off = switchedOff.get(need);
      const why = off !== undefined ? `, which is switched off (${off})` : ', which is not loaded';
      throw new PluginLoadError('PLUGIN_REQUIRES', plugin.name, `${pluginLabel(plugin.name, reference)} requires plugin "${need}"${why}`);
    }
  }
  const placed = new Set<string>();
  const out: ResolvedPlugin[] = [];
  const pending = [...list];
  while (pending.length > 0) {
    const i = pending.findIndex((r) => (r.plugin.requires ?? []).every((n) => placed.has(n)));
    if (i === -1) {
      const cycle = pending.map((r) => `"${r.plugin.name}" requires ${(r.plugin.requires ?? []).map((n) => `"${n}"`).join(', ')}`);
      throw new PluginLoadError('PLUGIN_REQUIRES', pending[0]!.plugin.name, `plugins require each other in a circle: ${cycle.join('; ')}`);
    }
    const [next] = pending.splice(i, 1);
    out.push(next!);
    placed.add(next!.plugin.name);
  }
  return out;
}
