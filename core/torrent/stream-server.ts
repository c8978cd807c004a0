// An HTTP server of one torrent's files, so that a media player can seek in
// a file that is still downloading: GET and HEAD, Range (206 with
// Content-Range, 416 for a range outside the file), Content-Length,
// Content-Type by extension. `/` lists the files as JSON; `/<index>` (any
// name may follow: `/<index>/<name>`) serves one. The bytes come from the
// file's stream, so missing pieces are fetched first, by deadline.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { pipeline } from 'node:stream';
import { parseRange } from './http-range.ts';
import type { SwarmFile } from './swarm-file.ts';

export type StreamServer = Server;

/** What the server serves. */
export interface ServedTorrent {
  readonly name: string;
  readonly files: readonly SwarmFile[];
}

const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
  '.mov': 'video/quicktime',
  '.ts': 'video/mp2t',
  '.ogv': 'video/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.wav': 'audio/wav',
  '.aac': 'audio/aac',
  '.srt': 'application/x-subrip',
  '.vtt': 'text/vtt',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.pdf': 'application/pdf',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.zip': 'application/zip',
  '.iso': 'application/x-iso9660-image',
});

/** The Content-Type of a file name (application/octet-stream when its extension is not known). */
export function contentTypeOf(name: string): string {
  return CONTENT_TYPES[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** `maxConnections`: connections held at once (streaming.maxServerConnections); more are closed as they arrive. */
export function createStreamServer(torrent: ServedTorrent, maxConnections: number): StreamServer {
  const server = createServer((req, res) => serve(torrent, req, res));
  server.maxConnections = maxConnections;
  return server;
}

function serve(torrent: ServedTorrent, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/') return list(torrent, req, res);
  const m = /^\/(\d+)(?:\/.*)?$/.exec(path);
  const file = m === null ? undefined : torrent.files[Number(m[1])];
  if (file === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`no such file in ${torrent.name}\n`);
    return;
  }
  const range = parseRange(req.headers.range, file.length);
  const headers: Record<string, string | number> = { 'Accept-Ranges': 'bytes', 'Content-Type': contentTypeOf(file.name) };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'Content-Range': `bytes */${file.length}` }).end();
    return;
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : file.length - 1;
  headers['Content-Length'] = end - start + 1;
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${file.length}`;
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
  if (req.method === 'HEAD' || end < start) {
    res.end();
    return;
  }
  // The headers go at once: a player learns the length and type while the first piece is still coming.
  res.flushHeaders();
  // pipeline destroys the file stream (releasing its deadlines) when the client goes away.
  pipeline(file.createReadStream({ start, end }), res, () => undefined);
}

function list(torrent: ServedTorrent, req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify(
    torrent.files.map((f) => ({ index: f.index, path: f.path, length: f.length, progress: f.progress, url: `/${f.index}/${encodeURIComponent(f.name)}` })),
  );
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
