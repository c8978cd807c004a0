// Peer ids: ours (the peerIdPrefix setting + random bytes, Azureus style),
// how they are shown in events, and which client a remote id names.
import { randomBytes } from 'node:crypto';

export const PEER_ID_LENGTH = 20;

/** A fresh peer id: the prefix (the peerIdPrefix setting) followed by random bytes up to 20. */
export function generatePeerId(prefix: string): Buffer {
  const head = Buffer.from(prefix, 'latin1');
  if (head.length > PEER_ID_LENGTH) throw new RangeError(`peer id prefix longer than ${PEER_ID_LENGTH} bytes: ${prefix}`);
  return Buffer.concat([head, randomBytes(PEER_ID_LENGTH - head.length)]);
}

/**
 * How a peer id is shown in events (the `peer_id` attribute): the id as text
 * when all 20 bytes are printable ASCII (0x20-0x7e), otherwise 40 hex digits.
 * Most clients' ids are printable; ours and some others carry raw random bytes.
 */
export function formatPeerId(id: Uint8Array): string {
  for (let i = 0; i < id.length; i++) {
    const c = id[i]!;
    if (c < 0x20 || c > 0x7e) return Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString('hex');
  }
  return Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString('latin1');
}

/** Two-letter codes of Azureus-style ids ("-XXvvvv-"). */
const AZUREUS_CLIENTS: Readonly<Record<string, string>> = {
  '7T': 'aTorrent',
  AB: 'AnyEvent::BitTorrent',
  AG: 'Ares',
  'A~': 'Ares',
  AR: 'Arctic',
  AT: 'Artemis',
  AV: 'Avicora',
  AX: 'BitPump',
  AZ: 'Vuze',
  BB: 'BitBuddy',
  BC: 'BitComet',
  BE: 'BitTorrent SDK',
  BF: 'Bitflu',
  BG: 'BTG',
  BI: 'BiglyBT',
  BL: 'BitLord',
  BN: 'Baidu Netdisk',
  BP: 'BitTorrent Pro',
  BR: 'BitRocket',
  BS: 'BTSlave',
  BT: 'BitTorrent',
  BW: 'BitWombat',
  BX: 'Bittorrent X',
  CD: 'Enhanced CTorrent',
  CT: 'CTorrent',
  DE: 'Deluge',
  DP: 'Propagate Data Client',
  EB: 'EBit',
  ES: 'electric sheep',
  FC: 'FileCroc',
  FD: 'Free Download Manager',
  FG: 'FlashGet',
  FT: 'FoxTorrent',
  FX: 'Freebox BitTorrent',
  GS: 'GSTorrent',
  HK: 'Hekate',
  HL: 'Halite',
  HM: 'hMule',
  HN: 'Hydranode',
  IL: 'iLivid',
  JS: 'Justseed.it',
  JT: 'JavaTorrent',
  KG: 'KGet',
  KT: 'KTorrent',
  LC: 'LeechCraft',
  LH: 'LH-ABC',
  LP: 'Lphant',
  LT: 'libtorrent',
  lt: 'libTorrent (rakshasa)',
  LW: 'LimeWire',
  MK: 'Meerkat',
  MO: 'MonoTorrent',
  MP: 'MooPolice',
  MR: 'Miro',
  MT: 'MoonlightTorrent',
  NB: 'Net::BitTorrent',
  NX: 'Net Transport',
  OS: 'OneSwarm',
  OT: 'OmegaTorrent',
  PB: 'Protocol::BitTorrent',
  PD: 'Pando',
  PI: 'PicoTorrent',
  PT: 'PHPTracker',
  qB: 'qBittorrent',
  QD: 'QQDownload',
  QT: 'Qt 4 Torrent example',
  RT: 'Retriever',
  RZ: 'RezTorrent',
  'S~': 'Shareaza alpha/beta',
  SB: 'Swiftbit',
  SD: 'Thunder (XunLei)',
  SG: 'GS Torrent',
  SH: 'swarmhook',
  SM: 'SoMud',
  SN: 'ShareNET',
  SP: 'BitSpirit',
  SS: 'SwarmScope',
  ST: 'SymTorrent',
  st: 'sharktorrent',
  SZ: 'Shareaza',
  TB: 'Torch',
  TE: 'terasaur Seed Bank',
  TL: 'Tribler',
  TN: 'TorrentDotNET',
  TR: 'Transmission',
  TS: 'Torrentstorm',
  TT: 'TuoTu',
  UL: 'uLeecher!',
  UM: 'µTorrent for Mac',
  UT: 'µTorrent',
  UW: 'µTorrent Web',
  VG: 'Vagaa',
  WD: 'WebTorrent Desktop',
  WT: 'BitLet',
  WW: 'WebTorrent',
  WY: 'FireTorrent',
  XF: 'Xfplay',
  XL: 'Xunlei',
  XS: 'XSwifter',
  XT: 'XanTorrent',
  XX: 'Xtorrent',
  ZO: 'Zona',
  ZT: 'ZipTorrent',
};

/** First letter of Shad0w-style ids ("S58B-----"). */
const SHADOW_CLIENTS: Readonly<Record<string, string>> = {
  A: 'ABC',
  O: 'Osprey Permaseed',
  Q: 'BTQueue',
  R: 'Tribler',
  S: 'Shadow',
  T: 'BitTornado',
  U: 'UPnP NAT Bit Torrent',
};

/** Shad0w's version alphabet: 0-9, A-Z, a-z, '.', '-' stand for 0..63. */
const SHADOW_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-';

function isAlnum(c: string): boolean {
  return /^[0-9A-Za-z]$/.test(c);
}

/** One Azureus version character: a digit, or a letter standing for 10 and up (libtorrent's "-LT1C00-"). */
function azureusDigit(c: string): number | undefined {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 87;
  return undefined;
}

function azureusVersion(code: string, v: string): string | undefined {
  if (code === 'TR') {
    // Transmission: major then two-digit minor; Z marks a development build, X a beta.
    const minor = v.slice(1, 3);
    if (!/^\d\d$/.test(minor) || !/^\d$/.test(v[0]!)) return undefined;
    const tag = v[3] === 'Z' ? '+' : v[3] === 'X' ? ' beta' : '';
    return `${v[0]}.${minor}${tag}`;
  }
  const parts = [...v].map(azureusDigit);
  if (parts.some((p) => p === undefined)) return undefined;
  const [a, b, c, d] = parts as number[];
  // µTorrent's fourth character is a build letter, not a version part.
  if (code === 'UT' || code === 'UM' || code === 'UW') return `${a}.${b}.${c}`;
  return d === 0 ? `${a}.${b}.${c}` : `${a}.${b}.${c}.${d}`;
}

/**
 * The client a peer id names, with its version: "-LT2080-" is "libtorrent 2.0.8",
 * "M7-2-2--" is "Mainline 7.2.2", "S58B-----" is "Shadow 5.8.11". Undefined when
 * the id follows none of the common conventions.
 */
export function decodeClientName(id: Uint8Array): string | undefined {
  if (id.length < 8) return undefined;
  const text = Buffer.from(id.buffer, id.byteOffset, Math.min(id.byteLength, 20)).toString('latin1');

  // Azureus style: '-', two letters, four version characters, '-'.
  if (text[0] === '-' && text[7] === '-') {
    const code = text.slice(1, 3);
    const version = text.slice(3, 7);
    const name = AZUREUS_CLIENTS[code];
    const shown = azureusVersion(code, version);
    if (name !== undefined) return shown === undefined ? name : `${name} ${shown}`;
    if (/^[0-9A-Za-z~]{2}$/.test(code) && shown !== undefined) return `unknown client "${code}" ${shown}`;
    return undefined;
  }

  // Mainline style: 'M' (or 'Q' for Queen Bee), then major-minor-patch padded with '-'.
  const mainline = /^([MQ])(\d{1,3})-(\d{1,3})-{1,2}(\d{1,3})-/.exec(text);
  if (mainline !== null) {
    const name = mainline[1] === 'M' ? 'Mainline' : 'Queen Bee';
    return `${name} ${Number(mainline[2])}.${Number(mainline[3])}.${Number(mainline[4])}`;
  }

  // Shad0w style: a client letter, up to five version characters, '-' padding.
  const shadowName = SHADOW_CLIENTS[text[0]!];
  if (shadowName !== undefined && text.length >= 6) {
    const versionChars = text.slice(1, 6).replace(/-+$/, '');
    if (versionChars.length > 0 && [...versionChars].every((c) => isAlnum(c) || c === '.') && /^-+/.test(text.slice(1 + versionChars.length, 9))) {
      const parts = [...versionChars].map((c) => SHADOW_DIGITS.indexOf(c));
      return `${shadowName} ${parts.join('.')}`;
    }
  }
  return undefined;
}
