// BEP 10 extended handshakes and BEP 9 ut_metadata messages: decode, and for
// what decodes, encode and decode again to the same thing.
import { isDeepStrictEqual } from 'node:util';
import { decodeMetadataMessage, encodeMetadataMessage } from '../../../plugins/ut-metadata/message.ts';
import { decodeExtendedHandshake, encodeExtendedHandshake } from '../../../core/wire/index.ts';
import { BENCODE_TOKENS } from '../fixtures.ts';
import { check, latin1, type FuzzTarget } from '../target.ts';

const HANDSHAKES = [
  'd1:md11:ut_metadatai2e6:ut_pexi1ee1:pi6881e1:v15:swarmhook 0.1.04:reqqi500e13:metadata_sizei31337e6:yourip4:\x7f\x00\x00\x01e',
  'd1:md11:ut_metadatai3ee4:ipv416:aaaaaaaaaaaaaaaa4:ipv64:\x01\x02\x03\x041:v2:ok11:upload_onlyi1e5:weirdd1:xli1eeee',
  'd1:vd9:__proto__3:abce6:yourip4:abcde',
  'd1:md9:__proto__i1e2:oki2eee',
];
const METADATA = ['d8:msg_typei0e5:piecei0ee', 'd8:msg_typei1e5:piecei1e10:total_sizei20000eexyzxyz', 'd8:msg_typei2e5:piecei3ee', 'd8:msg_typei7e5:piecei0ee'];

export const extendedHandshakeTarget: FuzzTarget = {
  name: 'extended-handshake',
  description: 'decodeExtendedHandshake, then encode → decode round trip',
  seeds: () => HANDSHAKES.map(latin1),
  tokens: () => BENCODE_TOKENS.map(latin1),
  run(input) {
    const handshake = decodeExtendedHandshake(input);
    const again = decodeExtendedHandshake(encodeExtendedHandshake(handshake));
    check(isDeepStrictEqual(again, handshake), 'an extended handshake re-encodes to itself');
  },
};

export const utMetadataTarget: FuzzTarget = {
  name: 'ut-metadata',
  description: 'decodeMetadataMessage, then encode → decode round trip',
  seeds: () => METADATA.map(latin1),
  tokens: () => BENCODE_TOKENS.map(latin1),
  run(input) {
    const message = decodeMetadataMessage(input);
    if (message.type === 'unknown') return;
    const again = decodeMetadataMessage(encodeMetadataMessage(message));
    check(isDeepStrictEqual(again, message), 'a ut_metadata message re-encodes to itself');
  },
};
