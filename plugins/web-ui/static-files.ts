// The page's files: a fixed list (no path from the request reaches the file
// system), read once and kept.
import { readFile } from 'node:fs/promises';

const STATIC_DIR = new URL('./static/', import.meta.url);

export const FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = Object.freeze({
  '': { file: 'index.html', type: 'text/html; charset=utf-8' },
  'index.html': { file: 'index.html', type: 'text/html; charset=utf-8' },
  'app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  'style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
});

const cache = new Map<string, Promise<Buffer>>();

export function staticFile(name: string): Promise<Buffer> {
  let bytes = cache.get(name);
  if (bytes === undefined) cache.set(name, (bytes = readFile(new URL(name, STATIC_DIR))));
  return bytes;
}
