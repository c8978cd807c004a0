// Our BEP 10 extension handshake: which extensions we speak, under which ids
// the remote is to send them, and what the remote may want to know about us
// (listen port, request queue, our address). Extensions themselves
// (ut_metadata, ut_pex, plugins' own) add their ids and keys through the
// extension registry and the extended_handshake waterfall.
import { compactIp } from '../net/index.ts';
import type { ExtendedHandshake } from '../wire/index.ts';

/** `v` of our handshake. */
export const CLIENT_VERSION = 'swarmhook 0.1.0';
export interface OurHandshakeOptions {
  /** Our TCP listen port, when listening. */
  readonly port?: number | undefined;
  /** The remote's address as we see it (BEP 10 yourip), when it is an IP we can encode. */
  readonly remoteIp?: string | undefined;
  /** Requests we hold from one peer (`reqq`; more are refused): the limits.maxQueuedRequestsPerPeer setting. */
  readonly requestQueue: number;
}

/** The extension handshake we send on every connection that negotiated BEP 10. */
export function ourExtendedHandshake(options: OurHandshakeOptions): ExtendedHandshake {
  const yourip = options.remoteIp === undefined ? undefined : compactIp(options.remoteIp);
  return {
    m: {},
    v: CLIENT_VERSION,
    reqq: options.requestQueue,
    ...(options.port !== undefined && options.port > 0 ? { p: options.port } : {}),
    ...(yourip === undefined ? {} : { yourip }),
  };
}
