// Input number `index` of batch `batch` of a run: a mutated seed, made from
// (run seed, target, batch, index) alone, so the main thread can make again
// the input a hung or crashed worker was running.
import { mutate } from './mutate.ts';
import { createRng, mixSeed } from './rng.ts';
import type { FuzzTarget } from './target.ts';

interface Material {
  readonly seeds: readonly Uint8Array[];
  readonly tokens: readonly Uint8Array[];
}

const materials = new Map<string, Material>();

function materialOf(target: FuzzTarget): Material {
  let m = materials.get(target.name);
  if (m === undefined) {
    m = { seeds: target.seeds(), tokens: target.tokens() };
    materials.set(target.name, m);
  }
  return m;
}

export interface InputId {
  readonly runSeed: number;
  readonly batch: number;
  readonly index: number;
}

export function makeInput(target: FuzzTarget, id: InputId): Uint8Array {
  const rng = createRng(mixSeed(id.runSeed, nameHash(target.name), id.batch, id.index));
  const material = materialOf(target);
  // Now and then a seed as it is: the valid paths must stay clean too.
  if (rng.chance(0.02)) return Uint8Array.from(rng.pick(material.seeds));
  return mutate(rng, material);
}

/** Keeps the targets' input streams apart under one run seed. */
function nameHash(name: string): number {
  return mixSeed(...[...name].map((c) => c.charCodeAt(0)));
}
