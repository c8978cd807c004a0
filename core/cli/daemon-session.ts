// The daemon's session in its state folder: which torrents it runs, where
// their files are, whether each is paused, its files' priorities, the rate
// limits (the client's and each torrent's), the download folder when a
// remote changed it, and the magnet links still fetching their metadata.
// `session.json` is rewritten atomically (temporary file, fsync, rename)
// whenever it changed, every saveIntervalMs and on stop;
// each torrent's .torrent is kept in `torrents/<infohash>.torrent`. What the
// torrents have is in their resume data (`resume/`, the client's
// resume.dir), so that a restart checks nothing.
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Client } from '../client.ts';
import { ClientError } from '../client-error.ts';
import { encodeTorrent, toMagnetURI, type Metainfo } from '../metainfo/index.ts';
import type { RateLimits } from '../net/rate-limiter.ts';
import { resumeFilePath, writeFileAtomic } from '../storage/resume-data.ts';
import type { Swarm } from '../torrent/index.ts';
import { torrentDir } from '../torrent/torrent-dir.ts';
import { FILE_PRIORITIES, type FilePriority } from '../torrent/file-priorities.ts';
import { DaemonError } from './daemon-lock.ts';

export const SESSION_FILE = 'session.json';
export const SESSION_VERSION = 1;

export interface SessionTorrent {
  readonly infoHash: string;
  readonly name: string;
  /** The folder the torrent's files are in (its download-dir). */
  readonly dir: string;
  readonly paused: boolean;
  /** This torrent's own limits, bytes per second (0 = unlimited). */
  readonly rateLimits: RateLimits;
  /** Each file's priority (`skip`: not downloaded), when any is not `normal`. */
  readonly priorities?: readonly FilePriority[];
}

/** A magnet link still fetching its metadata: added again by its link (it has no .torrent yet). */
export interface SessionMagnet {
  readonly infoHash: string;
  readonly name: string;
  /** The link: its info hash, name, trackers and web seeds. */
  readonly magnet: string;
  readonly dir: string;
  readonly paused: boolean;
}

export interface SessionFile {
  readonly version: number;
  readonly rateLimits: RateLimits;
  /** Where torrents added without a folder go, when changed at run time (RPC session-set download-dir); absent: the configured downloadDir. */
  readonly downloadDir?: string;
  readonly torrents: readonly SessionTorrent[];
  /** Absent in a session with none. */
  readonly magnets?: readonly SessionMagnet[];
}

/** The folder a torrent's files are in. */
function dirOf(torrent: Swarm): string {
  const dir = torrentDir(torrent);
  if (dir === undefined) throw new DaemonError('DAEMON_BAD_STATE', `torrent ${torrent.infoHash} has no files`);
  return dir;
}

function isRateLimits(v: unknown): v is RateLimits {
  const r = v as Partial<Record<keyof RateLimits, unknown>>;
  return typeof v === 'object' && v !== null && Number.isSafeInteger(r.download) && Number.isSafeInteger(r.upload);
}

function checkTorrent(v: unknown, where: string): SessionTorrent {
  const t = v as Partial<Record<keyof SessionTorrent, unknown>>;
  if (
    typeof v !== 'object' || v === null || typeof t.infoHash !== 'string' || !/^[0-9a-f]{40}$/.test(t.infoHash) ||
    typeof t.name !== 'string' || typeof t.dir !== 'string' || typeof t.paused !== 'boolean' || !isRateLimits(t.rateLimits) ||
    (t.priorities !== undefined && !(Array.isArray(t.priorities) && t.priorities.every((p) => FILE_PRIORITIES.includes(p))))
  ) {
    throw new DaemonError('DAEMON_BAD_STATE', `${where} is not a torrent entry (infoHash, name, dir, paused, rateLimits)`);
  }
  return t as SessionTorrent;
}

function checkMagnet(v: unknown, where: string): SessionMagnet {
  const m = v as Partial<Record<keyof SessionMagnet, unknown>>;
  if (
    typeof v !== 'object' || v === null || typeof m.infoHash !== 'string' || !/^[0-9a-f]{40}$/.test(m.infoHash) || typeof m.name !== 'string' ||
    typeof m.magnet !== 'string' || !m.magnet.startsWith('magnet:?') || typeof m.dir !== 'string' || typeof m.paused !== 'boolean'
  ) {
    throw new DaemonError('DAEMON_BAD_STATE', `${where} is not a magnet entry (infoHash, name, magnet, dir, paused)`);
  }
  return m as SessionMagnet;
}

/** Reads and checks the session file; undefined when there is none yet. Throws DAEMON_BAD_STATE for one that cannot be used (rather than start empty and lose it). */
export async function readSession(stateDir: string): Promise<SessionFile | undefined> {
  const path = join(stateDir, SESSION_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new DaemonError('DAEMON_BAD_STATE', `${path} is not JSON (${(err as Error).message}); move it away to start with an empty session`);
  }
  const s = data as Partial<Record<keyof SessionFile, unknown>>;
  if (
    typeof data !== 'object' || data === null || s.version !== SESSION_VERSION || !isRateLimits(s.rateLimits) || !Array.isArray(s.torrents) ||
    (s.magnets !== undefined && !Array.isArray(s.magnets)) ||
    (s.downloadDir !== undefined && typeof s.downloadDir !== 'string')
  ) {
    throw new DaemonError('DAEMON_BAD_STATE', `${path} is not a version ${SESSION_VERSION} session (version, rateLimits, torrents, magnets)`);
  }
  const torrents = s.torrents.map((t, i) => checkTorrent(t, `${path} torrents[${i}]`));
  const magnets = (s.magnets ?? []).map((m, i) => checkMagnet(m, `${path} magnets[${i}]`));
  return {
    version: SESSION_VERSION,
    rateLimits: s.rateLimits,
    ...(s.downloadDir === undefined ? {} : { downloadDir: s.downloadDir }),
    torrents,
    ...(magnets.length === 0 ? {} : { magnets }),
  };
}

/** The magnets still fetching metadata (one whose torrent just started is a torrent already). */
function pendingMagnets(client: Client): SessionMagnet[] {
  const running = new Set(client.torrents.map((t) => t.infoHash));
  return client.magnets
    .filter((m) => !running.has(m.infoHash))
    .map((m) => ({
      infoHash: m.infoHash,
      name: m.name,
      magnet: toMagnetURI({ infoHash: m.infoHash, name: m.name, announce: m.link.trackers.map((url) => [url]), urlList: m.link.webSeeds }),
      dir: m.dir,
      paused: m.startsPaused,
    }));
}

/** The session as the client holds it now. */
export function snapshotSession(client: Client): SessionFile {
  const magnets = pendingMagnets(client);
  const { downloadDir } = client;
  return {
    version: SESSION_VERSION,
    rateLimits: { ...client.rateLimits },
    ...(downloadDir === resolve(client.settings.downloadDir) ? {} : { downloadDir }),
    torrents: client.torrents.map((t) => {
      const priorities = t.files.map((f) => f.priority);
      return {
        infoHash: t.infoHash,
        name: t.name,
        dir: dirOf(t),
        paused: t.state === 'paused',
        rateLimits: { ...t.rateLimits },
        ...(priorities.every((p) => p === 'normal') ? {} : { priorities }),
      };
    }),
    ...(magnets.length === 0 ? {} : { magnets }),
  };
}

/** The .torrent of a running torrent: the engine's SwarmMeta is the parsed Metainfo, raw info dictionary included. */
function torrentBytes(torrent: Swarm): Buffer {
  const meta = torrent.meta as Partial<Metainfo>;
  if (!Buffer.isBuffer(meta.infoBuffer)) throw new DaemonError('DAEMON_BAD_STATE', `torrent ${torrent.infoHash} has no info dictionary to save`);
  return encodeTorrent({ infoBuffer: meta.infoBuffer, announce: meta.announce ?? [], urlList: meta.urlList ?? [] });
}

/** The daemon's resume.dir. */
export function resumeDir(stateDir: string): string {
  return join(stateDir, 'resume');
}

export function torrentFilePath(stateDir: string, infoHash: string): string {
  return join(stateDir, 'torrents', `${infoHash}.torrent`);
}

/** Writes the session and the .torrent of each torrent new to it; forgets the .torrent of torrents removed. */
export class SessionStore {
  readonly stateDir: string;
  /** What the last save wrote (JSON), to skip saves that change nothing. */
  #saved = '';
  #savedTorrents = new Set<string>();
  #saving: Promise<void> = Promise.resolve();

  constructor(stateDir: string) {
    this.stateDir = stateDir;
  }

  /** Notes what is on disk already (after a restore), so that unchanged state is not written again. */
  async loaded(session: SessionFile): Promise<void> {
    this.#saved = JSON.stringify(session);
    const names = await readdir(join(this.stateDir, 'torrents')).catch(() => [] as string[]);
    this.#savedTorrents = new Set(names.filter((n) => n.endsWith('.torrent')).map((n) => n.slice(0, -'.torrent'.length)));
  }

  /** Saves the client's session if it changed, after any save under way. */
  save(client: Client): Promise<void> {
    this.#saving = this.#saving.then(() => this.#write(client));
    return this.#saving;
  }

  async #write(client: Client): Promise<void> {
    const session = snapshotSession(client);
    const json = JSON.stringify(session);
    if (json === this.#saved) return;
    await mkdir(join(this.stateDir, 'torrents'), { recursive: true });
    const now = new Set(session.torrents.map((t) => t.infoHash));
    // The .torrent first: a session never names a torrent whose metainfo is not on disk.
    for (const t of client.torrents) {
      if (this.#savedTorrents.has(t.infoHash)) continue;
      await writeFileAtomic(torrentFilePath(this.stateDir, t.infoHash), torrentBytes(t));
      this.#savedTorrents.add(t.infoHash);
    }
    await writeFileAtomic(join(this.stateDir, SESSION_FILE), Buffer.from(`${JSON.stringify(session, null, 2)}\n`));
    this.#saved = json;
    // A removed torrent leaves nothing behind: its .torrent and its resume data (saved when it was removed) go.
    for (const hash of [...this.#savedTorrents]) {
      if (now.has(hash)) continue;
      await rm(torrentFilePath(this.stateDir, hash), { force: true });
      await rm(resumeFilePath({ dir: this.stateDir, name: '', infoHash: hash, stateDir: resumeDir(this.stateDir) }), { force: true });
      this.#savedTorrents.delete(hash);
    }
  }
}

/**
 * Adds the session's torrents to the client, in order (so that RPC ids come
 * out the same), each as it was left; then its magnet links, which go on
 * fetching their metadata after this resolves (that may take long).
 */
export async function restoreSession(
  client: Client,
  stateDir: string,
  session: SessionFile,
  onError: (entry: { readonly infoHash: string; readonly name: string }, error: Error) => void,
): Promise<void> {
  client.setRateLimits(session.rateLimits);
  if (session.downloadDir !== undefined) client.setDownloadDir(session.downloadDir);
  for (const entry of session.torrents) {
    try {
      const bytes = await readFile(torrentFilePath(stateDir, entry.infoHash));
      const files = entry.priorities?.flatMap((p, i) => (p === 'skip' ? [] : [i]));
      const torrent = await client.addTorrent(bytes, { dir: entry.dir, paused: entry.paused, ...(files === undefined ? {} : { files }) });
      // Added with the wanted files (so that no skipped piece is fetched meanwhile); then low and high.
      for (const file of torrent.files) {
        const priority = entry.priorities?.[file.index];
        if (priority !== undefined && priority !== 'skip' && priority !== file.priority) file.setPriority(priority);
      }
      torrent.setRateLimits(entry.rateLimits);
    } catch (err) {
      onError(entry, err instanceof Error ? err : new Error(String(err)));
    }
  }
  for (const entry of session.magnets ?? []) {
    client.addTorrent(entry.magnet, { dir: entry.dir, paused: entry.paused }).catch((err: unknown) => {
      // A refusal (ClientError: no metadata source, already added...) is reported; a removal before the metadata came is not an error.
      const refused = err instanceof ClientError;
      const stillThere = client.magnets.some((m) => m.infoHash === entry.infoHash) || client.torrents.some((t) => t.infoHash === entry.infoHash);
      if (refused || stillThere || !(err instanceof Error)) onError(entry, err instanceof Error ? err : new Error(String(err)));
    });
  }
}
