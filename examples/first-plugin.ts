// Your first plugin: count the pieces that pass their SHA-1 check, say so when the torrent is complete.
import { createClient, definePlugin } from '../core/index.ts';

const pieceCounter = definePlugin({
  name: 'piece-counter',
  apply(client) {
    let passed = 0;
    client.hooks.piece_hash_passed.tap('piece-counter', () => void passed++);
    client.hooks.torrent_complete.tap('piece-counter', (_client, { torrent }) => console.log(`${torrent.name}: ${passed} pieces passed`));
  },
});

// The bundled sample, added where its data already is: checking the files fires piece_hash_passed for each piece.
// Without resume data (resume.enabled false) every run checks them all, instead of trusting the last run's.
const client = await createClient({ config: false, plugins: [['logger', false], pieceCounter], listen: { ports: 0 }, resume: { enabled: false } });
await client.addTorrent(`${import.meta.dirname}/sample.torrent`, { dir: import.meta.dirname });
await client.destroy();
