// A user-facing failure: the exit code and the one line the CLI prints for it, no stack trace.

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
