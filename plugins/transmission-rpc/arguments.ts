// Reading a request's arguments: each getter names the argument in its
// error, which becomes the request's `result` string.
import { RpcError } from './errors.ts';

type Args = Readonly<Record<string, unknown>>;

export function optionalString(args: Args, key: string): string | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new RpcError('RPC_BAD_ARGUMENT', `argument "${key}" must be a string`);
  return v;
}

export function optionalBoolean(args: Args, key: string): boolean | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  // Transmission accepts 0/1 for booleans too.
  if (v === 0 || v === 1) return v === 1;
  if (typeof v !== 'boolean') throw new RpcError('RPC_BAD_ARGUMENT', `argument "${key}" must be a boolean`);
  return v;
}

export function optionalCount(args: Args, key: string): number | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new RpcError('RPC_BAD_ARGUMENT', `argument "${key}" must be a whole number of at least 0`);
  return v;
}

export function optionalIndexes(args: Args, key: string, count: number): number[] | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every((i) => typeof i === 'number' && Number.isSafeInteger(i) && i >= 0 && i < count)) {
    throw new RpcError('RPC_BAD_ARGUMENT', `argument "${key}" must be a list of file indexes below ${count}`);
  }
  return v as number[];
}

/** Refuses arguments the method does not apply: saying so beats ignoring them. */
export function onlyArguments(method: string, args: Args, allowed: ReadonlySet<string>): void {
  for (const key of Object.keys(args)) {
    if (!allowed.has(key)) throw new RpcError('RPC_NOT_SUPPORTED', `${method}: argument "${key}" is not supported by swarmhook`);
  }
}
