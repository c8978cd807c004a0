// duplicateToClose: both ends of a pair of connections choose the same one.
import test from 'ava';
import { duplicateToClose, type ConnectionDirection } from '../../core/net/duplicate-connection.ts';

const low = Buffer.alloc(20, 0x11);
const high = Buffer.alloc(20, 0x22);

test('one connection each way: the one dialled by the greater peer id stays, seen alike from both ends', (t) => {
  // We are low: their (high) dial stays, which is our incoming one.
  t.is(duplicateToClose('incoming', 'outgoing', low, high), 'existing');
  t.is(duplicateToClose('outgoing', 'incoming', low, high), 'newcomer');
  // We are high: our dial stays.
  t.is(duplicateToClose('outgoing', 'incoming', high, low), 'existing');
  t.is(duplicateToClose('incoming', 'outgoing', high, low), 'newcomer');
  // From both ends of the same pair, whichever handshake completes first, the same connection (low's dial) closes.
  for (const [atLowNew, atHighNew] of [['outgoing', 'incoming'], ['incoming', 'outgoing']] as [ConnectionDirection, ConnectionDirection][]) {
    const lowCloses = duplicateToClose(atLowNew, atLowNew === 'incoming' ? 'outgoing' : 'incoming', low, high);
    const lowClosesDirection = lowCloses === 'newcomer' ? atLowNew : atLowNew === 'incoming' ? 'outgoing' : 'incoming';
    const highCloses = duplicateToClose(atHighNew, atHighNew === 'incoming' ? 'outgoing' : 'incoming', high, low);
    const highClosesDirection = highCloses === 'newcomer' ? atHighNew : atHighNew === 'incoming' ? 'outgoing' : 'incoming';
    t.is(lowClosesDirection, 'outgoing', "low closes its own dial");
    t.is(highClosesDirection, 'incoming', 'high closes the same connection: low\'s dial, incoming at high');
  }
});

test('two connections the same way: the newer one closes', (t) => {
  for (const d of ['incoming', 'outgoing'] as const) {
    t.is(duplicateToClose(d, d, low, high), 'newcomer');
    t.is(duplicateToClose(d, d, high, low), 'newcomer');
  }
});
