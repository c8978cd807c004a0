// Where `bt download` and `bt seed` show what happens: on a terminal, one
// status line redrawn in place (other lines, the log's included, are printed
// above it); elsewhere (a pipe, a file, CI) a plain status line every few
// seconds; with --json, one JSON object per line on stdout; with --quiet, no
// status at all. Messages go through here too, so that --json keeps stdout
// machine-readable.
import type { BanEntry } from '../ban-list.ts';
import type { CliIO } from './info.ts';
import { statusLine, type TorrentStatus } from './progress.ts';

export type DisplayMode = 'tty' | 'plain' | 'json' | 'quiet';

/** stdout as the display sees it: a terminal has isTTY and columns. */
export interface DisplayIO extends CliIO {
  readonly stdout: CliIO['stdout'] & { readonly isTTY?: boolean; readonly columns?: number };
}

/** How often the status is shown, by mode. A terminal redraws in place, so it can afford every second. */
export const STATUS_INTERVAL_MS: Readonly<Record<DisplayMode, number>> = Object.freeze({ tty: 1000, plain: 5000, json: 1000, quiet: 0 });

export function displayMode(flags: { readonly json?: boolean; readonly quiet: boolean }, io: DisplayIO): DisplayMode {
  if (flags.json === true) return 'json';
  if (flags.quiet) return 'quiet';
  return io.stdout.isTTY === true ? 'tty' : 'plain';
}

/** Erases the current terminal line: back to its start, clear it. */
const CLEAR_LINE = '\r\x1b[2K';

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

export class StatusDisplay {
  readonly mode: DisplayMode;
  readonly #io: DisplayIO;
  #shown: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #restore: (() => void) | undefined;
  /** The streams' own write methods while they are intercepted. */
  #original: { out: Write; err: Write } | undefined;

  constructor(mode: DisplayMode, io: DisplayIO) {
    this.mode = mode;
    this.#io = io;
  }

  /** A line for the person at the terminal, also under --quiet (e.g. "complete: ..."). */
  say(text: string): void {
    if (this.mode === 'json') this.json({ type: 'message', text });
    else this.#io.stdout.write(`${text}\n`);
  }

  /** A line of commentary ("fetching the metadata..."), left out under --quiet. */
  note(text: string): void {
    if (this.mode !== 'quiet') this.say(text);
  }

  /** One JSON line on stdout (only under --json). */
  json(value: object): void {
    if (this.mode === 'json') this.#io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Shows the status now and then every interval, until stop() or close(). */
  watch(status: () => TorrentStatus, bans: () => readonly BanEntry[] = () => []): void {
    this.stop();
    if (this.mode === 'quiet') return;
    const show = (): void => this.show(status(), bans());
    if (this.mode === 'tty') show();
    this.#timer = setInterval(show, STATUS_INTERVAL_MS[this.mode]);
  }

  /** Shows one status: redrawn, printed, or as a JSON object. */
  show(status: TorrentStatus, bans: readonly BanEntry[] = []): void {
    if (this.mode === 'quiet') return;
    if (this.mode === 'json') return this.json({ type: 'status', time: new Date().toISOString(), ...status });
    const line = statusLine(status, bans);
    if (this.mode === 'plain') {
      this.#io.stdout.write(`${line}\n`);
      return;
    }
    // One terminal row: a wrapped line would not be erased by the next redraw.
    const columns = (this.#io.stdout.columns ?? 0) > 0 ? this.#io.stdout.columns! : 80;
    this.#shown = line.length >= columns ? line.slice(0, Math.max(1, columns - 1)) : line;
    // From the first status line until close(), other writes go above it.
    this.#restore ??= this.#interceptWrites();
    this.#draw();
  }

  /** Stops the periodic status; a status line on the terminal stays as it was last drawn. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Stops, and leaves the last status line on the terminal as an ordinary line. */
  close(): void {
    this.stop();
    const restore = this.#restore;
    this.#restore = undefined;
    restore?.();
    if (this.#shown !== undefined) this.#io.stdout.write('\n');
    this.#shown = undefined;
  }

  #draw(): void {
    if (this.#shown === undefined) return;
    const write = this.#original?.out ?? ((text: string) => this.#io.stdout.write(text));
    write(`${CLEAR_LINE}${this.#shown}`);
  }

  /**
   * Whatever else is written to the terminal (messages, the logger's lines on
   * stderr) first clears the status line, then the line is drawn again below.
   */
  #interceptWrites(): () => void {
    const stdout = process.stdout as unknown as { write: Write };
    const stderr = process.stderr as unknown as { write: Write };
    const out = stdout.write;
    const err = stderr.write;
    this.#original = { out: out.bind(stdout), err: err.bind(stderr) };
    const original = this.#original;
    const around = (write: Write): Write => (chunk, ...rest) => {
      if (this.#shown !== undefined) original.out(CLEAR_LINE);
      const ok = write(chunk, ...rest);
      this.#draw();
      return ok;
    };
    stdout.write = around(original.out);
    stderr.write = around(original.err);
    return () => {
      stdout.write = out;
      stderr.write = err;
      this.#original = undefined;
    };
  }
}
