// What `bt seed` and `bt download` print about a damaged file, from the events
// (the child-process test in cli-engine.test.ts shows it end to end for bt seed).
import test from 'ava';
import { Client } from '../../core/client.ts';
import { reportFileProblems, reportStop } from '../../core/cli/file-problems.ts';
import { FILE, TORRENT } from '../helpers/event-samples.ts';

function capture(): { io: { stdout: { write(s: string): boolean }; stderr: { write(s: string): boolean } }; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: { write: (s) => out.push(s) > 0 }, stderr: { write: (s) => err.push(s) > 0 } }, out, err };
}

test('bt download reports the failed read, the recheck and its outcome, and the torrent whole again', async (t) => {
  const client = new Client();
  t.teardown(() => client.destroy());
  const { io, out, err } = capture();
  reportFileProblems(client, 'bt download', io);
  client.emit('torrent_complete', { torrent: TORRENT });
  client.emit('file_error', { file: FILE, torrent: TORRENT, error: new Error(`cannot read ${FILE.absolutePath}: it ends before byte 524288`) });
  client.emit('file_recheck', { torrent: TORRENT, file: FILE, phase: 'started', pieces: 4, missing: 0 });
  client.emit('file_recheck', { torrent: TORRENT, file: FILE, phase: 'finished', pieces: 4, missing: 2 });
  client.emit('torrent_complete', { torrent: TORRENT });
  t.deepEqual(out, []);
  t.deepEqual(err, [
    'bt download: file error on ubuntu/ubuntu.iso of ubuntu.iso: cannot read /downloads/ubuntu/ubuntu.iso: it ends before byte 524288\n',
    'bt download: rechecking ubuntu/ubuntu.iso of ubuntu.iso (4 pieces) after a failed read; the pieces that cannot be read are not served\n',
    'bt download: ubuntu/ubuntu.iso of ubuntu.iso: 2 of 4 pieces are missing after the recheck; they are downloaded again from peers that have them\n',
    'bt download: ubuntu.iso is complete again: its lost pieces were downloaded and verified; seeding\n',
  ]);
});

test('a recheck that finds the file whole says so', async (t) => {
  const client = new Client();
  t.teardown(() => client.destroy());
  const { io, err } = capture();
  reportFileProblems(client, 'bt seed', io);
  client.emit('file_recheck', { torrent: TORRENT, file: FILE, phase: 'finished', pieces: 4, missing: 0 });
  client.emit('torrent_complete', { torrent: TORRENT });
  t.deepEqual(err, ['bt seed: ubuntu/ubuntu.iso of ubuntu.iso passed its recheck: all 4 pieces are intact\n']);
});

test('bt seed says once that a torrent stopped on a storage error', async (t) => {
  const { io, err } = capture();
  const torrent = { name: 'ubuntu.iso', state: 'seeding', error: undefined as Error | undefined };
  const stop = reportStop(torrent, 'bt seed', io);
  t.teardown(stop);
  torrent.state = 'error';
  torrent.error = new Error('cannot write /downloads/ubuntu/ubuntu.iso: the disk is full (ENOSPC)');
  await new Promise((resolve) => setTimeout(resolve, 1200));
  t.deepEqual(err, ['bt seed: ubuntu.iso stopped: cannot write /downloads/ubuntu/ubuntu.iso: the disk is full (ENOSPC); fix the cause and start it again\n']);
});
