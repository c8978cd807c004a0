// `bt verify <file.torrent> <dir>`: rechecks the data on disk against the
// piece hashes, as the engine's resume check does (Storage#check: nothing is
// trusted and nothing on disk is changed), and reports the bad and missing
// pieces and the files they touch. No peer, tracker or port is involved.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EventSink } from '../hooks.ts';
import { parseTorrent } from '../metainfo/index.ts';
import { Storage } from '../storage/storage.ts';
import type { CliIO } from './info.ts';
import { selectFiles } from './select-files.ts';

export const USAGE = `usage: bt verify <file.torrent> <dir> [--select FILES] [--json]

Rechecks the torrent's data in <dir> against its piece hashes and lists the
bad pieces (wrong bytes), the missing ones (a file absent or of the wrong
size) and the files they touch. Exit code 0 when every piece is right, 1 otherwise.
  --select FILES   check only the pieces of these files (as bt download --select)
  --json           the result as one JSON object
  -h, --help       this help

examples:
  bt verify ubuntu.torrent ~/Downloads
  bt verify show.torrent . --select '*.mkv'
`;

/** The events of the check reach no one: verify has no client and no plugins. */
const SILENT: EventSink = { emit: () => undefined, listens: () => false };

export interface VerifyReport {
  readonly name: string;
  readonly infoHash: string;
  readonly complete: boolean;
  /** Pieces checked (those of the selected files), and of those the ones right on disk. */
  readonly pieces: number;
  readonly verified: number;
  /** Read and hashed wrong. */
  readonly bad: readonly number[];
  /** Not readable: a file they touch is absent or of the wrong size. */
  readonly missing: readonly number[];
  readonly files: readonly { readonly index: number; readonly path: string; readonly bad: number; readonly missing: number }[];
}

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { select: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length !== 2) {
    io.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  const [torrentPath, dir] = positionals as [string, string];
  const meta = parseTorrent(await readFile(torrentPath));
  const selected = values.select === undefined ? undefined : new Set(selectFiles(values.select, meta.files));
  const storage = new Storage({
    layout: meta,
    dir,
    torrent: { infoHash: meta.infoHash, name: meta.name, state: 'checking', private: meta.private },
    sink: SILENT,
  });
  const failed = new Set<number>();
  let have: Uint8Array;
  try {
    have = await storage.check({ onPiece: (index, ok) => void (ok || failed.add(index)) });
  } finally {
    await storage.close();
  }
  const wanted = storage.layout.wantedPieces((i) => selected === undefined || selected.has(i));
  const report = verifyReport(meta, storage.layout, have, failed, wanted);
  io.stdout.write(values.json === true ? `${JSON.stringify(report)}\n` : describe(report, dir));
  return report.complete ? 0 : 1;
}

/** Sorts the pieces not had into bad and missing, and counts them per file. */
export function verifyReport(
  meta: { readonly name: string; readonly infoHash: string; readonly files: readonly { readonly path: string; readonly padding?: boolean }[] },
  layout: { filesOfPiece(index: number): number[] },
  have: Uint8Array,
  failed: ReadonlySet<number>,
  wanted: Uint8Array,
): VerifyReport {
  const bad: number[] = [];
  const missing: number[] = [];
  const perFile = new Map<number, { bad: number; missing: number }>();
  let pieces = 0;
  for (let i = 0; i < have.length; i++) {
    if (wanted[i] !== 1) continue;
    pieces++;
    if (have[i] === 1) continue;
    const kind = failed.has(i) ? 'bad' : 'missing';
    (kind === 'bad' ? bad : missing).push(i);
    for (const file of new Set(layout.filesOfPiece(i))) {
      if (meta.files[file]?.padding === true) continue;
      const counts = perFile.get(file) ?? { bad: 0, missing: 0 };
      counts[kind]++;
      perFile.set(file, counts);
    }
  }
  const files = [...perFile].sort(([a], [b]) => a - b).map(([index, counts]) => ({ index, path: meta.files[index]!.path, ...counts }));
  return { name: meta.name, infoHash: meta.infoHash, complete: bad.length + missing.length === 0, pieces, verified: pieces - bad.length - missing.length, bad, missing, files };
}

/** "0-3, 7, 9-10" */
export function pieceRanges(indexes: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < indexes.length; i++) {
    const first = indexes[i]!;
    while (i + 1 < indexes.length && indexes[i + 1] === indexes[i]! + 1) i++;
    out.push(first === indexes[i] ? `${first}` : `${first}-${indexes[i]}`);
  }
  return out.join(', ');
}

function describe(r: VerifyReport, dir: string): string {
  if (r.complete) return `complete: ${r.name} in ${dir}: all ${r.pieces} pieces verified\n`;
  let out = `incomplete: ${r.name} in ${dir}: ${r.verified} of ${r.pieces} pieces verified (${((r.verified / Math.max(1, r.pieces)) * 100).toFixed(1)}%)\n`;
  if (r.bad.length > 0) out += `bad pieces (wrong data, ${r.bad.length}): ${pieceRanges(r.bad)}\n`;
  if (r.missing.length > 0) out += `missing pieces (a file absent or of the wrong size, ${r.missing.length}): ${pieceRanges(r.missing)}\n`;
  out += 'files touched (index, bad, missing, path):\n';
  for (const f of r.files) out += `  ${f.index}  ${f.bad} bad  ${f.missing} missing  ${f.path}\n`;
  return out;
}
