// The peer wire protocol (pure: no sockets, no events).
// Published as `swarmhook/wire` (package.json "exports"): what this file exports is public API.
export * from './messages.ts';
export { WireError, type WireErrorCode } from './errors.ts';
export { WireParser, decodeMessage, decodeHandshake, type WireParserHandlers, type WireParserOptions } from './parser.ts';
export * from './serializer.ts';
export { decodeExtendedHandshake, encodeExtendedHandshake } from './extended-handshake.ts';
export { bencodeEnd, decodeBencode, decodeWireBencode, encodeBencode, MAX_BENCODE_DEPTH, MAX_BENCODE_TOKENS, ownValue, type BencodeInput, type BencodeValue } from './bencode.ts';
