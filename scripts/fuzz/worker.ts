// A fuzz worker: runs batches of inputs of one target. Per input it only
// touches shared memory (progress and counts); a message goes out per batch
// and per finding.
import { parentPort, workerData } from 'node:worker_threads';
import { makeInput } from './input.ts';
import { isCoded } from './coded.ts';
import { Cell, type BatchDone, type BatchRequest, type FindingMessage, type WorkerReady } from './protocol.ts';
import { PropertyViolation } from './target.ts';
import { targetNamed } from './targets/index.ts';

const cells = new Int32Array((workerData as { shared: SharedArrayBuffer }).shared);
const port = parentPort!;

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return `non-Error thrown: ${String(err)}`;
}

port.on('message', (request: BatchRequest) => {
  const target = targetNamed(request.target);
  for (const cell of [Cell.OK, Cell.CODED, Cell.NON_CODED, Cell.CRASHED]) Atomics.store(cells, cell, 0);
  for (let index = request.start; index < request.end; index++) {
    Atomics.store(cells, Cell.CURRENT, index);
    Atomics.add(cells, Cell.HEARTBEAT, 1);
    const input = makeInput(target, { runSeed: request.runSeed, batch: request.batch, index });
    try {
      target.run(input);
      Atomics.add(cells, Cell.OK, 1);
    } catch (err) {
      if (isCoded(err)) {
        Atomics.add(cells, Cell.CODED, 1);
        continue;
      }
      const kind = err instanceof PropertyViolation ? 'crash' : 'non-coded';
      Atomics.add(cells, kind === 'crash' ? Cell.CRASHED : Cell.NON_CODED, 1);
      const message: FindingMessage = { kind: 'finding', finding: { kind, target: target.name, batch: request.batch, index, error: describe(err), input } };
      port.postMessage(message);
    }
  }
  const done: BatchDone = { kind: 'done', batch: request.batch };
  port.postMessage(done);
});

const ready: WorkerReady = { kind: 'ready' };
port.postMessage(ready);
