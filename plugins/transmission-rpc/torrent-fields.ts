// torrent-get: each Transmission field swarmhook can answer truthfully,
// computed from the torrent. A field of Transmission's RPC that swarmhook does
// not know (activity dates, corruption counters, tracker stats...) is left
// out of the answer, as Transmission leaves out fields it cannot fill;
// transmission-remote then prints nothing for it. A name that is not a
// Transmission field at all is an error (see KNOWN_TORRENT_FIELDS).
import { torrentDir, type Client, type Peer, type Swarm } from '../../core/index.ts';
import { toMagnetURI } from '../../core/metainfo/index.ts';
import { transmissionPriority } from './file-choices.ts';
import type { RpcTorrent, TorrentIds } from './torrent-ids.ts';

/** Every torrent field of Transmission's RPC (spec up to 4.0), answered or not. */
export const KNOWN_TORRENT_FIELDS: ReadonlySet<string> = new Set([
  'activityDate', 'addedDate', 'availability', 'bandwidthPriority', 'comment', 'corruptEver', 'creator', 'dateCreated',
  'desiredAvailable', 'doneDate', 'downloadDir', 'downloadedEver', 'downloadLimit', 'downloadLimited', 'editDate', 'error',
  'errorString', 'eta', 'etaIdle', 'file-count', 'files', 'fileStats', 'group', 'hashString', 'haveUnchecked', 'haveValid',
  'honorsSessionLimits', 'id', 'isFinished', 'isPrivate', 'isStalled', 'labels', 'leftUntilDone', 'magnetLink',
  'manualAnnounceTime', 'maxConnectedPeers', 'metadataPercentComplete', 'name', 'peer-limit', 'peers', 'peersConnected',
  'peersFrom', 'peersGettingFromUs', 'peersSendingToUs', 'percentComplete', 'percentDone', 'pieces', 'pieceCount',
  'pieceSize', 'priorities', 'primary-mime-type', 'queuePosition', 'rateDownload', 'rateUpload', 'recheckProgress',
  'secondsDownloading', 'secondsSeeding', 'seedIdleLimit', 'seedIdleMode', 'seedRatioLimit', 'seedRatioMode',
  'sequentialDownload', 'sizeWhenDone', 'startDate', 'status', 'trackers', 'trackerList', 'trackerStats', 'totalSize',
  'torrentFile', 'uploadedEver', 'uploadLimit', 'uploadLimited', 'uploadRatio', 'wanted', 'webseeds', 'webseedsSendingToUs',
]);

/** Transmission's tr_torrent_activity. */
export const STATUS = Object.freeze({ STOPPED: 0, CHECK_WAIT: 1, CHECK: 2, DOWNLOAD_WAIT: 3, DOWNLOAD: 4, SEED_WAIT: 5, SEED: 6 });

/** Transmission's kB is 1000 bytes (session-get units speed-bytes). */
export const SPEED_BYTES = 1000;

export interface FieldContext {
  readonly client: Client;
  readonly ids: TorrentIds;
}

type Field = (t: RpcTorrent, context: FieldContext) => unknown;
/** A field only a torrent with metadata has; undefined (left out) for a magnet still fetching it. */
const running = (f: (s: Swarm, context: FieldContext) => unknown): Field => (t, context) => (t.kind === 'torrent' ? f(t.torrent, context) : undefined);

function pieceBytes(s: Swarm, index: number): number {
  const { pieceLength, length } = s.meta;
  return index === s.pieceCount - 1 ? length - pieceLength * (s.pieceCount - 1) : pieceLength;
}

function sumPieces(s: Swarm, pick: (index: number) => boolean): number {
  let sum = 0;
  for (let i = 0; i < s.pieceCount; i++) if (pick(i)) sum += pieceBytes(s, i);
  return sum;
}

const sizeWhenDone = (s: Swarm): number => sumPieces(s, (i) => s.picker.wanted[i] === 1);
const haveValid = (s: Swarm): number => sumPieces(s, (i) => s.picker.have[i] === 1);

function status(t: RpcTorrent): number {
  switch (t.torrent.state) {
    case 'checking':
      return STATUS.CHECK;
    case 'seeding':
      return STATUS.SEED;
    case 'downloading':
    case 'metadata':
      return STATUS.DOWNLOAD;
    default:
      return STATUS.STOPPED;
  }
}

const isGettingFromUs = (p: Peer): boolean => !p.amChoking && p.peerInterested;
const isSendingToUs = (p: Peer): boolean => !p.peerChoking && p.amInterested;

/** The optional .torrent fields, which the engine's parsed metainfo has. */
type OuterMeta = { readonly comment?: string; readonly createdBy?: string; readonly creationDate?: number; readonly announce?: readonly (readonly string[])[]; readonly urlList?: readonly string[] };
const outer = (s: Swarm): OuterMeta => s.meta as OuterMeta;

const FIELDS: Readonly<Record<string, Field>> = {
  id: (t, c) => c.ids.idOf(t.torrent.infoHash),
  hashString: (t) => t.torrent.infoHash,
  name: (t) => t.torrent.name,
  status,
  error: (t) => (t.kind === 'torrent' && t.torrent.state === 'error' ? 3 : 0),
  errorString: (t) => (t.kind === 'torrent' && t.torrent.state === 'error' ? (t.torrent.error?.message ?? 'stopped by an error') : ''),
  isPrivate: (t) => t.torrent.private,
  metadataPercentComplete: (t) => (t.kind === 'torrent' ? 1 : 0),
  percentDone: (t) => (t.kind === 'torrent' ? t.torrent.progress : 0),
  percentComplete: running((s) => (s.meta.length === 0 ? 1 : haveValid(s) / s.meta.length)),
  // Transmission: -1 not available (stopped, complete), -2 unknown (no rate).
  eta: running((s) => (s.state !== 'downloading' || s.left === 0 ? -1 : Number.isFinite(s.timeRemaining) ? Math.round(s.timeRemaining / 1000) : -2)),
  isFinished: () => false, // finished means "reached its seeding limit"; the daemon sets none
  leftUntilDone: running((s) => s.left),
  sizeWhenDone: running(sizeWhenDone),
  totalSize: running((s) => s.meta.length),
  haveValid: running(haveValid),
  downloadedEver: running((s) => s.downloaded),
  uploadedEver: running((s) => s.uploaded),
  // Transmission: -1 (TR_RATIO_NA) while nothing was downloaded.
  uploadRatio: running((s) => (s.downloaded > 0 ? s.ratio : -1)),
  rateDownload: running((s) => Math.round(s.downloadRate)),
  rateUpload: running((s) => Math.round(s.uploadRate)),
  peersConnected: (t) => (t.kind === 'torrent' ? t.torrent.numPeers : t.torrent.peers.length),
  peersGettingFromUs: (t) => t.torrent.peers.filter(isGettingFromUs).length,
  peersSendingToUs: (t) => t.torrent.peers.filter(isSendingToUs).length,
  'peer-limit': (_t, c) => c.client.settings.limits.maxConnectionsPerTorrent,
  maxConnectedPeers: (_t, c) => c.client.settings.limits.maxConnectionsPerTorrent,
  peers: (t) =>
    t.torrent.peers.map((p) => ({
      address: p.ip,
      port: p.port,
      clientName: p.clientName ?? '',
      isEncrypted: p.encryption === 'rc4',
      isIncoming: p.direction === 'incoming',
      clientIsChoked: p.amChoking,
      clientIsInterested: p.amInterested,
      peerIsChoked: p.peerChoking,
      peerIsInterested: p.peerInterested,
      isDownloadingFrom: isSendingToUs(p),
      isUploadingTo: isGettingFromUs(p),
    })),
  pieceCount: running((s) => s.pieceCount),
  pieceSize: running((s) => s.meta.pieceLength),
  pieces: running((s) => {
    const bits = Buffer.alloc(Math.ceil(s.pieceCount / 8));
    for (let i = 0; i < s.pieceCount; i++) if (s.picker.have[i] === 1) bits[i >> 3]! |= 0x80 >> (i & 7);
    return bits.toString('base64');
  }),
  downloadDir: running((s) => torrentDir(s) ?? ''),
  magnetLink: running((s) => toMagnetURI({ infoHash: s.infoHash, name: s.name, announce: outer(s).announce ?? [], urlList: outer(s).urlList ?? [] })),
  comment: running((s) => outer(s).comment ?? ''),
  creator: running((s) => outer(s).createdBy ?? ''),
  dateCreated: running((s) => outer(s).creationDate ?? 0),
  webseeds: running((s) => [...(outer(s).urlList ?? [])]),
  files: running((s) => s.files.map((f) => ({ name: f.path, length: f.length, bytesCompleted: f.downloaded }))),
  fileStats: running((s) => s.files.map((f) => ({ bytesCompleted: f.downloaded, wanted: f.priority !== 'skip', priority: transmissionPriority(f.priority) }))),
  'file-count': running((s) => s.files.length),
  wanted: running((s) => s.files.map((f) => (f.priority === 'skip' ? 0 : 1))),
  priorities: running((s) => s.files.map((f) => transmissionPriority(f.priority))),
  bandwidthPriority: () => 0,
  labels: () => [],
  downloadLimit: running((s) => Math.round(s.rateLimits.download / SPEED_BYTES)),
  downloadLimited: running((s) => s.rateLimits.download > 0),
  uploadLimit: running((s) => Math.round(s.rateLimits.upload / SPEED_BYTES)),
  uploadLimited: running((s) => s.rateLimits.upload > 0),
  honorsSessionLimits: () => true,
  // 2: TR_RATIOLIMIT_UNLIMITED, 2: TR_IDLELIMIT_UNLIMITED: the daemon seeds until told otherwise.
  seedRatioMode: () => 2,
  seedIdleMode: () => 2,
  sequentialDownload: () => false,
};

/** The requested fields of one torrent; fields swarmhook cannot fill are left out. */
export function torrentFields(t: RpcTorrent, fields: readonly string[], context: FieldContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    const field = Object.hasOwn(FIELDS, name) ? FIELDS[name] : undefined;
    const value = field?.(t, context);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
