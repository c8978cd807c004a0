// What counts as a proper refusal of bad input: a CodedError (core/errors.ts)
// with a code. Anything else thrown (a TypeError, a RangeError, a plain Error)
// is a "non-coded error" and a finding.
import { CodedError } from '../../core/errors.ts';

export function isCoded(err: unknown): boolean {
  return err instanceof CodedError && typeof err.code === 'string' && err.code !== '';
}
