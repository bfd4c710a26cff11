// Office.js errors sorted into what the user can do about them.

export type FailureKind =
  | "protected" // sheet or workbook protection
  | "conflict" // co-authoring, cell edit mode, another change in progress
  | "tooLarge" // request or response over Excel on the web's 5 MB limit
  | "unsupported" // an API this Excel does not have
  | "gone" // a sheet was renamed or deleted meanwhile
  | "unknown";

export function errorCode(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
    if (typeof o.code === "string") return o.code;
    if (typeof o.debugInfo?.code === "string") return o.debugInfo.code;
  }
  return "";
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return typeof e === "string" ? e : "";
}

export function classifyOfficeError(e: unknown): FailureKind {
  const code = errorCode(e);
  const msg = errorMessage(e).toLowerCase();
  if (code === "AccessDenied" || /protect/.test(msg)) return "protected";
  if (code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded" || /payload size/.test(msg)) return "tooLarge";
  if (
    ["Conflict", "EditModeCannotPerformOperation", "ActivityLimitReached", "InsertDeleteConflict", "RequestAborted"].includes(code) ||
    /co-?author|edit mode/.test(msg)
  )
    return "conflict";
  if (["ApiNotAvailable", "NotImplemented", "UnsupportedOperation"].includes(code)) return "unsupported";
  if (code === "ItemNotFound") return "gone";
  return "unknown";
}

export function isPayloadTooLarge(e: unknown): boolean {
  return classifyOfficeError(e) === "tooLarge";
}

/** An adapter failure that keeps the Office error and what was done about it. */
export class AdapterError extends Error {
  constructor(
    readonly kind: FailureKind,
    readonly cause: unknown,
    /** False when cleaning up after the failure failed too (the user should check the sheet tabs). */
    readonly rolledBack = true,
  ) {
    super(errorMessage(cause) || kind);
    this.name = "AdapterError";
  }
}
