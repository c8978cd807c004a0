// createClient: the one call that finds the .btrc, resolves and validates
// every plugin, and only then builds the client and applies them.
import { dirname, resolve } from 'node:path';
import { Client, type ClientOptions } from './client.ts';
import { loadConfig, type LoadedConfig } from './config.ts';
import { applyPlugins, resolvePlugins, type PluginEntry } from './plugin-host/index.ts';
import { mergeSettings, resolveSettings } from './settings.ts';

export interface CreateClientOptions extends ClientOptions {
  /** A config file to load (relative to cwd), or false for none. Default: search from cwd upward. */
  readonly config?: string | false;
  /** Where the config search starts and code-given plugin paths resolve from; default process.cwd(). */
  readonly cwd?: string;
  /** Last folder the config search looks in; default the first folder upward with a package.json. */
  readonly stopDir?: string;
  /** Plugins added in code, after the config's; they may also name built-ins to set their options or switch them off. */
  readonly plugins?: readonly PluginEntry[];
}

/**
 * Builds a client with its configuration and plugins. Settings given here win
 * over the config file's, key by key. Any error (config, plugin not found,
 * bad options) rejects before a client exists, so nothing is half-applied.
 */
export async function createClient(options: CreateClientOptions = {}): Promise<Client> {
  const { config: configFile, cwd: givenCwd, stopDir, plugins, ...clientOptions } = options;
  const cwd = resolve(givenCwd ?? process.cwd());
  let loaded: LoadedConfig | undefined;
  if (configFile !== false) {
    loaded = await loadConfig(configFile === undefined ? { cwd, stopDir } : { cwd, file: configFile });
  }
  const resolved = await resolvePlugins({
    config: loaded?.config.plugins === undefined ? undefined : { entries: loaded.config.plugins, file: loaded.filepath },
    code: plugins,
    cwd,
  });
  const settings = mergeSettings(loaded?.config, clientOptions);
  // Settings given in code are checked here too, before a client exists.
  const resolvedSettings = resolveSettings(settings);
  // A relative downloadDir is relative to the file that says it: the config's folder, or cwd for code.
  const fromConfig = clientOptions.downloadDir === undefined && loaded?.config.downloadDir !== undefined;
  const downloadDir = resolve(fromConfig ? dirname(loaded!.filepath) : cwd, resolvedSettings.downloadDir);
  // resume.dir likewise.
  const resumeDir = settings.resume?.dir;
  const resumeFromConfig = clientOptions.resume?.dir === undefined && loaded?.config.resume?.dir !== undefined;
  const resume = resumeDir === undefined ? settings.resume : { ...settings.resume, dir: resolve(resumeFromConfig ? dirname(loaded!.filepath) : cwd, resumeDir) };
  const client = new Client({ ...clientOptions, ...settings, downloadDir, ...(resume === undefined ? {} : { resume }) });
  applyPlugins(client, resolved);
  return client;
}
