// Side B of MSE/PE (they dialed): read Ya, send Yb and PadB, find
// HASH('req1', S) within PadA, find the torrent whose obfuscated SKEY
// matches, decrypt VC, crypto_provide, PadC and the initial payload, and
// answer with the encrypted VC and our crypto_select.
import type { Duplex } from 'node:stream';
import { MseError } from './errors.ts';
import { HandshakeReader } from './handshake-reader.ts';
import { req3Hash, skeyHash, streamCiphers, syncHash, xor } from './hashes.ts';
import { DH_KEY_LENGTH, KeyExchange } from './key-exchange.ts';
import { MseStream, plaintextStream } from './mse-stream.ts';
import { cryptoSelect, methodBit, type MseMethod } from './policy.ts';
import { MAX_PAD, VC, randomPad, uint16, uint32 } from './wire-format.ts';
import { sharedSecretOf, type MseConnection } from './connection.ts';

export interface RespondOptions {
  /** The info hashes (20 bytes each) of the torrents we serve: the candidates for SKEY. Asked once per handshake. */
  readonly infoHashes: () => Iterable<Uint8Array>;
  /** Methods we accept (`encryption.allowedMethods`). */
  readonly allowedMethods: readonly MseMethod[];
  /** `encryption.preferRc4` (libtorrent's prefer_rc4). */
  readonly preferRc4: boolean;
  /** For the whole handshake (`timeouts.handshakeMs`). */
  readonly timeoutMs: number;
}

/**
 * Runs the responder's handshake on an accepted stream. Resolves with the
 * stream to speak BitTorrent on (the initiator's initial payload at its head);
 * rejects with an MseError (and destroys the stream) on any failure.
 */
export function respondMse(stream: Duplex, options: RespondOptions): Promise<MseConnection> {
  return respondWith(new HandshakeReader(stream, options.timeoutMs), stream, options);
}

/** The handshake on a reader that may already hold the first bytes (see acceptIncoming). */
export async function respondWith(reader: HandshakeReader, stream: Duplex, options: RespondOptions): Promise<MseConnection> {
  try {
    const keys = new KeyExchange();
    const secret = sharedSecretOf(keys, await reader.read(DH_KEY_LENGTH));
    stream.write(Buffer.concat([keys.publicKey, randomPad()]));

    await reader.skipPast(syncHash(secret), MAX_PAD, "the initiator's sync hash (HASH('req1', S))");
    const wanted = xor(await reader.read(20), req3Hash(secret));
    const infoHash = findSkey(wanted, options.infoHashes());
    const { send, receive } = streamCiphers(secret, infoHash, false);

    const head = receive.process(await reader.read(VC.length + 4 + 2));
    if (!head.subarray(0, VC.length).equals(VC)) throw new MseError('MSE_BAD_VC', 'verification constant is not eight zero bytes');
    const provided = head.readUInt32BE(VC.length);
    const padLength = head.readUInt16BE(VC.length + 4);
    if (padLength > MAX_PAD) throw new MseError('MSE_BAD_PAD', `PadC of ${padLength} bytes (at most ${MAX_PAD})`);
    const iaLength = receive.process(await reader.read(padLength + 2)).readUInt16BE(padLength);
    const initialPayload = receive.process(await reader.read(iaLength));
    const method = cryptoSelect(provided, options);

    // PadD stays empty, as PadC.
    stream.write(send.process(Buffer.concat([VC, uint32(methodBit(method)), uint16(0)])));
    const rest = reader.release();
    const rc4 = method === 'rc4';
    if (rc4) receive.apply(rest);
    return {
      stream: rc4 ? new MseStream(stream, { send, receive, head: [initialPayload, rest] }) : plaintextStream(stream, [initialPayload, rest]),
      method,
      infoHash,
      initialPayload,
    };
  } catch (err) {
    reader.fail(err as Error);
    stream.destroy();
    throw err;
  }
}

/** The info hash whose HASH('req2', SKEY) equals `wanted`. */
function findSkey(wanted: Buffer, candidates: Iterable<Uint8Array>): Buffer {
  for (const infoHash of candidates) {
    if (skeyHash(infoHash).equals(wanted)) return Buffer.from(infoHash);
  }
  throw new MseError('MSE_UNKNOWN_TORRENT', 'the obfuscated SKEY matches none of our torrents');
}
