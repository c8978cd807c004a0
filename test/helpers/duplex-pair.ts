// Two Duplex streams joined in memory: what one writes, the other reads.
// (stream.duplexPair arrives only in Node 22.6.) Destroying one ends the
// other, as a closed TCP connection does.
import { Duplex } from 'node:stream';

export function duplexPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const make = (other: () => Duplex): Duplex =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, callback) {
        other().push(chunk);
        callback();
      },
      final(callback) {
        other().push(null);
        callback();
      },
      destroy(err, callback) {
        const peer = other();
        if (!peer.destroyed) peer.destroy();
        callback(err);
      },
    });
  ends.push(make(() => ends[1]!), make(() => ends[0]!));
  return [ends[0]!, ends[1]!];
}
