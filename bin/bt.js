#!/usr/bin/env node
// The `bt` command. swarmhook ships TypeScript sources; tsx runs them.
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register } from 'tsx/esm/api';

// Both hooks, as `node --import tsx` has them: a user's .ts plugin outside a
// "type": "module" package is CommonJS, and without tsx's require hook Node
// hides its errors behind "Cannot require() ES Module ... in a cycle".
registerCommonJs();
register();
const { main } = await import('../core/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// The process ends by itself once the client is destroyed, after stdout and
// stderr have drained. Should a handle be left open anyway, a SIGTERM must
// still end `bt`: exit with the code after a grace period.
setTimeout(() => process.exit(code), 5000).unref();
