// PeerCandidates: each address once, at most maxKnown, and dialled again when
// its connection ends on Transmission's reconnect schedule.
import test from 'ava';
import { PeerCandidates } from '../../core/torrent/peer-candidates.ts';

const a = { ip: '10.0.0.1', port: 6881 };
const b = { ip: '10.0.0.2', port: 6881 };

test('each address is queued once; beyond maxKnown new ones are ignored', (t) => {
  const c = new PeerCandidates(2);
  c.add([a, a, b, { ip: '10.0.0.3', port: 1 }]);
  t.is(c.pending, 2);
  t.deepEqual([c.next(0), c.next(0), c.next(0)], [a, b, undefined]);
  c.add([a]);
  t.is(c.pending, 0, 'a known address is not queued again by being offered again');
  t.deepEqual(c.known, [a, b]);
});

test('failures in a row wait 10 s, 2 min, 15 min, 30 min, 1 h, then 2 h for good', (t) => {
  const c = new PeerCandidates(10);
  c.add([a]);
  let now = 1_000_000;
  const waits: number[] = [];
  for (let i = 0; i < 8; i++) {
    t.deepEqual(c.next(now), a);
    c.ended(a, 'failed', now);
    const due = now;
    let wait = 0;
    for (const step of [5_000, 10_000, 120_000, 900_000, 1_800_000, 3_600_000, 7_200_000]) {
      if (c.next(due + step - 1) !== undefined) throw new Error('dialled before its time');
      if (c.next(due + step) !== undefined) {
        wait = step;
        break;
      }
    }
    // next() took it: put it back as dialled and failing again from its due time.
    waits.push(wait);
    now = due + wait;
    c.putBack(a);
  }
  t.deepEqual(waits.map((ms) => ms / 1000), [10, 120, 900, 1800, 3600, 7200, 7200, 7200]);
});

test('a peer that was transferring is dialled again after 5 s, and its failures start over', (t) => {
  const c = new PeerCandidates(10);
  c.add([a]);
  c.next(0);
  c.ended(a, 'failed', 0);
  c.next(10_000);
  c.ended(a, 'transferring', 10_000);
  t.is(c.next(14_999), undefined);
  t.deepEqual(c.next(15_000), a);
  c.ended(a, 'failed', 20_000);
  t.is(c.next(29_999), undefined, 'one failure after a transfer waits 10 s, not 2 min');
  t.deepEqual(c.next(30_000), a);
});

test('no room for its address (its IP\'s share taken) is tried again after 5 s and counts no failure', (t) => {
  const c = new PeerCandidates(10);
  c.add([a]);
  t.deepEqual(c.next(0), a);
  c.ended(a, 'failed', 0); // one failure: 10 s
  t.deepEqual(c.next(10_000), a);
  for (let now = 10_000; now < 40_000; now += 5_000) {
    c.ended(a, 'no-room', now);
    t.is(c.next(now + 4_999), undefined);
    t.deepEqual(c.next(now + 5_000), a, 'again after 5 s, however many times');
  }
  c.ended(a, 'failed', 40_000);
  t.is(c.next(40_000 + 119_999), undefined, 'the failures in a row went on from one: 2 min');
  t.deepEqual(c.next(40_000 + 120_000), a);
});

test('done is not dialled again until requeueAll, which dials everything now; unknown addresses and queued ones are left alone', (t) => {
  const c = new PeerCandidates(10);
  c.add([a, b]);
  c.next(0);
  c.ended(a, 'done', 0);
  c.ended({ ip: '10.9.9.9', port: 1 }, 'failed', 0);
  c.ended(b, 'failed', 0);
  t.is(c.pending, 1, 'b was still queued: nothing changes');
  t.deepEqual(c.next(0), b);
  c.ended(b, 'failed', 0);
  t.is(c.next(1), undefined);
  c.requeueAll();
  t.deepEqual([c.next(1), c.next(1)], [a, b]);
});
