// Office.js errors sorted into what the user can do about them. Classified by error.code
// only: Excel localizes error.message (a ja-JP Excel answers in Japanese), so its text
// never decides anything. Codes: "Error handling with the application-specific JavaScript
// APIs" (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).

import { isNamedError } from "../core/errors";

export type FailureKind =
  | "protected" // AccessDenied: sheet or workbook protection
  | "cellEdit" // InvalidOperationInCellEditMode: the user is typing in a cell
  | "conflict" // co-authoring, another change in progress, throttling
  | "tooLarge" // request or response over Excel on the web's 5 MB limit
  | "unsupported" // an API or a feature this Excel does not have
  | "inactive" // InactiveWorkbook: the workbook is not the active one (another window)
  | "gone" // ItemNotFound: a sheet was renamed or deleted meanwhile
  | "general" // GeneralException: Excel's own internal error
  | "unknown";

const KINDS: Readonly<Record<string, FailureKind>> = {
  AccessDenied: "protected",
  InvalidOperationInCellEditMode: "cellEdit",
  Conflict: "conflict",
  ActivityLimitReached: "conflict",
  InsertDeleteConflict: "conflict",
  RequestAborted: "conflict",
  ServiceNotAvailable: "conflict",
  RequestPayloadSizeLimitExceeded: "tooLarge",
  ResponsePayloadSizeLimitExceeded: "tooLarge",
  ApiNotFound: "unsupported",
  ApiNotAvailable: "unsupported",
  UnsupportedFeature: "unsupported",
  UnsupportedOperation: "unsupported",
  NotImplemented: "unsupported",
  InactiveWorkbook: "inactive",
  ItemNotFound: "gone",
  GeneralException: "general",
};

export function errorCode(e: unknown): string {
  if (e && typeof e === "object") {
    const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
    if (typeof o.code === "string") return o.code;
    if (typeof o.debugInfo?.code === "string") return o.debugInfo.code;
  }
  return "";
}

/** The error's own text, for the detail shown after the explanation in words. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && typeof (e as { message?: unknown }).message === "string") return (e as { message: string }).message;
  return typeof e === "string" ? e : "";
}

export function classifyOfficeError(e: unknown): FailureKind {
  if (isAdapterError(e)) return e.kind;
  return KINDS[errorCode(e)] ?? "unknown";
}

export function isPayloadTooLarge(e: unknown): boolean {
  const code = errorCode(isAdapterError(e) ? e.cause : e);
  return code === "RequestPayloadSizeLimitExceeded" || code === "ResponsePayloadSizeLimitExceeded";
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

export const isAdapterError = (e: unknown): e is AdapterError => isNamedError(e, "AdapterError");
