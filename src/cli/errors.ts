// A user-facing failure: the exit code and the one line the CLI prints for it, no stack trace.

import { isNamedError } from "../core/errors";

export class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ExitError";
  }
}

export const isExitError = (e: unknown): e is ExitError => isNamedError(e, "ExitError");
