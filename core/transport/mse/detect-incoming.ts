// On an accepted socket, the first bytes tell a plain BitTorrent handshake
// (19, "BitTorrent protocol") from an MSE one (a DH key: anything else), so
// both can be served on one port.

const PLAIN_PREFIX = Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol', 'latin1')]);
/** Bytes needed to decide in every case. */
export const DETECT_LENGTH = PLAIN_PREFIX.length;

/** 'undecided' while every byte so far matches the plaintext handshake and fewer than 20 have arrived. */
export function detectIncoming(firstBytes: Uint8Array): 'plaintext' | 'mse' | 'undecided' {
  const n = Math.min(firstBytes.length, PLAIN_PREFIX.length);
  for (let i = 0; i < n; i++) if (firstBytes[i] !== PLAIN_PREFIX[i]) return 'mse';
  return n === PLAIN_PREFIX.length ? 'plaintext' : 'undecided';
}
