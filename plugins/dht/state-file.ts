// The routing table saved between runs: our id and the nodes we knew, as
// JSON, so that the next start asks them first instead of the routers.
import { readFile, writeFile } from 'node:fs/promises';
import type { NodeContact } from './compact.ts';
import { isIpv4 } from './compact.ts';
import { DhtError } from './errors.ts';

export interface DhtState {
  readonly id: Buffer;
  readonly nodes: readonly NodeContact[];
}

/** Nodes read from a file at most (a saved table is at most maxNodes anyway). */
const MAX_SAVED_NODES = 10_000;

export async function saveState(file: string, state: DhtState): Promise<void> {
  const json = { id: state.id.toString('hex'), nodes: state.nodes.map((n) => ({ id: n.id.toString('hex'), ip: n.ip, port: n.port })) };
  try {
    await writeFile(file, JSON.stringify(json));
  } catch (err) {
    throw new DhtError('DHT_STATE', `cannot save the DHT state to ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** The saved state; undefined when there is no file yet. Throws DHT_STATE for a file that is not ours. */
export async function loadState(file: string): Promise<DhtState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DhtError('DHT_STATE', `cannot read the DHT state ${file}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const json = JSON.parse(text) as { id?: unknown; nodes?: unknown };
    const id = hexId(json.id);
    if (id === undefined || !Array.isArray(json.nodes)) throw new Error('no id or nodes');
    const nodes: NodeContact[] = [];
    for (const n of json.nodes.slice(0, MAX_SAVED_NODES) as { id?: unknown; ip?: unknown; port?: unknown }[]) {
      const nodeId = hexId(n?.id);
      if (nodeId === undefined || typeof n.ip !== 'string' || !isIpv4(n.ip) || !Number.isInteger(n.port) || (n.port as number) < 1 || (n.port as number) > 65535) continue;
      nodes.push({ id: nodeId, ip: n.ip, port: n.port as number });
    }
    return { id, nodes };
  } catch (err) {
    throw new DhtError('DHT_STATE', `${file} is not a saved DHT state: ${(err as Error).message}`, { cause: err });
  }
}

function hexId(v: unknown): Buffer | undefined {
  return typeof v === 'string' && /^[0-9a-f]{40}$/i.test(v) ? Buffer.from(v, 'hex') : undefined;
}
