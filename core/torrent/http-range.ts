// The Range header of an HTTP request (RFC 9110 section 14), for one byte
// range of a file: what the stream server answers 206, 200 or 416 to.

export type RangeAnswer =
  /** Serve bytes start..end (inclusive) with 206. */
  | { readonly kind: 'partial'; readonly start: number; readonly end: number }
  /** No usable Range header (absent, another unit, several ranges): serve the whole file with 200. */
  | { readonly kind: 'whole' }
  /** A byte range that cannot be satisfied: 416 with `Content-Range: bytes *\/length`. */
  | { readonly kind: 'unsatisfiable' };

/**
 * The answer to `header` for a file of `length` bytes. Forms: `bytes=a-b`,
 * `bytes=a-` and `bytes=-n` (the last n bytes); an end beyond the file is
 * cut to its last byte. Several ranges are served as the whole file (a
 * server may ignore Range).
 */
export function parseRange(header: string | undefined, length: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (m === null) return { kind: 'whole' };
  const spec = m[1]!.trim();
  if (spec.includes(',')) return { kind: 'whole' };
  const r = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (r === null || (r[1] === '' && r[2] === '')) return { kind: 'unsatisfiable' };
  if (r[1] === '') {
    const suffix = Number(r[2]);
    if (suffix === 0 || length === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, length - suffix), end: length - 1 };
  }
  const start = Number(r[1]);
  const end = r[2] === '' ? length - 1 : Math.min(Number(r[2]), length - 1);
  if (!Number.isSafeInteger(start) || start >= length || end < start) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}
