// A coded error of an exchange with a server that may answer over HTTP (a
// tracker, a web seed): the code for programs, the English reason for people,
// and the HTTP status of the reply that failed, 0 when there was none
// (time-out, no connection, UDP). TrackerError and WebSeedError are this shape
// with their own codes.
import { CodedError } from '../errors.ts';

export class HttpCodedError<Code extends string> extends CodedError<Code> {
  /** HTTP status of the reply that failed; 0 when there was no HTTP reply. */
  readonly statusCode: number;

  constructor(code: Code, reason: string, statusCode = 0, options?: { cause?: unknown }) {
    super(code, reason, options);
    this.statusCode = statusCode;
  }
}
