// The SHA-1 derivations of MSE: the sync hash, the obfuscated stream key
// (SKEY is the torrent's 20-byte info hash) and the two RC4 keys.
import { createHash } from 'node:crypto';
import { Rc4 } from './rc4.ts';

const DISCARD = 1024;

function sha1(...parts: (string | Uint8Array)[]): Buffer {
  const h = createHash('sha1');
  for (const p of parts) h.update(p);
  return h.digest();
}

/** HASH('req1', S): the initiator's sync point, which the responder scans for. */
export function syncHash(secret: Buffer): Buffer {
  return sha1('req1', secret);
}

/** HASH('req2', SKEY) xor HASH('req3', S). */
export function obfuscatedSkey(skey: Uint8Array, secret: Buffer): Buffer {
  return xor(sha1('req2', skey), sha1('req3', secret));
}

/** HASH('req2', SKEY), the part of the obfuscated SKEY that does not depend on S (precomputed per torrent). */
export function skeyHash(skey: Uint8Array): Buffer {
  return sha1('req2', skey);
}

/** HASH('req3', S). */
export function req3Hash(secret: Buffer): Buffer {
  return sha1('req3', secret);
}

export function xor(a: Buffer, b: Buffer): Buffer {
  const out = Buffer.allocUnsafe(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/**
 * The two RC4 streams of one side, 1,024 keystream bytes already discarded.
 * The initiator (A) sends with keyA and receives with keyB; the responder the
 * reverse.
 */
export function streamCiphers(secret: Buffer, skey: Uint8Array, initiator: boolean): { send: Rc4; receive: Rc4 } {
  const a = new Rc4(sha1('keyA', secret, skey));
  const b = new Rc4(sha1('keyB', secret, skey));
  a.discard(DISCARD);
  b.discard(DISCARD);
  return initiator ? { send: a, receive: b } : { send: b, receive: a };
}
