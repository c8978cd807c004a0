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

/** The generator, as computeSecret takes a public key: Y = 2^x mod P is "the secret with 2". */
const GENERATOR = Buffer.from([2]);

/**
 * One DiffieHellman object for every exchange: creating one checks that P is
 * a safe prime, about 20 ms of CPU, which each handshake paid. Each use sets
 * its own private key first; set and compute run in one synchronous call, so
 * exchanges never see each other's key.
 */
let shared: DiffieHellman | undefined;

function withPrivateKey(privateKey: Buffer): DiffieHellman {
  shared ??= createDiffieHellman(MSE_PRIME, 2);
  shared.setPrivateKey(privateKey);
  return shared;
}

export class KeyExchange {
  readonly #privateKey: Buffer;
  /** Our public key Y, padded to 96 bytes. */
  readonly publicKey: Buffer;

  constructor(privateKey: Buffer = randomBytes(PRIVATE_KEY_BYTES)) {
    this.#privateKey = privateKey;
    this.publicKey = leftPad(withPrivateKey(privateKey).computeSecret(GENERATOR));
  }

  /** S = Y_remote ^ x mod P, padded to 96 bytes. Throws (ERR_CRYPTO_INVALID_KEYTYPE...) for a key outside 1 < Y < P - 1. */
  sharedSecret(remotePublicKey: Buffer): Buffer {
    return leftPad(withPrivateKey(this.#privateKey).computeSecret(remotePublicKey));
  }
}

function leftPad(n: Buffer): Buffer {
  if (n.length === DH_KEY_LENGTH) return n;
  const out = Buffer.alloc(DH_KEY_LENGTH);
  n.copy(out, DH_KEY_LENGTH - n.length);
  return out;
}
