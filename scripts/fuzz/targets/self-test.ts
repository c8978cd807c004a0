// Tests the fuzzer itself: the first byte of an input says what to do. Run
// only when named (--target self-test) and by the smoke test.
import { type FuzzTarget } from '../target.ts';

export const selfTestTarget: FuzzTarget = {
  name: 'self-test',
  description: 'the fuzzer\'s own detectors: 1 hangs, 2 throws a TypeError, 3 kills the worker, anything else is fine',
  explicitOnly: true,
  seeds: () => [Uint8Array.of(0)],
  tokens: () => [],
  run(input) {
    switch (input[0]) {
      case 1:
        for (;;);
      case 2:
        throw new TypeError('not a coded error');
      case 3:
        process.exit(3);
    }
  },
};
