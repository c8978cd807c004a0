// PeerGuardian text format (.p2p), one range per line:
//   Some organisation:1.2.3.0-1.2.3.255
// The label may itself contain colons; the range is what follows the last one.
import { ipv4Range, type ParsedLine } from './line.ts';

const P2P_LINE = /^(.*):\s*(\d{1,3}(?:\.\d{1,3}){3})\s*-\s*(\d{1,3}(?:\.\d{1,3}){3})$/;

/** True when a (trimmed, non-comment) line has the PeerGuardian shape. */
export function looksLikeP2p(line: string): boolean {
  return P2P_LINE.test(line);
}

/** Parses one trimmed, non-comment line. */
export function parseP2pLine(line: string): ParsedLine {
  const m = P2P_LINE.exec(line);
  if (m === null) return { kind: 'error', reason: 'expected "label:first-last"' };
  const result = ipv4Range(m[2], m[3]);
  if ('reason' in result) return { kind: 'error', reason: result.reason };
  const label = m[1].trim();
  return label === '' ? { kind: 'range', range: result.range } : { kind: 'range', range: result.range, label };
}
