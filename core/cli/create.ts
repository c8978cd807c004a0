// `bt create <path> [-o file.torrent] [--tracker URL]... [--piece-length N]
// [--web-seed URL]... [--private] [--comment S] [--name S] [--force]`
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTorrent, MetainfoError } from '../metainfo/index.ts';
import { formatSize, type CliIO } from './info.ts';

export const USAGE = `usage: bt create <file or folder> [options]

Creates a .torrent from a file or a folder (every file below it, sorted by path).
  -o, --output FILE        where to write it (default: <name>.torrent here)
  -t, --tracker URL        a tracker; repeat for backups (one tier each),
                           or give "URL,URL" for one tier of several
  -l, --piece-length N     bytes per piece: a multiple of 16 KiB, e.g. 262144,
                           256k or 1m (default: aims at 1000-2000 pieces)
  -w, --web-seed URL       a web seed (BEP 19); repeatable
  -p, --private            private torrent: trackers only, no DHT or PEX
  -c, --comment TEXT       a comment
  -n, --name NAME          the torrent's name (default: the base name of the path)
      --source TEXT        a source tag in the info dictionary (private trackers)
      --no-date            leave out the creation date (same input, same bytes)
  -f, --force              overwrite the output file
`;

/** "262144", "256k", "1m", "1MiB" -> bytes; NaN when unreadable. */
export function parseByteCount(text: string): number {
  const match = /^(\d+)\s*(k|m|g|kib|mib|gib|kb|mb|gb)?$/i.exec(text.trim());
  if (match === null) return Number.NaN;
  const scale = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30 }[(match[2] ?? '').charAt(0).toLowerCase()] ?? 1;
  return Number(match[1]) * scale;
}

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o' },
        tracker: { type: 'string', short: 't', multiple: true },
        'piece-length': { type: 'string', short: 'l' },
        'web-seed': { type: 'string', short: 'w', multiple: true },
        private: { type: 'boolean', short: 'p' },
        comment: { type: 'string', short: 'c' },
        name: { type: 'string', short: 'n' },
        source: { type: 'string' },
        'no-date': { type: 'boolean' },
        force: { type: 'boolean', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    io.stderr.write(`bt create: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help === true) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    io.stderr.write(USAGE);
    return 2;
  }
  let pieceLength: number | undefined;
  if (values['piece-length'] !== undefined) {
    pieceLength = parseByteCount(values['piece-length']);
    if (Number.isNaN(pieceLength)) {
      io.stderr.write(`bt create: --piece-length "${values['piece-length']}" is not a byte count (e.g. 262144, 256k, 1m)\n`);
      return 2;
    }
  }
  const name = values.name ?? basename(resolve(source));
  const output = values.output ?? `${name}.torrent`;

  try {
    const { torrent, metainfo } = await createTorrent(source, {
      ...(pieceLength !== undefined && { pieceLength }),
      announce: (values.tracker ?? []).map((tier) => tier.split(',').map((url) => url.trim()).filter((url) => url !== '')),
      urlList: values['web-seed'] ?? [],
      private: values.private === true,
      ...(values.comment !== undefined && { comment: values.comment }),
      ...(values.source !== undefined && { source: values.source }),
      name,
      ...(values['no-date'] === true && { creationDate: null }),
    });
    // 'wx' refuses to replace an existing file unless asked to.
    await writeFile(output, torrent, { flag: values.force === true ? 'w' : 'wx' });
    io.stdout.write(
      `created ${output}\n` +
        `  name:         ${metainfo.name}\n` +
        `  info hash:    ${metainfo.infoHash}\n` +
        `  files:        ${metainfo.files.length}\n` +
        `  total size:   ${formatSize(metainfo.length)}\n` +
        `  pieces:       ${metainfo.pieceCount} of ${formatSize(metainfo.pieceLength)}\n`,
    );
    return 0;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof MetainfoError) io.stderr.write(`bt create: [${err.code}] ${err.message}\n`);
    else if (e.code === 'EEXIST') io.stderr.write(`bt create: ${output} exists (use --force to overwrite)\n`);
    else if (typeof e.code === 'string' && e.syscall !== undefined) io.stderr.write(`bt create: [${e.code}] ${e.message}\n`);
    else throw err;
    return 1;
  }
}
