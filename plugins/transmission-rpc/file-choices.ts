// Transmission's view of a torrent's files (wanted or not, and a priority of
// -1, 0 or 1) mapped onto swarmhook's single file priority, where `skip` is
// "not wanted". torrent-set applies files-wanted, files-unwanted and
// priority-* to the running torrent's SwarmFiles.
import type { FilePriority, Swarm } from '../../core/index.ts';
import { optionalIndexes } from './arguments.ts';

type Args = Readonly<Record<string, unknown>>;

/** Transmission's TR_PRI_LOW, TR_PRI_NORMAL, TR_PRI_HIGH. */
const TR_PRIORITY: Readonly<Record<Exclude<FilePriority, 'skip'>, number>> = { low: -1, normal: 0, high: 1 };

/** A file's priority as Transmission says it; a skipped file keeps Transmission's default, normal. */
export function transmissionPriority(priority: FilePriority): number {
  return priority === 'skip' ? TR_PRIORITY.normal : TR_PRIORITY[priority];
}

export const FILE_ARGUMENTS: readonly string[] = ['files-wanted', 'files-unwanted', 'priority-high', 'priority-low', 'priority-normal'];

/** The files an argument names; Transmission's empty list means every file. */
function named(args: Args, key: string, count: number): number[] | undefined {
  const list = optionalIndexes(args, key, count);
  return list !== undefined && list.length === 0 ? Array.from({ length: count }, (_, i) => i) : list;
}

/**
 * Applies the file arguments to one torrent, as Transmission does: wanted
 * and priority are independent there, so a priority given to a file left
 * unwanted is not a reason to download it, and a file wanted again gets its
 * new priority if one was given, else normal.
 */
export function applyFileChoices(torrent: Swarm, args: Args): void {
  const count = torrent.files.length;
  const wanted = new Set(named(args, 'files-wanted', count));
  const unwanted = new Set(named(args, 'files-unwanted', count));
  const given = new Map<number, Exclude<FilePriority, 'skip'>>();
  for (const level of ['low', 'normal', 'high'] as const) for (const i of named(args, `priority-${level}`, count) ?? []) given.set(i, level);
  for (const file of torrent.files) {
    const i = file.index;
    const skipped = unwanted.has(i) || (file.priority === 'skip' && !wanted.has(i));
    const next: FilePriority = skipped ? 'skip' : (given.get(i) ?? (file.priority === 'skip' ? 'normal' : file.priority));
    if (next !== file.priority) file.setPriority(next);
  }
}
