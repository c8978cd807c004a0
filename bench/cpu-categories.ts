// Where a process's CPU time goes, by kind of work: perf samples of the
// whole process (every thread, the kernel's share included) sorted into the
// categories that tell a JavaScript client from a C++ one: the kernel by
// system call, the V8 optimising compiler, garbage collection, builtins and
// inline caches, JavaScript by tier, SHA-1, libtorrent, python, and so on.
// A node process shows its JavaScript functions by name when it runs with
// --perf-basic-prof (V8 writes /tmp/perf-PID.map; this removes it).
//
// Used by bench/swarm.ts --perf. Needs Linux perf (apt-get install -y linux-perf)
// and the right to use it (root, or kernel.perf_event_paranoid <= 1).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export const PERF_FREQUENCY = 499;
/** OpenSSL: node's is linked in (its SHA-1 has a symbol), Debian's libcrypto is stripped: one category for both. */
const CRYPTO = 'crypto (SHA-1; Diffie-Hellman for MSE)';

/** Whether `perf` can be run here. */
export function perfAvailable(): boolean {
  try {
    execFileSync('perf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * perf recording the whole machine into `file` until stop(); categories()
 * then sorts the samples of one process (every thread of it). System-wide, as
 * `perf record -p` follows only the threads there are when it starts: it
 * missed the threads a process starts later (V8's compiler and GC threads,
 * libtorrent's).
 */
export class PerfRecording {
  readonly #perf: ChildProcess;
  readonly #exited: Promise<void>;
  readonly file: string;

  constructor(file: string) {
    this.file = file;
    this.#perf = spawn('perf', ['record', '-q', '-a', '-F', String(PERF_FREQUENCY), '-g', '-o', file], { stdio: 'ignore' });
    this.#exited = new Promise((resolve) => this.#perf.once('exit', () => resolve()));
  }

  /** Stops the recording: perf writes its file on SIGINT. */
  async stop(): Promise<void> {
    if (this.#perf.exitCode === null && this.#perf.signalCode === null) this.#perf.kill('SIGINT');
    await this.#exited;
  }

  /** CPU seconds of process `pid` by category (after stop()); frees the process's perf map. */
  async categories(pid: number): Promise<Map<string, number>> {
    try {
      const script = execFileSync('perf', ['script', '-i', this.file, '--pid', String(pid), '-F', 'ip,sym,dso'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
      return categorize(script);
    } finally {
      await rm(`/tmp/perf-${pid}.map`, { force: true });
    }
  }
}

/** A frame of a sample's call chain: its symbol and the object it is in. */
interface Frame {
  readonly sym: string;
  readonly dso: string;
}

/**
 * CPU seconds by category. A sample goes by its innermost frame, but a sample in
 * the kernel goes by the system call (or fault) it was made in, which tells
 * writing a file from copying a socket's bytes.
 */
export function categorize(script: string): Map<string, number> {
  const seconds = new Map<string, number>();
  for (const sample of script.split('\n\n')) {
    const frames: Frame[] = [];
    for (const line of sample.split('\n')) {
      const m = /^\s*[0-9a-f]+\s+(.*?)\s+\((.*)\)\s*$/.exec(line);
      if (m !== null) frames.push({ sym: m[1]!, dso: m[2]! });
    }
    if (frames.length === 0) continue;
    const category = categoryOf(frames);
    seconds.set(category, (seconds.get(category) ?? 0) + 1 / PERF_FREQUENCY);
  }
  return seconds;
}

function categoryOf(frames: readonly Frame[]): string {
  const leaf = frames[0]!;
  if (leaf.dso.includes('kernel')) return kernelCategory(frames);
  const { sym, dso } = leaf;
  if (/sha1/i.test(sym) || dso.includes('libcrypto')) return CRYPTO;
  if (dso.includes('perf-')) {
    // V8's names in the perf map: JS:*f optimised, JS:^f baseline (Sparkplug), JS:~f interpreted.
    if (sym.startsWith('JS:*')) return 'JavaScript, optimised';
    if (sym.startsWith('JS:^') || sym.startsWith('JS:~')) return 'JavaScript, baseline or interpreted';
    return 'builtins, inline caches, interpreter';
  }
  if (dso.includes('libtorrent')) return 'libtorrent';
  if (dso.includes('python')) return 'python';
  if (/\bnode$|\/node\b/.test(dso) || dso.includes('libnode')) {
    if (/^Builtins_/.test(sym)) return 'builtins, inline caches, interpreter';
    if (/v8::internal::(compiler|maglev|turboshaft)::|Turbofan|OptimizedCompilationJob/.test(sym)) return 'V8 optimising compiler';
    if (/Heap|Scaveng|MarkCompact|Marking|Sweeper|Evacuat|MemoryAllocator|ArrayBufferSweeper|GCTracer/.test(sym)) return 'garbage collection';
    if (/^(bn_|BN_|ossl_|EVP_|OPENSSL_|CRYPTO_)/.test(sym)) return CRYPTO;
    if (/v8::|Runtime_/.test(sym)) return 'V8 runtime and parser';
    if (/^node::|^uv_|^uv__/.test(sym)) return 'node and libuv';
    return 'node binary, other';
  }
  if (/libc\.so|libstdc\+\+|libm\.so|ld-linux/.test(dso)) return 'libc, libstdc++';
  return 'other';
}

function kernelCategory(frames: readonly Frame[]): string {
  for (const { sym } of frames) {
    if (/_sys_(pwrite64|pwritev2?|write|writev)$/.test(sym)) return sym.includes('pwrite') ? 'kernel: writing files' : 'kernel: write, writev';
    if (/_sys_(pread64|preadv2?)$/.test(sym)) return 'kernel: reading files';
    if (/_sys_(read|readv|recvfrom|recvmsg|sendto|sendmsg)$|^ksys_(read|write)$/.test(sym)) return sym.includes('write') ? 'kernel: write, writev' : 'kernel: read, recv, send';
    if (/exc_page_fault/.test(sym)) return 'kernel: page faults';
    if (/_sys_(futex|epoll_wait|epoll_pwait|sched_yield|nanosleep|clock_nanosleep)$/.test(sym)) return 'kernel: waiting, waking';
    if (/_sys_(mmap|munmap|madvise|mprotect|brk)$/.test(sym)) return 'kernel: mapping memory';
    if (/_sys_/.test(sym)) return 'kernel: other system calls';
  }
  return 'kernel: interrupts, scheduling';
}
