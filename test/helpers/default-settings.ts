// The settings tests build engine parts with, when they construct a
// PeerConnection directly instead of through the engine (which
// passes the resolved settings). The one place tests take the defaults from.
import type { Socket } from 'node:net';
import { peerConnectionSettings } from '../../core/connections.ts';
import type { PeerLimits, PeerTimeouts } from '../../core/peer/index.ts';
import { resolveSettings, type ResolvedSettings } from '../../core/settings.ts';
import { tcpProtocol, tcpRemoteAddress } from '../../core/transport/tcp.ts';
import type { Address } from '../../core/types.ts';

/** Every setting at the schema's default, filled the way the client fills them (resolveSettings). */
export const DEFAULT_SETTINGS: ResolvedSettings = resolveSettings();

export interface PeerSettingsOverrides {
  /** sendStallMs follows inactivityMs unless given. */
  readonly timeouts?: Partial<PeerTimeouts>;
  readonly limits?: Partial<PeerLimits>;
}

/** A PeerConnection's timeouts and limits as the engine passes them under the default settings. */
export function peerSettings(overrides: PeerSettingsOverrides = {}): { timeouts: PeerTimeouts; limits: PeerLimits } {
  const d = peerConnectionSettings(DEFAULT_SETTINGS);
  const t = overrides.timeouts ?? {};
  const timeouts: PeerTimeouts = { ...d.timeouts, ...t, sendStallMs: t.sendStallMs ?? t.inactivityMs ?? d.timeouts.sendStallMs };
  return { timeouts, limits: { ...d.limits, ...overrides.limits } };
}

/** Everything a PeerConnection on a TCP socket is told besides its socket, delegate and sink: whom it talks to and the default settings. */
export function tcpPeerOptions(
  socket: Socket,
  overrides: PeerSettingsOverrides = {},
): { address: Address; protocol: 'tcp4' | 'tcp6'; timeouts: PeerTimeouts; limits: PeerLimits } {
  return { address: tcpRemoteAddress(socket), protocol: tcpProtocol(socket), ...peerSettings(overrides) };
}

/** A Tracker's or Announcer's time limits as the engine passes them under the default settings. */
export function trackerSettings(): { timeoutMs: number; udp: { baseTimeoutMs: number; maxRetries: number; timeoutMs: number } } {
  const { timeouts, trackers } = DEFAULT_SETTINGS;
  return { timeoutMs: timeouts.trackerMs, udp: { baseTimeoutMs: trackers.udpBaseTimeoutMs, maxRetries: trackers.udpRetries, timeoutMs: trackers.udpTimeoutMs } };
}
