// File names from a .torrent become paths on the user's disk, so each
// component must be one plain name that cannot climb out of the download
// folder or be read differently on another system.
import { fail } from './errors.ts';

const WINDOWS_DRIVE = /^[A-Za-z]:/;

/** Throws UNSAFE_PATH unless `segment` is a single safe file name. `where` names it in the message. */
export function checkSegment(segment: string, where: string): void {
  if (segment.length === 0) fail('UNSAFE_PATH', `${where} has an empty path component`);
  if (segment === '.' || segment === '..') fail('UNSAFE_PATH', `${where} has a "${segment}" path component`);
  if (segment.startsWith('/') || segment.startsWith('\\') || WINDOWS_DRIVE.test(segment)) {
    fail('UNSAFE_PATH', `${where} is an absolute path ("${shown(segment)}")`);
  }
  if (segment.includes('\0')) fail('UNSAFE_PATH', `${where} has a NUL byte in "${shown(segment)}"`);
  if (segment.includes('/') || segment.includes('\\')) {
    fail('UNSAFE_PATH', `${where} has a path separator inside the component "${shown(segment)}"`);
  }
}

/**
 * Throws DUPLICATE_PATH when two paths are equal or one is a folder of the
 * other (a file "a" and a file "a/b" cannot both exist).
 */
export function checkDistinct(paths: readonly (readonly string[])[]): void {
  const files = new Set<string>();
  const folders = new Set<string>();
  for (const segments of paths) {
    const path = segments.join('/');
    if (files.has(path)) fail('DUPLICATE_PATH', `two files have the path "${shown(path)}"`);
    if (folders.has(path)) fail('DUPLICATE_PATH', `"${shown(path)}" is both a file and a folder of other files`);
    files.add(path);
    let prefix = '';
    for (let i = 0; i < segments.length - 1; i++) {
      prefix = i === 0 ? segments[0]! : `${prefix}/${segments[i]!}`;
      if (files.has(prefix)) fail('DUPLICATE_PATH', `"${shown(prefix)}" is both a file and a folder of "${shown(path)}"`);
      folders.add(prefix);
    }
  }
}

function shown(s: string): string {
  const cut = s.length > 80 ? `${s.slice(0, 80)}...` : s;
  return cut.replace(/[\x00-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
