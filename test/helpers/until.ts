// Polls until a condition holds, for tests that wait on another process or the network.

/** Resolves with poll()'s first defined value; rejects after ms naming what it waited for. */
export function until<T>(what: string, ms: number, poll: () => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + ms;
    const timer = setInterval(() => {
      const v = poll();
      if (v !== undefined) {
        clearInterval(timer);
        resolve(v);
      } else if (Date.now() > deadline) {
        clearInterval(timer);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }
    }, 10);
  });
}

/** until() for a poll that must wait for an answer (a child process, an HTTP request): one poll at a time, every `intervalMs`. */
export async function untilAsync<T>(what: string, ms: number, poll: () => Promise<T | undefined>, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await poll();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
