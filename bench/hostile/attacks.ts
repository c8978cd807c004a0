// The attacks bench/hostile.ts runs, in order. Add one: a module exporting an
// Attack (see attack.ts), listed here.
import type { Attack } from './attack.ts';
import { keepAliveFlood } from './keep-alive-flood.ts';
import { nonReader } from './non-reader.ts';

export const ATTACKS: readonly Attack[] = [nonReader, keepAliveFlood];
