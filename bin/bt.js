#!/usr/bin/env node
// The `bt` command. swarmhook ships TypeScript sources; tsx runs them.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../core/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
