// SHA-1 of pieces off the main thread. Measured by bench/hash.ts on this
// machine (2 cores, Node 20): createHash of a 256 KiB piece costs the main thread 0.12 ms, about
// 23% of a core at 500 MB/s; handing the piece to a worker costs it 0.006 to
// 0.012 ms when the piece lives in a SharedArrayBuffer (no copy, no detach),
// plus 0.009 ms when it has to be copied into one first. So pieces are hashed
// by a small pool of worker threads, and small pieces (where the message costs
// as much as the hash) on the main thread.
//
// Each worker has at most one batch in flight: pieces that come while it
// hashes wait here and go in the next message, all together. Every message
// wakes a thread, which on a machine whose cores are all busy (a swarm of
// processes on two cores) costs the main thread its core for a while: a
// download's profile put a tenth of its main thread in postMessage. Each
// digest still comes back as soon as it is computed, not with its batch.
import { hash as oneShotHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * A verified piece goes to the file in writes of this many bytes, not in one.
 * Measured, not explained: in a swarm of 9 processes on two cores
 * (bench/swarm.ts --perf), a downloader's kernel time writing 256 MiB in
 * whole 256 KiB pieces was 0.5-0.6 s, nearly all of it copying into the page
 * cache, against 0.12 s for libtorrent's 16 KiB blocks; in 32 KiB writes it
 * was 0.1-0.2 s, and the swarm finished 1.12-1.25 times sooner. The same
 * writes cost a lone download from one peer (bench/download.ts) 5-8% more
 * CPU (a process writing alone spends more system time on smaller writes),
 * and it still takes less time than libtorrent's: a busy machine and many
 * peers are the common case.
 */
const WRITE_BYTES = 32 * 1024;

/**
 * Plain CommonJS so the worker needs no TypeScript loader. A message is a
 * list of tasks: a piece to hash ({ id, view }), or a run of pieces to read
 * from an open file and hash ({ id, fd, position, pieceLength, count,
 * lastLength }), read into the worker's own buffer so that the main thread
 * neither reads nor copies them. A run is read READ_BYTES at a time (pieces
 * are hashed across reads as needed), so a worker holds at most that much
 * whatever the piece length. A run answers with every digest in one array,
 * `done` pieces of it (fewer on a short read or an error, which the caller
 * then reads itself to report it as it would).
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync, writeSync } = require('node:fs');
const READ_BYTES = ${1024 * 1024};
const WRITE_BYTES = ${WRITE_BYTES};
let own = Buffer.alloc(0);
function readRun(task) {
  const { id, fd, position, pieceLength, count, lastLength } = task;
  const total = (count - 1) * pieceLength + lastLength;
  const digests = new Uint8Array(20 * count);
  const span = Math.min(total, READ_BYTES);
  if (own.length < span) own = Buffer.allocUnsafeSlow(span);
  let done = 0;
  let hash;
  let hashed = 0;
  try {
    for (let offset = 0; offset < total; ) {
      const want = Math.min(span, total - offset);
      let got = 0;
      while (got < want) {
        const n = readSync(fd, own, got, want - got, position + offset + got);
        if (n === 0) break;
        got += n;
      }
      for (let at = 0; at < got; ) {
        const length = done === count - 1 ? lastLength : pieceLength;
        const take = Math.min(length - hashed, got - at);
        hash ??= createHash('sha1');
        hash.update(own.subarray(at, at + take));
        at += take;
        hashed += take;
        if (hashed === length) {
          digests.set(hash.digest(), 20 * done);
          done++;
          hash = undefined;
          hashed = 0;
        }
      }
      if (got < want) break;
      offset += got;
    }
  } catch {}
  parentPort.postMessage({ id, digests, done });
}
// A piece whose digest is the expected one is written here too, in the same wake-up, WRITE_BYTES at a time; false on any failure (the caller writes it and reports the error).
function writeAll(view, { fd, position }) {
  try {
    for (let done = 0; done < view.length; ) {
      const n = writeSync(fd, view, done, Math.min(WRITE_BYTES, view.length - done), position + done);
      if (n === 0) return false;
      done += n;
    }
    return true;
  } catch {
    return false;
  }
}
parentPort.on('message', (batch) => {
  for (const task of batch) {
    if (task.view === undefined) { readRun(task); continue; }
    const { id, view, write } = task;
    try {
      const digest = createHash('sha1').update(view).digest();
      parentPort.postMessage({ id, digest: new Uint8Array(digest), written: write !== undefined && digest.equals(write.expected) && writeAll(view, write) });
    } catch (err) {
      parentPort.postMessage({ id, error: String(err && err.message || err) });
    }
  }
});
`;

export interface HasherOptions {
  /** Worker threads at most (0 hashes everything on the calling thread). Default: cores, at most 4. */
  readonly workers?: number;
  /** Pieces shorter than this are hashed on the calling thread. Default 32 KiB. */
  readonly inlineBelow?: number;
  /** With no hash for this long, the workers exit and the pooled buffers go. Default 10 s. */
  readonly idleMs?: number;
  /**
   * Runs of pieces (hashFileRun) shorter than this are better read and hashed
   * by the caller: waking (or starting) a worker for a small torrent costs
   * more than it saves; a thousand small torrents checked at start would
   * start the workers for nothing (bench/scale.ts). Default 1 MiB.
   */
  readonly minRunBytes?: number;
  /** An idle worker is sent pieces once this many wait, or batchWaitMs after the first. Default 4. */
  readonly batchPieces?: number;
  /** Default 3 ms. */
  readonly batchWaitMs?: number;
}

interface Job {
  readonly id: number;
  /** The bytes to hash, in shared memory. */
  readonly view: Uint8Array;
  /** A pooled copy to give back once hashed, when the caller's bytes were not shared. */
  readonly scratch: Buffer | undefined;
  /** Where the worker writes the bytes when they hash to what is expected (hashAndWrite). */
  readonly write: WriteTarget | undefined;
  readonly resolve: (digest: Buffer, written: boolean) => void;
  readonly reject: (error: Error) => void;
}

/** Where hashAndWrite writes a piece that hashes right: `position` of an open file. */
export interface WriteTarget {
  /** An open descriptor, writable, valid until the hash is answered (the caller holds it). */
  readonly fd: number;
  readonly position: number;
  /** The 20-byte SHA-1 the bytes must have to be written. */
  readonly expected: Uint8Array;
}

/** What hashAndWrite did: the digest, and whether the bytes were written (false: the caller writes them, and reports any error). */
export interface HashedWrite {
  readonly digest: Buffer;
  readonly written: boolean;
}

/** A run of pieces lying end to end in one file, from `position`: `count` pieces, the last `lastLength` long. */
export interface FileRun {
  /** An open descriptor of the file, valid until the run is answered (the caller holds it). */
  readonly fd: number;
  readonly position: number;
  readonly pieceLength: number;
  readonly count: number;
  readonly lastLength: number;
}

/** Digests of a run's first `done` pieces, 20 bytes each; the caller reads and hashes the rest itself. */
export interface RunDigests {
  readonly digests: Uint8Array;
  readonly done: number;
}

interface RunJob {
  readonly id: number;
  readonly run: FileRun;
  readonly resolve: (digests: RunDigests) => void;
}

interface HashWorker {
  readonly thread: Worker;
  /** Every job given to it, sent or waiting. */
  readonly jobs: Map<number, Job>;
  /** Runs sent to it and not answered; each goes in a message of its own, at once, so that the worker always has the next one. */
  readonly runs: Map<number, RunJob>;
  /** Jobs waiting for the batch in flight to be answered. */
  waiting: Job[];
  /** Jobs of the batch in flight not answered yet (0: none in flight). */
  unanswered: number;
  /** Set while an idle worker's first jobs wait for more (see BATCH_PIECES). */
  batchTimer: NodeJS.Timeout | undefined;
}

type WorkerReply = { id: number; digest: Uint8Array; written: boolean; error?: undefined } | { id: number; error: string };
type RunReply = { id: number; digests: Uint8Array; done: number };
const NO_DIGESTS: RunDigests = { digests: new Uint8Array(0), done: 0 };

/** SHA-1 on the calling thread (one-shot: no Hash object, which for a 16 KiB piece costs a tenth of the hashing). */
export function sha1(data: Uint8Array): Buffer {
  return oneShotHash('sha1', data, 'buffer');
}

/** True when the bytes live in shared memory and can be hashed by a worker without a copy. */
export function isShared(data: Uint8Array): boolean {
  return data.buffer instanceof SharedArrayBuffer;
}

/** HasherOptions.minRunBytes unless set. */
export const DEFAULT_MIN_RUN_BYTES = 1024 * 1024;
const SCRATCH_PER_SIZE = 8;
/**
 * Pieces an idle worker waits for before it is sent them, and how long at most
 * (a slow download's piece is hashed this much later; 1 MiB of 256 KiB
 * pieces comes in under 3 ms at 400 MB/s).
 */
const BATCH_PIECES = 4;
const BATCH_WAIT_MS = 3;
/**
 * Idle workers are not free: each is a V8 isolate of its own, and two of
 * them cost a seeding client about 0.3% of a core and some megabytes while
 * nothing is hashed (bench/peers.ts). The next hash starts them again.
 */
const IDLE_MS = 10_000;
/** Buffers kept for reuse per size: at most this many, and this much memory (128 pieces of 256 KiB). */
const RECYCLED_PER_SIZE = 256;
const RECYCLED_BYTES_PER_SIZE = 32 * 1024 * 1024;

export class PieceHasher {
  readonly maxWorkers: number;
  readonly inlineBelow: number;
  readonly minRunBytes: number;
  readonly #batchPieces: number;
  readonly #batchWaitMs: number;
  readonly #workers: HashWorker[] = [];
  readonly #scratch = new Map<number, Buffer[]>();
  readonly #recycled = new Map<number, Buffer[]>();
  #nextId = 0;
  #broken = false;
  readonly #idleMs: number;
  /** When the last hash was asked for (performance.now()); the idle check runs while there may be something to give back. */
  #lastHashAt = 0;
  #idleCheck: NodeJS.Timeout | undefined;

  constructor(options: HasherOptions = {}) {
    this.maxWorkers = options.workers ?? Math.min(4, availableParallelism());
    this.inlineBelow = options.inlineBelow ?? 32 * 1024;
    this.minRunBytes = options.minRunBytes ?? DEFAULT_MIN_RUN_BYTES;
    this.#idleMs = options.idleMs ?? IDLE_MS;
    this.#batchPieces = options.batchPieces ?? BATCH_PIECES;
    this.#batchWaitMs = options.batchWaitMs ?? BATCH_WAIT_MS;
  }

  /**
   * A buffer in shared memory: fill a piece into it and hashing it costs the
   * main thread no copy. The caller must not change it while a hash is running.
   * It may be one given back with release(), so its bytes are not zeroed.
   */
  allocate(size: number): Buffer {
    return this.#recycled.get(size)?.pop() ?? Buffer.from(new SharedArrayBuffer(size));
  }

  /**
   * Gives back a buffer from allocate() that nobody uses any more (hashes of it
   * finished, its writes resolved): the next allocate of its size reuses it.
   * Fresh shared memory is dear: a new 256 KiB SharedArrayBuffer is zeroed and
   * its pages fault in on first write, which cost a download more than a third
   * of its main thread. Buffers not from allocate() are ignored.
   */
  release(buffer: Buffer): void {
    const size = buffer.length;
    if (!isShared(buffer) || buffer.byteOffset !== 0 || buffer.buffer.byteLength !== size || size === 0) return;
    let free = this.#recycled.get(size);
    if (free === undefined) this.#recycled.set(size, (free = []));
    // A buffer given back twice must not be handed out twice.
    if (free.length < RECYCLED_PER_SIZE && free.length * size < RECYCLED_BYTES_PER_SIZE && !free.includes(buffer)) free.push(buffer);
  }

  /** SHA-1 of `data`, on a worker thread when that is cheaper for the caller. */
  hash(data: Uint8Array): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => this.#submit(data, undefined, (digest) => resolve(digest), reject));
  }

  /**
   * hash(), and a worker that finds the digest to be `target.expected` also
   * writes the bytes at `target.position` of `target.fd`, in the wake-up it
   * hashes them in: the calling thread neither writes nor waits for a thread
   * of the pool to. Hashed on the calling thread (small pieces, no worker),
   * or when the write fails, nothing is written: the caller writes.
   */
  hashAndWrite(data: Uint8Array, target: WriteTarget): Promise<HashedWrite> {
    return new Promise<HashedWrite>((resolve, reject) => this.#submit(data, target, (digest, written) => resolve({ digest, written }), reject));
  }

  #submit(data: Uint8Array, write: WriteTarget | undefined, resolve: (digest: Buffer, written: boolean) => void, reject: (error: Error) => void): void {
    this.#touch();
    if (data.length < this.inlineBelow || this.maxWorkers === 0 || this.#broken) return resolve(sha1(data), false);
    const worker = this.#pickWorker();
    if (worker === undefined) return resolve(sha1(data), false);
    let scratch: Buffer | undefined;
    let view = data;
    if (!isShared(data)) {
      scratch = this.#takeScratch(data.length);
      scratch.set(data);
      view = scratch;
    }
    const id = this.#nextId++;
    if (load(worker) === 0) worker.thread.ref();
    const job: Job = { id, view, scratch, write, resolve, reject };
    worker.jobs.set(id, job);
    worker.waiting.push(job);
    if (worker.unanswered === 0) this.#postSoon(worker);
  }

  /**
   * Reads a run of pieces from an open file and hashes them on a worker (the
   * resume check): the calling thread does no read, no copy and one message
   * per run. Resolves with fewer than `count` digests on a short read, a read
   * error, a lost worker or none to be had; the caller reads the rest itself.
   */
  hashFileRun(run: FileRun): Promise<RunDigests> {
    this.#touch();
    if (this.maxWorkers === 0 || this.#broken || run.count === 0) return Promise.resolve(NO_DIGESTS);
    const worker = this.#pickWorker();
    if (worker === undefined) return Promise.resolve(NO_DIGESTS);
    const id = this.#nextId++;
    return new Promise<RunDigests>((resolve) => {
      if (load(worker) === 0) worker.thread.ref();
      worker.runs.set(id, { id, run, resolve });
      worker.thread.postMessage([{ id, ...run }]);
    });
  }

  /** Threads running now. */
  get workerCount(): number {
    return this.#workers.length;
  }

  /** A hash was asked for: the workers stay until idleMs pass without one (the idle check runs from now on). */
  #touch(): void {
    this.#lastHashAt = performance.now();
    if (this.#idleCheck === undefined) this.#scheduleIdleCheck(this.#idleMs);
  }

  #scheduleIdleCheck(delayMs: number): void {
    this.#idleCheck = setTimeout(() => {
      this.#idleCheck = undefined;
      const quietMs = performance.now() - this.#lastHashAt;
      if (this.#workers.some((w) => load(w) > 0)) return this.#scheduleIdleCheck(this.#idleMs);
      if (quietMs < this.#idleMs) return this.#scheduleIdleCheck(this.#idleMs - quietMs);
      // Buffers handed out stay their holders'; only the free ones go.
      this.#recycled.clear();
      this.#scratch.clear();
      void this.close();
    }, delayMs);
    this.#idleCheck.unref();
  }

  /** Stops the worker threads; hashes in progress finish on the calling thread. Later hashes start new workers. */
  async close(): Promise<void> {
    const workers = this.#workers.splice(0);
    await Promise.all(workers.map((w) => w.thread.terminate()));
    for (const w of workers) this.#finishInline(w);
  }

  #pickWorker(): HashWorker | undefined {
    // A worker collecting a batch takes the next piece too: spread over the workers, batches would not fill.
    const collecting = this.#workers.find((w) => w.batchTimer !== undefined);
    if (collecting !== undefined) return collecting;
    let best: HashWorker | undefined;
    for (const w of this.#workers) if (best === undefined || load(w) < load(best)) best = w;
    if ((best === undefined || load(best) > 0) && this.#workers.length < this.maxWorkers) {
      best = this.#spawn() ?? best;
    }
    return best;
  }

  #spawn(): HashWorker | undefined {
    let thread: Worker;
    try {
      thread = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
    } catch {
      // No threads available: hash on the calling thread from now on.
      this.#broken = true;
      return undefined;
    }
    // Idle workers must not keep the process alive; a busy one is ref'd while it has jobs.
    thread.unref();
    const worker: HashWorker = { thread, jobs: new Map(), runs: new Map(), waiting: [], unanswered: 0, batchTimer: undefined };
    thread.on('message', (reply: WorkerReply | RunReply) => {
      if ('digests' in reply) return this.#settleRun(worker, reply);
      worker.unanswered--;
      this.#settle(worker, reply);
      if (worker.unanswered === 0 && worker.waiting.length > 0) this.#post(worker);
    });
    thread.on('error', () => this.#lose(worker));
    thread.on('exit', () => this.#lose(worker));
    this.#workers.push(worker);
    return worker;
  }

  /** An idle worker got a job: it is sent once BATCH_PIECES wait, or BATCH_WAIT_MS after the first. */
  #postSoon(worker: HashWorker): void {
    if (worker.waiting.length >= this.#batchPieces) return this.#post(worker);
    worker.batchTimer ??= setTimeout(() => this.#post(worker), this.#batchWaitMs);
  }

  /** Sends the worker every job waiting for it, as one message. */
  #post(worker: HashWorker): void {
    clearTimeout(worker.batchTimer);
    worker.batchTimer = undefined;
    if (worker.waiting.length === 0 || !this.#workers.includes(worker)) return;
    // The expected digest goes as a 20-byte copy: a view would take its whole buffer (every piece's hash) along.
    const batch = worker.waiting.map(({ id, view, write }) =>
      write === undefined ? { id, view } : { id, view, write: { fd: write.fd, position: write.position, expected: new Uint8Array(write.expected) } },
    );
    worker.waiting = [];
    worker.unanswered = batch.length;
    worker.thread.postMessage(batch);
  }

  #settle(worker: HashWorker, reply: WorkerReply): void {
    const job = worker.jobs.get(reply.id);
    if (job === undefined) return;
    worker.jobs.delete(reply.id);
    if (load(worker) === 0) worker.thread.unref();
    if (reply.error !== undefined) {
      this.#giveBack(job);
      job.reject(new Error(`hash worker failed: ${reply.error}`));
      return;
    }
    const digest = Buffer.from(reply.digest.buffer, reply.digest.byteOffset, reply.digest.byteLength);
    this.#giveBack(job);
    job.resolve(digest, reply.written);
  }

  #settleRun(worker: HashWorker, reply: RunReply): void {
    const job = worker.runs.get(reply.id);
    if (job === undefined) return;
    worker.runs.delete(reply.id);
    if (load(worker) === 0) worker.thread.unref();
    job.resolve({ digests: reply.digests, done: reply.done });
  }

  /** A worker died: its jobs are hashed here, and a later hash may start another one. */
  #lose(worker: HashWorker): void {
    const at = this.#workers.indexOf(worker);
    if (at !== -1) this.#workers.splice(at, 1);
    this.#finishInline(worker);
  }

  #finishInline(worker: HashWorker): void {
    for (const job of worker.jobs.values()) {
      const digest = sha1(job.view);
      this.#giveBack(job);
      // Written or not, the worker is gone before it said: the caller writes again.
      job.resolve(digest, false);
    }
    worker.jobs.clear();
    // Runs are not read here: the main thread must not block on the disk. Their callers read them.
    for (const run of worker.runs.values()) run.resolve(NO_DIGESTS);
    worker.runs.clear();
    worker.waiting = [];
    worker.unanswered = 0;
    clearTimeout(worker.batchTimer);
    worker.batchTimer = undefined;
  }

  #takeScratch(size: number): Buffer {
    return this.#scratch.get(size)?.pop() ?? this.allocate(size);
  }

  #giveBack(job: Job): void {
    if (job.scratch === undefined) return;
    let free = this.#scratch.get(job.scratch.length);
    if (free === undefined) this.#scratch.set(job.scratch.length, (free = []));
    if (free.length < SCRATCH_PER_SIZE) free.push(job.scratch);
  }
}

/** Jobs and runs a worker has, sent or waiting. */
function load(worker: HashWorker): number {
  return worker.jobs.size + worker.runs.size;
}

let shared: PieceHasher | undefined;

/** The process-wide hasher used when none is given. */
export function defaultHasher(): PieceHasher {
  shared ??= new PieceHasher();
  return shared;
}

/** SHA-1 of a piece, off the main thread when worth it (see PieceHasher). */
export function hashPiece(data: Uint8Array): Promise<Buffer> {
  return defaultHasher().hash(data);
}
