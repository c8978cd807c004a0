// BEP 11 ut_pex messages as pure functions: a bencoded dictionary of compact
// peer lists, `added` / `added.f` / `dropped` for IPv4 (6 bytes a peer) and
// `added6` / `added6.f` / `dropped6` for IPv6 (18 bytes a peer). Peers are
// hostile: the message's size and every list's length are bounded, a length
// that is not a whole number of entries is an error, and port 0 is skipped.
import { BencodeError, CodedError, type Address } from '../../core/index.ts';
import { compactIp } from '../../core/net/address.ts';
import { bigIntToIpv6, formatIp, ipFamily, numberToIpv4 } from '../../core/net/address.ts';
import { isBencodeDict, type BencodeValue } from '../../core/bencode/index.ts';
import { decodeWireBencode, encodeBencode, ownValue } from '../../core/wire/index.ts';

/** BEP 11: a message should not carry more than 50 added (or dropped) peers; we send at most this many. */
export const MAX_PEX_PEERS_SENT = 50;
/** Entries per list we accept from a peer (tolerant of clients that send a few more than 50); more is an error. */
export const MAX_PEX_PEERS_RECEIVED = 200;
/** A PEX message larger than this is refused before decoding (200 IPv6 peers in each list fit well below). */
export const MAX_PEX_MESSAGE_BYTES = 16 * 1024;

const V4 = 6;
const V6 = 18;

export type PexErrorCode = 'BAD_PEX_MESSAGE' | 'BAD_PEX_LENGTH' | 'PEX_TOO_LARGE' | 'PEX_TOO_MANY_PEERS';

/** A PEX message from a peer that we refuse. */
export class PexError extends CodedError<PexErrorCode> {}

/** One peer learnt from PEX, with BEP 11's flags (0x01 encryption, 0x02 seed, 0x04 uTP, 0x08 holepunch, 0x10 reachable). */
export interface PexPeer extends Address {
  readonly flags: number;
}

export interface PexMessage {
  readonly added: readonly PexPeer[];
  readonly dropped: readonly Address[];
}

function compactList(list: readonly Address[], family: 'ipv4' | 'ipv6'): Buffer {
  const size = family === 'ipv4' ? V4 : V6;
  const out = Buffer.alloc(list.length * size);
  list.forEach((a, i) => {
    const ip = compactIp(a.ip);
    if (ip === undefined || ip.length !== size - 2) throw new PexError('BAD_PEX_MESSAGE', `${a.ip} is not an ${family} address`);
    ip.copy(out, i * size);
    out.writeUInt16BE(a.port, i * size + size - 2);
  });
  return out;
}

/** The payload of a PEX message; the caller keeps to MAX_PEX_PEERS_SENT. */
export function encodePexMessage(message: PexMessage): Buffer {
  const v4 = (a: Address): boolean => ipFamily(a.ip) === 'ipv4';
  const added4 = message.added.filter(v4);
  const added6 = message.added.filter((a) => !v4(a));
  const dropped4 = message.dropped.filter(v4);
  const dropped6 = message.dropped.filter((a) => !v4(a));
  return encodeBencode({
    added: compactList(added4, 'ipv4'),
    'added.f': Buffer.from(added4.map((p) => p.flags & 0xff)),
    dropped: compactList(dropped4, 'ipv4'),
    ...(added6.length > 0 ? { added6: compactList(added6, 'ipv6'), 'added6.f': Buffer.from(added6.map((p) => p.flags & 0xff)) } : {}),
    ...(dropped6.length > 0 ? { dropped6: compactList(dropped6, 'ipv6') } : {}),
  });
}

function bytesOf(value: BencodeValue | undefined, key: string): Buffer | undefined {
  if (value === undefined) return undefined;
  if (!Buffer.isBuffer(value)) throw new PexError('BAD_PEX_MESSAGE', `ut_pex "${key}" is not a byte string`);
  return value;
}

function readList(bytes: Buffer | undefined, key: string, size: number, flags: Buffer | undefined): PexPeer[] {
  if (bytes === undefined) return [];
  if (bytes.length % size !== 0) throw new PexError('BAD_PEX_LENGTH', `ut_pex "${key}" has ${bytes.length} bytes, not a multiple of ${size}`);
  const count = bytes.length / size;
  if (count > MAX_PEX_PEERS_RECEIVED) throw new PexError('PEX_TOO_MANY_PEERS', `ut_pex "${key}" lists ${count} peers, more than ${MAX_PEX_PEERS_RECEIVED}`);
  const peers: PexPeer[] = [];
  for (let i = 0; i < count; i++) {
    const at = i * size;
    const port = bytes.readUInt16BE(at + size - 2);
    if (port === 0) continue;
    const ip = size === V4 ? numberToIpv4(bytes.readUInt32BE(at)) : formatIp(bigIntToIpv6(BigInt(`0x${bytes.subarray(at, at + 16).toString('hex')}`)));
    // Flags of another length than the list are ignored, not fatal: they only qualify the peers.
    peers.push({ ip, port, flags: flags?.length === count ? flags[i]! : 0 });
  }
  return peers;
}

/** Decodes a PEX payload. Throws PexError for anything malformed or too large. */
export function decodePexMessage(payload: Uint8Array): PexMessage {
  if (payload.length > MAX_PEX_MESSAGE_BYTES) throw new PexError('PEX_TOO_LARGE', `ut_pex message of ${payload.length} bytes, more than ${MAX_PEX_MESSAGE_BYTES}`);
  let value: BencodeValue;
  try {
    value = decodeWireBencode(payload, false).value;
  } catch (err) {
    if (!(err instanceof BencodeError)) throw err;
    throw new PexError('BAD_PEX_MESSAGE', `ut_pex message is not bencoded: ${err.message}`, { cause: err });
  }
  if (!isBencodeDict(value)) throw new PexError('BAD_PEX_MESSAGE', 'ut_pex message is not a dictionary');
  const field = (key: string): Buffer | undefined => bytesOf(ownValue(value, key), key);
  const added = [...readList(field('added'), 'added', V4, field('added.f')), ...readList(field('added6'), 'added6', V6, field('added6.f'))];
  const dropped = [...readList(field('dropped'), 'dropped', V4, undefined), ...readList(field('dropped6'), 'dropped6', V6, undefined)].map(
    ({ ip, port }) => ({ ip, port }),
  );
  return { added, dropped };
}
