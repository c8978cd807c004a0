// One torrent's swarm and what it is made of as the engine sees it: the swarm
// (its picker, choker and piece accounting stay inside), the announcer, the
// metadata phase of a magnet link and where its metadata comes from, and
// the client-wide send budget.
export * from './announcer.ts';
export type { Dialer, PieceStore, SwarmMeta, SwarmPeer, SwarmService } from './contracts.ts';
export * from './extensions.ts';
export * from './magnet-swarm.ts';
export * from './metadata-source.ts';
export type { DialFailure } from './peer-candidates.ts';
export { SendBudget } from './send-budget.ts';
export { MAX_REQUEST_LENGTH, Swarm } from './swarm.ts';
export type { PieceOutcome, SwarmOptions } from './swarm.ts';
