// The built-in logger: writes every event at or above a severity (plus the
// ones `include` names, minus the ones `exclude` names) to stderr or a file,
// as readable text or JSON lines. It taps only the events it will write, so
// the others keep costing nothing. A log file is closed when the client is
// destroyed.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { definePlugin, EVENTS, EVENT_NAMES, fillDefaults, type Client, type EventInfo, type EventName, type JsonSchema, type Severity } from '../../core/index.ts';
import { formatJson, formatText } from './format.ts';
import type { LoggerOptions, ResolvedLoggerOptions } from './generated/options.ts';

export type { LoggerOptions, ResolvedLoggerOptions } from './generated/options.ts';
export type LoggerLevel = ResolvedLoggerOptions['level'];

const RANK: { readonly [S in Severity]: number } = { debug: 0, info: 1, warning: 2, critical: 3, fatal: 4 };
const LEVEL_RANK: { readonly [L in LoggerLevel]: number } = {
  debug: 0,
  info: 1,
  warn: 2,
  warning: 2,
  error: 3,
  critical: 3,
  fatal: 4,
  off: 5,
};

/** The events the logger taps with these options, in hook-table order. */
export function selectEvents(given: LoggerOptions): EventName[] {
  const options = resolveLoggerOptions(given);
  const floor = LEVEL_RANK[options.level];
  const include = new Set<EventName>(options.include);
  const exclude = new Set<EventName>(options.exclude);
  return EVENT_NAMES.filter((e) => !exclude.has(e) && (include.has(e) || RANK[EVENTS[e].severity] >= floor));
}

const SCHEMA_FILE = new URL('../../config-schema/logger.schema.json', import.meta.url);

/** The options schema; its event-name list follows the hook table even before the JSON file is regenerated. */
function loadSchema(): JsonSchema {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as { $defs: { eventName: { enum: string[] } } };
  schema.$defs.eventName.enum = [...EVENT_NAMES];
  return schema;
}

export const loggerSchema: JsonSchema = loadSchema();

/** The options with the schema's defaults filled in; throws OptionsError for options it rejects. */
export function resolveLoggerOptions(given: LoggerOptions = {}): ResolvedLoggerOptions {
  return fillDefaults<ResolvedLoggerOptions>(loggerSchema, given, 'logger');
}

interface Output {
  readonly write: (line: string) => void;
  readonly color: boolean;
  /** Releases the file; later lines are dropped (the descriptor's number may belong to another file by then). */
  readonly close: () => void;
}

/** Where the lines go: a file opened for appending, or stderr. */
function openOutput(options: ResolvedLoggerOptions): Output {
  if (options.file !== undefined) {
    let fd: number | undefined = openSync(resolve(options.file), 'a');
    return {
      write: (text) => void (fd !== undefined && writeSync(fd, text)),
      color: options.color ?? false,
      close: () => {
        if (fd === undefined) return;
        const open = fd;
        fd = undefined;
        closeSync(open);
      },
    };
  }
  const stderr = process.stderr;
  return { write: (text) => void stderr.write(text), color: options.color ?? stderr.isTTY === true, close: () => undefined };
}

/**
 * Lines of one event-loop turn leave in one write: a download logs a line per
 * verified piece, and a system call per line showed in the download benchmark.
 * Critical and fatal lines, destroy and process exit flush at once.
 */
function batched(out: Output): Output & { readonly flush: () => void } {
  let pending: string[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    out.write(text);
  };
  process.on('exit', flush);
  return {
    color: out.color,
    flush,
    write: (line) => {
      pending.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    close: () => {
      flush();
      process.off('exit', flush);
      out.close();
    },
  };
}

const URGENT = new Set(['critical', 'fatal']);

export default definePlugin<LoggerOptions>({
  name: 'logger',
  schema: loggerSchema,
  apply(client: Client, given: LoggerOptions) {
    const options = resolveLoggerOptions(given);
    const events = selectEvents(options);
    if (events.length === 0) return;
    const out = batched(openOutput(options));
    // The file stays open for events fired while the client shuts down, and is closed after.
    client.onDestroy('logger', out.close);
    const line =
      options.format === 'json'
        ? (info: EventInfo<EventName>) => formatJson(info, new Date())
        : (info: EventInfo<EventName>) => formatText(info, new Date(), out.color);
    const write = (_client: Client, info: EventInfo<EventName>): void => {
      out.write(line(info));
      if (URGENT.has(info.severity)) out.flush();
    };
    for (const event of events) {
      // Taps carry the plugin's name, so a failure is reported as plugin_error naming "logger".
      (client.hooks[event] as unknown as { tap(name: string, fn: typeof write): void }).tap('logger', write);
    }
  },
});
