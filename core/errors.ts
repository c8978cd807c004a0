// The base of swarmhook's coded errors: callers branch on `code`, people read
// `message`. Modules define their own subclasses next to the code that throws.

export class CodedError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}
