// Half-open slots, without sockets.
import test from 'ava';
import { HalfOpenSlots, type HalfOpenConnection } from '../../core/net/half-open.ts';

class FakeConnection implements HalfOpenConnection {
  bytesIn = 0;
  closed = false;
  reason: string | undefined;
  disconnect(reason: string): void {
    this.closed = true;
    this.reason = reason;
  }
}

test('when full, an accepted connection makes room by closing the oldest accepted one still waiting', (t) => {
  const slots = new HalfOpenSlots<FakeConnection>({ maxHalfOpen: 3, silentMs: 60_000 });
  const a = new FakeConnection();
  const b = new FakeConnection();
  const c = new FakeConnection();
  for (const x of [a, b, c]) {
    slots.makeRoomForIncoming();
    slots.addIncoming(x);
  }
  t.is(slots.count, 3);
  slots.release(b); // b handshook
  slots.makeRoomForIncoming();
  t.false(a.closed, 'room was free');
  const d = new FakeConnection();
  slots.addIncoming(d);
  slots.makeRoomForIncoming();
  t.true(a.closed);
  t.is(a.reason, 'half-open connections full (3): closed the oldest one still awaiting a handshake');
  t.false(c.closed || d.closed);
  for (const x of [c, d]) slots.release(x);
  t.is(slots.count, 0);
});

test('dials take a slot only when one is free and are never closed to make room; accepted sockets overflow by one at most', (t) => {
  const slots = new HalfOpenSlots<FakeConnection>({ maxHalfOpen: 2, silentMs: 60_000 });
  t.true(slots.tryDial());
  const dialled = new FakeConnection();
  slots.dialConnected(dialled);
  t.true(slots.tryDial());
  t.false(slots.tryDial());
  const first = new FakeConnection();
  slots.makeRoomForIncoming();
  slots.addIncoming(first);
  t.is(slots.count, 3);
  const second = new FakeConnection();
  slots.makeRoomForIncoming();
  slots.addIncoming(second);
  t.true(first.closed);
  t.false(dialled.closed);
  t.is(slots.count, 3);
  slots.dialEnded();
  slots.release(dialled);
  slots.release(second);
  t.is(slots.count, 0);
});

test('a fifth of the slots is kept for accepted sockets: dials cannot take them', (t) => {
  const slots = new HalfOpenSlots<FakeConnection>({ maxHalfOpen: 10, silentMs: 60_000 });
  let dials = 0;
  while (slots.tryDial()) dials++;
  t.is(dials, 8);
  const accepted = [new FakeConnection(), new FakeConnection()];
  for (const a of accepted) {
    slots.makeRoomForIncoming();
    slots.addIncoming(a);
  }
  t.false(accepted.some((a) => a.closed), 'two accepted sockets wait side by side');
  t.is(slots.count, 10);
  for (let i = 0; i < dials; i++) slots.dialEnded();
  for (const a of accepted) slots.release(a);
  t.is(slots.count, 0);
});

test('an accepted connection that sent nothing within silentMs is closed; one that spoke is left to the handshake timeout', async (t) => {
  const slots = new HalfOpenSlots<FakeConnection>({ maxHalfOpen: 10, silentMs: 50 });
  const mute = new FakeConnection();
  const talking = new FakeConnection();
  slots.addIncoming(mute);
  slots.addIncoming(talking);
  talking.bytesIn = 10;
  await new Promise((r) => setTimeout(r, 150));
  t.true(mute.closed);
  t.is(mute.reason, 'no handshake: sent nothing within 50 ms');
  t.false(talking.closed);
  t.is(slots.count, 1);
  slots.release(talking);
});
