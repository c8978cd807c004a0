// The committed built-in sample (examples/sample/ and examples/sample.torrent)
// is exactly what examples/make-sample.ts makes, and its pieces check out.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { makeSample, SAMPLE_FILES } from '../../examples/make-sample.ts';
import { parseTorrent } from '../../core/metainfo/index.ts';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

test('examples/sample.torrent is reproducible by make-sample.ts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'swarmhook-sample-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const made = await makeSample(dir);
  t.true(made.torrent.equals(readFileSync(join(EXAMPLES, 'sample.torrent'))), 'regenerate with: node --import=tsx examples/make-sample.ts');
  for (const [rel, content] of Object.entries(SAMPLE_FILES)) {
    t.true(readFileSync(join(EXAMPLES, 'sample', rel)).equals(content), `examples/sample/${rel}`);
  }
});

test('the sample is small, nested, has an empty file, and every piece matches its data', (t) => {
  const m = parseTorrent(readFileSync(join(EXAMPLES, 'sample.torrent')));
  t.is(m.name, 'sample');
  t.true(m.length < 600 * 1024 && statSync(join(EXAMPLES, 'sample.torrent')).size < 4096);
  t.true(m.files.some((f) => f.length === 0));
  t.true(m.files.some((f) => f.pathSegments.length > 2));
  t.true(m.pieceCount > 1);
  const data = Buffer.concat(m.files.map((f) => readFileSync(join(EXAMPLES, ...f.pathSegments))));
  m.pieces.forEach((hash, i) => {
    const piece = data.subarray(i * m.pieceLength, i * m.pieceLength + m.pieceLengthAt(i));
    t.true(createHash('sha1').update(piece).digest().equals(hash), `piece ${i}`);
  });
});
