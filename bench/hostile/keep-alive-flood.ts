// Issue 12 item 6: one connection sending keep-alives back to back.
import { repeatedly, type Attack, type RawPeer } from './attack.ts';

/** 16384 keep-alives (4 zero bytes each) per write. */
const FLOOD = Buffer.alloc(64 * 1024);

async function attackOnce(peer: RawPeer, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    if (!peer.socket.write(FLOOD)) {
      await Promise.race([new Promise((r) => peer.socket.once('drain', r)), peer.closed]);
    }
  }
}

export const keepAliveFlood: Attack = {
  name: 'keep-alive flood',
  description: 'one peer sends keep-alives back to back (reconnects when dropped)',
  start: (target) => repeatedly(target, attackOnce),
};
