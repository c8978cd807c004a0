import { defineConfig, definePlugin } from '../../core/index.ts';

const probe = definePlugin({ name: 'probe', apply() {} });

defineConfig({ plugins: [['logger', { level: 'warn' }]] });
// @ts-expect-error 'loud' is not a logger level
defineConfig({ plugins: [['logger', { level: 'loud' }]] });
// @ts-expect-error the logger has no option "levle"
defineConfig({ plugins: [['logger', { levle: 'warn' }]] });
// @ts-expect-error maxHashFails is a number
defineConfig({ plugins: ['logger', ['peer-ban', { maxHashFails: '3' }]] });
defineConfig({ plugins: [['logger', false], 'logger', ['dht', true], './x.ts', ['some-package', { anything: 1 }], probe, [probe, { a: 1 }]] });
defineConfig({ listen: { ports: 0 } });
// @ts-expect-error ports is not a boolean
defineConfig({ listen: { ports: true } });
