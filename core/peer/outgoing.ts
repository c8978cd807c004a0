// What each message a connection sends requires before it may go: the
// extension both sides must have negotiated, and whether its piece index is
// checked against the torrent. PeerConnection's send methods all go through
// this one table.
import type { MessageType } from '../wire/index.ts';

export interface OutgoingRule {
  /** The extension both sides must have announced. */
  readonly needs?: 'fast' | 'extended';
  /** How the error for a missing extension names the message. */
  readonly name: string;
  /** The message's `index` must be a piece of the torrent. */
  readonly indexed: boolean;
}

export const OUTGOING: Readonly<Record<MessageType, OutgoingRule>> = Object.freeze({
  'keep-alive': { name: 'keep alive', indexed: false },
  choke: { name: 'choke', indexed: false },
  unchoke: { name: 'unchoke', indexed: false },
  interested: { name: 'interested', indexed: false },
  'not-interested': { name: 'not interested', indexed: false },
  have: { name: 'have', indexed: true },
  bitfield: { name: 'bitfield', indexed: false },
  request: { name: 'request', indexed: true },
  piece: { name: 'piece', indexed: true },
  cancel: { name: 'cancel', indexed: true },
  port: { name: 'port', indexed: false },
  suggest: { needs: 'fast', name: 'suggest piece', indexed: true },
  'have-all': { needs: 'fast', name: 'have all', indexed: false },
  'have-none': { needs: 'fast', name: 'have none', indexed: false },
  reject: { needs: 'fast', name: 'reject request', indexed: true },
  'allowed-fast': { needs: 'fast', name: 'allowed fast', indexed: true },
  extended: { needs: 'extended', name: 'extended', indexed: false },
  unknown: { name: 'unknown', indexed: false },
});
