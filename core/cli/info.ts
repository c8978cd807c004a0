// `bt info <file.torrent | URL | magnet link> [--json]`: what a torrent holds.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatBytes } from './human-units.ts';
// The modules themselves, not the folders' index files: those load the listener, the dialer and the
// torrent creator (with its hash workers), which `bt info` never uses and `bt` must start without.
// The address helpers (ipaddr.js) load only for a magnet link's peers.
import { MetainfoError } from '../metainfo/errors.ts';
import { parseMagnet, toMagnetURI } from '../metainfo/magnet.ts';
import { parseTorrent } from '../metainfo/parse.ts';
import { ClientError } from '../client-error.ts';
import { fetchTorrentFile, isTorrentFileUrl } from '../torrent-file-url.ts';
import type { MagnetLink, Metainfo } from '../metainfo/types.ts';

export interface CliIO {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const USAGE = `usage: bt info <file.torrent | URL | magnet:?...> [--json]

Shows a torrent's name, info hash, pieces, size, files (index, bytes, path; the index
is what bt download --select takes), tracker tiers and web seeds.
  --json   print the same as JSON
`;

/** "1.5 MiB (1572864 bytes)" */
export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${formatBytes(bytes)} (${bytes} bytes)`;
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
const row = (label: string, value: string): string => `${`${label}:`.padEnd(15)}${value}\n`;

function describeTorrent(m: Metainfo): string {
  let out = '';
  out += row('name', m.name);
  out += row('info hash', m.infoHash);
  out += row('piece length', formatSize(m.pieceLength));
  out += row('pieces', `${m.pieceCount}${m.pieceCount > 1 ? ` (last ${formatSize(m.lastPieceLength)})` : ''}`);
  out += row('total size', formatSize(m.length));
  out += row('private', yesNo(m.private));
  if (m.createdBy !== undefined) out += row('created by', m.createdBy);
  if (m.creationDate !== undefined) out += row('created', new Date(m.creationDate * 1000).toISOString());
  if (m.comment !== undefined) out += row('comment', m.comment);
  if (m.source !== undefined) out += row('source', m.source);
  out += row('magnet', toMagnetURI(m));
  out += m.announce.length === 0 ? row('trackers', 'none') : 'trackers:\n';
  m.announce.forEach((tier, i) => {
    out += `  tier ${i + 1}: ${tier.join(', ')}\n`;
  });
  out += m.urlList.length === 0 ? row('web seeds', 'none') : 'web seeds:\n';
  for (const url of m.urlList) out += `  ${url}\n`;
  const width = Math.max(...m.files.map((f) => String(f.length).length));
  // The index is what `bt download --select` takes.
  const indexWidth = String(m.files.length - 1).length;
  out += `files (${m.files.length}):\n`;
  m.files.forEach((f, i) => {
    out += `  ${String(i).padStart(indexWidth)}  ${String(f.length).padStart(width)}  ${f.path}${f.padding ? '  [padding]' : ''}\n`;
  });
  return out;
}

/** `peers`: the magnet's peers as ip:port text. */
function describeMagnet(m: MagnetLink, peers: readonly string[]): string {
  let out = '';
  out += row('name', m.name ?? '(not given)');
  out += row('info hash', m.infoHash);
  out += m.trackers.length === 0 ? row('trackers', 'none') : 'trackers:\n';
  for (const url of m.trackers) out += `  ${url}\n`;
  out += m.webSeeds.length === 0 ? row('web seeds', 'none') : 'web seeds:\n';
  for (const url of m.webSeeds) out += `  ${url}\n`;
  if (peers.length > 0) {
    out += 'peers:\n';
    for (const p of peers) out += `  ${p}\n`;
  }
  out += 'files and sizes are known once the metadata arrives from peers\n';
  return out;
}

function torrentJson(m: Metainfo): object {
  return {
    name: m.name,
    infoHash: m.infoHash,
    pieceLength: m.pieceLength,
    pieceCount: m.pieceCount,
    lastPieceLength: m.lastPieceLength,
    length: m.length,
    private: m.private,
    multiFile: m.multiFile,
    createdBy: m.createdBy,
    creationDate: m.creationDate,
    comment: m.comment,
    source: m.source,
    announce: m.announce,
    urlList: m.urlList,
    magnet: toMagnetURI(m),
    files: m.files.map((f) => ({ path: f.path, length: f.length, offset: f.offset, ...(f.padding && { padding: true }) })),
  };
}

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.stderr.write(`bt info: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [target, ...extra] = parsed.positionals;
  if (target === undefined || extra.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  const json = parsed.values.json === true;
  try {
    if (/^magnet:/i.test(target)) {
      const magnet = parseMagnet(target);
      if (json) io.stdout.write(`${JSON.stringify({ ...magnet, infoHashBuffer: undefined }, null, 2)}\n`);
      else {
        const peers = magnet.peers.length === 0 ? [] : magnet.peers.map((await import('../net/address.ts')).formatAddress);
        io.stdout.write(describeMagnet(magnet, peers));
      }
      return 0;
    }
    const metainfo = parseTorrent(isTorrentFileUrl(target) ? await fetchWithDefaults(target) : await readFile(target));
    io.stdout.write(json ? `${JSON.stringify(torrentJson(metainfo), null, 2)}\n` : describeTorrent(metainfo));
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof MetainfoError) io.stderr.write(`bt info: ${target}: [${err.code}] ${err.message}\n`);
    else if (err instanceof ClientError) io.stderr.write(`bt info: [${err.code}] ${err.message}\n`);
    else if (typeof e.code === 'string' && e.syscall !== undefined) io.stderr.write(`bt info: cannot read ${target}: [${e.code}] ${e.message}\n`);
    else throw err;
    return 1;
  }
}

/** A .torrent by URL, within the .btrc defaults' limits (limits.maxTorrentFileBytes, timeouts.torrentFileMs); the settings load only here. */
async function fetchWithDefaults(url: string): Promise<Buffer> {
  const { resolveSettings } = await import('../settings.ts');
  return fetchTorrentFile(url, resolveSettings({}));
}
