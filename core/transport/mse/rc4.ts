// RC4, written out because Node's OpenSSL 3 ships it only in the legacy
// provider (crypto.getCiphers() has no 'rc4' here). MSE uses it as a stream
// obfuscator, not for secrecy, so its weaknesses are the protocol's, not ours.

export class Rc4 {
  readonly #s = new Uint8Array(256);
  #i = 0;
  #j = 0;

  constructor(key: Uint8Array) {
    if (key.length === 0 || key.length > 256) throw new RangeError('RC4 key must be 1-256 bytes');
    const s = this.#s;
    for (let i = 0; i < 256; i++) s[i] = i;
    for (let i = 0, j = 0; i < 256; i++) {
      j = (j + s[i]! + key[i % key.length]!) & 0xff;
      const t = s[i]!;
      s[i] = s[j]!;
      s[j] = t;
    }
  }

  /** XORs the next keystream bytes into `data` in place and returns it. */
  apply(data: Uint8Array): Uint8Array {
    const s = this.#s;
    let i = this.#i;
    let j = this.#j;
    for (let k = 0; k < data.length; k++) {
      i = (i + 1) & 0xff;
      const si = s[i]!;
      j = (j + si) & 0xff;
      const sj = s[j]!;
      s[i] = sj;
      s[j] = si;
      data[k] = data[k]! ^ s[(si + sj) & 0xff]!;
    }
    this.#i = i;
    this.#j = j;
    return data;
  }

  /** Returns an encrypted copy; `data` is left alone. */
  process(data: Uint8Array): Buffer {
    const out = Buffer.from(data);
    this.apply(out);
    return out;
  }

  /** Throws away `n` keystream bytes (MSE discards the first 1,024). */
  discard(n: number): void {
    this.apply(new Uint8Array(n));
  }
}
