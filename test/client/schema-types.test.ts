// The option types are generated from config-schema/ (scripts/schema-types.ts):
// a schema edited without regenerating fails here, as the README's tables do
// in readme-guide.test.ts. And the defaults come from the schemas alone.
import { readFileSync } from 'node:fs';
import test from 'ava';
import { fillDefaults, OptionsError, type ResolvedSettings } from '../../core/index.ts';
import { resolveSettings } from '../../core/settings.ts';
import { generateTypes, SOURCES } from '../../scripts/schema-types.ts';
import loggerPlugin from '../../plugins/logger/index.ts';
import { peerBanPlugin, type ResolvedPeerBanOptions } from '../../plugins/peer-ban/index.ts';
import { trackerFailoverPlugin } from '../../plugins/tracker-failover/index.ts';
import { ipFilterPlugin } from '../../plugins/ip-filter/index.ts';

for (const source of SOURCES) {
  test(`${source.out} is generated from config-schema/${source.schema}.schema.json and up to date`, (t) => {
    const onDisk = readFileSync(new URL(`../../${source.out}`, import.meta.url), 'utf8');
    t.is(onDisk, generateTypes(source), 'run: node --import=tsx scripts/schema-types.ts --write');
  });
}

test('every schema file has its generated types', (t) => {
  const files = ['btrc', 'logger', 'peer-ban', 'tracker-failover', 'ip-filter', 'ut-metadata', 'pex', 'dht', 'lsd', 'transmission-rpc', 'watch-dir', 'web-ui'];
  t.deepEqual(SOURCES.map((s) => s.schema).sort(), files.sort());
});

/** Every `default` a schema declares on a property, by dotted key. */
function declaredDefaults(name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (s: { properties?: Record<string, { default?: unknown; properties?: object }> }, prefix: string): void => {
    for (const [k, p] of Object.entries(s.properties ?? {})) {
      if (p.properties !== undefined) walk(p as never, `${prefix}${k}.`);
      else if (p.default !== undefined) out[`${prefix}${k}`] = p.default;
    }
  };
  walk(JSON.parse(readFileSync(new URL(`../../config-schema/${name}.schema.json`, import.meta.url), 'utf8')), '');
  return out;
}

function flatten(o: object, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) Object.assign(out, flatten(v, `${prefix}${k}.`));
    else out[`${prefix}${k}`] = v;
  }
  return out;
}

test('the resolved settings hold every default of the schema, and nothing else', (t) => {
  const resolved: ResolvedSettings = resolveSettings();
  const flat = flatten(JSON.parse(JSON.stringify(resolved)));
  const defaults = declaredDefaults('btrc');
  t.deepEqual(Object.keys(flat).sort(), Object.keys(defaults).sort());
  for (const [k, v] of Object.entries(defaults)) if (k !== 'listen.ports') t.deepEqual(flat[k], v, k);
});

test('each built-in plugin fills its options from its own schema, called through the host or not', (t) => {
  for (const plugin of [loggerPlugin, peerBanPlugin, trackerFailoverPlugin, ipFilterPlugin]) {
    const filled = fillDefaults<object>(plugin.schema ?? {}, {}, plugin.name);
    t.deepEqual(filled, declaredDefaults(plugin.name), plugin.name);
  }
  const peerBan = fillDefaults<ResolvedPeerBanOptions>(peerBanPlugin.schema ?? {}, { trustMax: 3, maxHashFails: undefined }, 'peer-ban');
  t.is(peerBan.trustMax, 3);
  t.is(peerBan.trustPenalty, 2);
  t.false('maxHashFails' in peerBan, 'an option without a default stays absent');
  const err = t.throws(() => fillDefaults(peerBanPlugin.schema ?? {}, { scope: 'world' }, 'peer-ban'), { instanceOf: OptionsError });
  t.is(err?.path, '/scope');
  t.true(err?.message.startsWith('peer-ban: /scope must be one of "torrent", "client"'), err?.message);
});
