// torrent-get, torrent-add, torrent-start, torrent-stop, torrent-remove,
// torrent-set, torrent-verify.
import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { ClientError, isTorrentFileUrl, torrentDir, type Metainfo, type Swarm } from '../../core/index.ts';
import { parseMagnet, parseTorrent } from '../../core/metainfo/index.ts';
import { onlyArguments, optionalBoolean, optionalCount, optionalIndexes, optionalString } from './arguments.ts';
import { confine } from './download-roots.ts';
import { RpcError } from './errors.ts';
import { applyFileChoices, FILE_ARGUMENTS } from './file-choices.ts';
import type { RpcSession } from './session-methods.ts';
import { KNOWN_TORRENT_FIELDS, SPEED_BYTES, torrentFields } from './torrent-fields.ts';
import type { TorrentIds } from './torrent-ids.ts';

type Args = Readonly<Record<string, unknown>>;

export interface TorrentContext extends RpcSession {
  readonly ids: TorrentIds;
}

export function torrentGet(c: TorrentContext, args: Args): Record<string, unknown> {
  const fields = args.fields;
  if (!Array.isArray(fields) || fields.length === 0 || !fields.every((f) => typeof f === 'string')) {
    throw new RpcError('RPC_BAD_ARGUMENT', 'torrent-get needs "fields", a list of field names');
  }
  const unknown = fields.find((f) => !KNOWN_TORRENT_FIELDS.has(f));
  if (unknown !== undefined) throw new RpcError('RPC_BAD_ARGUMENT', `unknown field "${unknown.slice(0, 64)}"`);
  if (args.format !== undefined && args.format !== 'objects') throw new RpcError('RPC_NOT_SUPPORTED', `torrent-get: format "${String(args.format).slice(0, 20)}" is not supported`);
  const torrents = c.ids.select(c.client, args.ids).map((t) => torrentFields(t, fields, c));
  return { torrents };
}

const ADD_ARGUMENTS = new Set(['filename', 'metainfo', 'download-dir', 'paused', 'files-wanted', 'files-unwanted']);

/** Files to download: all but files-unwanted, or only files-wanted; undefined for all. */
function selectedFiles(args: Args, meta: Metainfo): number[] | undefined {
  const count = meta.files.length;
  const wanted = optionalIndexes(args, 'files-wanted', count);
  const unwanted = optionalIndexes(args, 'files-unwanted', count);
  if (wanted === undefined && unwanted === undefined) return undefined;
  const chosen = new Set(wanted ?? meta.files.map((_, i) => i));
  for (const i of unwanted ?? []) chosen.delete(i);
  return [...chosen].sort((a, b) => a - b);
}

export async function torrentAdd(c: TorrentContext, args: Args): Promise<Record<string, unknown>> {
  onlyArguments('torrent-add', args, ADD_ARGUMENTS);
  const filename = optionalString(args, 'filename');
  const metainfo = optionalString(args, 'metainfo');
  const paused = optionalBoolean(args, 'paused') ?? false;
  const given = optionalString(args, 'download-dir');
  const dir = given === undefined ? c.client.downloadDir : await confine(given, c.roots, 'download-dir');
  if ((filename === undefined) === (metainfo === undefined)) throw new RpcError('RPC_BAD_ARGUMENT', 'torrent-add needs either "filename" or "metainfo"');
  if (filename !== undefined && /^magnet:\?/i.test(filename.trim())) {
    if (args['files-wanted'] !== undefined || args['files-unwanted'] !== undefined) throw new RpcError('RPC_NOT_SUPPORTED', 'a magnet link cannot select files before its metadata is in');
    const link = parseMagnet(filename);
    const existing = c.ids.all(c.client).find((t) => t.torrent.infoHash === link.infoHash);
    if (existing !== undefined) return { 'torrent-duplicate': { id: c.ids.idOf(link.infoHash), name: existing.torrent.name, hashString: link.infoHash } };
    // The metadata may take long (or never come): the add goes on after the answer; the torrent is listed meanwhile.
    c.client.addTorrent(filename, { dir, paused }).catch(() => undefined);
    return { 'torrent-added': { id: c.ids.idOf(link.infoHash), name: link.name ?? link.infoHash, hashString: link.infoHash } };
  }
  let meta: Metainfo;
  if (filename !== undefined && isTorrentFileUrl(filename)) {
    // As transmission-daemon: the daemon fetches the .torrent itself, within the client's limits.
    meta = await c.client.readTorrentFile(filename).catch((err: Error) => {
      if (err instanceof ClientError) throw new RpcError('RPC_FAILED', `torrent-add: ${err.message}`);
      throw new RpcError('RPC_BAD_ARGUMENT', `invalid or corrupt torrent file (${err.message})`);
    });
  } else {
    let bytes: Buffer;
    if (metainfo !== undefined) {
      bytes = Buffer.from(metainfo, 'base64');
    } else {
      if (/^[a-z]+:\/\//i.test(filename!)) throw new RpcError('RPC_NOT_SUPPORTED', `torrent-add: only http, https and magnet links are fetched, not ${filename!.split(':')[0]!.slice(0, 20)}: ones`);
      const path = await confine(filename!, c.roots, 'filename');
      bytes = await readFile(path).catch((err: Error) => {
        throw new RpcError('RPC_FAILED', `torrent-add: cannot read ${filename}: ${err.message}`);
      });
    }
    try {
      meta = parseTorrent(bytes);
    } catch (err) {
      throw new RpcError('RPC_BAD_ARGUMENT', `invalid or corrupt torrent file (${(err as Error).message})`);
    }
  }
  if (c.ids.all(c.client).some((t) => t.torrent.infoHash === meta.infoHash)) {
    return { 'torrent-duplicate': { id: c.ids.idOf(meta.infoHash), name: meta.name, hashString: meta.infoHash } };
  }
  const files = selectedFiles(args, meta);
  const id = c.ids.idOf(meta.infoHash);
  try {
    await c.client.addTorrent(meta, { dir, paused, ...(files === undefined ? {} : { files }) });
  } catch (err) {
    if (err instanceof ClientError && err.code === 'TORRENT_EXISTS') return { 'torrent-duplicate': { id, name: meta.name, hashString: meta.infoHash } };
    throw new RpcError('RPC_FAILED', `torrent-add: ${(err as Error).message}`);
  }
  return { 'torrent-added': { id, name: meta.name, hashString: meta.infoHash } };
}

/** The running torrents (not magnets still fetching metadata) that `ids` names. */
function running(c: TorrentContext, args: Args): Swarm[] {
  return c.ids.select(c.client, args.ids).flatMap((t) => (t.kind === 'torrent' ? [t.torrent] : []));
}

export function torrentStart(c: TorrentContext, args: Args): Record<string, unknown> {
  onlyArguments('torrent-start', args, new Set(['ids']));
  for (const t of running(c, args)) t.resume();
  return {};
}

export function torrentStop(c: TorrentContext, args: Args): Record<string, unknown> {
  onlyArguments('torrent-stop', args, new Set(['ids']));
  for (const t of running(c, args)) t.pause();
  return {};
}

/** Deletes a removed torrent's files, then the folders of a multi-file torrent that are left empty (never the download folder itself). */
async function deleteData(dir: string, files: readonly { readonly path: string }[]): Promise<void> {
  const folders = new Set<string>();
  for (const f of files) {
    const path = join(dir, ...f.path.split('/'));
    await rm(path, { force: true });
    for (let at = dirname(path); at.length > dir.length && at.startsWith(dir + sep); at = dirname(at)) folders.add(at);
  }
  // Deepest first; a folder holding anything else stays.
  for (const folder of [...folders].sort((a, b) => b.length - a.length)) await rmdir(folder).catch(() => undefined);
}

export async function torrentRemove(c: TorrentContext, args: Args): Promise<Record<string, unknown>> {
  onlyArguments('torrent-remove', args, new Set(['ids', 'delete-local-data']));
  const deleteLocal = optionalBoolean(args, 'delete-local-data') ?? false;
  for (const t of c.ids.select(c.client, args.ids)) {
    const dir = t.kind === 'torrent' ? torrentDir(t.torrent) : undefined;
    const files = t.kind === 'torrent' ? t.torrent.files.map((f) => ({ path: f.path })) : [];
    await c.client.removeTorrent(t.torrent.infoHash);
    c.ids.forget(t.torrent.infoHash);
    if (deleteLocal && dir !== undefined) await deleteData(dir, files);
  }
  return {};
}

const SET_ARGUMENTS = new Set(['ids', 'downloadLimit', 'downloadLimited', 'uploadLimit', 'uploadLimited', ...FILE_ARGUMENTS]);

export function torrentSet(c: TorrentContext, args: Args): Record<string, unknown> {
  onlyArguments('torrent-set', args, SET_ARGUMENTS);
  const torrents = running(c, args);
  // Every torrent's file indexes are checked before any torrent changes.
  const choosesFiles = FILE_ARGUMENTS.some((key) => args[key] !== undefined);
  if (choosesFiles && c.ids.select(c.client, args.ids).some((t) => t.kind !== 'torrent')) {
    throw new RpcError('RPC_NOT_SUPPORTED', 'torrent-set: a magnet link cannot choose files before its metadata is in');
  }
  for (const t of torrents) for (const key of FILE_ARGUMENTS) optionalIndexes(args, key, t.files.length);
  const down = optionalCount(args, 'downloadLimit');
  const up = optionalCount(args, 'uploadLimit');
  const downOn = optionalBoolean(args, 'downloadLimited');
  const upOn = optionalBoolean(args, 'uploadLimited');
  for (const t of torrents) {
    if (choosesFiles) applyFileChoices(t, args);
    const now = t.rateLimits;
    const downKb = down ?? Math.round(now.download / SPEED_BYTES);
    const upKb = up ?? Math.round(now.upload / SPEED_BYTES);
    t.setRateLimits({
      download: (downOn ?? (down !== undefined || now.download > 0)) ? downKb * SPEED_BYTES : 0,
      upload: (upOn ?? (up !== undefined || now.upload > 0)) ? upKb * SPEED_BYTES : 0,
    });
  }
  return {};
}

/** Rechecks the torrents' data on disk; the answer comes at once and torrent-get shows them checking (as Transmission queues its verify). */
export function torrentVerify(c: TorrentContext, args: Args): Record<string, unknown> {
  onlyArguments('torrent-verify', args, new Set(['ids']));
  // A failure stops the torrent with its error (torrent-get's error and errorString), as for any storage error.
  for (const t of running(c, args)) void t.recheck();
  return {};
}
