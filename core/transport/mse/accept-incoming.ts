// One port for both: on an accepted socket, tell a plain BitTorrent handshake
// from an MSE one and apply the incoming policy (libtorrent's in_enc_policy).
import type { Duplex } from 'node:stream';
import type { MseConnection } from './connection.ts';
import { detectIncoming } from './detect-incoming.ts';
import { MseError } from './errors.ts';
import { HandshakeReader } from './handshake-reader.ts';
import { plaintextStream } from './mse-stream.ts';
import type { EncryptionPolicy } from './policy.ts';
import type { RespondOptions } from './responder.ts';

export interface AcceptOptions extends RespondOptions {
  /** forced: refuse plain BitTorrent; disabled: refuse MSE; enabled: take both. */
  readonly policy: EncryptionPolicy;
}

/**
 * Resolves with the stream to speak BitTorrent on: method 'none' for a plain
 * handshake (its first bytes at the head of the stream), else the MSE
 * responder's result. Rejects with an MseError (MSE_POLICY when the policy
 * refuses the kind of handshake) and destroys the stream.
 */
export async function acceptIncoming(stream: Duplex, options: AcceptOptions): Promise<MseConnection> {
  const reader = new HandshakeReader(stream, options.timeoutMs);
  let kind: 'plaintext' | 'mse';
  try {
    kind = await reader.peek((bytes) => {
      const k = detectIncoming(bytes);
      if (k === 'undecided') return undefined;
      // 19, 'B' and then a wrong byte is a broken plain handshake far more often
      // than a DH key (1 in 65,536 starts so): answered as plaintext unless
      // forced, so that the BitTorrent layer refuses it at once (BAD_PROTOCOL)
      // rather than the MSE responder waiting the timeout for a whole key.
      if (k === 'mse' && options.policy !== 'forced' && bytes.length >= 2 && bytes[0] === 19 && bytes[1] === 0x42) return 'plaintext';
      return k;
    });
    if (kind === 'plaintext' && options.policy === 'forced') throw new MseError('MSE_POLICY', 'plaintext BitTorrent handshake refused: encryption is forced');
    if (kind === 'mse' && options.policy === 'disabled') throw new MseError('MSE_POLICY', 'MSE handshake refused: encryption is disabled');
  } catch (err) {
    reader.fail(err as Error);
    stream.destroy();
    throw err;
  }
  // The responder and the crypto under it (seven modules) load at the first MSE
  // handshake, not with every client: most incoming peers speak plain BitTorrent.
  // The reader already holds the stream's events and bytes meanwhile.
  if (kind === 'mse') return (await import('./responder.ts')).respondWith(reader, stream, options);
  const head = reader.release();
  return { stream: plaintextStream(stream, [head]), method: 'none', infoHash: undefined, initialPayload: Buffer.alloc(0) };
}
