// What a finished handshake hands to the BitTorrent layer.
import type { Duplex } from 'node:stream';
import { MseError } from './errors.ts';
import type { KeyExchange } from './key-exchange.ts';
import type { MseMethod } from './policy.ts';

export interface MseConnection {
  /** Speak BitTorrent on this; it yields `initialPayload` first. An MseStream when RC4 is on, else the socket itself. It is paused: resume it once listening. */
  readonly stream: Duplex;
  /** 'none': the peer spoke plain BitTorrent (no MSE handshake at all). */
  readonly method: MseMethod | 'none';
  /** SKEY: the torrent the connection is for (the responder learns it from the handshake); undefined without MSE. */
  readonly infoHash: Buffer | undefined;
  /**
   * Bytes the peer sent inside the handshake (IA, the responder's side): the
   * start of its BitTorrent handshake. Already at the head of `stream`; here
   * only to look at (e.g. its info hash) before the BitTorrent layer takes over.
   */
  readonly initialPayload: Buffer;
}

/** S, with Node's complaint about a useless public key turned into a coded error. */
export function sharedSecretOf(keys: KeyExchange, remotePublicKey: Buffer): Buffer {
  try {
    return keys.sharedSecret(remotePublicKey);
  } catch (err) {
    throw new MseError('MSE_BAD_KEY', `unusable DH public key from peer: ${(err as Error).message}`, { cause: err });
  }
}
