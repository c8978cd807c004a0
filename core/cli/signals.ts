// How `bt download` and `bt seed` end on Ctrl-C (SIGINT) or SIGTERM (kill,
// systemd, docker stop, timeout): both mean "stop cleanly", so the command
// destroys its client (stopped announces sent, files closed, logger flushed)
// and returns its exit code instead of dying. A second signal while that runs
// exits at once: the user insists.
//
// Exit codes follow the shell's 128 + signal number, as `timeout`, systemd and
// shell scripts read them: 130 (SIGINT) or 143 (SIGTERM) only when a download
// was interrupted before it completed; 0 when the work was done (the download
// completed, or seeding was stopped).

export type StopSignal = 'SIGINT' | 'SIGTERM';

const STOP_SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

/** 128 + the signal's number: the code a shell reports for a program killed by it. */
export const INTERRUPTED_EXIT_CODE: Readonly<Record<StopSignal, number>> = Object.freeze({ SIGINT: 130, SIGTERM: 143 });

export interface StopRequest {
  /** Resolves with the first SIGINT or SIGTERM received; never rejects. */
  readonly signal: Promise<StopSignal>;
  /** Stops listening; the process's default handling of the signals is back. */
  dispose(): void;
}

/** Listens for SIGINT and SIGTERM until disposed. */
export function listenForStop(): StopRequest {
  let received: StopSignal | undefined;
  let resolveSignal!: (signal: StopSignal) => void;
  const signal = new Promise<StopSignal>((resolve) => (resolveSignal = resolve));
  // A signal listener does not keep Node running: with no socket or timer left
  // (no listening port, no tracker) the process would end before the signal comes.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const handlers = STOP_SIGNALS.map((name) => {
    const handler = (): void => {
      if (received !== undefined) process.exit(INTERRUPTED_EXIT_CODE[name]);
      received = name;
      resolveSignal(name);
    };
    process.on(name, handler);
    return { name, handler };
  });
  return {
    signal,
    dispose: () => {
      clearInterval(keepAlive);
      for (const { name, handler } of handlers) process.off(name, handler);
    },
  };
}
