// A client for swarm tests against a real tracker on loopback: short tracker
// time-outs so a failure shows in seconds, and no logger output.
import type { ExecutionContext } from 'ava';
import type { Client } from '../../core/client.ts';
import { createClient } from '../../core/create-client.ts';

export async function trackerTestClient(t: ExecutionContext): Promise<Client> {
  const c = await createClient({
    config: false,
    listen: { ports: 0, tcp4: true, tcp6: false, host4: '127.0.0.1' },
    timeouts: { trackerMs: 5000 },
    trackers: { udpBaseTimeoutMs: 500, udpRetries: 3, udpTimeoutMs: 5000 },
    plugins: [['logger', false]],
  });
  t.teardown(() => c.destroy());
  return c;
}
