// MSE/PE (Message Stream Encryption) as a transport wrapper over any Duplex.
export { acceptIncoming, type AcceptOptions } from './accept-incoming.ts';
export type { MseConnection } from './connection.ts';
export { detectIncoming, DETECT_LENGTH } from './detect-incoming.ts';
export { MseError, type MseErrorCode } from './errors.ts';
export { initiateMse, type InitiateOptions } from './initiator.ts';
export { MseStream } from './mse-stream.ts';
export type { EncryptionPolicy, MseMethod } from './policy.ts';
export { respondMse, type RespondOptions } from './responder.ts';
