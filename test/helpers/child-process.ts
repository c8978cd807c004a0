// A real client run as a child process by a test: its output collected,
// waited on, and the process stopped at teardown -- or, should the test
// worker die first, killed when the worker exits.
import { spawn, type ChildProcess } from 'node:child_process';
import type { ExecutionContext } from 'ava';

/** Output kept per stream; older output is dropped (clients that print a status line every second run for a minute at most). */
const KEPT_OUTPUT = 512 * 1024;

const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

export interface StartOptions {
  /** Shown in error messages. */
  readonly name: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** How long stop() waits after SIGTERM before SIGKILL. Default 3000 ms. */
  readonly graceMs?: number;
}

export class ManagedProcess {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  #stdout = '';
  #stderr = '';
  #exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly #exitWaiters: (() => void)[] = [];
  readonly #child: ChildProcess;
  readonly #graceMs: number;

  private constructor(command: string, args: readonly string[], options: StartOptions) {
    this.name = options.name;
    this.command = command;
    this.args = args;
    this.#graceMs = options.graceMs ?? 3000;
    this.#child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    killOnExit(this.#child);
    this.#child.stdout!.on('data', (d: Buffer) => {
      this.#stdout = keepTail(this.#stdout + d.toString('latin1'));
    });
    this.#child.stderr!.on('data', (d: Buffer) => {
      this.#stderr = keepTail(this.#stderr + d.toString('latin1'));
    });
    this.#child.on('error', (err) => {
      this.#stderr += `\n[spawn error: ${err.message}]`;
      this.#markExited(null, null);
    });
    this.#child.on('exit', (code, signal) => this.#markExited(code, signal));
  }

  /** Spawns the command; it is stopped at teardown when `t` is given. */
  static start(t: ExecutionContext | undefined, command: string, args: readonly string[], options: StartOptions): ManagedProcess {
    const p = new ManagedProcess(command, args, options);
    t?.teardown(() => p.stop());
    return p;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  get exited(): boolean {
    return this.#exit !== undefined;
  }

  get exitCode(): number | null | undefined {
    return this.#exit?.code;
  }

  /** The end of both streams, for error messages. */
  tail(chars = 3000): string {
    const clean = (s: string): string => s.replace(/\r/g, '\n').replace(/\n{2,}/g, '\n').slice(-chars);
    return `${this.name} stdout:\n${clean(this.#stdout)}\n${this.name} stderr:\n${clean(this.#stderr)}`;
  }

  /** Resolves once stdout or stderr matches; rejects when the process exits first or time runs out. */
  async waitForOutput(pattern: RegExp, what: string, ms: number): Promise<RegExpMatchArray> {
    const deadline = Date.now() + ms;
    for (;;) {
      const m = this.#stdout.match(pattern) ?? this.#stderr.match(pattern);
      if (m !== null) return m;
      if (this.exited) throw new Error(`${this.name} exited (code ${this.#exit!.code}, signal ${this.#exit!.signal}) before ${what}\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${this.tail()}`);
      await sleep(20);
    }
  }

  /** Resolves with the exit code once the process exits by itself; rejects after `ms`. */
  async waitForExit(what: string, ms: number): Promise<number | null> {
    if (this.#exit === undefined) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}\n${this.tail()}`)), ms);
      });
      try {
        await Promise.race([new Promise<void>((r) => this.#exitWaiters.push(r)), timeout]);
      } finally {
        clearTimeout(timer);
      }
    }
    return this.#exit!.code;
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace time. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((r) => this.#exitWaiters.push(r));
    this.#child.kill('SIGTERM');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), this.#graceMs);
    await exited;
    clearTimeout(timer);
  }

  #markExited(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.#exit !== undefined) return;
    this.#exit = { code, signal };
    for (const w of this.#exitWaiters.splice(0)) w();
  }
}

function keepTail(s: string): string {
  return s.length > KEPT_OUTPUT ? s.slice(-KEPT_OUTPUT) : s;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
