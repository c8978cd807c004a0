// One buffer, shared by every uTP connection of the process, in which the
// in-order payloads of a turn are joined for a reader that takes them as a
// transient view (claimReads, core/transport/tcp-reads.ts): the main thread
// hands over one connection's bytes at a time, each used up before the next,
// so a turn costs a copy but no allocation (a Buffer.concat per turn was an
// ArrayBuffer for the garbage collector every 32 datagrams).

/** Bytes joined in the shared buffer at most; a larger turn (a gap filled, releasing what waited behind it) gets a buffer of its own. */
const SCRATCH_BYTES = 128 * 1024;

let scratch: Buffer | undefined;
let lent = false;

/** Calls `use` with `parts` joined (`bytes` long), in a view valid only during the call. */
export function joinTransient(parts: readonly Buffer[], bytes: number, use: (view: Buffer) => void): void {
  if (lent || bytes > SCRATCH_BYTES) {
    use(Buffer.concat(parts, bytes));
    return;
  }
  scratch ??= Buffer.allocUnsafeSlow(SCRATCH_BYTES);
  let at = 0;
  for (const part of parts) {
    scratch.set(part, at);
    at += part.length;
  }
  lent = true;
  try {
    use(scratch.subarray(0, bytes));
  } finally {
    lent = false;
  }
}
