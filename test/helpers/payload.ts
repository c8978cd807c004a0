// Deterministic test payloads and temp folders that clean up after themselves.
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ExecutionContext } from 'ava';

/** Bytes that depend only on (seed, length). */
export function bytes(seed: string, length: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let block = createHash('sha256').update(seed).digest();
  for (let at = 0; at < length; at += block.length) {
    block.copy(out, at, 0, Math.min(block.length, length - at));
    block = createHash('sha256').update(block).digest();
  }
  return out;
}

export async function tempDir(t: ExecutionContext, prefix = 'swarmhook-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  // Teardowns run last-registered first: a client registered before this folder may still be closing its
  // files while the folder goes, so the removal is retried (ENOTEMPTY) rather than failing the test.
  t.teardown(() => rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }));
  return dir;
}

/** Writes files (path -> length) under dir with deterministic content. */
export async function writeFiles(dir: string, files: Record<string, number>): Promise<void> {
  for (const [path, length] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, bytes(path, length));
  }
}

export async function sameFiles(a: string, b: string, paths: readonly string[]): Promise<boolean> {
  for (const p of paths) {
    const [x, y] = await Promise.all([readFile(join(a, p)), readFile(join(b, p))]);
    if (!x.equals(y)) return false;
  }
  return true;
}
