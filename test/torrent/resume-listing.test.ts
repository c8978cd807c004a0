// ResumeListing (core/torrent/resume-listing.ts): one readdir of the state
// folder answers whether each torrent's resume file may be there; our own
// saves are noted; a folder that cannot be listed answers "maybe" for all.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { ResumeListing } from '../../core/torrent/resume-listing.ts';
import { tempDir } from '../helpers/payload.ts';

test('a name in the folder may be there, one missing is not; a name we saved is, even when the listing came first', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'a.swarmhook-resume'), 'x');
  const listing = new ResumeListing(dir);
  t.true(await listing.mayHold('a.swarmhook-resume'));
  t.false(await listing.mayHold('b.swarmhook-resume'));
  // Written by someone else after the listing: not seen until the listing is made again.
  await writeFile(join(dir, 'c.swarmhook-resume'), 'x');
  t.false(await listing.mayHold('c.swarmhook-resume'));
  listing.added('b.swarmhook-resume');
  t.true(await listing.mayHold('b.swarmhook-resume'));
});

test('a folder that does not exist holds nothing; one that cannot be listed may hold anything', async (t) => {
  const dir = await tempDir(t);
  t.false(await new ResumeListing(join(dir, 'missing')).mayHold('a.swarmhook-resume'));
  await writeFile(join(dir, 'file'), 'x');
  t.true(await new ResumeListing(join(dir, 'file')).mayHold('a.swarmhook-resume'), 'ENOTDIR: not trusted as empty');
  await mkdir(join(dir, 'empty'));
  t.false(await new ResumeListing(join(dir, 'empty')).mayHold('a.swarmhook-resume'));
});
