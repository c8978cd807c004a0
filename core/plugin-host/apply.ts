// Applies resolved plugins to a client, in order, and records them there.
//
// Plugins tap hooks with their own name (`hook.tap('my-plugin', fn)`, or
// 'my-plugin:label'): a tap that throws is reported as plugin_error under its
// tap name, so the name is how the user learns which plugin failed.
import type { Client } from '../client.ts';
import { errorDetail, PluginLoadError, pluginLabel } from './errors.ts';
import type { ResolvedPlugin } from './resolved-plugin.ts';

/** Code of the process warning about a plugin tapping under another name. */
export const TAP_NAME_WARNING_CODE = 'SWARMHOOK_TAP_NAME';

/** Applies the plugins in order and records them in client.plugins. */
export function applyPlugins(client: Client, plugins: readonly ResolvedPlugin[]): void {
  for (const { plugin, reference } of plugins) {
    if (client.plugins.has(plugin.name)) {
      throw new PluginLoadError('PLUGIN_DUPLICATE', plugin.name, `${pluginLabel(plugin.name, reference)} is already applied to this client`);
    }
  }
  for (const { plugin, options, reference } of plugins) {
    const label = pluginLabel(plugin.name, reference);
    const before = tapsOf(client);
    try {
      plugin.apply(client, options);
    } catch (err) {
      throw new PluginLoadError('PLUGIN_APPLY', plugin.name, `${label} failed to apply: ${errorDetail(err)}`, { cause: err });
    }
    warnAboutForeignTapNames(plugin.name, label, before, tapsOf(client));
    client.notePluginApplied(plugin.name, options, reference);
  }
}

type TapSnapshot = Map<string, Set<object>>;

function tapsOf(client: Client): TapSnapshot {
  const hooks = client.hooks as unknown as Record<string, { taps: readonly object[] }>;
  return new Map(Object.entries(hooks).map(([name, hook]) => [name, new Set(hook.taps)]));
}

/**
 * plugin_error names a failing tap by its tap name, so a plugin must tap with
 * its own name (or "name:label"). A tap under another name is allowed but
 * reported once, at apply time, as a process warning.
 */
function warnAboutForeignTapNames(plugin: string, label: string, before: TapSnapshot, after: TapSnapshot): void {
  for (const [hook, taps] of after) {
    const old = before.get(hook);
    for (const tap of taps) {
      if (old?.has(tap)) continue;
      const name = (tap as { name?: unknown }).name;
      if (name === plugin || (typeof name === 'string' && name.startsWith(`${plugin}:`))) continue;
      process.emitWarning(
        `${label} tapped ${hook} as "${String(name)}"; tap with the plugin's name ("${plugin}") so that plugin_error names the plugin`,
        { code: TAP_NAME_WARNING_CODE },
      );
    }
  }
}
