// The Diffie-Hellman half of MSE: the specification's 768-bit prime,
// generator 2, 160-bit private keys, public keys and the shared secret as
// 96-byte big-endian numbers.
import { createDiffieHellman, randomBytes, type DiffieHellman } from 'node:crypto';

/** The prime P of the MSE specification (768 bits). */
export const MSE_PRIME = Buffer.from(
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563',
  'hex',
);
export const DH_KEY_LENGTH = 96;
const PRIVATE_KEY_BYTES = 20;

export class KeyExchange {
  readonly #dh: DiffieHellman;
  /** Our public key Y, padded to 96 bytes. */
  readonly publicKey: Buffer;

  constructor(privateKey: Buffer = randomBytes(PRIVATE_KEY_BYTES)) {
    this.#dh = createDiffieHellman(MSE_PRIME, 2);
    this.#dh.setPrivateKey(privateKey);
    this.#dh.generateKeys();
    this.publicKey = leftPad(this.#dh.getPublicKey());
  }

  /** S = Y_remote ^ x mod P, padded to 96 bytes. */
  sharedSecret(remotePublicKey: Buffer): Buffer {
    return leftPad(this.#dh.computeSecret(remotePublicKey));
  }
}

function leftPad(n: Buffer): Buffer {
  if (n.length === DH_KEY_LENGTH) return n;
  const out = Buffer.alloc(DH_KEY_LENGTH);
  n.copy(out, DH_KEY_LENGTH - n.length);
  return out;
}
