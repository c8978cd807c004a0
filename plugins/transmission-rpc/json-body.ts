// A request body: read up to a limit (413 past it, before reading it all),
// and refused when its arrays and objects nest deeper than allowed, which is
// checked by a scan before JSON.parse builds anything.
import type { IncomingMessage } from 'node:http';
import { RpcError } from './errors.ts';

export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    return Promise.reject(new RpcError('RPC_BODY_TOO_LARGE', `the body is ${declared} bytes; at most ${maxBytes} are accepted`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer): void => {
      length += chunk.length;
      if (length > maxBytes) {
        request.off('data', onData);
        request.pause();
        reject(new RpcError('RPC_BODY_TOO_LARGE', `the body is over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks, length)));
    request.once('error', reject);
  });
}

/** The deepest nesting of [ and { outside strings; stops counting once past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > deepest && (deepest = depth) > limit) return deepest;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** A request as Transmission's RPC defines it. */
export interface RpcCall {
  readonly method: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly tag: number | undefined;
}

export function parseRpcCall(body: Buffer, maxDepth: number): RpcCall {
  const text = body.toString('utf8');
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) throw new RpcError('RPC_BAD_JSON', `the body nests deeper than ${maxDepth} levels`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new RpcError('RPC_BAD_JSON', `the body is not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RpcError('RPC_BAD_JSON', 'the body is not a JSON object');
  const { method, arguments: args, tag } = value as Record<string, unknown>;
  if (typeof method !== 'string') throw new RpcError('RPC_BAD_JSON', 'the request has no "method" string');
  if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) throw new RpcError('RPC_BAD_JSON', '"arguments" is not an object');
  return { method, arguments: (args ?? {}) as Record<string, unknown>, tag: typeof tag === 'number' && Number.isSafeInteger(tag) ? tag : undefined };
}
