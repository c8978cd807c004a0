// Compile-time checks of defineConfig(), run by `tsc --noEmit` (and by
// define-config.test.ts, which type-checks this file alone): each line under an
// expect-error directive must fail to compile, every other line must compile.
import { defineConfig, definePlugin } from '../../core/index.ts';
import type { BtConfig, BuiltinPluginOptions, CreateClientOptions, PluginEntry } from '../../core/index.ts';
import type { LoggerOptions } from '../../plugins/logger/index.ts';

const probe = definePlugin({ name: 'probe', apply() {} });
class Counter {
  readonly name = 'counter';
  apply(): void {}
}

// A built-in's options are typed from its JSON Schema.
defineConfig({ plugins: [['logger', { level: 'warn', format: 'json', include: ['peer_ban'] }]] });
// @ts-expect-error 'loud' is not a logger level
defineConfig({ plugins: [['logger', { level: 'loud' }]] });
// @ts-expect-error the logger has no option "levle"
defineConfig({ plugins: [['logger', { levle: 'warn' }]] });
// @ts-expect-error the logger's include lists events, and "peer_bann" is none
defineConfig({ plugins: [['logger', { include: ['peer_bann'] }]] });
// @ts-expect-error peer-ban's maxHashFails is a number
defineConfig({ plugins: ['logger', ['peer-ban', { maxHashFails: '3' }]] });
// @ts-expect-error dht has no option "bootstrp"
defineConfig({ plugins: [['dht', { bootstrp: [] }]] });

// Switches, names, paths, packages, objects and classes compile as they are.
defineConfig({
  plugins: [['logger', false], 'peer-ban', ['dht', true], ['pex', { intervalMs: 60_000 }], './my-plugin.ts', ['some-package', { anything: 1 }], probe, [probe, { a: 1 }], Counter],
});

// Entries built elsewhere, typed loosely, are taken as the plugin host takes them.
const shared: PluginEntry[] = [['logger', { level: 'warn' }], './team-plugin.ts'];
defineConfig({ plugins: [...shared, ['peer-ban', { maxHashFails: 2 }]] });
defineConfig({ plugins: shared });

// The settings are .btrc's.
defineConfig({ listen: { ports: 0, tcp6: false }, rates: { maxDownloadRate: 1_000_000 } });
// @ts-expect-error ports is a port, a range or a list, not a boolean
defineConfig({ listen: { ports: true } });
// @ts-expect-error "downlodDir" is not a setting
defineConfig({ downlodDir: 'x' });

// What it returns is a BtConfig, and its plugins are what createClient takes.
const config = defineConfig({ downloadDir: 'downloads', plugins: [['logger', { level: 'error' }], probe] });
const asFile: BtConfig = config;
const asCode: CreateClientOptions = { config: false, plugins: config.plugins ?? [] };
void asFile;
void asCode;

// A built-in's options type is the one its plugin exports (both generated from its schema);
// that every built-in has one is checked in define-config.test.ts.
const loggerOptions: LoggerOptions = { level: 'debug' } satisfies BuiltinPluginOptions['logger'];
const anyEntry: PluginEntry = ['logger', loggerOptions];
void anyEntry;
