// What `bt download` and `bt seed` say about incoming connections. A busy port
// is not fatal (listen_failure): the client goes on, so the command line says
// how it can be reached, or that it cannot and connects out only.
import type { Client } from '../client.ts';

/** "on port 6881", or why no peer can connect to us. Settles the listening first. */
export async function reachability(client: Client): Promise<string> {
  await client.listen();
  const port = client.port;
  return port === undefined ? 'with no listening port: not accepting incoming connections, connecting out to peers only' : `on port ${port}`;
}
