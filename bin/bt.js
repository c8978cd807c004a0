#!/usr/bin/env node
// The `bt` command. swarmhook ships TypeScript sources; tsx runs them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// The process ends by itself once the client is destroyed, after stdout and
// stderr have drained. Should a handle be left open anyway, a SIGTERM must
// still end `bt`: exit with the code after a grace period.
setTimeout(() => process.exit(code), 5000).unref();
