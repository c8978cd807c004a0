// Messages between the fuzz runner and its workers, and the shared progress
// cells a worker updates per input so that the runner's watchdog can tell a
// hang from slow progress without a message per input.

/** Int32 cells of a worker's SharedArrayBuffer. */
export const Cell = {
  /** Index (in the batch) of the input running now. */
  CURRENT: 0,
  /** Bumped when an input starts: unchanged for too long means a hang. */
  HEARTBEAT: 1,
  /** Inputs of the batch so far that returned. */
  OK: 2,
  /** Inputs of the batch so far that threw a coded error. */
  CODED: 3,
  /** Inputs of the batch so far that threw something else. */
  NON_CODED: 4,
  /** Inputs of the batch so far that broke a property of the target. */
  CRASHED: 5,
} as const;
export const CELL_COUNT = 6;

export interface BatchRequest {
  readonly kind: 'batch';
  readonly target: string;
  readonly runSeed: number;
  readonly batch: number;
  /** First index to run (a batch resumed after a hang starts past the hung input). */
  readonly start: number;
  readonly end: number;
}

export type FindingKind = 'crash' | 'hang' | 'non-coded';

export interface Finding {
  readonly kind: FindingKind;
  readonly target: string;
  readonly batch: number;
  readonly index: number;
  readonly error: string;
  readonly input: Uint8Array;
}

/** Sent as soon as an input misbehaves, so that a later hang in the batch cannot lose it. */
export interface FindingMessage {
  readonly kind: 'finding';
  readonly finding: Finding;
}

/** Sent when a batch is through; the counts are in the shared cells. */
export interface BatchDone {
  readonly kind: 'done';
  readonly batch: number;
}

export interface WorkerReady {
  readonly kind: 'ready';
}
