// Test plumbing for the MSE tests: an in-memory duplex pair, loopback TCP
// pairs, and a hand-driven initiator that can break each rule.
import net from 'node:net';
import { Duplex } from 'node:stream';
import type { ExecutionContext } from 'ava';
import { KeyExchange } from '../../../core/transport/mse/key-exchange.ts';
import { obfuscatedSkey, streamCiphers, syncHash } from '../../../core/transport/mse/hashes.ts';

/** Two Duplexes wired back to back: what one writes, the other reads, in pieces of at most `chunk` bytes. */
export function duplexPair(chunk = Infinity): [Duplex, Duplex] {
  const make = (): Duplex & { other?: Duplex } => {
    const d: Duplex & { other?: Duplex } = new Duplex({
      read() {},
      write(data: Buffer, _enc, cb) {
        // Copy, as a socket would: the reader owns what it gets.
        for (let at = 0; at < data.length; at += chunk) d.other!.push(Buffer.from(data.subarray(at, at + chunk)));
        cb();
      },
      final(cb) {
        d.other!.push(null);
        cb();
      },
      destroy(err, cb) {
        if (!d.other!.destroyed) d.other!.destroy();
        cb(err);
      },
    });
    return d;
  };
  const a = make();
  const b = make();
  a.other = b;
  b.other = a;
  return [a, b];
}

/** A connected loopback TCP pair: [dialed side, accepted side]. */
export async function tcpPair(t: ExecutionContext): Promise<[net.Socket, net.Socket]> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.teardown(() => server.close());
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const dialed = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise<void>((r, j) => dialed.once('connect', r).once('error', j));
  const other = await accepted;
  t.teardown(() => {
    dialed.destroy();
    other.destroy();
  });
  return [dialed, other];
}

/** Reads exactly n bytes from a stream (in tests only). */
export function readBytes(stream: Duplex, n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= n) {
        stream.off('data', onData);
        stream.pause();
        const extra = got.subarray(n);
        if (extra.length > 0) stream.unshift(extra);
        resolve(got.subarray(0, n));
      }
    };
    stream.on('data', onData);
    // A stream paused by an earlier read stays paused when a listener is added.
    stream.resume();
    stream.once('error', reject);
    stream.once('end', () => reject(new Error(`stream ended after ${got.length} of ${n} bytes`)));
  });
}

export interface RogueOptions {
  readonly skey: Buffer;
  readonly padA?: number;
  readonly vc?: Buffer;
  readonly provide?: number;
  readonly padC?: number;
  readonly padCLength?: number;
  readonly ia?: Buffer;
}

/** An initiator that writes steps 1 and 3 exactly as told (after reading Yb). */
export async function rogueInitiator(stream: Duplex, o: RogueOptions): Promise<void> {
  const keys = new KeyExchange();
  stream.write(Buffer.concat([keys.publicKey, Buffer.alloc(o.padA ?? 0, 1)]));
  const yb = await readBytes(stream, 96);
  const secret = keys.sharedSecret(yb);
  const { send } = streamCiphers(secret, o.skey, true);
  const ia = o.ia ?? Buffer.alloc(0);
  const padC = Buffer.alloc(o.padC ?? 0);
  const fields = Buffer.alloc(8 + 4 + 2);
  (o.vc ?? Buffer.alloc(8)).copy(fields, 0);
  fields.writeUInt32BE(o.provide ?? 0x03, 8);
  fields.writeUInt16BE(o.padCLength ?? padC.length, 12);
  const iaLength = Buffer.alloc(2);
  iaLength.writeUInt16BE(ia.length);
  stream.write(Buffer.concat([syncHash(secret), obfuscatedSkey(o.skey, secret), send.process(Buffer.concat([fields, padC, iaLength, ia]))]));
}

/** The schema's defaults for the MSE options, and a handshake timeout for tests. */
export const MSE_DEFAULTS = { allowedMethods: ['plaintext', 'rc4'], preferRc4: false, timeoutMs: 5000 } as const;
