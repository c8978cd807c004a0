import test from 'ava';
import { BlockRequests, type RequestRecord } from '../../core/torrent/block-requests.ts';
import type { SwarmPeer } from '../../core/torrent/contracts.ts';
import { BLOCK_SIZE, PiecePicker } from '../../core/torrent/picker.ts';
import { RateMeter } from '../../core/torrent/rate.ts';

const PIECES = 64;
const BLOCKS_PER_PIECE = 16;

/** A seed that unchoked us, counting the requests it is sent; `reqq` as its extended handshake says. */
function seed(reqq: number | undefined): { peer: SwarmPeer; requests: () => number } {
  let requests = 0;
  const peer = {
    hasPiece: () => true,
    peerChoking: false,
    amInterested: true,
    extendedHandshake: reqq === undefined ? undefined : { reqq },
    request: () => void requests++,
  } as unknown as SwarmPeer;
  return { peer, requests: () => requests };
}

/** Fills a peer's queue that has been sending `rate` bytes a second. */
function fill(peer: SwarmPeer, rate: number): void {
  const picker = new PiecePicker<SwarmPeer>({ pieceCount: PIECES, pieceLength: BLOCKS_PER_PIECE * BLOCK_SIZE, totalLength: PIECES * BLOCKS_PER_PIECE * BLOCK_SIZE });
  for (let i = 0; i < PIECES; i++) picker.peerHas(i);
  const record: RequestRecord = { inflight: 0, chokedAt: undefined, down: new RateMeter() };
  const now = Date.now();
  // Five seconds at that rate: the meter's window.
  for (let ms = 5000; ms > 0; ms -= 100) record.down.add(rate / 10, now - ms);
  new BlockRequests({ picker, downloading: () => true, recordOf: () => record }).fill(peer);
}

test('a fast peer is sent no more requests than its reqq (libtorrent rejects the rest)', (t) => {
  const capped = seed(100);
  fill(capped.peer, 200 * 1024 * 1024);
  t.is(capped.requests(), 100);
  const uncapped = seed(undefined);
  fill(uncapped.peer, 200 * 1024 * 1024);
  t.true(uncapped.requests() > 100, `without a reqq the queue follows the rate (${uncapped.requests()} requests)`);
});
