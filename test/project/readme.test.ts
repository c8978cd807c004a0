import { readFileSync } from 'node:fs';
import test from 'ava';
import { withTable } from '../../scripts/hook-table.ts';

test('the README hook table is generated from core/hooks.ts and up to date', (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  t.is(readme, withTable(readme), 'run: node --import=tsx scripts/hook-table.ts --write');
});
