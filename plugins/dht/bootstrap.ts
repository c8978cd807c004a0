// Bootstrap nodes are HOST:PORT strings; names are resolved (to IPv4, or to
// IPv6 for the IPv6 node) when the DHT starts. A name that does not resolve is reported and skipped: with no
// network the DHT just stays empty, it neither throws nor hangs.
import { lookup } from 'node:dns/promises';
import type { DhtFamily, PeerAddress } from './compact.ts';
import { DhtError } from './errors.ts';

export function parseHostPort(text: string): { host: string; port: number } {
  const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(text.trim());
  const port = match === null ? NaN : Number(match[2]);
  if (match === null || !(port >= 1 && port <= 65535)) throw new DhtError('DHT_BOOTSTRAP', `bootstrap node ${JSON.stringify(text)} is not HOST:PORT`);
  return { host: match[1]!, port };
}

export async function resolveBootstrap(entries: readonly string[], onError: (error: DhtError, entry: string) => void, family: DhtFamily = 4): Promise<PeerAddress[]> {
  const resolved = await Promise.all(
    entries.map(async (entry): Promise<PeerAddress | undefined> => {
      try {
        const { host, port } = parseHostPort(entry);
        const { address } = await lookup(host, { family });
        return { ip: address, port };
      } catch (err) {
        onError(err instanceof DhtError ? err : new DhtError('DHT_BOOTSTRAP', `cannot resolve ${entry}: ${(err as Error).message}`, { cause: err }), entry);
        return undefined;
      }
    }),
  );
  return resolved.filter((a): a is PeerAddress => a !== undefined);
}
