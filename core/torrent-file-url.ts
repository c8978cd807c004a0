// A .torrent file given by an http(s) URL, as aria2c, transmission and
// webtorrent take one: fetched whole, bounded in size and time, before it is
// parsed like a file on disk.
import { ClientError } from './client-error.ts';
import type { ResolvedSettings } from './settings.ts';

/** The settings a fetch is bounded by: limits.maxTorrentFileBytes, and timeouts.torrentFileMs for the whole fetch, redirects included. */
export interface TorrentFileLimits {
  readonly limits: Pick<ResolvedSettings['limits'], 'maxTorrentFileBytes'>;
  readonly timeouts: Pick<ResolvedSettings['timeouts'], 'torrentFileMs'>;
}

const MAX_REDIRECTS = 5;

/** An http: or https: URL; anything else is a path or a magnet link. */
export function isTorrentFileUrl(source: string): boolean {
  return /^https?:\/\//i.test(source.trim());
}

/** The bytes at `url`; rejects with ClientError TORRENT_URL_FAILED (its cause the coded HTTP error) on any failure. */
export async function fetchTorrentFile(url: string, settings: TorrentFileLimits): Promise<Buffer> {
  let target: URL;
  try {
    target = new URL(url.trim());
  } catch (err) {
    throw new ClientError('TORRENT_URL_FAILED', `not a URL: ${url.slice(0, 200)}`, { cause: err });
  }
  try {
    // Loaded on first use: `bt info` on a file, and clients that never fetch one, do without node:http.
    const { httpGet } = await import('./net/http-get.ts');
    return await httpGet(target, {
      timeoutMs: settings.timeouts.torrentFileMs,
      maxRedirects: MAX_REDIRECTS,
      maxBodyBytes: settings.limits.maxTorrentFileBytes,
      headers: { accept: 'application/x-bittorrent, */*' },
      receive: (head) => {
        if (head.statusCode < 200 || head.statusCode > 299) throw new Error(`HTTP ${head.statusCode} ${head.statusMessage}`.trimEnd());
        const chunks: Buffer[] = [];
        return { data: (chunk) => void chunks.push(chunk), end: () => Buffer.concat(chunks) };
      },
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new ClientError('TORRENT_URL_FAILED', `cannot fetch the torrent file at ${target.href}: ${reason}`, { cause: err });
  }
}
