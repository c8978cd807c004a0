// `bt <command> [args]`: dispatches to one module per command, loaded on demand.
import { COMMANDS as ENGINE_COMMANDS, type Command } from './commands.ts';
import { packageVersion } from './version.ts';

const COMMANDS: Readonly<Record<string, Command>> = Object.freeze({
  ...ENGINE_COMMANDS,
  completion: { summary: 'print a shell completion script (bash or zsh)', load: () => import('./completion.ts') },
});

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  bt ${name.padEnd(10)} ${c.summary}`);
  return `usage: bt <command> [options]\n\ncommands:\n${lines.join('\n')}\n\n\`bt <command> --help\` shows a command's options; \`bt --version\` the version.\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    // `bt help download` is `bt download --help`.
    if (name === 'help' && rest[0] !== undefined && COMMANDS[rest[0]] !== undefined) return main([rest[0], '--help']);
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
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
