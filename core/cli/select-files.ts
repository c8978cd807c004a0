// `--select`: which files of a torrent to download, as `bt info` numbers them
// ("0,2-4") or as glob patterns on their paths ("*.mkv", "name/extras/**").
import { CodedError } from '../errors.ts';

export type SelectionErrorCode = 'CLI_BAD_SELECTION';

export class SelectionError extends CodedError<SelectionErrorCode> {}

/** What a selection is matched against: the torrent's files in order (a Metainfo's files will do). */
export interface SelectableFile {
  readonly path: string;
  readonly padding?: boolean;
}

const INDEX_OR_RANGE = /^(\d+)(?:-(\d+))?$/;

/** The indexes a selection names without knowing the files (indices and ranges only). */
export function selectIndexes(spec: string): number[] {
  const chosen = new Set<number>();
  for (const term of terms(spec)) {
    const range = INDEX_OR_RANGE.exec(term);
    if (range === null) throw new SelectionError('CLI_BAD_SELECTION', `--select "${term}": a glob pattern needs the torrent's file list; with a magnet link use file indexes`);
    const [first, last] = [Number(range[1]), Number(range[2] ?? range[1])];
    if (last < first) throw new SelectionError('CLI_BAD_SELECTION', `--select "${term}": the range ends before it starts`);
    for (let i = first; i <= last; i++) chosen.add(i);
  }
  return [...chosen].sort((a, b) => a - b);
}

/**
 * The indexes of the files a selection names, in ascending order. Every term
 * must name at least one file: a typo should not quietly download nothing.
 */
export function selectFiles(spec: string, files: readonly SelectableFile[]): number[] {
  const chosen = new Set<number>();
  for (const term of terms(spec)) {
    const range = INDEX_OR_RANGE.exec(term);
    if (range !== null) {
      const [first, last] = [Number(range[1]), Number(range[2] ?? range[1])];
      if (last < first) throw new SelectionError('CLI_BAD_SELECTION', `--select "${term}": the range ends before it starts`);
      if (last >= files.length) throw new SelectionError('CLI_BAD_SELECTION', `--select "${term}": the torrent has files 0-${files.length - 1} (see bt info)`);
      for (let i = first; i <= last; i++) chosen.add(i);
      continue;
    }
    const matches = globMatcher(term);
    let found = false;
    files.forEach((file, i) => {
      if (file.padding === true || !matches(file.path)) return;
      chosen.add(i);
      found = true;
    });
    if (!found) throw new SelectionError('CLI_BAD_SELECTION', `--select "${term}": no file of the torrent matches (see bt info)`);
  }
  return [...chosen].sort((a, b) => a - b);
}

function terms(spec: string): string[] {
  const list = spec.split(',').map((t) => t.trim()).filter((t) => t !== '');
  if (list.length === 0) throw new SelectionError('CLI_BAD_SELECTION', '--select needs file indexes ("0,2-4") or glob patterns ("*.mkv")');
  return list;
}

/**
 * A glob as shells and .gitignore read it: `*` and `?` stay within one path
 * component, `**` crosses them, `[abc]` is a class. A pattern without "/"
 * matches a file's base name (so "*.mkv" finds the files in every folder);
 * one with "/" matches the path with or without the torrent's name in front.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  const regex = new RegExp(`^${globSource(pattern)}$`);
  if (!pattern.includes('/')) return (path) => regex.test(path.slice(path.lastIndexOf('/') + 1));
  return (path) => regex.test(path) || regex.test(path.slice(path.indexOf('/') + 1));
}

function globSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      // "**/" also matches no folder at all.
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end === -1) out += '\\[';
      else {
        const body = pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        out += `[${body}]`;
        i = end;
      }
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return out;
}
