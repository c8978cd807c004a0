// The shared decoder in all its modes, with the properties that tie them
// together: canonical input re-encodes to itself, what the strict mode accepts
// the accepting mode accepts alike, spans cover what they should.
import { isDeepStrictEqual } from 'node:util';
import { bdecode, bencode, BencodeError, type Bdecoded, type BdecodeOptions, type BencodeInput } from '../../../core/bencode/index.ts';
import { BENCODE_TOKENS, fixtureTorrents } from '../fixtures.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

const SMALL = ['i0e', 'i-42e', '0:', '3:abc', 'le', 'de', 'li1ei2ee', 'd1:ai1e1:b1:xe', 'd1:md11:ut_metadatai2ee1:v4:tested', 'd9:__proto__3:abce', 'lllleeee'];

function attempt(input: Uint8Array, options: BdecodeOptions): Bdecoded | undefined {
  try {
    return bdecode(input, options);
  } catch (err) {
    if (err instanceof BencodeError) return undefined;
    throw err;
  }
}

export const bencodeTarget: FuzzTarget = {
  name: 'bencode',
  description: 'core/bencode decoder, strict and accepting, whole and prefix',
  seeds: () => [...fixtureTorrents(), ...SMALL.map(latin1)],
  tokens: () => BENCODE_TOKENS.map(latin1),
  run(input) {
    const strict = attempt(input, { maxDepth: 200 });
    const accepting = attempt(input, { maxDepth: 200, nonCanonical: 'accept', prefix: true });
    if (strict !== undefined) {
      check(strict.end === input.length, 'a whole decode ends at the end of the input');
      check(Buffer.from(input).equals(bencode(strict.value as BencodeInput)), 'canonical input re-encodes to itself');
      check(accepting !== undefined && isDeepStrictEqual(accepting.value, strict.value), 'the accepting mode reads canonical input alike');
    }
    if (accepting !== undefined) {
      check(accepting.end > 0 && accepting.end <= input.length, 'a prefix ends inside the input');
      const span = accepting.spanOf(accepting.value);
      check(span === undefined || (span.start === 0 && span.end === accepting.end), 'the root span is the decoded prefix');
    }
    if (accepting === undefined) bdecode(input, { maxDepth: 200, nonCanonical: 'accept', prefix: true });
  },
};
