// The web-ui page in a real browser: Debian's headless Chromium, driven by
// puppeteer-core pointed at /usr/bin/chromium (nothing downloads a browser).
// The test adds a .torrent through the page, watches it complete from a
// libtorrent seeder, sees the hook events stream in and filters them, pauses,
// resumes and removes it, and keeps a screenshot in test-artifacts/.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDaemon } from '../../core/cli/daemon.ts';
import { writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { assertSameFiles, freePort, makeSeedTorrent, SINGLE_FILE } from '../helpers/interop-swarm.ts';
import { hasCommand, interopTest, LIBTORRENT, type Requirement } from '../helpers/interop.ts';
import { LibtorrentSession } from '../helpers/libtorrent.ts';
import { tempDir } from '../helpers/payload.ts';

const CHROMIUM_BIN = '/usr/bin/chromium';
const CHROMIUM: Requirement = { name: 'chromium', install: 'apt-get install -y chromium', available: () => hasCommand(CHROMIUM_BIN) };
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

const test = interopTest(LIBTORRENT, CHROMIUM);

test('the web UI adds a torrent, shows it complete with its events, filters them by severity, pauses, resumes and removes it', async (t) => {
  t.timeout(180_000);
  const seed = await makeSeedTorrent(t, SINGLE_FILE);
  const lt = await LibtorrentSession.start(t, { torrentPath: seed.torrentPath, saveDir: seed.dir, mode: 'seed', listen: '127.0.0.1' });
  await lt.waitFor((l) => l.event === 'state' && l.state === 'seeding', 'libtorrent to seed', 20_000);
  const root = await tempDir(t, 'swarmhook-web-root-');
  const downloads = join(root, 'downloads');
  const rpcPort = await freePort();
  const config = await writeDaemonConfig(await tempDir(t, 'swarmhook-web-config-'), { rpcPort, root });
  const daemon = await startDaemon({ state: await tempDir(t, 'swarmhook-web-state-'), config, logLevel: 'off' });
  t.teardown(() => daemon.stop());

  const browser = await puppeteer.launch({ executablePath: CHROMIUM_BIN, args: ['--no-sandbox', '--headless=new'], headless: true });
  t.teardown(() => browser.close());
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.goto(`http://127.0.0.1:${rpcPort}/`, { waitUntil: 'domcontentloaded' });
  t.is(new URL(page.url()).pathname, '/transmission/web/', '/ leads to the page');
  await page.waitForFunction(() => document.getElementById('session')?.textContent?.includes('torrent(s)'), { timeout: 20_000 });

  const file = await page.$('input#add-file');
  await file!.uploadFile(seed.torrentPath);
  await page.type('#add-dir', downloads);
  await page.click('#add-button');
  await page.waitForFunction(() => document.getElementById('add-result')?.textContent?.startsWith('added'), { timeout: 20_000 });
  lt.connect('127.0.0.1', daemon.client.port!);

  await page.waitForFunction(() => document.querySelector('#torrents tbody tr .percent')?.textContent?.includes('100.0%'), { timeout: 90_000 });
  await assertSameFiles(t, seed, downloads);
  await page.waitForSelector('#events li[data-event="torrent_complete"]', { timeout: 20_000 });
  t.is(await page.$eval('#torrents tbody tr td.name', (td) => td.textContent), SINGLE_FILE.name);
  t.is(await page.$eval('#events li[data-event="rpc_request"]', (li) => li.dataset.severity), 'info', 'the torrent-add shows as an rpc_request event');

  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'web-ui.png'), fullPage: true });

  // Unticking info hides the info events; ticking it shows them again.
  await page.click('#severity-filter input[value="info"]');
  t.true(await page.$eval('#events li[data-event="torrent_complete"]', (li) => li.hidden));
  await page.click('#severity-filter input[value="info"]');
  t.false(await page.$eval('#events li[data-event="torrent_complete"]', (li) => li.hidden));

  await page.click('#torrents button[data-action="torrent-stop"]');
  await page.waitForFunction(() => document.querySelector('#torrents tbody tr td.state')?.textContent === 'stopped', { timeout: 20_000 });
  t.is(daemon.client.torrents[0]?.state, 'paused');
  await page.click('#torrents button[data-action="torrent-start"]');
  await page.waitForFunction(() => document.querySelector('#torrents tbody tr td.state')?.textContent === 'seeding', { timeout: 20_000 });
  await page.click('#torrents button[data-action="torrent-remove"]');
  await page.waitForFunction(() => document.querySelectorAll('#torrents tbody tr').length === 0, { timeout: 20_000 });
  t.is(daemon.client.torrents.length, 0);
  t.deepEqual(pageErrors, []);
});

test('the page and its event stream are behind the RPC\'s auth', async (t) => {
  const rpcPort = await freePort();
  const root = await tempDir(t);
  const config = await writeDaemonConfig(await tempDir(t), { rpcPort, root, rpc: { username: 'me', password: 'pw' } });
  const daemon = await startDaemon({ state: await tempDir(t), config, logLevel: 'off' });
  t.teardown(() => daemon.stop());
  for (const path of ['/transmission/web/', '/transmission/web/app.js', '/transmission/web/events']) {
    const res = await fetch(`http://127.0.0.1:${rpcPort}${path}`);
    t.is(res.status, 401, path);
  }
  const authorization = `Basic ${Buffer.from('me:pw').toString('base64')}`;
  const page = await fetch(`http://127.0.0.1:${rpcPort}/transmission/web/`, { headers: { authorization } });
  t.is(page.status, 200);
  t.regex(page.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  t.is((await fetch(`http://127.0.0.1:${rpcPort}/transmission/web/../../etc/passwd`, { headers: { authorization } })).status, 404);
});
