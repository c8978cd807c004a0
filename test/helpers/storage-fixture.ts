// Shared by the storage tests: a torrent of random bytes with real piece
// hashes, a temporary target folder, and an EventSink that records events.
import type { ExecutionContext } from 'ava';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventAttributes, EventName, EventSink } from '../../core/hooks.ts';
import type { StorageLayoutInput } from '../../core/storage/layout.ts';
import type { Torrent } from '../../core/types.ts';

export type Recorded = { [K in EventName]: { event: K } & EventAttributes[K] }[EventName];

export class RecordingSink implements EventSink {
  readonly events: Recorded[] = [];
  /** Called on each event as it fires (e.g. to watch a count). */
  onEvent: ((e: Recorded) => void) | undefined;

  emit<K extends EventName>(event: K, attributes: EventAttributes[K]): void {
    const e = { event, ...attributes } as unknown as Recorded;
    this.events.push(e);
    this.onEvent?.(e);
  }

  listens(): boolean {
    return true;
  }

  of<K extends EventName>(event: K): ({ event: K } & EventAttributes[K])[] {
    return this.events.filter((e) => e.event === event) as unknown as ({ event: K } & EventAttributes[K])[];
  }

  clear(): void {
    this.events.length = 0;
  }
}

export const TORRENT: Torrent = Object.freeze({ infoHash: 'ab'.repeat(20), name: 'fixture', state: 'downloading', private: false });

export interface Fixture {
  readonly input: StorageLayoutInput;
  /** The torrent's concatenated data. */
  readonly data: Buffer;
  piece(index: number): Buffer;
  fileData(index: number): Buffer;
}

export function makeFixture(pieceLength: number, files: readonly { path: string; length: number }[]): Fixture {
  const length = files.reduce((a, f) => a + f.length, 0);
  const data = randomBytes(length);
  const pieces: Buffer[] = [];
  for (let off = 0; off < length; off += pieceLength) {
    pieces.push(createHash('sha1').update(data.subarray(off, off + pieceLength)).digest());
  }
  const offsets: number[] = [];
  files.reduce((off, f) => (offsets.push(off), off + f.length), 0);
  return {
    input: { pieceLength, length, files, pieces },
    data,
    piece: (i) => data.subarray(i * pieceLength, Math.min(length, (i + 1) * pieceLength)),
    fileData: (i) => data.subarray(offsets[i], offsets[i] + files[i].length),
  };
}

export async function tempDir(t: ExecutionContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmhook-storage-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
