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
