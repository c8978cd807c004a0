// `bt completion bash|zsh`: a completion script for the commands and their
// flags, taken from each command's usage text (one source for both).
import { parseArgs } from 'node:util';
import { COMMANDS, flagsOf } from './commands.ts';
import type { CliIO } from './info.ts';

export const USAGE = `usage: bt completion <bash | zsh>

Prints a script that completes bt's commands, their flags and file names.
  bash:  source <(bt completion bash)      (or save it in /etc/bash_completion.d/bt)
  zsh:   source <(bt completion zsh)       (after compinit; or save it as _bt in your $fpath)
  -h, --help   this help
`;

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

export async function run(argv: string[], io: CliIO = process): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const shell = positionals[0];
  if (positionals.length !== 1 || !(SHELLS as readonly string[]).includes(shell!)) {
    io.stderr.write(USAGE);
    return 1;
  }
  const flags: Record<string, string[]> = {};
  for (const [name, command] of Object.entries(COMMANDS)) {
    flags[name] = [...new Set([...flagsOf((await command.load()).USAGE), '--help'])];
  }
  io.stdout.write((shell as Shell) === 'bash' ? bashScript(flags) : zshScript(flags));
  return 0;
}

export function bashScript(flags: Readonly<Record<string, readonly string[]>>): string {
  const cases = Object.entries(flags)
    .map(([command, list]) => `    ${command}) opts="${list.join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for bt (swarmhook): source <(bt completion bash)
_bt() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" opts
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${Object.keys(flags).join(' ')} completion help --help --version" -- "$cur") )
    return
  fi
  case "\${COMP_WORDS[1]}" in
${cases}
    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "$cur") ); return ;;
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}
complete -o filenames -o bashdefault -F _bt bt
`;
}

export function zshScript(flags: Readonly<Record<string, readonly string[]>>): string {
  const commands = [...Object.entries(COMMANDS).map(([command, c]) => [command, c.summary] as const), ['completion', 'print a shell completion script'] as const]
    .map(([command, summary]) => `    '${command}:${summary.replace(/[':]/g, ' ')}'`)
    .join('\n');
  const cases = Object.entries(flags)
    .map(([command, list]) => `    ${command}) opts=(${list.join(' ')}) ;;`)
    .join('\n');
  return `#compdef bt
# zsh completion for bt (swarmhook): source <(bt completion zsh), after compinit
_bt() {
  local -a commands opts
  commands=(
${commands}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'bt command' commands
    return
  fi
  case \${words[2]} in
${cases}
    completion) compadd bash zsh; return ;;
  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- $opts
  else
    _files
  fi
}
compdef _bt bt
`;
}
