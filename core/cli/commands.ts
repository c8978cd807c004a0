// The commands of `bt`, each a module loaded on demand: `bt --help`, the
// dispatcher and the completion scripts all read this one list. `bt
// completion` itself is added by main.ts: it reads this list, and a module
// does not load itself.

export interface CommandModule {
  run(argv: string[]): Promise<number>;
  /** What `bt <command> --help` prints; the completion scripts take the flags from it. */
  readonly USAGE: string;
}

export interface Command {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: Readonly<Record<string, Command>> = Object.freeze({
  info: { summary: 'show a .torrent file or magnet link', load: () => import('./info.ts') },
  create: { summary: 'create a .torrent from a file or folder', load: () => import('./create.ts') },
  download: { summary: 'download a torrent (exits 0 once every piece is verified)', load: () => import('./download.ts') },
  seed: { summary: 'seed a torrent from a folder', load: () => import('./seed.ts') },
  verify: { summary: 'recheck the data of a torrent on disk (exit 0 when complete)', load: () => import('./verify.ts') },
  daemon: { summary: 'run many torrents until stopped, driven by Transmission RPC and a web UI', load: () => import('./daemon.ts') },
  demo: { summary: 'run a local swarm on loopback on the bundled sample', load: () => import('./demo.ts') },
});

/** The flags a usage text defines: its indented option lines ("  -o, --output DIR", "  --seed-ratio R"), in order. */
export function flagsOf(usage: string): string[] {
  return [...new Set([...usage.matchAll(/^ {2,}(?:-\w, +)?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!))];
}
