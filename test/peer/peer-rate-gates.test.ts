// A connection's bytes against its rate gates, over an in-memory Duplex pair:
// every byte written is counted (the handshake too), and reading pauses while
// the download gate is in debt, then resumes by itself.
import test from 'ava';
import { RateBuckets, RateScheduler } from '../../core/net/rate-limiter.ts';
import { PeerConnection, type PeerDelegate } from '../../core/peer/index.ts';
import { generatePeerId } from '../../core/peer-id.ts';
import { HANDSHAKE_LENGTH } from '../../core/wire/index.ts';
import { DEFAULT_SETTINGS, peerSettings } from '../helpers/default-settings.ts';
import { duplexPair } from '../helpers/duplex-pair.ts';
import { recordingClient, waitFor } from '../helpers/wire-peers.ts';

const INFO_HASH = 'cd'.repeat(20);

test('written bytes are charged to the upload gate; reading pauses while the download gate is in debt', async (t) => {
  const [streamA, streamB] = duplexPair();
  const rec = recordingClient();
  const schedulers = { download: new RateScheduler(), upload: new RateScheduler() };
  t.teardown(() => {
    schedulers.download.destroy();
    schedulers.upload.destroy();
  });
  const rates = new RateBuckets(schedulers);
  let uploaded = 0;
  let downloaded = 0;
  const counting = {
    download: { ...gateOf(rates.download), charge: (n: number) => ((downloaded += n), rates.download.charge(n)) },
    upload: { ...gateOf(rates.upload), charge: (n: number) => ((uploaded += n), rates.upload.charge(n)) },
  };
  let readyA = false;
  const delegate: PeerDelegate = { onReady: () => void (readyA = true), onMessage: () => undefined };
  const a = new PeerConnection({
    stream: streamA,
    direction: 'outgoing',
    address: { ip: '192.0.2.2', port: 6882 },
    protocol: 'tcp4',
    sink: rec.client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    torrent: { infoHash: INFO_HASH, pieceCount: 8 },
    delegate,
    rates: counting,
    ...peerSettings(),
  });
  const b = new PeerConnection({
    stream: streamB,
    direction: 'incoming',
    address: { ip: '192.0.2.1', port: 51413 },
    protocol: 'tcp4',
    sink: rec.client,
    ourPeerId: generatePeerId(DEFAULT_SETTINGS.peerIdPrefix),
    delegate: { onHandshake: () => ({ infoHash: INFO_HASH, pieceCount: 8 }), onMessage: () => undefined },
    ...peerSettings(),
  });
  t.teardown(() => {
    a.disconnect('test over');
    b.disconnect('test over');
  });
  await waitFor(() => readyA, 'handshakes');
  t.true(uploaded >= HANDSHAKE_LENGTH, `${uploaded} bytes charged for our handshake`);
  t.true(downloaded >= HANDSHAKE_LENGTH, `${downloaded} bytes charged for theirs`);
  // A tiny limit with a debt of a second or so: the next read pauses the stream.
  rates.set({ download: 20_000 });
  rates.download.charge(40_000);
  b.keepAlive();
  await waitFor(() => streamA.isPaused(), 'reading paused');
  t.is(schedulers.download.waiting, 1);
  // Lifting the limit wakes the reader at once.
  rates.set({ download: 0 });
  await waitFor(() => !streamA.isPaused(), 'reading resumed');
  t.is(schedulers.download.waiting, 0);
});

function gateOf(gate: RateBuckets['download']): Pick<RateBuckets['download'], 'ready' | 'wait' | 'cancel'> {
  return { ready: () => gate.ready(), wait: (w) => gate.wait(w), cancel: (w) => gate.cancel(w) };
}
