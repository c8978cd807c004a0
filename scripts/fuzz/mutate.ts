// Byte-level mutations of seed inputs, aimed at bencode and binary protocols:
// flips, interesting bytes and numbers, inserted tokens (keys, headers),
// deleted or duplicated ranges, truncation, splices of two seeds and deep
// nesting.
import type { Rng } from './rng.ts';

/** Inputs are cut to this length: the parsers' limits are tested by targeted inputs, not by size. */
export const MAX_INPUT_LENGTH = 64 * 1024;

const INTERESTING_BYTES = [...'ilde:-0123456789'].map((c) => c.charCodeAt(0)).concat([0x00, 0x7f, 0x80, 0xff, 0x20, 0x0a]);
const INTERESTING_NUMBERS = ['0', '-0', '03', '-1', '1', '255', '256', '65535', '65536', '16384', '4294967295', '4294967296', '9007199254740993', '99999999999999999999', '999999999999999999999', '-9223372036854775808'];

export interface MutationContext {
  readonly seeds: readonly Uint8Array[];
  /** Byte strings worth inserting for this target (keys, markers, headers). */
  readonly tokens: readonly Uint8Array[];
}

/** A new input: a seed with 1 to 8 mutations. */
export function mutate(rng: Rng, context: MutationContext): Uint8Array {
  let bytes: Uint8Array = Uint8Array.from(rng.pick(context.seeds));
  const rounds = 1 + rng.below(rng.chance(0.3) ? 8 : 3);
  for (let r = 0; r < rounds; r++) bytes = mutateOnce(rng, bytes, context);
  return bytes.length > MAX_INPUT_LENGTH ? bytes.subarray(0, MAX_INPUT_LENGTH) : bytes;
}

function mutateOnce(rng: Rng, bytes: Uint8Array, context: MutationContext): Uint8Array {
  const at = (): number => rng.below(bytes.length + 1);
  switch (rng.below(12)) {
    case 0: {
      if (bytes.length === 0) return bytes;
      const i = rng.below(bytes.length);
      bytes[i] = bytes[i]! ^ (1 << rng.below(8));
      return bytes;
    }
    case 1: {
      if (bytes.length === 0) return bytes;
      bytes[rng.below(bytes.length)] = rng.below(256);
      return bytes;
    }
    case 2: {
      if (bytes.length === 0) return bytes;
      bytes[rng.below(bytes.length)] = rng.pick(INTERESTING_BYTES);
      return bytes;
    }
    case 3:
    case 4:
      return insert(bytes, at(), rng.pick(context.tokens.length > 0 ? context.tokens : [Uint8Array.of(0x65)]));
    case 5: {
      const start = at();
      const end = Math.min(bytes.length, start + 1 + rng.below(rng.chance(0.2) ? 256 : 16));
      return concat(bytes.subarray(0, start), bytes.subarray(end));
    }
    case 6: {
      const start = at();
      const end = Math.min(bytes.length, start + 1 + rng.below(64));
      return insert(bytes, at(), bytes.slice(start, end));
    }
    case 7:
      return bytes.subarray(0, at());
    case 8: {
      const other = rng.pick(context.seeds);
      return concat(bytes.subarray(0, at()), other.subarray(rng.below(other.length + 1)));
    }
    case 9: {
      const random = new Uint8Array(1 + rng.below(8));
      for (let i = 0; i < random.length; i++) random[i] = rng.below(256);
      return insert(bytes, at(), random);
    }
    case 10:
      return replaceNumber(rng, bytes);
    default: {
      // Nesting: lists opened at one place and closed at a later one (or never).
      const depth = 1 + rng.below(rng.chance(0.1) ? 5000 : 40);
      const open = at();
      const close = open + rng.below(bytes.length - open + 1);
      const closing = rng.chance(0.8) ? depth : rng.below(depth + 1);
      return concat(bytes.subarray(0, open), fill(0x6c, depth), bytes.subarray(open, close), fill(0x65, closing), bytes.subarray(close));
    }
  }
}

/** Replaces a run of digits (an integer or a string length) with an interesting number. */
function replaceNumber(rng: Rng, bytes: Uint8Array): Uint8Array {
  const starts: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (isDigit(bytes[i]!) && (i === 0 || !isDigit(bytes[i - 1]!))) starts.push(i);
  if (starts.length === 0) return bytes;
  const start = rng.pick(starts);
  let end = start;
  while (end < bytes.length && isDigit(bytes[end]!)) end++;
  return concat(bytes.subarray(0, start), Buffer.from(rng.pick(INTERESTING_NUMBERS), 'latin1'), bytes.subarray(end));
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

function fill(byte: number, n: number): Uint8Array {
  return new Uint8Array(n).fill(byte);
}

function insert(bytes: Uint8Array, at: number, what: Uint8Array): Uint8Array {
  return concat(bytes.subarray(0, at), what, bytes.subarray(at));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
