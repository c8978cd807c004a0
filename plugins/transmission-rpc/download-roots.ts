// A folder an RPC request names must be inside one of the configured roots,
// once `..` and symbolic links are resolved: the path is made absolute, its
// longest existing ancestor is resolved with realpath (a symlink inside a
// root that points out of it leads out), and the rest appended.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { RpcError } from './errors.ts';

async function realpathOfExisting(path: string): Promise<string> {
  const rest: string[] = [];
  for (let at = path; ; at = dirname(at)) {
    try {
      return join(await realpath(at), ...rest.reverse());
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw err;
      if (dirname(at) === at) return path;
      rest.push(basename(at));
    }
  }
}

function inside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `given` (absolute, as Transmission requires) when it is inside a root; else RpcError RPC_OUTSIDE_ROOTS. */
export async function confine(given: string, roots: readonly string[], what: string): Promise<string> {
  if (!isAbsolute(given) || given.includes('\0')) throw new RpcError('RPC_OUTSIDE_ROOTS', `${what} must be an absolute path`);
  const real = await realpathOfExisting(resolve(given));
  for (const root of roots) {
    if (inside(real, await realpathOfExisting(resolve(root)))) return real;
  }
  throw new RpcError('RPC_OUTSIDE_ROOTS', `${what} ${given} is outside the folders this daemon may use`);
}
