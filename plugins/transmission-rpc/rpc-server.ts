// The HTTP server: every request passes the gate (rate, Host, auth); then
// /transmission/rpc is Transmission's RPC (session id handshake, bounded
// body, JSON depth, the method table) and any other path is asked of the
// serve_http policy hook (the web-ui plugin answers /transmission/web/).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Client } from '../../core/index.ts';
import { RpcError } from './errors.ts';
import type { ResolvedTransmissionRpcOptions } from './generated/options.ts';
import { answer, HttpGate, type Admitted } from './http-gate.ts';
import { parseRpcCall, readBody, type RpcCall } from './json-body.ts';
import { methodOf } from './rpc-methods.ts';
import type { TorrentContext } from './torrent-methods.ts';

export const RPC_PATHS: ReadonlySet<string> = new Set(['/transmission/rpc', '/transmission/rpc/']);
export const SESSION_HEADER = 'X-Transmission-Session-Id';

export function createRpcServer(client: Client, options: ResolvedTransmissionRpcOptions, context: TorrentContext): Server {
  const gate = new HttpGate(client, options);
  const server = createServer((request, response) => {
    void handle(request, response).catch((err: unknown) => answer(response, 500, `internal error: ${(err as Error).message}`));
  });
  server.maxConnections = options.maxConnections;
  // Slow clients (slowloris) do not hold a connection for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const caller = gate.admit(request, response);
    if (caller === undefined) return;
    const path = (request.url ?? '/').split('?')[0]!;
    if (!RPC_PATHS.has(path)) {
      const handler = client.hooks.serve_http.call({ method: request.method ?? 'GET', path, ip: caller.ip, user: caller.user });
      if (handler === undefined) answer(response, 404, 'Not found');
      else handler(request, response);
      return;
    }
    if (request.headers[SESSION_HEADER.toLowerCase()] !== context.sessionId) {
      // Transmission's CSRF guard: the client learns the id from this answer and sends it again.
      answer(response, 409, `409: Conflict: send the ${SESSION_HEADER} header given here`, { [SESSION_HEADER]: context.sessionId });
      return;
    }
    if (request.method !== 'POST') {
      answer(response, 405, 'RPC requests are POSTed', { Allow: 'POST' });
      return;
    }
    let call: RpcCall;
    try {
      call = parseRpcCall(await readBody(request, options.maxBodyBytes), options.maxJsonDepth);
    } catch (err) {
      if (!(err instanceof RpcError)) throw err;
      client.emit('rpc_refused', { ip: caller.ip, code: err.code, reason: err.message });
      // An oversized body is not read to its end: the connection goes.
      const tooLarge = err.code === 'RPC_BODY_TOO_LARGE';
      answer(response, tooLarge ? 413 : 400, err.message, tooLarge ? { Connection: 'close' } : {});
      if (tooLarge) response.once('finish', () => request.socket.destroy());
      return;
    }
    const result = await run(call, caller);
    response.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify({ ...result, ...(call.tag === undefined ? {} : { tag: call.tag }) }));
  }

  async function run(call: RpcCall, caller: Admitted): Promise<{ result: string; arguments: Record<string, unknown> }> {
    try {
      const method = methodOf(call.method);
      if (method.changesState) {
        const request = { method: call.method, ip: caller.ip, user: caller.user, arguments: call.arguments };
        const verdict = client.hooks.allow_rpc_request.call(request);
        if (verdict !== undefined && !verdict.allow) throw new RpcError('RPC_VETOED', `refused: ${verdict.reason}`);
        client.emit('rpc_request', request);
      }
      return { result: 'success', arguments: await method.run(context, call.arguments) };
    } catch (err) {
      if (!(err instanceof RpcError)) throw err;
      if (err.code === 'RPC_VETOED') client.emit('rpc_refused', { ip: caller.ip, code: err.code, reason: err.message });
      // Transmission answers 200 with the failure in `result`.
      return { result: err.message, arguments: {} };
    }
  }
  return server;
}

export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}
