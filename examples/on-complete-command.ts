// A plugin that runs a command when a torrent completes, with the torrent's
// name, its path on disk and its info hash as the last three arguments (no
// shell in between: child_process.execFile). What the command prints is
// passed on; a command that fails or times out is reported as plugin_error.
// destroy() waits for commands still running (see client.onDestroy).
//
// Load it from a .btrc (paths are relative to the config file):
//   "plugins": [["./on-complete-command.ts", { "command": "notify-send", "args": ["Download complete"] }]]
//
// Run this file to watch it on a local swarm; the command is
//   sh -c 'echo "done: $1"; cd "$2" && find . -type f | LC_ALL=C sort' sh <name> <path> <info hash>
//   node --import=tsx examples/on-complete-command.ts
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { definePlugin } from '../core/index.ts';
import type { Client, JsonSchema, Torrent } from '../core/index.ts';
import { runLocalSwarm } from './local-swarm.ts';

export interface OnCompleteCommandOptions {
  /** The program to run (looked up in PATH). */
  readonly command: string;
  /** Arguments before the torrent's name, path and info hash. Default none. */
  readonly args?: readonly string[];
  /** Kill the command after this many ms. Default 60000. */
  readonly timeoutMs?: number;
  /** Also run it for torrents that were complete when added (found on disk, seeding). Default false. */
  readonly includeFoundComplete?: boolean;
}

const NAME = 'on-complete-command';

const schema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['command'],
  properties: {
    command: { type: 'string', minLength: 1 },
    args: { type: 'array', items: { type: 'string' }, default: [] },
    timeoutMs: { type: 'integer', minimum: 1, default: 60_000 },
    includeFoundComplete: { type: 'boolean', default: false },
  },
};

/** Where the torrent is on disk: its single file, or its top folder. */
export function torrentPath(client: Client, torrent: Torrent): string | undefined {
  const file = client.torrent(torrent.infoHash)?.files[0];
  if (file === undefined) return undefined;
  let path = file.absolutePath;
  for (let depth = file.path.split('/').length; depth > 1; depth--) path = dirname(path);
  return path;
}

export const onCompleteCommand = definePlugin<OnCompleteCommandOptions>({
  name: NAME,
  schema,
  apply(client, options) {
    const running = new Set<Promise<void>>();
    const fail = (error: Error): void => client.emit('plugin_error', { plugin: NAME, hook: 'torrent_complete', error });

    client.hooks.torrent_complete.tap(NAME, (_client, { torrent }) => {
      // A torrent found complete on disk downloaded nothing in this session.
      if (options.includeFoundComplete !== true && (client.torrent(torrent.infoHash)?.downloaded ?? 0) === 0) return;
      const path = torrentPath(client, torrent);
      if (path === undefined) return;
      const args = [...(options.args ?? []), torrent.name, path, torrent.infoHash];
      const done = new Promise<void>((resolve) => {
        execFile(options.command, args, { timeout: options.timeoutMs ?? 60_000 }, (error, stdout, stderr) => {
          process.stdout.write(stdout);
          process.stderr.write(stderr);
          if (error !== null) fail(new Error(`${options.command} for ${torrent.name} failed: ${error.message.trim()}`, { cause: error }));
          resolve();
        });
      });
      running.add(done);
      void done.then(() => running.delete(done));
    });

    client.onDestroy(NAME, async () => {
      await Promise.all(running);
    });
  },
});

export default onCompleteCommand;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const command = ['sh', '-c', 'echo "done: $1"; cd "$2" && find . -type f | LC_ALL=C sort', 'sh'];
  await runLocalSwarm({ downloaderPlugins: [[onCompleteCommand, { command: command[0]!, args: command.slice(1) }]] });
}
