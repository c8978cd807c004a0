// The validators of config-schema/ are precompiled (scripts/schema-validators.ts):
// a schema edited without regenerating fails here. And they are what runs:
// a client with its built-ins starts without loading ajv's compiler, while a
// user plugin's own schema still compiles at run time.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import test from 'ava';
import { compileSchema } from '../../core/json-schema.ts';
import { validators } from '../../core/generated/options-validators.ts';
import { generateValidators } from '../../scripts/schema-validators.ts';

for (const file of generateValidators()) {
  test(`${file.out} is generated from config-schema/ and up to date`, (t) => {
    const onDisk = readFileSync(new URL(`../../${file.out}`, import.meta.url), 'utf8');
    t.is(onDisk, file.text, 'run: node --import=tsx scripts/schema-validators.ts --write');
  });
}

test('every schema of config-schema/ has its precompiled validator, and compileSchema hands it out for that $id', (t) => {
  const ids = ['btrc', 'dht', 'ip-filter', 'logger', 'lsd', 'peer-ban', 'pex', 'tracker-failover', 'transmission-rpc', 'ut-metadata', 'watch-dir', 'web-ui'].map(
    (name) => `urn:swarmhook:config-schema:${name}`,
  );
  t.deepEqual(Object.keys(validators).sort(), ids);
  const dht = JSON.parse(readFileSync(new URL('../../config-schema/dht.schema.json', import.meta.url), 'utf8')) as object;
  t.is(compileSchema(dht, { strict: false, useDefaults: true }), validators['urn:swarmhook:config-schema:dht']);
});

test('a schema of no id of ours compiles at run time and fills its defaults', (t) => {
  const validate = compileSchema({ type: 'object', properties: { n: { type: 'integer', default: 3 } } }, { strict: false, useDefaults: true });
  t.false(Object.values(validators).includes(validate));
  const data: { n?: number } = {};
  t.true(validate(data));
  t.is(data.n, 3);
});

const START_CLIENT = `
import { createRequire } from 'node:module';
const { createClient } = await import(process.env.CORE);
const client = await createClient({ config: false, listen: { ports: 0, host4: '127.0.0.1', tcp6: false }, plugins: [['dht', false], ['lsd', false], 'pex', 'ut-metadata'] });
const require = createRequire(import.meta.url);
const loaded = Object.keys(require.cache).filter((f) => /node_modules\\/ajv\\/dist\\/(ajv|2020|core|compile\\/index)\\.js$/.test(f));
await client.destroy();
console.log(JSON.stringify(loaded));
`;

test('a client with its settings and built-in plugins validated starts without loading the compiler of ajv', (t) => {
  const run = spawnSync(process.execPath, ['--import=tsx', '--input-type=module', '-e', START_CLIENT], {
    cwd: new URL('../../', import.meta.url),
    env: { ...process.env, CORE: new URL('../../core/index.ts', import.meta.url).href },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.is(run.status, 0, run.stderr);
  t.deepEqual(JSON.parse(run.stdout.trim().split('\n').pop() ?? 'null'), []);
});
