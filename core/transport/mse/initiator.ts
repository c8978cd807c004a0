// Side A of MSE/PE (we dialed): send Ya and PadA, read Yb, send the sync
// hash, the obfuscated SKEY and the encrypted VC, crypto_provide, PadC and the
// initial payload (our BitTorrent handshake, so no round trip is lost), then
// find the responder's encrypted VC within PadB and read its crypto_select.
import type { Duplex } from 'node:stream';
import { MseError } from './errors.ts';
import { HandshakeReader } from './handshake-reader.ts';
import { obfuscatedSkey, streamCiphers, syncHash } from './hashes.ts';
import { DH_KEY_LENGTH, KeyExchange } from './key-exchange.ts';
import { MseStream, plaintextStream } from './mse-stream.ts';
import { cryptoProvide, selectedMethod, type MseMethod } from './policy.ts';
import { MAX_PAD, VC, randomPad, uint16, uint32 } from './wire-format.ts';
import { sharedSecretOf, type MseConnection } from './connection.ts';

export interface InitiateOptions {
  /** SKEY: the 20-byte info hash of the torrent we dial for. */
  readonly infoHash: Uint8Array;
  /** IA, sent inside the handshake: normally our 68-byte BitTorrent handshake. At most 65,535 bytes. */
  readonly initialPayload?: Uint8Array;
  /** crypto_provide (`encryption.allowedMethods`). */
  readonly allowedMethods: readonly MseMethod[];
  /** For the whole handshake (`timeouts.handshakeMs`). */
  readonly timeoutMs: number;
}

/**
 * Runs the initiator's handshake on a connected stream. Resolves with the
 * stream to speak BitTorrent on; rejects with an MseError (and destroys the
 * stream) on any failure.
 */
export async function initiateMse(stream: Duplex, options: InitiateOptions): Promise<MseConnection> {
  const reader = new HandshakeReader(stream, options.timeoutMs);
  try {
    const ia = options.initialPayload ?? new Uint8Array(0);
    if (ia.length > 0xffff) throw new RangeError('MSE initial payload is at most 65535 bytes');
    const provide = cryptoProvide(options.allowedMethods);
    const keys = new KeyExchange();
    stream.write(Buffer.concat([keys.publicKey, randomPad()]));

    const secret = sharedSecretOf(keys, await reader.read(DH_KEY_LENGTH));
    const { send, receive } = streamCiphers(secret, options.infoHash, true);
    // PadC stays empty: the specification reserves it for extensions.
    const encrypted = send.process(Buffer.concat([VC, uint32(provide), uint16(0), uint16(ia.length), ia]));
    stream.write(Buffer.concat([syncHash(secret), obfuscatedSkey(options.infoHash, secret), encrypted]));

    // B's reply starts with ENCRYPT(VC) somewhere within PadB.
    await reader.skipPast(receive.process(VC), MAX_PAD, "the responder's verification constant");
    const fields = receive.process(await reader.read(6));
    const method = selectedMethod(fields.readUInt32BE(0), provide);
    const padLength = fields.readUInt16BE(4);
    if (padLength > MAX_PAD) throw new MseError('MSE_BAD_PAD', `PadD of ${padLength} bytes (at most ${MAX_PAD})`);
    receive.process(await reader.read(padLength));

    const rest = reader.release();
    const rc4 = method === 'rc4';
    if (rc4) receive.apply(rest);
    return {
      stream: rc4 ? new MseStream(stream, { send, receive, head: [rest] }) : plaintextStream(stream, [rest]),
      method,
      infoHash: Buffer.from(options.infoHash),
      initialPayload: Buffer.alloc(0),
    };
  } catch (err) {
    reader.fail(err as Error);
    stream.destroy();
    throw err;
  }
}
