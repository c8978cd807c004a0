// eMule / aMule ipfilter.dat, one range per line:
//   001.002.003.004 - 001.002.003.255 , 000 , label
// The middle field is an access level: below 127 the range is blocked, 127 or
// more it is permitted (eMule's default filter level is 127), so those lines
// block nothing. A line with the range and no level is taken as blocked.
import { ipv4Range, type ParsedLine } from './line.ts';

/** Access level from which an ipfilter.dat range is permitted rather than blocked. */
export const DAT_PERMIT_LEVEL = 127;

const DAT_LINE = /^(\d{1,3}(?:\.\d{1,3}){3})\s*-\s*(\d{1,3}(?:\.\d{1,3}){3})\s*(?:,\s*([^,]*?)\s*(?:,\s*(.*))?)?$/;

/** True when a (trimmed, non-comment) line has the ipfilter.dat shape (range then a comma). */
export function looksLikeDat(line: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}\s*-\s*\d{1,3}(?:\.\d{1,3}){3}\s*,/.test(line);
}

/** Parses one trimmed, non-comment line. */
export function parseDatLine(line: string): ParsedLine {
  const m = DAT_LINE.exec(line);
  if (m === null) return { kind: 'error', reason: 'expected "first - last , level , label"' };
  const result = ipv4Range(m[1], m[2]);
  if ('reason' in result) return { kind: 'error', reason: result.reason };
  if (m[3] !== undefined) {
    if (!/^\d{1,3}$/.test(m[3])) return { kind: 'error', reason: `access level ${JSON.stringify(m[3])} is not a number from 0 to 255` };
    const level = Number(m[3]);
    if (level > 255) return { kind: 'error', reason: `access level ${level} is not a number from 0 to 255` };
    if (level >= DAT_PERMIT_LEVEL) return { kind: 'skip' };
  }
  const label = m[4]?.trim() ?? '';
  return label === '' ? { kind: 'range', range: result.range } : { kind: 'range', range: result.range, label };
}
