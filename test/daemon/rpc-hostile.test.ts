// Hostile requests to the transmission-rpc endpoint of a running daemon:
// each is refused the way Transmission refuses it (or with a coded
// rpc_refused), and the daemon keeps answering.
import { mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import test, { type ExecutionContext } from 'ava';
import { startDaemon, type RunningDaemon } from '../../core/cli/daemon.ts';
import type { EventInfo } from '../../core/index.ts';
import { writeDaemonConfig } from '../helpers/bt-daemon.ts';
import { freePort } from '../helpers/interop-swarm.ts';
import { tempDir } from '../helpers/payload.ts';
import { basic, httpRequest, RpcSession } from '../helpers/rpc-client.ts';

interface TestDaemon {
  readonly daemon: RunningDaemon;
  readonly port: number;
  readonly root: string;
  readonly refused: EventInfo<'rpc_refused'>[];
  readonly requests: EventInfo<'rpc_request'>[];
}

async function daemonWith(t: ExecutionContext, rpc: object = {}): Promise<TestDaemon> {
  const root = await tempDir(t, 'swarmhook-rpc-root-');
  const port = await freePort();
  const config = await writeDaemonConfig(await tempDir(t, 'swarmhook-rpc-config-'), { rpcPort: port, root, rpc });
  const daemon = await startDaemon({ state: await tempDir(t, 'swarmhook-rpc-state-'), config, logLevel: 'off' });
  t.teardown(() => daemon.stop());
  const refused: EventInfo<'rpc_refused'>[] = [];
  const requests: EventInfo<'rpc_request'>[] = [];
  daemon.client.on_rpc_refused((_c, info) => refused.push(info));
  daemon.client.on_rpc_request((_c, info) => requests.push(info));
  await until200(port);
  return { daemon, port, root, refused, requests };
}

/** The server answers (a 409 is an answer). */
async function until200(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await httpRequest(port, { body: '{}' });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function stillUp(t: ExecutionContext, d: TestDaemon, headers: Record<string, string> = {}): Promise<void> {
  const answer = await new RpcSession(d.port, headers).call('session-get');
  t.is(answer.result, 'success', 'the daemon still answers');
}

test('no session id, or a wrong one: 409 with the id to use; that id works', async (t) => {
  const d = await daemonWith(t);
  const none = await httpRequest(d.port, { body: '{"method":"session-get"}' });
  t.is(none.status, 409);
  const id = none.headers['x-transmission-session-id'];
  t.true(typeof id === 'string' && id.length >= 16);
  const wrong = await httpRequest(d.port, { headers: { 'X-Transmission-Session-Id': 'guess' }, body: '{"method":"session-get"}' });
  t.is(wrong.status, 409);
  const right = await httpRequest(d.port, { headers: { 'X-Transmission-Session-Id': String(id) }, body: '{"method":"session-get","tag":7}' });
  t.is(right.status, 200);
  t.like(JSON.parse(right.body), { result: 'success', tag: 7 });
});

test('wrong passwords are refused and reported, and after maxFailedLogins even the right one waits', async (t) => {
  const d = await daemonWith(t, { username: 'admin', password: 's3cret', maxFailedLogins: 3, loginWindowMs: 60_000 });
  t.is((await httpRequest(d.port, { body: '{}' })).status, 401, 'no credentials: 401');
  for (let i = 0; i < 3; i++) {
    const res = await httpRequest(d.port, { headers: { Authorization: basic('admin', `guess${i}`) }, body: '{}' });
    t.is(res.status, 401);
    t.regex(String(res.headers['www-authenticate']), /^Basic realm=/);
  }
  t.deepEqual(d.refused.map((r) => r.code), ['RPC_AUTH_FAILED', 'RPC_AUTH_FAILED', 'RPC_AUTH_FAILED']);
  t.is(d.refused[0]!.severity, 'warning');
  const locked = await httpRequest(d.port, { headers: { Authorization: basic('admin', 's3cret') }, body: '{}' });
  t.is(locked.status, 429, 'the rate limit bites: the right password waits for the window');
  t.is(d.refused.at(-1)!.code, 'RPC_LOGIN_LOCKED');
});

test('the right password works (another address would be locked out separately)', async (t) => {
  const d = await daemonWith(t, { username: 'admin', password: 's3cret' });
  await stillUp(t, d, { Authorization: basic('admin', 's3cret') });
  t.deepEqual(d.refused, []);
});

test('a 100 MB body is refused with 413 without being read; so is one without a length', async (t) => {
  const d = await daemonWith(t, { maxBodyBytes: 1024 * 1024 });
  const session = new RpcSession(d.port);
  await session.call('session-get');
  const declared = await httpRequest(d.port, {
    headers: { 'X-Transmission-Session-Id': session.sessionId, 'Content-Length': String(100 * 1024 * 1024) },
    body: async (write) => {
      write(Buffer.alloc(64 * 1024, 0x20));
    },
  }).catch((err: Error) => ({ status: -1, headers: {}, body: err.message }));
  t.true(declared.status === 413 || declared.status === -1, `status ${declared.status}`);
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  let written = 0;
  const streamed = await httpRequest(d.port, {
    headers: { 'X-Transmission-Session-Id': session.sessionId, 'Transfer-Encoding': 'chunked' },
    body: async (write) => {
      for (; written < 100 * 1024 * 1024; written += chunk.length) {
        if (!write(chunk)) await new Promise((r) => setTimeout(r, 1));
      }
    },
  }).catch((err: Error) => ({ status: -1, headers: {}, body: err.message }));
  t.true(streamed.status === 413 || streamed.status === -1, `status ${streamed.status}`);
  t.true(d.refused.some((r) => r.code === 'RPC_BODY_TOO_LARGE'));
  await stillUp(t, d);
});

test('deeply nested JSON is refused before it is parsed; garbage is a 400; an unknown method is Transmission\'s result string', async (t) => {
  const d = await daemonWith(t);
  const session = new RpcSession(d.port);
  await session.call('session-get');
  const headers = { 'X-Transmission-Session-Id': session.sessionId };
  const deep = await httpRequest(d.port, { headers, body: `{"method":"session-get","arguments":${'['.repeat(500_000)}${']'.repeat(500_000)}}` });
  t.is(deep.status, 400);
  t.regex(deep.body, /nests deeper than 32/);
  t.is((await httpRequest(d.port, { headers, body: '{"method": "session-get",' })).status, 400);
  t.is((await httpRequest(d.port, { headers, body: '[1,2]' })).status, 400);
  t.is((await session.call('torrent-explode')).result, 'method name not recognized');
  t.regex((await session.call('torrent-get', { fields: ['id', 'nonsense'] })).result, /unknown field "nonsense"/);
  t.regex((await session.call('torrent-get', { fields: ['id'], ids: [{ x: 1 }] })).result, /neither a torrent id nor an info hash/);
  t.regex((await session.call('torrent-set', { bandwidthPriority: 1 })).result, /"bandwidthPriority" is not supported/);
  t.regex((await session.call('torrent-verify', { ids: [1], 'delete-local-data': true })).result, /"delete-local-data" is not supported/);
  t.deepEqual(d.refused.map((r) => r.code), ['RPC_BAD_JSON', 'RPC_BAD_JSON', 'RPC_BAD_JSON']);
  await stillUp(t, d);
});

test('download-dir outside the roots is refused: ../, another folder, a relative path, a symlink leading out', async (t) => {
  const d = await daemonWith(t);
  const outside = await tempDir(t, 'swarmhook-rpc-outside-');
  await mkdir(join(d.root, 'inside'));
  await symlink(outside, join(d.root, 'escape'));
  const session = new RpcSession(d.port);
  for (const dir of [join(d.root, '..', 'elsewhere'), `${d.root}/inside/../../x`, outside, 'relative/dir', join(d.root, 'escape'), join(d.root, 'escape', 'deeper')]) {
    const answer = await session.call('session-set', { 'download-dir': dir });
    t.regex(answer.result, /outside the folders this daemon may use|must be an absolute path/, dir);
    const add = await session.call('torrent-add', { filename: 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567', 'download-dir': dir });
    t.regex(add.result, /outside the folders this daemon may use|must be an absolute path/, dir);
  }
  t.is((await session.call('free-space', { path: '/' })).result.includes('outside'), true);
  t.is((await session.call('session-set', { 'download-dir': join(d.root, 'inside') })).result, 'success');
  t.is((await session.call('session-get', { fields: ['download-dir'] })).arguments['download-dir'], join(d.root, 'inside'));
  t.is(d.daemon.client.magnets.length, 0, 'nothing was added');
});

test('a flood of requests gets 429 past the rate (or the connection closed past maxConnections), reported once, and the daemon answers again after it', async (t) => {
  const d = await daemonWith(t, { requestsPerSecond: 20, maxConnections: 64 });
  // -1: the connection was closed at once (more than maxConnections open).
  const started = Date.now();
  const statuses = await Promise.all(Array.from({ length: 300 }, () => httpRequest(d.port, { body: '{}' }).then((r) => r.status, () => -1)));
  // The burst (twice the rate) and what refilled while the flood lasted, on a slow machine too.
  const allowed = 40 + Math.ceil(((Date.now() - started) / 1000) * 20);
  const passed = statuses.filter((s) => s === 409).length;
  t.true(passed <= allowed, `${passed} got through, at most ${allowed} may`);
  t.true(statuses.includes(429));
  t.is(d.refused.filter((r) => r.code === 'RPC_RATE_LIMITED').length, 1, 'a flood is reported once');
  await new Promise((r) => setTimeout(r, 1500));
  await stillUp(t, d);
});

test('a foreign Host header is refused (DNS rebinding); state changes fire rpc_request and a plugin can veto them', async (t) => {
  const d = await daemonWith(t);
  const rebinding = await httpRequest(d.port, { headers: { Host: 'evil.example:9091' }, body: '{}' });
  t.is(rebinding.status, 421);
  t.is(d.refused[0]?.code, 'RPC_HOST_NOT_ALLOWED');
  d.daemon.client.hooks.allow_rpc_request.tap('read-only', (request) => (request.method === 'session-get' ? undefined : { allow: false, reason: 'read-only hours' }));
  const session = new RpcSession(d.port);
  t.is((await session.call('session-get')).result, 'success');
  t.is((await session.call('session-set', { 'speed-limit-down': 10, 'speed-limit-down-enabled': true })).result, 'refused: read-only hours');
  t.is(d.daemon.client.rateLimits.download, 0, 'the vetoed request changed nothing');
  t.deepEqual(d.requests, [], 'a vetoed request does not fire rpc_request');
  t.is(d.refused.at(-1)?.code, 'RPC_VETOED');
});

test('session-set changes the client\'s limits and fires rpc_request with the caller', async (t) => {
  const d = await daemonWith(t);
  const session = new RpcSession(d.port);
  t.is((await session.call('session-set', { 'speed-limit-down': 500, 'speed-limit-down-enabled': true })).result, 'success');
  t.is(d.daemon.client.rateLimits.download, 500_000);
  t.like(d.requests[0], { method: 'session-set', ip: '127.0.0.1', user: undefined, event: 'rpc_request' });
  t.like((await session.call('session-get')).arguments, { 'speed-limit-down': 500, 'speed-limit-down-enabled': true });
  t.regex((await session.call('session-set', { 'alt-speed-down': 1 })).result, /not supported/);
});
