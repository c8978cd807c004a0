// Known answers for the MSE building blocks: RC4 test vectors, the DH prime
// and both sides' key derivation agreeing.
import test from 'ava';
import { createHash } from 'node:crypto';
import { Rc4 } from '../../../core/transport/mse/rc4.ts';
import { DH_KEY_LENGTH, KeyExchange, MSE_PRIME } from '../../../core/transport/mse/key-exchange.ts';
import { obfuscatedSkey, req3Hash, skeyHash, streamCiphers, syncHash, xor } from '../../../core/transport/mse/hashes.ts';

function rc4Hex(key: string, plaintext: string): string {
  return new Rc4(Buffer.from(key, 'latin1')).process(Buffer.from(plaintext, 'latin1')).toString('hex');
}

test('RC4 matches the classic test vectors', (t) => {
  t.is(rc4Hex('Key', 'Plaintext'), 'bbf316e8d940af0ad3');
  t.is(rc4Hex('Wiki', 'pedia'), '1021bf0420');
  t.is(rc4Hex('Secret', 'Attack at dawn'), '45a01f645fc35b383552544b9bf5');
});

test('RC4 keystream offsets 0 and 1024 for key 0102030405 (RFC 6229)', (t) => {
  const rc4 = new Rc4(Buffer.from('0102030405', 'hex'));
  t.is(Buffer.from(rc4.apply(new Uint8Array(16))).toString('hex'), 'b2396305f03dc027ccc3524a0a1118a8');
  rc4.discard(1024 - 16);
  t.is(Buffer.from(rc4.apply(new Uint8Array(16))).toString('hex'), '30abbcc7c20b01609f23ee2d5f6bb7df');
});

test('RC4 in pieces equals RC4 in one go', (t) => {
  const data = Buffer.alloc(1000, 7);
  const whole = new Rc4(Buffer.from('k')).process(data);
  const split = new Rc4(Buffer.from('k'));
  t.deepEqual(Buffer.concat([split.process(data.subarray(0, 3)), split.process(data.subarray(3))]), whole);
});

test('the DH prime is the 768-bit prime of the specification, and both sides compute the same 96-byte secret', (t) => {
  t.is(MSE_PRIME.length, 96);
  t.true(MSE_PRIME.subarray(0, 8).equals(Buffer.alloc(8, 0xff)));
  t.is(MSE_PRIME.subarray(-4).toString('hex'), '00090563');
  const a = new KeyExchange();
  const b = new KeyExchange();
  t.is(a.publicKey.length, DH_KEY_LENGTH);
  const s1 = a.sharedSecret(b.publicKey);
  t.is(s1.length, DH_KEY_LENGTH);
  t.deepEqual(s1, b.sharedSecret(a.publicKey));
});

test('a fixed private key gives Y = 2^x mod P', (t) => {
  const x = Buffer.from('0102030405060708090a0b0c0d0e0f1011121314', 'hex');
  const P = BigInt('0x' + MSE_PRIME.toString('hex'));
  let y = 1n;
  let base = 2n;
  for (let e = BigInt('0x' + x.toString('hex')); e > 0n; e >>= 1n) {
    if (e & 1n) y = (y * base) % P;
    base = (base * base) % P;
  }
  t.is(new KeyExchange(x).publicKey.toString('hex'), y.toString(16).padStart(192, '0'));
});

test('key derivation: A sends with what B receives with, and the obfuscated SKEY reveals HASH(req2, SKEY)', (t) => {
  const secret = new KeyExchange().sharedSecret(new KeyExchange().publicKey);
  const skey = Buffer.alloc(20, 0xab);
  const a = streamCiphers(secret, skey, true);
  const b = streamCiphers(secret, skey, false);
  const message = Buffer.from('hello, responder');
  t.deepEqual(b.receive.process(a.send.process(message)), message);
  t.deepEqual(a.receive.process(b.send.process(message)), message);
  // keyA = SHA1('keyA' | S | SKEY), 1,024 bytes discarded.
  const keyA = createHash('sha1').update('keyA').update(secret).update(skey).digest();
  const reference = new Rc4(keyA);
  reference.discard(1024);
  t.deepEqual(streamCiphers(secret, skey, true).send.process(Buffer.alloc(8)), reference.process(Buffer.alloc(8)));
  t.deepEqual(syncHash(secret), createHash('sha1').update('req1').update(secret).digest());
  t.deepEqual(xor(obfuscatedSkey(skey, secret), req3Hash(secret)), skeyHash(skey));
});
