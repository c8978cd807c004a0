// BEP 10 extensions as a plugin capability, in the shape of libtorrent's
// peer_plugin: a plugin registers an extension name; the registry gives it
// our extended message id, announces it in every extended handshake, and
// when a peer's handshake arrives asks the extension for a per-peer handler
// that then receives that extension's messages. A message for an id no
// extension claimed is ignored (BEP 10). A handler that throws is reported
// as plugin_error naming its plugin; the peer stays connected.
import { CodedError } from '../errors.ts';
import type { TapFailureHandler } from '../hooks.ts';
import type { Peer } from '../types.ts';
import type { ExtendedHandshake } from '../wire/index.ts';

/**
 * Ids we hand out start here. Any id 1-255 would do (each side picks its
 * own); 3 is where they started while ut_metadata was engine code under id
 * 2, so plugins' extensions kept their ids when it became a plugin.
 */
export const FIRST_EXTENSION_ID = 3;
/** Extended message ids are one byte, and 0 is the handshake. */
export const MAX_EXTENSION_ID = 255;

export type ExtensionErrorCode = 'BAD_EXTENSION_NAME' | 'DUPLICATE_EXTENSION' | 'TOO_MANY_EXTENSIONS';

/** A registration the registry refuses. */
export class ExtensionError extends CodedError<ExtensionErrorCode> {}

/** One connection as an extension sees it. */
export interface ExtensionPeer {
  /** The connection (address, state, disconnect). */
  readonly peer: Peer;
  /** The peer's extended handshake, as last received. */
  readonly handshake: ExtendedHandshake;
  /** The id the peer receives this extension under; undefined when it does not speak it. */
  readonly remoteId: number | undefined;
  /** Bytes queued for the peer, not yet taken by its socket: an extension answering requests can refuse a peer that does not read. */
  readonly queuedBytes: number;
  /** Sends a message of this extension; false when the peer does not speak it or the connection is closed. */
  send(payload: Buffer): boolean;
  /** Sends a message of any extension the peer announced, by name. */
  sendExtended(name: string, payload: Buffer): boolean;
}

/** What an extension keeps for one peer (libtorrent's peer_plugin). */
export interface PeerExtension {
  /** A message of this extension from the peer (payload after the extended id). */
  onMessage?(payload: Buffer): void;
  /** The peer sent another extended handshake (BEP 10 allows updates). */
  onHandshake?(handshake: ExtendedHandshake): void;
  /** The connection closed. */
  onClose?(): void;
}

export interface ExtensionDefinition {
  /** The name in the handshake's `m`, e.g. "ut_pex". */
  readonly name: string;
  /** The plugin plugin_error names when a handler throws; default the extension's name. */
  readonly plugin?: string;
  /**
   * A peer's extended handshake arrived: return the handler for its messages,
   * or undefined to leave this peer alone. Called for every peer that
   * negotiated BEP 10, whether or not it announced this extension
   * (`remoteId` says).
   */
  onPeer(peer: ExtensionPeer): PeerExtension | undefined;
}

/** Gives an extension definition its types; returns it unchanged. */
export function defineExtension(definition: ExtensionDefinition): ExtensionDefinition {
  return definition;
}

/** A registered extension. */
export interface RegisteredExtension extends ExtensionDefinition {
  /** The id remote peers send this extension's messages under. */
  readonly id: number;
}

/** A connection as the registry drives it (PeerConnection has all of it). */
export interface ExtensionConnection extends Peer {
  readonly closed: boolean;
  readonly extendedHandshake: ExtendedHandshake | undefined;
  /** Bytes queued in the socket. */
  readonly writableLength: number;
  extended(extendedId: number, payload: Buffer): boolean;
}

export class ExtensionRegistry {
  readonly #byName = new Map<string, RegisteredExtension>();
  readonly #byId = new Map<number, RegisteredExtension>();
  readonly #peers = new Map<ExtensionConnection, Map<RegisteredExtension, PeerExtension>>();
  readonly #onFailure: TapFailureHandler;
  #nextId = FIRST_EXTENSION_ID;

  constructor(onFailure: TapFailureHandler) {
    this.#onFailure = onFailure;
  }

  /** Registers an extension; throws ExtensionError for an empty or taken name, or when the ids run out. */
  register(definition: ExtensionDefinition): RegisteredExtension {
    const { name } = definition;
    if (typeof name !== 'string' || name.length === 0) throw new ExtensionError('BAD_EXTENSION_NAME', 'an extension needs a non-empty name');
    if (this.#byName.has(name)) {
      throw new ExtensionError('DUPLICATE_EXTENSION', `extension "${name}" is already registered`);
    }
    if (this.#nextId > MAX_EXTENSION_ID) throw new ExtensionError('TOO_MANY_EXTENSIONS', `no extended message id left for "${name}"`);
    const registered: RegisteredExtension = Object.freeze({ ...definition, id: this.#nextId++ });
    this.#byName.set(name, registered);
    this.#byId.set(registered.id, registered);
    return registered;
  }

  get(name: string): RegisteredExtension | undefined {
    return this.#byName.get(name);
  }

  get list(): readonly RegisteredExtension[] {
    return [...this.#byName.values()];
  }

  /** Name -> our id, for the `m` of our handshake. */
  get ids(): Readonly<Record<string, number>> {
    const m: Record<string, number> = {};
    for (const ext of this.#byName.values()) m[ext.name] = ext.id;
    return m;
  }

  /** True when `extendedId` is one of ours: the message is this registry's to route (or ignore). */
  claims(extendedId: number): boolean {
    return this.#byId.has(extendedId);
  }

  /** The peer's extended handshake arrived (first or again): creates or updates its per-peer handlers. */
  onHandshake(connection: ExtensionConnection, handshake: ExtendedHandshake): void {
    if (this.#byName.size === 0) return;
    let handlers = this.#peers.get(connection);
    if (handlers !== undefined) {
      for (const [ext, handler] of handlers) {
        if (handler.onHandshake !== undefined) this.#guard(ext, 'onHandshake', () => handler.onHandshake!(handshake));
      }
      return;
    }
    handlers = new Map();
    this.#peers.set(connection, handlers);
    for (const ext of this.#byName.values()) {
      if (connection.closed) return;
      const handler = this.#guard(ext, 'onPeer', () => ext.onPeer(extensionPeer(connection, ext)));
      if (handler !== undefined) handlers.set(ext, handler);
    }
  }

  /** A message under one of our ids: the peer's handler for that extension gets it; nobody's, it is ignored. */
  onMessage(connection: ExtensionConnection, extendedId: number, payload: Buffer): void {
    const ext = this.#byId.get(extendedId);
    const handler = ext === undefined ? undefined : this.#peers.get(connection)?.get(ext);
    if (ext === undefined || handler?.onMessage === undefined) return;
    this.#guard(ext, 'onMessage', () => handler.onMessage!(payload));
  }

  /** The connection closed: its handlers hear of it and are forgotten. */
  onClose(connection: ExtensionConnection): void {
    const handlers = this.#peers.get(connection);
    if (handlers === undefined) return;
    this.#peers.delete(connection);
    for (const [ext, handler] of handlers) {
      if (handler.onClose !== undefined) this.#guard(ext, 'onClose', () => handler.onClose!());
    }
  }

  #guard<T>(ext: RegisteredExtension, what: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      this.#onFailure(ext.plugin ?? ext.name, `extension ${ext.name} ${what}`, err instanceof Error ? err : new Error(String(err)));
      return undefined;
    }
  }
}

function extensionPeer(connection: ExtensionConnection, ext: RegisteredExtension): ExtensionPeer {
  const idOf = (name: string): number | undefined => {
    const id = connection.extendedHandshake?.m[name];
    return id === undefined || id === 0 ? undefined : id;
  };
  const sendExtended = (name: string, payload: Buffer): boolean => {
    const id = idOf(name);
    if (id === undefined || connection.closed) return false;
    return connection.extended(id, payload);
  };
  return Object.freeze({
    peer: connection,
    get handshake(): ExtendedHandshake {
      return connection.extendedHandshake ?? { m: {} };
    },
    get remoteId(): number | undefined {
      return idOf(ext.name);
    },
    get queuedBytes(): number {
      return connection.writableLength;
    },
    send: (payload: Buffer) => sendExtended(ext.name, payload),
    sendExtended,
  });
}
