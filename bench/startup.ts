// Start-up of the `bt` command: `bt --help` and `bt info FILE.torrent`, run
// through bin/bt.js (the sources through tsx, as in a clone) and as the
// compiled build (dist/, as the installed package runs), against
// `transmission-show FILE.torrent`, python importing libtorrent, and a bare
// `node -e ""` (the floor any Node program pays), interleaved, median of N,
// whole-process wall time. With a build, also a process that creates a
// client as `bt download` does (createClient(): settings and built-ins'
// options validated, plugins applied) and destroys it: its wall time, and
// its CPU time up to the client made (what each process of a swarm pays);
// once with `config: false`, once searching for a .btrc from a folder that
// has none (as `bt download` run outside a project does). Then, untimed, how
// many modules each of those processes loads (ES modules through a loader
// hook, CommonJS from require.cache): each costs ~0.7 ms of CPU at start.
//
// Run: node --import=tsx bench/startup.ts [--runs N] [--compare DIR]...   (`npm run build` first for the dist figures)
//   --compare DIR   also the createClient() process of another built checkout (e.g. `git archive` of an older
//                   commit, node_modules linked, `npm run build` there)
// Uses transmission-show (apt-get install -y transmission-cli) and /usr/bin/python3 with libtorrent when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createTorrent } from '../core/metainfo/index.ts';
import { BT, btCommand, median, PYTHON, swarmhookCheckouts, writeRandomFile } from './processes.ts';

const TRANSMISSION_SHOW = '/usr/bin/transmission-show';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '11' }, compare: { type: 'string', multiple: true } } });
const RUNS = Number(values.runs);

/** Creates a client as `bt download` does, prints the CPU it took from the process start, and destroys it. */
const createClientScript = (coreModule: string, searchConfig: boolean): string => `
const { createClient } = await import(${JSON.stringify(coreModule)});
const client = await createClient({ ${searchConfig ? '' : 'config: false, '}listen: { ports: 0, host4: '127.0.0.1', tcp6: false }, plugins: [['dht', false], ['lsd', false]] });
const cpu = process.cpuUsage();
await client.destroy();
console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000 }));
`;

const root = await mkdtemp(join(tmpdir(), 'swarmhook-bench-startup-'));
try {
  const data = join(root, 'payload.bin');
  await writeRandomFile(data, 4 * 1024 * 1024);
  const { torrent } = await createTorrent(data, { pieceLength: 65536, announce: ['http://127.0.0.1:1/announce'] });
  const torrentPath = join(root, 'payload.torrent');
  await writeFile(torrentPath, torrent);

  const dist = existsSync(new URL('../dist/core/cli/main.js', import.meta.url));
  // The .btrc search runs in a folder with no config up to the root (the temporary folder).
  const noConfigHere = await mkdtemp(join(root, 'cwd-'));
  const contenders: { name: string; argv: [string, string[]]; times: number[]; cpuMs?: number[]; cwd?: string }[] = [
    { name: 'node -e ""', argv: [process.execPath, ['-e', '']], times: [] },
    { name: 'bt --help (tsx)', argv: [process.execPath, [BT, '--help']], times: [] },
    { name: 'bt info (tsx)', argv: [process.execPath, [BT, 'info', torrentPath]], times: [] },
    ...(dist
      ? [
          { name: 'bt --help (dist)', argv: btCommand(true, ['--help']), times: [] },
          { name: 'bt info (dist)', argv: btCommand(true, ['info', torrentPath]), times: [] },
          ...[false, true].flatMap((searchConfig) =>
            swarmhookCheckouts(true, values.compare).map(({ name, clientModule }, i) => ({
              name: `createClient()${searchConfig ? ' + .btrc search' : ''} ${i === 0 ? '(dist)' : name}`,
              argv: [process.execPath, ['--input-type=module', '-e', createClientScript(clientModule, searchConfig)]] as [string, string[]],
              times: [] as number[],
              cpuMs: [] as number[],
              ...(searchConfig ? { cwd: noConfigHere } : {}),
            })),
          ),
        ]
      : []),
    ...(existsSync(TRANSMISSION_SHOW) ? [{ name: 'transmission-show', argv: [TRANSMISSION_SHOW, [torrentPath]] as [string, string[]], times: [] }] : []),
    ...(existsSync(PYTHON) ? [{ name: 'python: import libtorrent', argv: [PYTHON, ['-c', 'import libtorrent']] as [string, string[]], times: [] }] : []),
  ];
  if (!dist) console.log('(no dist/ build: run `npm run build` for the compiled figures)');
  for (let r = 0; r < RUNS; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length]!;
      const t0 = performance.now();
      const run = spawnSync(c.argv[0], c.argv[1], { stdio: ['ignore', 'pipe', 'pipe'], ...(c.cwd === undefined ? {} : { cwd: c.cwd }) });
      c.times.push(performance.now() - t0);
      if (run.status !== 0) throw new Error(`${c.name} failed (${run.status}): ${run.stderr.toString().slice(-500)}`);
      if (c.cpuMs !== undefined) c.cpuMs.push((JSON.parse(run.stdout.toString().trim().split('\n').pop() ?? '{}') as { cpuMs: number }).cpuMs);
    }
  }
  const counted = contenders.filter((c) => c.cpuMs !== undefined);
  if (counted.length > 0) {
    console.log('modules loaded (untimed run; ES modules other than node: ones, and CommonJS):');
    for (const c of counted) {
      const { esm, cjs } = await countModules(root, c.argv, c.cwd);
      console.log(`  ${c.name.padEnd(44)} ${String(esm).padStart(4)} ES + ${String(cjs).padStart(3)} CommonJS`);
    }
  }
  const floor = median(contenders[0]!.times);
  const show = contenders.find((c) => c.name === 'transmission-show');
  console.log(`start-up, whole-process wall time, median of ${RUNS} interleaved:`);
  for (const c of contenders) {
    const ms = median(c.times);
    const vsShow = show === undefined || c === show ? '' : `, ${(ms / median(show.times)).toFixed(1)}x transmission-show`;
    const cpu = c.cpuMs === undefined ? '' : `, CPU to the client made ${(median(c.cpuMs) / 1000).toFixed(3)} s`;
    console.log(`  ${c.name.padEnd(44)} ${(ms / 1000).toFixed(3)} s  (${(ms - floor).toFixed(0).padStart(4)} ms over bare node${vsShow}${cpu})`);
  }
} finally {
  await rm(root, { recursive: true, force: true });
}

/**
 * Runs `argv` (a node command) once with a loader hook that lists every ES
 * module it loads and a preload that lists require.cache at exit, and counts
 * both (node: built-ins and the -e script left out).
 */
async function countModules(dir: string, argv: [string, string[]], cwd: string | undefined): Promise<{ esm: number; cjs: number }> {
  const esmList = join(dir, 'esm-modules.txt');
  const cjsList = join(dir, 'cjs-modules.txt');
  const hook = join(dir, 'list-hook.mjs');
  const register = join(dir, 'list-register.mjs');
  const preload = join(dir, 'list-require-cache.cjs');
  await writeFile(
    hook,
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  const result = await next(url, context);\n  if (url.startsWith('file:')) appendFileSync(${JSON.stringify(esmList)}, url + '\\n');\n  return result;\n}\n`,
  );
  await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  await writeFile(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(cjsList)}, Object.keys(require.cache).join('\\n')));\n`);
  await rm(esmList, { force: true });
  const [command, args] = argv;
  const run = spawnSync(command, ['--import', register, '--require', preload, ...args], { stdio: ['ignore', 'pipe', 'pipe'], ...(cwd === undefined ? {} : { cwd }) });
  if (run.status !== 0) throw new Error(`counting modules failed (${run.status}): ${run.stderr.toString().slice(-500)}`);
  const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
  return { esm: (await lines(esmList)).length, cjs: (await lines(cjsList)).filter((file) => file !== preload).length };
}
