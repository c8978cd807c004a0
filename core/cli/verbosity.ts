// How much the logger writes under `bt`: -v and -q move its level from the
// CLI's default, warning. A download logs a line per verified piece at info
// (the library's default level, right for a program's log file), which in a
// terminal buries everything else: the CLI shows progress on its status line
// instead, and `-v` brings the per-piece lines back.
import type { BtConfig } from '../config.ts';
import type { PluginEntry } from '../plugin-host/index.ts';

export type CliLoggerLevel = 'debug' | 'info' | 'warning' | 'critical' | 'off';

/** From most to least verbose; the default is the middle one. */
const LEVELS: readonly CliLoggerLevel[] = ['debug', 'info', 'warning', 'critical', 'off'];
const DEFAULT_INDEX = LEVELS.indexOf('warning');

/** -v: info, -vv: debug; -q: critical, -qq: off; each -q undoes a -v. */
export function loggerLevel(verbose: number, quiet: number): CliLoggerLevel {
  const index = Math.min(LEVELS.length - 1, Math.max(0, DEFAULT_INDEX - verbose + quiet));
  return LEVELS[index]!;
}

/**
 * The logger entry the CLI adds to the config's plugins (a code entry for a
 * built-in replaces the config's entry, so the config's other options are
 * carried over). A config that sets the logger's level, or switches the
 * logger off, is left alone: it was written on purpose.
 */
export function cliLoggerEntry(config: BtConfig | undefined, level: CliLoggerLevel): PluginEntry | undefined {
  let options: object = {};
  for (const entry of config?.plugins ?? []) {
    const [ref, sw] = Array.isArray(entry) ? (entry as readonly [unknown, unknown]) : [entry, true];
    if (ref !== 'logger') continue;
    if (sw === false) return undefined;
    options = typeof sw === 'object' && sw !== null ? sw : {};
  }
  if ('level' in options) return undefined;
  return ['logger', { ...options, level }];
}
