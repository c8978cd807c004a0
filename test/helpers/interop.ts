// Gate for tests that need a real client from Debian's packages. In CI
// (CI=true) a missing peer is a failure; on a user's machine the test is
// skipped with a line saying what to install, so `npm test` passes anywhere.
import { spawnSync } from 'node:child_process';
import anyTest, { type TestFn } from 'ava';

export interface Requirement {
  /** What the test needs, e.g. "python3-libtorrent". */
  readonly name: string;
  /** The apt-get command that provides it. */
  readonly install: string;
  readonly available: () => boolean;
}

const cache = new Map<string, boolean>();
function once(key: string, probe: () => boolean): boolean {
  let v = cache.get(key);
  if (v === undefined) {
    v = probe();
    cache.set(key, v);
  }
  return v;
}

export function hasCommand(cmd: string): boolean {
  return once(`cmd:${cmd}`, () => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0);
}

/** Debian's libtorrent binding lives under /usr/bin/python3, not whatever python3 is first on PATH. */
export const PYTHON = '/usr/bin/python3';

export const LIBTORRENT: Requirement = {
  name: 'python3-libtorrent',
  install: 'apt-get install -y python3-libtorrent',
  available: () => once('libtorrent', () => spawnSync(PYTHON, ['-c', 'import libtorrent'], { stdio: 'ignore' }).status === 0),
};
export const ARIA2: Requirement = { name: 'aria2', install: 'apt-get install -y aria2', available: () => hasCommand('aria2c') };
export const TRANSMISSION: Requirement = {
  name: 'transmission-cli',
  install: 'apt-get install -y transmission-cli',
  available: () => hasCommand('transmission-cli'),
};
export const OPENTRACKER: Requirement = {
  name: 'opentracker',
  install: 'apt-get install -y opentracker',
  available: () => hasCommand('opentracker'),
};
export const MKTORRENT: Requirement = { name: 'mktorrent', install: 'apt-get install -y mktorrent', available: () => hasCommand('mktorrent') };
export const CURL: Requirement = { name: 'curl', install: 'apt-get install -y curl', available: () => hasCommand('curl') };
/** ffmpeg makes a real media file, ffprobe reads it back (both in Debian's ffmpeg). */
export const FFMPEG: Requirement = { name: 'ffmpeg', install: 'apt-get install -y ffmpeg', available: () => hasCommand('ffmpeg') && hasCommand('ffprobe') };

/**
 * Returns ava's `test` when every requirement is met. Otherwise: in CI a test
 * function whose tests fail naming what is missing; elsewhere `test.skip`,
 * after printing what to install.
 */
export function interopTest<Context = unknown>(...requirements: Requirement[]): TestFn<Context> {
  const test = anyTest as TestFn<Context>;
  const missing = requirements.filter((r) => !r.available());
  if (missing.length === 0) return test;
  const what = missing.map((r) => `${r.name} (${r.install})`).join(', ');
  if (process.env.CI === 'true') {
    const failing = ((title: string) =>
      test(title, (t) => {
        t.fail(`interop peer missing in CI: ${what}`);
      })) as unknown as TestFn<Context>;
    return failing;
  }
  console.log(`skipping interop tests: install ${what}`);
  return test.skip as unknown as TestFn<Context>;
}
