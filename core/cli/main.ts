// `bt <command> [args]`: dispatches to one module per command, loaded on demand.
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run(argv: string[]): Promise<number> }> }> = {
  info: { summary: 'show a .torrent file or magnet link', load: () => import('./info.ts') },
  create: { summary: 'create a .torrent from a file or folder', load: () => import('./create.ts') },
  download: { summary: 'download a torrent (exits 0 once every piece is verified)', load: () => import('./download.ts') },
  seed: { summary: 'seed a torrent from a folder', load: () => import('./seed.ts') },
  demo: { summary: 'run a local swarm on loopback on the bundled sample', load: () => import('./demo.ts') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  bt ${name.padEnd(10)} ${c.summary}`);
  return `usage: bt <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`bt: unknown command "${name}"\n${usage()}`);
    return 1;
  }
  try {
    return await (await command.load()).run(rest);
  } catch (err) {
    const e = err as Error & { code?: string };
    process.stderr.write(`bt ${name}: ${e.code ? `[${e.code}] ` : ''}${e.message}\n`);
    return 1;
  }
}
