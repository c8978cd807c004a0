// Which of two connections to the same peer (same peer id, same torrent) to
// close. Two peers that dial each other at once each end up with one
// connection each way, and both ends must close the same one: as libtorrent
// decides (bt_peer_connection), the connection dialled by the peer with the
// greater peer id stays. Two connections the same way: the newer one goes.

export type ConnectionDirection = 'incoming' | 'outgoing';

/** 'newcomer' or 'existing': the connection to close. */
export function duplicateToClose(newcomer: ConnectionDirection, existing: ConnectionDirection, ourPeerId: Uint8Array, theirPeerId: Uint8Array): 'newcomer' | 'existing' {
  if (newcomer === existing) return 'newcomer';
  const theirDialStays = Buffer.compare(theirPeerId, ourPeerId) > 0;
  const keepIncoming = theirDialStays;
  return (newcomer === 'incoming') === keepIncoming ? 'existing' : 'newcomer';
}
