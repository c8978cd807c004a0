// Our BEP 10 extension handshake: which extensions we speak, under which ids
// the remote is to send them, and what the remote may want to know about us
// (listen port, request queue, metadata size).
import { isIp, parseIp, unmapIp } from '../net/index.ts';
import type { ExtendedHandshake } from '../wire/index.ts';

/** Name of the BEP 9 metadata extension in handshakes' `m`. */
export const UT_METADATA = 'ut_metadata';
/** The id under which remotes send us ut_metadata messages (libtorrent picks 2 as well). */
export const OUR_UT_METADATA_ID = 2;
/** `v` of our handshake. */
export const CLIENT_VERSION = 'swarmhook 0.1.0';
export interface OurHandshakeOptions {
  /** Our TCP listen port, when listening. */
  readonly port?: number | undefined;
  /** Size of the info dictionary, when we have it (BEP 9: a peer only asks for metadata we announce). */
  readonly metadataSize?: number | undefined;
  /** The remote's address as we see it (BEP 10 yourip), when it is an IP we can encode. */
  readonly remoteIp?: string | undefined;
  /** Requests we hold from one peer (`reqq`; more are refused): the limits.maxQueuedRequestsPerPeer setting. */
  readonly requestQueue: number;
}

/** The extension handshake we send on every connection that negotiated BEP 10. */
export function ourExtendedHandshake(options: OurHandshakeOptions): ExtendedHandshake {
  const yourip = options.remoteIp === undefined ? undefined : compactIp(options.remoteIp);
  return {
    m: { [UT_METADATA]: OUR_UT_METADATA_ID },
    v: CLIENT_VERSION,
    reqq: options.requestQueue,
    ...(options.port !== undefined && options.port > 0 ? { p: options.port } : {}),
    ...(options.metadataSize !== undefined && options.metadataSize > 0 ? { metadata_size: options.metadataSize } : {}),
    ...(yourip === undefined ? {} : { yourip }),
  };
}

/** 4 bytes for an IPv4 address, 16 for IPv6 (a zone id dropped); undefined for anything else. */
export function compactIp(ip: string): Buffer | undefined {
  if (!isIp(ip)) return undefined;
  return Buffer.from(unmapIp(parseIp(ip.replace(/%.*$/, ''))).toByteArray());
}
