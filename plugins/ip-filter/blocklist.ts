// Blocklist files. Each line is recognised on its own, so lists that were
// concatenated from several sources still load:
//   - eMule ipfilter.dat   "001.002.003.004 - 001.002.003.255 , 000 , label"
//   - PeerGuardian .p2p    "label:1.2.3.0-1.2.3.255"
//   - a bare rule          "10.0.0.0/8", "2001:db8::/32", "1.2.3.4", "a - b"
// Blank lines and lines starting with # are comments. A line that fits none
// is reported with file and line, and the rest of the list still loads.
// A file starting with the gzip magic bytes is decompressed first.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { looksLikeDat, parseDatLine } from './dat.ts';
import type { ParsedLine } from './line.ts';
import { looksLikeP2p, parseP2pLine } from './p2p.ts';
import { IpFilterError, parseRange, type IpRange } from './range.ts';

/** A line of a blocklist that could not be parsed. */
export interface BlocklistError {
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly text: string;
  readonly reason: string;
}

export interface BlocklistEntry {
  readonly range: IpRange;
  readonly label?: string;
  /** 1-based line number. */
  readonly line: number;
}

export interface ParsedBlocklist {
  readonly entries: BlocklistEntry[];
  readonly errors: BlocklistError[];
  /** Valid lines that block nothing (ipfilter.dat ranges with a permitting access level). */
  readonly permitted: number;
}

function parseLine(line: string): ParsedLine {
  if (looksLikeDat(line)) return parseDatLine(line);
  if (looksLikeP2p(line)) return parseP2pLine(line);
  try {
    return { kind: 'range', range: parseRange(line) };
  } catch {
    return { kind: 'error', reason: 'not an ipfilter.dat line, a PeerGuardian line, an address, a CIDR block or a range' };
  }
}

/** Parses the text of a blocklist; `file` only names it in errors. */
export function parseBlocklist(text: string, file: string): ParsedBlocklist {
  const entries: BlocklistEntry[] = [];
  const errors: BlocklistError[] = [];
  let permitted = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '' || line.startsWith('#')) continue;
    const parsed = parseLine(line);
    if (parsed.kind === 'range') {
      entries.push(parsed.label === undefined ? { range: parsed.range, line: i + 1 } : { range: parsed.range, label: parsed.label, line: i + 1 });
    } else if (parsed.kind === 'skip') {
      permitted++;
    } else {
      errors.push({ file, line: i + 1, text: line.length > 200 ? `${line.slice(0, 200)}...` : line, reason: parsed.reason });
    }
  }
  return { entries, errors, permitted };
}

/** Reads a blocklist file (gzip or plain, UTF-8). Throws IpFilterError BLOCKLIST_UNREADABLE. */
export function readBlocklistText(path: string, shownAs = path): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new IpFilterError('BLOCKLIST_UNREADABLE', `cannot read blocklist ${shownAs}: ${(err as Error).message}`, err);
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new IpFilterError('BLOCKLIST_UNREADABLE', `cannot decompress blocklist ${shownAs}: ${(err as Error).message}`, err);
    }
  }
  return bytes.toString('utf8');
}
