// Your first plugin: count the verified pieces of each torrent.
// Run it: node --import=tsx examples/first-plugin.ts
import { createClient, definePlugin } from '../core/index.ts';

const pieceCounter = definePlugin({
  name: 'piece-counter',
  apply(client) {
    const verified = new Map<string, number>();
    // Tap with the plugin's own name: if the tap throws, plugin_error names "piece-counter".
    client.hooks.piece_hash_passed.tap('piece-counter', (_client, { torrent, index }) => {
      verified.set(torrent.infoHash, (verified.get(torrent.infoHash) ?? 0) + 1);
      console.log(`${torrent.name}: piece ${index} verified, ${verified.get(torrent.infoHash)} so far`);
    });
  },
});

// config: false ignores any .btrc here; the built-in logger is switched off to keep the output short.
const client = await createClient({ config: false, plugins: [['logger', false], pieceCounter] });
console.log(`piece-counter applied: ${client.plugins.has('piece-counter')}`);

// No network in this example: we fire the event ourselves, exactly as a torrent does
// each time a downloaded piece passes its SHA-1 check.
const torrent = { infoHash: 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a', name: 'demo.iso', state: 'downloading', private: false } as const;
for (const index of [0, 1, 2]) client.emit('piece_hash_passed', { torrent, index, peers: [], blocks: [], data: undefined });
