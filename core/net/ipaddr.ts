// ipaddr.js, loaded with require() rather than import. Imported as ESM, this
// CommonJS file (38 KB) goes through Node's export lexer, which it makes hot
// enough for V8 to optimise: about 27 ms of CPU in every process that starts
// (`node -e "await import('ipaddr.js')"` against createRequire, median of 5),
// paid 9 times over by bench/swarm.ts's 9 processes.
import { createRequire } from 'node:module';
import type IpAddr from 'ipaddr.js';

export type { IPv4, IPv6 } from 'ipaddr.js';

export const ipaddr: typeof IpAddr = createRequire(import.meta.url)('ipaddr.js') as typeof IpAddr;
