// What a fuzz target is. A target turns one input (bytes) into a call of the
// code under test. It returns when the input was handled, whether accepted or
// refused with a coded error (it may throw that error); anything else thrown
// is a finding. A broken property (a round trip that does not round-trip)
// throws PropertyViolation, counted as a crash.

export interface FuzzTarget {
  readonly name: string;
  readonly description: string;
  /** Valid (or nearly valid) inputs that mutations start from. */
  seeds(): Uint8Array[];
  /** Byte strings worth inserting (keys, markers). */
  tokens(): Uint8Array[];
  run(input: Uint8Array): void;
  /** Only run when named with --target (targets that test the fuzzer itself). */
  readonly explicitOnly?: boolean;
}

export class PropertyViolation extends Error {
  override readonly name = 'PropertyViolation';
}

export function check(condition: boolean, what: string): void {
  if (!condition) throw new PropertyViolation(what);
}

export const latin1 = (s: string): Uint8Array => Buffer.from(s, 'latin1');
