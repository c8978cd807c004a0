// Magnet links (BEP 9): magnet:?xt=urn:btih:<hash>&dn=<name>&tr=<tracker>
// &ws=<web seed>&x.pe=<ip:port>. Parsed by hand rather than with
// URLSearchParams, which would turn a '+' inside a tracker URL into a space.
import { isIPv4, isIPv6 } from 'node:net';
import { fail, MetainfoError } from './errors.ts';
import type { MagnetLink, MagnetPeer, Metainfo } from './types.ts';

const BTIH = 'urn:btih:';
const HEX_HASH = /^[0-9a-fA-F]{40}$/;
const BASE32_HASH = /^[A-Za-z2-7]{32}$/;
const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Decodes a 40-hex-digit or 32-character base32 info hash to 20 bytes. */
export function decodeInfoHash(text: string): Buffer {
  if (HEX_HASH.test(text)) return Buffer.from(text, 'hex');
  if (BASE32_HASH.test(text)) {
    const out = Buffer.alloc(20);
    let bits = 0;
    let acc = 0;
    let o = 0;
    for (const ch of text.toUpperCase()) {
      acc = (acc << 5) | BASE32_ALPHABET.indexOf(ch);
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (acc >>> bits) & 0xff;
      }
    }
    return out;
  }
  fail('BAD_INFO_HASH', `"${clip(text)}" is neither 40 hex digits nor 32 base32 characters`);
}

/** A high surrogate without a low one after it, or a low one without a high one before it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces lone surrogates with U+FFFD. A magnet link is a JS string and may
 * carry them unencoded; encodeURIComponent throws a URIError on them, and no
 * UTF-8 holds them, so they are replaced where the text comes in and goes out.
 */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD');
}

function decodeComponent(raw: string, what: string, plusIsSpace: boolean): string {
  try {
    return wellFormed(decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, ' ') : raw));
  } catch (err) {
    throw new MetainfoError('BAD_MAGNET', `${what} is not valid percent-encoding: "${clip(raw)}"`, { cause: err });
  }
}

/** Parses "1.2.3.4:6881" or "[::1]:6881". */
export function parsePeerAddress(text: string): MagnetPeer {
  let ip: string;
  let portText: string;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0 || text[close + 1] !== ':') fail('BAD_PEER', `peer "${clip(text)}" is not [ipv6]:port`);
    ip = text.slice(1, close);
    portText = text.slice(close + 2);
    if (!isIPv6(ip)) fail('BAD_PEER', `peer "${clip(text)}" has no valid IPv6 address`);
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) fail('BAD_PEER', `peer "${clip(text)}" has no port`);
    ip = text.slice(0, colon);
    portText = text.slice(colon + 1);
    if (!isIPv4(ip)) fail('BAD_PEER', `peer "${clip(text)}" is not ipv4:port or [ipv6]:port`);
  }
  const port = /^[0-9]{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port >= 1 && port <= 65535)) fail('BAD_PEER', `peer "${clip(text)}" has no valid port (1-65535)`);
  return Object.freeze({ ip: ip.toLowerCase(), port });
}

/** Parses a magnet link. Throws MetainfoError BAD_MAGNET, MISSING_INFO_HASH, BAD_INFO_HASH or BAD_PEER. */
export function parseMagnet(uri: string): MagnetLink {
  if (typeof uri !== 'string') fail('BAD_MAGNET', 'a magnet link must be a string');
  const trimmed = uri.trim();
  if (!/^magnet:\?/i.test(trimmed)) fail('BAD_MAGNET', `"${clip(trimmed)}" does not start with "magnet:?"`);
  const query = trimmed.slice('magnet:?'.length).split('#')[0]!;

  let infoHash: Buffer | undefined;
  let name: string | undefined;
  const trackers: string[] = [];
  const webSeeds: string[] = [];
  const peers: MagnetPeer[] = [];
  const peerKeys = new Set<string>();

  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    // Numbered keys (tr.1, tr.2) are a common variant of repeated ones.
    const base = /^(xt|tr|ws|dn)\.\d+$/.test(key) ? key.slice(0, key.indexOf('.')) : key;
    switch (base) {
      case 'xt': {
        const value = decodeComponent(raw, 'xt', false);
        // Other urns (btmh: v2 multihash, sha1, ed2k...) are for other protocols.
        if (!value.toLowerCase().startsWith(BTIH)) break;
        const hash = decodeInfoHash(value.slice(BTIH.length));
        if (infoHash !== undefined && !infoHash.equals(hash)) {
          fail('BAD_MAGNET', 'the magnet link names two different BitTorrent info hashes');
        }
        infoHash = hash;
        break;
      }
      case 'dn':
        name = decodeComponent(raw, 'dn', true);
        break;
      case 'tr': {
        const url = decodeComponent(raw, 'tr', false).trim();
        if (url !== '' && !trackers.includes(url)) trackers.push(url);
        break;
      }
      case 'ws': {
        const url = decodeComponent(raw, 'ws', false).trim();
        if (url !== '' && !webSeeds.includes(url)) webSeeds.push(url);
        break;
      }
      case 'x.pe': {
        const peer = parsePeerAddress(decodeComponent(raw, 'x.pe', false).trim());
        const id = `${peer.ip}|${peer.port}`;
        if (!peerKeys.has(id)) {
          peerKeys.add(id);
          peers.push(peer);
        }
        break;
      }
      default:
        break;
    }
  }
  if (infoHash === undefined) fail('MISSING_INFO_HASH', 'the magnet link has no BitTorrent info hash (xt=urn:btih:...)');
  return Object.freeze({
    infoHash: infoHash.toString('hex'),
    infoHashBuffer: infoHash,
    ...(name !== undefined && { name }),
    trackers: Object.freeze(trackers),
    webSeeds: Object.freeze(webSeeds),
    peers: Object.freeze(peers),
  });
}

/** The magnet link of a torrent: info hash, name, every tracker, every web seed. Lone surrogates are written as U+FFFD. */
export function toMagnetURI(torrent: Pick<Metainfo, 'infoHash' | 'name' | 'announce' | 'urlList'>): string {
  const encode = (text: string): string => encodeURIComponent(wellFormed(text));
  const parts = [`xt=${BTIH}${torrent.infoHash}`, `dn=${encode(torrent.name)}`];
  for (const url of torrent.announce.flat()) parts.push(`tr=${encode(url)}`);
  for (const url of torrent.urlList) parts.push(`ws=${encode(url)}`);
  return `magnet:?${parts.join('&')}`;
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}...` : s;
}
