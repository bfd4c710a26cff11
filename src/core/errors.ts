// Errors the core raises. Each sets `name`, and is recognised by name (not instanceof, which
// fails across bundles and realms: the task pane, a worker, a test's module registry).

/** A broken invariant: a bug in this tool, never the user's input. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}

/** Whether an error is one of a named class (set by its constructor). */
export function isNamedError(e: unknown, name: string): e is Error {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === name;
}

export const isInternalError = (e: unknown): e is InternalError => isNamedError(e, "InternalError");

/** The value, which the code's own logic guarantees is there; an InternalError if it is not. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new InternalError(`missing ${what}`);
  return value;
}
