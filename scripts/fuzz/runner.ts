// Runs fuzz targets in worker threads under a watchdog. Work goes out in
// batches (target, batch number, index range); each input is made from those
// numbers alone, so the runner can make again the input a worker hung or died
// on. A worker whose heartbeat stops for `timeoutMs` has hung: it is
// terminated, the input recorded, and the rest of its batch goes to a fresh
// worker. A worker that dies is recorded the same way, as a crash.
import { Worker } from 'node:worker_threads';
import { makeInput } from './input.ts';
import { Cell, CELL_COUNT, type BatchDone, type BatchRequest, type Finding, type FindingKind, type FindingMessage, type WorkerReady } from './protocol.ts';
import { targetNamed, TARGETS } from './targets/index.ts';

export interface FuzzOptions {
  /** Target names; default every target that is not explicit-only. */
  readonly targets?: readonly string[];
  /** Inputs in all, shared evenly by the targets. Default 1,000,000 unless `seconds` is given. */
  readonly inputs?: number;
  /** Stop handing out work after this long. */
  readonly seconds?: number;
  readonly workers?: number;
  readonly batchSize?: number;
  /** An input that has not returned after this long is a hang. Default 1000. */
  readonly timeoutMs?: number;
  readonly seed?: number;
  /** Called with each finding as it comes in. */
  readonly onFinding?: (finding: Finding) => void;
  /** Called every few seconds with the inputs run so far. */
  readonly onProgress?: (inputs: number, elapsedMs: number) => void;
}

export interface Counts {
  inputs: number;
  /** Returned normally. */
  ok: number;
  /** Refused with a CodedError. */
  coded: number;
  nonCoded: number;
  crashes: number;
  hangs: number;
}

export interface FuzzReport {
  readonly perTarget: ReadonlyMap<string, Counts>;
  readonly total: Counts;
  readonly findings: readonly Finding[];
  readonly elapsedMs: number;
  readonly seed: number;
}

export const DEFAULT_INPUTS = 1_000_000;

// A worker does not get the parent's tsx loader hooks (Node 20), so it
// registers tsx itself before importing the TypeScript worker module.
const WORKER_BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ register }) => { register(); return import(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}); })
  .catch((err) => { throw err; });`;

const emptyCounts = (): Counts => ({ inputs: 0, ok: 0, coded: 0, nonCoded: 0, crashes: 0, hangs: 0 });

interface Slot {
  worker: Worker;
  cells: Int32Array;
  ready: boolean;
  job: BatchRequest | undefined;
  /** The heartbeat when the job went out: a different one means the job's inputs have started. */
  dispatchBeat: number;
  lastBeat: number;
  lastBeatAt: number;
  /** Set when we end the worker on purpose: its exit is not a crash. */
  retired: boolean;
}

export function runFuzz(options: FuzzOptions = {}): Promise<FuzzReport> {
  const names = options.targets ?? TARGETS.filter((t) => t.explicitOnly !== true).map((t) => t.name);
  for (const name of names) targetNamed(name);
  const totalInputs = options.inputs ?? (options.seconds === undefined ? DEFAULT_INPUTS : Number.POSITIVE_INFINITY);
  const batchSize = options.batchSize ?? 250;
  const timeoutMs = options.timeoutMs ?? 1000;
  const seed = (options.seed ?? Date.now()) >>> 0;
  const workerCount = Math.max(1, options.workers ?? 2);
  const started = performance.now();
  const deadline = options.seconds === undefined ? Number.POSITIVE_INFINITY : started + options.seconds * 1000;

  const perTarget = new Map<string, Counts>(names.map((n) => [n, emptyCounts()]));
  const findings: Finding[] = [];
  // Inputs handed out per target, and the next batch number of each.
  const quota = new Map(names.map((n, i) => [n, Math.floor(totalInputs / names.length) + (i < totalInputs % names.length ? 1 : 0)]));
  const issued = new Map(names.map((n) => [n, 0]));
  const nextBatch = new Map(names.map((n) => [n, 0]));
  const resumed: BatchRequest[] = [];
  let turn = 0;

  const nextJob = (): BatchRequest | undefined => {
    const again = resumed.shift();
    if (again !== undefined) return again;
    if (performance.now() >= deadline) return undefined;
    for (let k = 0; k < names.length; k++) {
      const name = names[turn++ % names.length]!;
      const left = quota.get(name)! - issued.get(name)!;
      if (left <= 0) continue;
      const count = Math.min(batchSize, left);
      issued.set(name, issued.get(name)! + count);
      const batch = nextBatch.get(name)!;
      nextBatch.set(name, batch + 1);
      return { kind: 'batch', target: name, runSeed: seed, batch, start: 0, end: count };
    }
    return undefined;
  };

  const record = (finding: Finding): void => {
    findings.push(finding);
    options.onFinding?.(finding);
  };

  return new Promise<FuzzReport>((resolve, reject) => {
    const slots: Slot[] = [];
    let finished = false;

    /** Adds what the cells say about job inputs start..upTo (exclusive). */
    const account = (slot: Slot, job: BatchRequest, upTo: number): void => {
      const c = perTarget.get(job.target)!;
      c.inputs += upTo - job.start;
      c.ok += Atomics.load(slot.cells, Cell.OK);
      c.coded += Atomics.load(slot.cells, Cell.CODED);
      c.nonCoded += Atomics.load(slot.cells, Cell.NON_CODED);
      c.crashes += Atomics.load(slot.cells, Cell.CRASHED);
    };

    const dispatch = (slot: Slot): void => {
      const job = nextJob();
      slot.job = job;
      if (job === undefined) {
        maybeFinish();
        return;
      }
      slot.dispatchBeat = Atomics.load(slot.cells, Cell.HEARTBEAT);
      slot.lastBeat = slot.dispatchBeat;
      slot.lastBeatAt = performance.now();
      slot.worker.postMessage(job);
    };

    /** The worker hung or died on the input it was running: record it, resume the batch after it on a new worker. */
    const lose = (slot: Slot, kind: Extract<FindingKind, 'hang' | 'crash'>, error: string): void => {
      const job = slot.job;
      slot.retired = true;
      void slot.worker.terminate();
      if (job !== undefined) {
        // Before its first heartbeat the worker was not yet running the batch's first input.
        const started = Atomics.load(slot.cells, Cell.HEARTBEAT) !== slot.dispatchBeat;
        const index = started ? Atomics.load(slot.cells, Cell.CURRENT) : job.start;
        if (started) account(slot, job, index);
        const c = perTarget.get(job.target)!;
        c.inputs++;
        if (kind === 'hang') c.hangs++;
        else c.crashes++;
        const input = makeInput(targetNamed(job.target), { runSeed: job.runSeed, batch: job.batch, index });
        record({ kind, target: job.target, batch: job.batch, index, error, input });
        if (index + 1 < job.end) resumed.push({ ...job, start: index + 1 });
      }
      slots[slots.indexOf(slot)] = spawn();
    };

    const spawn = (): Slot => {
      const shared = new SharedArrayBuffer(CELL_COUNT * Int32Array.BYTES_PER_ELEMENT);
      const worker = new Worker(WORKER_BOOTSTRAP, {
        eval: true,
        workerData: { shared },
        // A runaway allocation kills the worker (a crash), not the machine.
        resourceLimits: { maxOldGenerationSizeMb: 512 },
        stdout: false,
        stderr: false,
      });
      const slot: Slot = { worker, cells: new Int32Array(shared), ready: false, job: undefined, dispatchBeat: 0, lastBeat: 0, lastBeatAt: 0, retired: false };
      worker.on('message', (message: WorkerReady | BatchDone | FindingMessage) => {
        if (slot.retired) return;
        if (message.kind === 'ready') {
          slot.ready = true;
          dispatch(slot);
        } else if (message.kind === 'finding') {
          record(message.finding);
        } else if (slot.job !== undefined) {
          account(slot, slot.job, slot.job.end);
          dispatch(slot);
        }
      });
      const died = (why: string): void => {
        if (slot.retired) return;
        if (!slot.ready) {
          // Not an input's fault: the worker cannot even load. Give up rather than respawn forever.
          stop();
          for (const s of slots) s.retired = true;
          slots.forEach((s) => void s.worker.terminate());
          reject(new Error(`a fuzz worker failed to start: ${why}`));
          return;
        }
        lose(slot, 'crash', why);
      };
      worker.on('error', (err) => died(`worker error: ${err.stack ?? String(err)}`));
      worker.on('exit', (code) => died(`worker exited with code ${code}`));
      return slot;
    };

    const watchdog = setInterval(
      () => {
        const now = performance.now();
        for (const slot of [...slots]) {
          if (slot.retired || slot.job === undefined) continue;
          const beat = Atomics.load(slot.cells, Cell.HEARTBEAT);
          if (beat !== slot.lastBeat) {
            slot.lastBeat = beat;
            slot.lastBeatAt = now;
          } else if (now - slot.lastBeatAt > timeoutMs) {
            lose(slot, 'hang', `no return within ${timeoutMs} ms`);
          }
        }
      },
      Math.max(20, Math.min(100, timeoutMs / 4)),
    );

    let lastProgress = started;
    const progress = setInterval(() => {
      const now = performance.now();
      if (now - lastProgress < 5000) return;
      lastProgress = now;
      options.onProgress?.(sum([...perTarget.values()]).inputs, now - started);
    }, 1000);

    const stop = (): void => {
      finished = true;
      clearInterval(watchdog);
      clearInterval(progress);
    };

    const maybeFinish = (): void => {
      if (finished || resumed.length > 0 || slots.some((s) => s.job !== undefined || !s.ready)) return;
      stop();
      for (const s of slots) {
        s.retired = true;
        void s.worker.terminate();
      }
      resolve({ perTarget, total: sum([...perTarget.values()]), findings, elapsedMs: performance.now() - started, seed });
    };

    for (let i = 0; i < workerCount; i++) slots.push(spawn());
  });
}

function sum(all: Counts[]): Counts {
  const total = emptyCounts();
  for (const c of all) {
    total.inputs += c.inputs;
    total.ok += c.ok;
    total.coded += c.coded;
    total.nonCoded += c.nonCoded;
    total.crashes += c.crashes;
    total.hangs += c.hangs;
  }
  return total;
}
