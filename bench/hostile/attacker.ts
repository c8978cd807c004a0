// One attack against the seeder, in a process of its own so that the
// attacker's CPU is not taken from the honest download being timed.
//   node --import=tsx bench/hostile/attacker.ts <attack name> <target JSON>
// Attacks until the parent sends { type: 'stop' }, then answers
// { type: 'stopped', connections, closedBySeeder, cpuMs } and exits.
import type { AttackTarget } from './attack.ts';
import { ATTACKS } from './attacks.ts';

export interface AttackerReport {
  readonly type: 'stopped';
  readonly connections: number;
  readonly closedBySeeder: number;
  /** CPU time (user + system) of the attacker's process while attacking, ms. */
  readonly cpuMs: number;
}

const [name, targetJson] = process.argv.slice(2);
const attack = ATTACKS.find((a) => a.name === name);
if (attack === undefined || targetJson === undefined || process.send === undefined) {
  console.error(`usage (from bench/hostile.ts, with IPC): attacker.ts <${ATTACKS.map((a) => a.name).join(' | ')}> <target JSON>`);
  process.exit(1);
}
const send = process.send.bind(process);
const cpuAtStart = process.cpuUsage();
const running = attack.start(JSON.parse(targetJson) as AttackTarget);
process.on('message', () => {
  void running.stop().then(() => {
    const cpu = process.cpuUsage(cpuAtStart);
    const report: AttackerReport = { type: 'stopped', connections: running.connections, closedBySeeder: running.closedBySeeder, cpuMs: (cpu.user + cpu.system) / 1000 };
    send(report, () => process.exit(0));
  });
});
process.once('disconnect', () => process.exit(0));
send({ type: 'started' });
