// Types for the `bencode` package (v4 ships none). A devDependency: tests use it
// as an independent encoder to build fixtures; core has its own (core/bencode).
declare module 'bencode' {
  type Bencodable =
    | Uint8Array
    | string
    | number
    | boolean
    | readonly Bencodable[]
    | { readonly [key: string]: Bencodable | undefined | null };

  interface Bencode {
    /** Encodes a value; dictionary keys are sorted, null/undefined values are left out. */
    encode(data: Bencodable): Uint8Array;
    /**
     * Decodes bencode. Strings come back as Uint8Array, dictionary keys as UTF-8
     * text (hex when not valid UTF-8). It validates almost nothing: hand it only
     * bytes that a strict scanner accepted.
     */
    decode(data: Uint8Array, start?: number, end?: number): unknown;
    byteLength(data: Bencodable): number;
    encodingLength(data: Bencodable): number;
  }

  const bencode: Bencode;
  export default bencode;
  export type { Bencodable };
}
