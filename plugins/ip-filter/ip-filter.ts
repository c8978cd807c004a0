// The set of rules the ip-filter plugin judges addresses by. Rules can be
// added and removed at any time; the lookup tables are rebuilt (O(n log n))
// on the first lookup after a change, so a batch of changes costs one rebuild
// and a lookup is a binary search.
import { resolve } from 'node:path';
import type { FilterRule } from '../../core/index.ts';
import { parseBlocklist, readBlocklistText, type BlocklistError } from './blocklist.ts';
import { addressValue, formatValue, IpFilterError, parseRange, type IpRange } from './range.ts';
import { Ipv4Table, Ipv6Table } from './range-set.ts';

/** A rule as written: an address, CIDR block or "first - last" range, optionally labelled. */
export type RuleSpec = string | { readonly range: string; readonly label?: string };

export interface BlocklistLoadResult {
  /** The file as it was named to loadBlocklist. */
  readonly file: string;
  /** Rules added from it. */
  readonly loaded: number;
  /** Valid lines that block nothing (ipfilter.dat access level 127 or more). */
  readonly permitted: number;
  /** Lines that could not be parsed; they were skipped. */
  readonly errors: BlocklistError[];
}

class Entry<T extends number | bigint> {
  rule: FilterRule | undefined;
  constructor(
    readonly family: 'ipv4' | 'ipv6',
    readonly lo: T,
    readonly hi: T,
    /** ".btrc", "api" or the blocklist file: what removeSource() matches. */
    readonly origin: string,
    readonly line: number | undefined,
    readonly label: string | undefined,
  ) {}
}

type AnyEntry = Entry<number> | Entry<bigint>;

export class IpFilter {
  readonly #v4 = new Set<Entry<number>>();
  readonly #v6 = new Set<Entry<bigint>>();
  // FilterRule objects handed out, so that remove(rule) finds its entry.
  readonly #entryOf = new WeakMap<FilterRule, AnyEntry>();
  #v4Table: Ipv4Table<Entry<number>> | undefined;
  #v6Table: Ipv6Table<Entry<bigint>> | undefined;

  /** Number of rules (not of merged ranges). */
  get size(): number {
    return this.#v4.size + this.#v6.size;
  }

  /**
   * Adds one rule. `source` says where it came from (FilterRule.source):
   * ".btrc" for options, "api" by default. Throws IpFilterError INVALID_RULE.
   */
  add(rule: RuleSpec, source = 'api'): FilterRule {
    const text = typeof rule === 'string' ? rule : rule.range;
    const label = typeof rule === 'string' ? undefined : rule.label;
    return this.#ruleOf(this.#insert(parseRange(text), source, undefined, label));
  }

  /**
   * Removes a rule: the FilterRule object add() or has() returned (or one
   * equal to it in start, end and source), or, given a rule as written, every
   * rule covering exactly that range. Returns whether anything was removed.
   */
  remove(rule: FilterRule | RuleSpec): boolean {
    if (typeof rule === 'object' && 'start' in rule) {
      const known = this.#entryOf.get(rule);
      if (known !== undefined) return this.#delete(known);
      return this.#deleteWhere((e) => {
        const r = this.#ruleOf(e);
        return r.start === rule.start && r.end === rule.end && r.source === rule.source;
      }) > 0;
    }
    const range = parseRange(typeof rule === 'string' ? rule : rule.range);
    return this.#deleteWhere((e) => e.family === range.family && e.lo === range.lo && e.hi === range.hi) > 0;
  }

  /** Removes every rule from one source (".btrc", "api", or a blocklist file as it was named). */
  removeSource(source: string): number {
    return this.#deleteWhere((e) => e.origin === source);
  }

  clear(): void {
    this.#v4.clear();
    this.#v6.clear();
    this.#changed();
  }

  /** The rule that bans this address, or undefined. A non-address is not banned. */
  has(ip: string): FilterRule | undefined {
    const value = addressValue(ip);
    if (value === undefined) return undefined;
    const entry =
      value.family === 'ipv4'
        ? (this.#v4Table ??= new Ipv4Table(this.#v4)).find(value.value)
        : (this.#v6Table ??= new Ipv6Table(this.#v6)).find(value.value);
    return entry === undefined ? undefined : this.#ruleOf(entry);
  }

  /** Every rule, in no particular order. */
  *rules(): IterableIterator<FilterRule> {
    for (const e of this.#v4) yield this.#ruleOf(e);
    for (const e of this.#v6) yield this.#ruleOf(e);
  }

  /**
   * Loads a blocklist file (relative paths from the working directory; gzip
   * or plain; ipfilter.dat, PeerGuardian or bare rule lines). Rules loaded
   * earlier from the same file name are replaced. Lines that do not parse are
   * returned in `errors` and skipped. Throws IpFilterError BLOCKLIST_UNREADABLE
   * when the file cannot be read (then nothing changes).
   */
  loadBlocklist(file: string): BlocklistLoadResult {
    return this.loadBlocklistText(readBlocklistText(resolve(file), file), file);
  }

  /** As loadBlocklist, from text already read; `file` names the source. */
  loadBlocklistText(text: string, file: string): BlocklistLoadResult {
    const parsed = parseBlocklist(text, file);
    this.removeSource(file);
    for (const entry of parsed.entries) this.#insert(entry.range, file, entry.line, entry.label);
    return { file, loaded: parsed.entries.length, permitted: parsed.permitted, errors: parsed.errors };
  }

  #insert(range: IpRange, origin: string, line: number | undefined, label: string | undefined): AnyEntry {
    let entry: AnyEntry;
    if (range.family === 'ipv4') {
      const e = new Entry<number>('ipv4', range.lo, range.hi, origin, line, label);
      this.#v4.add(e);
      entry = e;
    } else {
      const e = new Entry<bigint>('ipv6', range.lo, range.hi, origin, line, label);
      this.#v6.add(e);
      entry = e;
    }
    this.#changed();
    return entry;
  }

  #delete(entry: AnyEntry): boolean {
    const removed = entry.family === 'ipv4' ? this.#v4.delete(entry as Entry<number>) : this.#v6.delete(entry as Entry<bigint>);
    if (removed) this.#changed();
    return removed;
  }

  #deleteWhere(match: (e: AnyEntry) => boolean): number {
    let count = 0;
    for (const e of this.#v4) if (match(e) && this.#v4.delete(e)) count++;
    for (const e of this.#v6) if (match(e) && this.#v6.delete(e)) count++;
    if (count > 0) this.#changed();
    return count;
  }

  #changed(): void {
    this.#v4Table = undefined;
    this.#v6Table = undefined;
  }

  #ruleOf(entry: AnyEntry): FilterRule {
    if (entry.rule !== undefined) return entry.rule;
    const source = entry.line === undefined ? entry.origin : `${entry.origin}:${entry.line}`;
    const rule: FilterRule = Object.freeze({
      start: formatValue(entry.family, entry.lo),
      end: formatValue(entry.family, entry.hi),
      source,
      ...(entry.label === undefined ? {} : { label: entry.label }),
    });
    entry.rule = rule;
    this.#entryOf.set(rule, entry);
    return rule;
  }
}

export { IpFilterError };
