// Writes the built-in sample torrent that `npm start` shares: a small folder
// examples/sample/ (a text file, a nested binary file, an empty file) and
// examples/sample.torrent made from it by createTorrent. Every byte is
// deterministic, so running this again changes nothing:
//   node --import=tsx examples/make-sample.ts
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createTorrent, type Metainfo } from '../core/metainfo/index.ts';

export const SAMPLE_NAME = 'sample';

const HELLO = `Hello from swarmhook!

This folder is the built-in sample torrent. \`npm start\` shares it between
two swarmhook clients on this machine so you can watch every hook fire:
handshakes, pieces in and out, hash checks, file writes.

  nested/data.bin   300000 bytes of SHA-256 counter output (reproducible)
  empty.txt         a zero-length file (it belongs to no piece)

Regenerate with: node --import=tsx examples/make-sample.ts
`;

/** SHA-256 in counter mode: the same bytes on every machine. */
export function sampleBytes(label: string, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let at = 0, i = 0; at < length; at += 32, i++) createHash('sha256').update(`${label}:${i}`).digest().copy(out, at);
  return out;
}

/** Files of the sample, relative to its folder. */
export const SAMPLE_FILES: Readonly<Record<string, Buffer>> = {
  'hello.txt': Buffer.from(HELLO),
  'nested/data.bin': sampleBytes('swarmhook sample', 300_000),
  'empty.txt': Buffer.alloc(0),
};

/**
 * Writes `<dir>/sample/` and `<dir>/sample.torrent`, returning the torrent.
 * The torrent's data folder is `<dir>/sample`: seed it with `dir` as the save path.
 */
export async function makeSample(dir: string): Promise<{ torrentPath: string; dataPath: string; torrent: Buffer; metainfo: Metainfo }> {
  const dataPath = join(dir, SAMPLE_NAME);
  await rm(dataPath, { recursive: true, force: true });
  for (const [rel, content] of Object.entries(SAMPLE_FILES)) {
    await mkdir(join(dataPath, rel, '..'), { recursive: true });
    await writeFile(join(dataPath, rel), content);
  }
  const { torrent, metainfo } = await createTorrent(dataPath, {
    pieceLength: 16384,
    comment: 'swarmhook built-in sample',
    createdBy: 'swarmhook',
    creationDate: null,
  });
  const torrentPath = join(dir, `${SAMPLE_NAME}.torrent`);
  await writeFile(torrentPath, torrent);
  return { torrentPath, dataPath, torrent, metainfo };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const { torrentPath, metainfo } = await makeSample(here);
  process.stdout.write(`wrote ${torrentPath}: ${metainfo.infoHash}, ${metainfo.files.length} files, ${metainfo.length} bytes, ${metainfo.pieceCount} pieces\n`);
}
