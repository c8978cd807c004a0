// Bencode for all of swarmhook: one strict, iterative decoder with limits and
// byte spans, and one canonical encoder. Every parser of network or file input
// decodes through here and maps BencodeError to its own codes.
// Published as `swarmhook/bencode` (package.json "exports"): what this file exports is public API.
export { bdecode, DEFAULT_BDECODE_LIMITS } from './decode.ts';
export type { BdecodeLimits, BdecodeOptions, Bdecoded } from './decode.ts';
export { bencode } from './encode.ts';
export type { BencodeInput } from './encode.ts';
export { BencodeEncodeError, BencodeError } from './errors.ts';
export type { BencodeErrorCode } from './errors.ts';
export { isBencodeDict, isBencodeList } from './types.ts';
export type { BencodeDict, BencodeList, BencodeValue, ByteSpan } from './types.ts';
