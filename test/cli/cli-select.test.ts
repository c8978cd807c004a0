// `bt download --select`: file indexes, ranges and glob patterns.
import test from 'ava';
import { globMatcher, selectFiles, selectIndexes } from '../../core/cli/select-files.ts';

const FILES = [
  { path: 'show/e01.mkv' },
  { path: 'show/e01.srt' },
  { path: 'show/.pad/1000', padding: true },
  { path: 'show/e02.mkv' },
  { path: 'show/extras/making-of.mkv' },
  { path: 'show/readme.txt' },
];

test('indexes and ranges, as bt info numbers the files', (t) => {
  t.deepEqual(selectFiles('0', FILES), [0]);
  t.deepEqual(selectFiles('0,3-5', FILES), [0, 3, 4, 5]);
  t.deepEqual(selectFiles(' 5 , 1-1 ,5', FILES), [1, 5]);
});

test('glob patterns: without "/" on the base name, with "/" on the path (with or without the torrent name)', (t) => {
  t.deepEqual(selectFiles('*.mkv', FILES), [0, 3, 4]);
  t.deepEqual(selectFiles('show/*.mkv', FILES), [0, 3]);
  t.deepEqual(selectFiles('extras/**', FILES), [4]);
  t.deepEqual(selectFiles('**/e0?.*', FILES), [0, 1, 3]);
  t.deepEqual(selectFiles('e0[2-9].mkv,readme.txt', FILES), [3, 5]);
  t.deepEqual(selectFiles('0,*.srt', FILES), [0, 1]);
});

test('padding files are never matched by a pattern', (t) => {
  t.deepEqual(selectFiles('*', FILES), [0, 1, 3, 4, 5]);
});

test('a term that names nothing, a range out of bounds or backwards, or an empty selection is an error', (t) => {
  t.throws(() => selectFiles('*.avi', FILES), { code: 'CLI_BAD_SELECTION', message: /no file of the torrent matches/ });
  t.throws(() => selectFiles('6', FILES), { code: 'CLI_BAD_SELECTION', message: /files 0-5/ });
  t.throws(() => selectFiles('3-1', FILES), { code: 'CLI_BAD_SELECTION', message: /ends before it starts/ });
  t.throws(() => selectFiles(' , ', FILES), { code: 'CLI_BAD_SELECTION' });
});

test('a magnet link: indexes only, since the file list comes later', (t) => {
  t.deepEqual(selectIndexes('2-3,0'), [0, 2, 3]);
  t.throws(() => selectIndexes('*.mkv'), { code: 'CLI_BAD_SELECTION', message: /magnet link/ });
});

test('glob details: * stays in one folder, ** crosses them, regex characters are literal', (t) => {
  t.true(globMatcher('a/*.txt')('t/a/b.txt'));
  t.false(globMatcher('a/*.txt')('t/a/x/b.txt'));
  t.true(globMatcher('a/**/*.txt')('t/a/x/y/b.txt'));
  t.true(globMatcher('a/**/*.txt')('t/a/b.txt'));
  t.true(globMatcher('f(1)+.txt')('t/f(1)+.txt'));
  t.false(globMatcher('f.txt')('t/fxtxt'));
});
