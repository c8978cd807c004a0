// A typed config: `bt` and createClient() find bt.config.ts (or .btrc.ts) as
// they find .btrc.json, and defineConfig() checks it as you type. Each built-in's
// options have the type generated from its schema, so a wrong value is a compile error.
import { defineConfig } from '../../core/index.ts'; // 'swarmhook' in your project

// #region config
export default defineConfig({
  downloadDir: 'downloads',
  listen: { ports: '6881-6889' },
  rates: { maxUploadRate: 512 * 1024 },
  plugins: [
    ['logger', { level: 'warn', include: ['peer_ban'] }],
    ['peer-ban', { maxHashFails: 3 }],
    ['tracker-failover', false],
    // ['logger', { level: 'loud' }] would not compile: Type '"loud"' is not assignable to type '"debug" | "info" | ...'.
    // Paths, packages and plugin objects take any options: their schemas are checked when they load.
  ],
});
// #endregion
