// The connections of one UDP socket, found by what each datagram carries:
// the remote's address and port and the connection id. A lookup runs for
// every datagram, so its key is one small integer (port and id), the address
// compared only among the connections sharing it; a string key was built,
// and hashed, per datagram.
import type { UtpConnection } from './connection.ts';

export class ConnectionTable {
  readonly #byPortAndId = new Map<number, UtpConnection[]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(ip: string, port: number, receiveId: number): UtpConnection | undefined {
    const sharing = this.#byPortAndId.get(slot(port, receiveId));
    if (sharing === undefined) return undefined;
    for (const connection of sharing) if (connection.remote.ip === ip) return connection;
    return undefined;
  }

  has(ip: string, port: number, receiveId: number): boolean {
    return this.get(ip, port, receiveId) !== undefined;
  }

  /** Adds a connection under its remote and receive id, where none is. */
  add(connection: UtpConnection): void {
    const k = slot(connection.remote.port, connection.receiveId);
    const sharing = this.#byPortAndId.get(k);
    if (sharing === undefined) this.#byPortAndId.set(k, [connection]);
    else sharing.push(connection);
    this.#size++;
  }

  /** Removes the connection, if it is the one held under its remote and receive id. */
  delete(connection: UtpConnection): void {
    const k = slot(connection.remote.port, connection.receiveId);
    const sharing = this.#byPortAndId.get(k);
    const i = sharing?.indexOf(connection) ?? -1;
    if (sharing === undefined || i < 0) return;
    if (sharing.length === 1) this.#byPortAndId.delete(k);
    else sharing.splice(i, 1);
    this.#size--;
  }

  /** Every connection, as a list of its own (the caller may close them while going through it). */
  list(): UtpConnection[] {
    return [...this.#byPortAndId.values()].flat();
  }
}

/** Port and id in one 32-bit integer (a small integer to V8, no number boxed per lookup). */
function slot(port: number, receiveId: number): number {
  return (port << 16) | receiveId;
}
