// Built-in plugin "ip-filter": taps allow_connection and refuses addresses
// covered by its rules (options.rules, blocklist files). The engine then fires
// ip_filter with the rule that matched.
//
// Reaching the filter at run time: getIpFilter(client) returns the IpFilter
// the plugin applied to that client (add/remove rules, load more lists).
// Blocklist lines that do not parse are reported through
// process.emitWarning (code SWARMHOOK_IP_FILTER_BLOCKLIST) with file and line;
// IpFilter.loadBlocklist also returns them.
import schema from '../../config-schema/ip-filter.schema.json' with { type: 'json' };
import { definePlugin, fillDefaults, Stage } from '../../core/index.ts';
import type { Client, ConnectionVerdict, JsonSchema } from '../../core/index.ts';
import type { IpFilterOptions, ResolvedIpFilterOptions } from './generated/options.ts';
import type { BlocklistLoadResult } from './ip-filter.ts';
import { IpFilter, IpFilterError } from './ip-filter.ts';

export { IpFilter, IpFilterError } from './ip-filter.ts';
export type { BlocklistLoadResult, RuleSpec } from './ip-filter.ts';
export type { BlocklistError } from './blocklist.ts';
export type { IpFilterErrorCode } from './range.ts';
export { DAT_PERMIT_LEVEL } from './dat.ts';

export type { IpFilterOptions, ResolvedIpFilterOptions } from './generated/options.ts';

/** Code of the process warning listing blocklist lines that did not parse. */
export const BLOCKLIST_WARNING_CODE = 'SWARMHOOK_IP_FILTER_BLOCKLIST';

const SHOWN_ERRORS = 10;

const filters = new WeakMap<Client, IpFilter>();

/** The IpFilter the ip-filter plugin applied to this client, or undefined when it is not applied. */
export function getIpFilter(client: Client): IpFilter | undefined {
  return filters.get(client);
}

function warnAboutErrors(result: BlocklistLoadResult): void {
  if (result.errors.length === 0) return;
  const shown = result.errors.slice(0, SHOWN_ERRORS).map((e) => `${e.file}:${e.line}: ${e.reason}: ${e.text}`);
  const more = result.errors.length > SHOWN_ERRORS ? `\n... and ${result.errors.length - SHOWN_ERRORS} more` : '';
  process.emitWarning(
    `ip-filter: ${result.errors.length} line(s) of blocklist ${result.file} could not be parsed and were skipped (${result.loaded} rules loaded)`,
    { code: BLOCKLIST_WARNING_CODE, detail: shown.join('\n') + more },
  );
}

export const ipFilterPlugin = definePlugin<IpFilterOptions>({
  name: 'ip-filter',
  schema: schema as JsonSchema,
  apply(client, given) {
    const options = fillDefaults<ResolvedIpFilterOptions>(schema, given, 'ip-filter');
    const filter = new IpFilter();
    options.rules.forEach((rule, i) => {
      try {
        filter.add(rule, '.btrc');
      } catch (err) {
        throw new IpFilterError('INVALID_RULE', `ip-filter: option rules[${i}]: ${(err as Error).message}`, err);
      }
    });
    // Loaded synchronously on purpose: connections must not slip through
    // while a list is still loading.
    for (const file of options.blocklists) warnAboutErrors(filter.loadBlocklist(file));
    filters.set(client, filter);
    client.hooks.allow_connection.tap({ name: 'ip-filter', stage: Stage.DEFAULT }, (attempt): ConnectionVerdict | undefined => {
      const rule = filter.has(attempt.address.ip);
      return rule === undefined ? undefined : { allow: false, rule };
    });
  },
});

export default ipFilterPlugin;
