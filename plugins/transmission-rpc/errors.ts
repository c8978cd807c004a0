// Why an RPC request was refused or failed: the HTTP layer's refusals carry
// an HTTP status; a method's failure becomes Transmission's `result` string.
import { CodedError } from '../../core/index.ts';

export type RpcErrorCode =
  | 'RPC_AUTH_FAILED'
  | 'RPC_LOGIN_LOCKED'
  | 'RPC_RATE_LIMITED'
  | 'RPC_HOST_NOT_ALLOWED'
  | 'RPC_BODY_TOO_LARGE'
  | 'RPC_BAD_JSON'
  | 'RPC_VETOED'
  | 'RPC_UNKNOWN_METHOD'
  | 'RPC_BAD_ARGUMENT'
  | 'RPC_OUTSIDE_ROOTS'
  | 'RPC_NOT_SUPPORTED'
  | 'RPC_FAILED';

export class RpcError extends CodedError<RpcErrorCode> {}
