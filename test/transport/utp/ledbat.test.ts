// LEDBAT and the RTT estimator as BEP 29 defines them, without sockets.
import test from 'ava';
import { Ledbat, MAX_CWND_INCREASE_BYTES_PER_RTT, TARGET_DELAY_US } from '../../../core/transport/utp/ledbat.ts';
import { MIN_TIMEOUT_MS, RttEstimator } from '../../../core/transport/utp/rtt.ts';

const packetSize = 1000;

function saturated(l: Ledbat, delayUs: number, rounds: number, base = 5_000_000): void {
  l.delaySample(base, 0); // the base delay: an empty queue
  for (let i = 0; i < rounds; i++) {
    l.delaySample(base + delayUs, 1);
    l.onAck(packetSize, l.window);
  }
}

test('with no queuing delay the window grows, by at least the bytes acked in slow start', (t) => {
  const l = new Ledbat({ packetSize, maxWindow: 1_000_000 });
  const start = l.window;
  saturated(l, 0, 20);
  t.true(l.slowStart);
  // Each ack adds its bytes at least (slow start), or LEDBAT's gain when larger.
  t.true(l.window >= start + 20 * packetSize);
});

test('above the 100 ms target the window shrinks, by at most 3000 bytes per window of acks', (t) => {
  const l = new Ledbat({ packetSize, maxWindow: 1_000_000 });
  saturated(l, 0, 50);
  const before = l.window;
  saturated(l, 2 * TARGET_DELAY_US, 1); // leaves slow start
  t.false(l.slowStart);
  const w = l.window;
  t.true(w < before);
  // One window's worth of acks at twice the target: off_target = -1, the window loses 3000 bytes.
  const acks = Math.round(w / packetSize);
  for (let i = 0; i < acks; i++) {
    l.delaySample(5_000_000 + 2 * TARGET_DELAY_US, 1);
    l.onAck(packetSize, l.window);
  }
  t.true(Math.abs(w - l.window - MAX_CWND_INCREASE_BYTES_PER_RTT) < 200, `${w} -> ${l.window}`);
});

test('at the target exactly the window holds; the base delay is the smallest sample, wrap-around included', (t) => {
  const l = new Ledbat({ packetSize, maxWindow: 1_000_000 });
  l.delaySample(0xfffffff0, 0);
  l.delaySample(0x00000010 + TARGET_DELAY_US, 1); // wrapped: 0x20 + target after the base
  t.is(l.baseDelay, 0xfffffff0);
  t.is(l.ourDelayUs, TARGET_DELAY_US + 0x20);
  const w = l.window;
  l.delaySample(0xfffffff0 + 0, 2);
  t.is(l.ourDelayUs, 0);
  t.true(l.window === w);
});

test('a loss halves the window, a timeout drops it to one packet, never below', (t) => {
  const l = new Ledbat({ packetSize, maxWindow: 1_000_000 });
  saturated(l, 0, 30);
  const w = l.window;
  l.onLoss();
  t.is(l.window, w / 2);
  l.onTimeout();
  t.is(l.window, packetSize);
  l.onLoss();
  t.is(l.window, packetSize);
});

test('the window never passes maxWindow', (t) => {
  const l = new Ledbat({ packetSize, maxWindow: 10_000 });
  saturated(l, 0, 1000);
  t.is(l.window, 10_000);
});

test('RTT and timeout follow BEP 29, with a 500 ms floor and doubling back-off', (t) => {
  const r = new RttEstimator();
  t.is(r.timeoutMs, 1000);
  r.sample(100);
  t.is(r.rttMs, 100);
  t.is(r.timeoutMs, MIN_TIMEOUT_MS); // 100 + 50 * 4 is under the floor
  const s = new RttEstimator();
  s.sample(400);
  s.sample(1200);
  // delta = 400 - 1200; rtt_var = 200 + (800 - 200) / 4; rtt = 400 + 800 / 8
  t.is(s.rttMs, 500);
  t.is(s.timeoutMs, 500 + 350 * 4);
  r.sample(1);
  r.sample(1);
  r.sample(1);
  t.true(r.timeoutMs >= MIN_TIMEOUT_MS);
  const before = r.timeoutMs;
  r.backOff();
  t.is(r.timeoutMs, before * 2);
});
