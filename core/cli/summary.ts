// The last object `--json` prints: how the command ended, and the torrent's figures.
import type { Swarm } from '../torrent/index.ts';
import { torrentStatus } from './progress.ts';
import { displayMode, StatusDisplay, type DisplayIO } from './status-display.ts';

/** How a run ended, and anything else the summary should carry. */
export interface EndFields {
  readonly outcome: 'complete' | 'interrupted' | 'stopped' | 'error';
  readonly exitCode: number;
  readonly [field: string]: unknown;
}

export interface SummaryFields extends EndFields {
  readonly seconds: number;
}

export function summary(torrent: Swarm | undefined, fields: SummaryFields): object {
  if (torrent === undefined) return { type: 'summary', ...fields };
  const { name, infoHash, state, progress, done, total, downloaded, uploaded } = torrentStatus(torrent);
  return { type: 'summary', ...fields, name, infoHash, state, progress, done, total, downloaded, uploaded };
}

/**
 * One `bt download` or `bt seed` run's status display and its end: the
 * display closes and, with --json, the summary is the last line, also when
 * the run fails before it has a torrent.
 */
export class RunSummary {
  readonly display: StatusDisplay;
  readonly #started = Date.now();
  /** The run's torrent once added: the summary describes it. */
  torrent: Swarm | undefined;

  constructor(flags: { readonly json?: boolean; readonly quiet: boolean }, io: DisplayIO) {
    this.display = new StatusDisplay(displayMode(flags, io), io);
  }

  /** Seconds since the run started. */
  get seconds(): number {
    return (Date.now() - this.#started) / 1000;
  }

  /** Closes the display and prints the summary; returns the exit code. */
  end(fields: EndFields): number {
    this.display.close();
    this.display.json(summary(this.torrent, { ...fields, seconds: this.seconds }));
    return fields.exitCode;
  }

  /** For a failure before the end: the error summary, then the error goes on. */
  readonly failed = (err: unknown): never => {
    this.end({ outcome: 'error', exitCode: 1, error: (err as Error).message });
    throw err;
  };
}
