// The public API. Built-in plugins import from here and nowhere else.
export { Client } from './client.ts';
export { definePlugin } from "./plugin.ts";
export type { JsonSchema, Plugin } from "./plugin.ts";
export type { ClientOptions, ListenerMethods, ListenerOptions } from './client.ts';
export {
  EVENTS,
  EVENT_NAMES,
  SPEC_EVENT_NAMES,
  POLICY_RESULT_CHECKS,
  Stage,
} from './hooks.ts';
export type {
  AnnounceEvent,
  AnnounceParams,
  BanCandidate,
  BaseInfo,
  BlockSource,
  ConnectionAttempt,
  ConnectionVerdict,
  EventAttributes,
  EventHooks,
  EventSink,
  EventInfo,
  EventName,
  HookName,
  Hooks,
  Listener,
  PolicyHooks,
  TrackerCandidate,
  TrackerChoice,
  UnchokeContext,
} from './hooks.ts';
export type * from './types.ts';
export {
  AddressError,
  bigIntToIpv6,
  compareIp,
  formatAddress,
  formatIp,
  ipFamily,
  ipToValue,
  ipValue,
  ipv4ToNumber,
  ipv6ToBigInt,
  isIp,
  normalizeIp,
  numberToIpv4,
  parseAddress,
  parseIp,
  protocolOf,
  sameIp,
  unmapIp,
} from './net/address.ts';
export type { AddressErrorCode, IpFamily, IpValue, ParsedIp } from './net/address.ts';
