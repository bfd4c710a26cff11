// The workbook host simulator: answers the RichApi requests of Microsoft's Excel client
// library (@microsoft/office-js) from an in-memory workbook, the way Excel is documented to
// (rules.ts). The client hands each context.sync() to executeAsync(customData, flags,
// {Url, Headers, Body}); Body is the real request — Actions (1 Instantiate, 2 Query,
// 3 Method, 4 SetProperty) over ObjectPaths (1 global, 3 method, 4 property, 5 indexer,
// 6 reference id, 7 null) — and the answer is {HttpStatusCode, ErrorCode, ErrorMessage,
// Headers, Body: {Results: [{ActionId, Value}], Error?}}.
// Every request is recorded with its real serialised size. No Node-only imports: the
// browser test bundles this file.

import { DecodedSheet, HostEnv, HostObject, RangeObj, WorkbookObj } from "./objects";
import { HostError, HostLocale, messageOf, PAYLOAD_LIMIT_BYTES } from "./rules";
import { WorkbookState } from "./state";

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[]; ReferencedObjectPathIds?: number[] };
  QueryInfo?: { Select?: string[]; Expand?: string[] };
}

export interface RequestBody {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}

export interface ResponseMessage {
  HttpStatusCode: number;
  ErrorCode: string;
  ErrorMessage: string;
  Headers: Record<string, string>;
  Body: { Results: { ActionId: number; Value: unknown }[]; Error?: Record<string, unknown> };
}

export interface SyncRecord {
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Actions other than Instantiate (what a failure plan counts). */
  readonly ops: number;
  /** "range.values", "worksheetCollection.add", "worksheet.delete"… in request order. */
  readonly kinds: readonly string[];
  readonly failed?: string;
  /** Request flags (64 = delay for cell edit). */
  readonly flags: number;
  /** Excel.run's own clean-up request after a batch (releases kept ranges), not the adapter's sync. */
  readonly cleanup?: boolean;
}

export interface InjectedFailure {
  readonly code: string;
}

/** Decides whether an action fails: it sees the action's kind and its global index. */
export type FailurePlan = (op: { kind: string; index: number; sync: number }) => InjectedFailure | undefined;

export interface HostOptions {
  /** "web" (default) enforces Excel on the web's payload limit and insert restrictions. */
  readonly platform?: "web" | "desktop";
  /** The language of error messages (default ja-JP). */
  readonly locale?: HostLocale;
  readonly decode?: (base64: string) => Promise<readonly DecodedSheet[]>;
}

/** The request flag Excel.run sets for { delayForCellEdit: true }. */
export const DELAY_FOR_CELL_EDIT_FLAG = 64;

const encoder = new TextEncoder();
export const utf8Bytes = (s: string): number => encoder.encode(s).length;

export class ExcelHost {
  readonly syncs: SyncRecord[] = [];
  /** The requests of each request context (one per Excel.run), in order. */
  readonly runs: SyncRecord[][] = [];
  /** Milliseconds each request takes, to imitate a round trip to Excel (0 = next microtask). */
  delayMs = 0;
  failurePlan?: FailurePlan | undefined;
  /** The user is typing in a cell: requests fail, or wait when they asked to. */
  cellEditMode = false;
  private cellEditWaiters: (() => void)[] = [];
  private readonly env: HostEnv;
  private opIndex = 0;
  private readonly refs = new Map<string, HostObject>();
  private nextRef = 1;
  readonly locale: HostLocale;

  constructor(
    readonly state: WorkbookState,
    readonly options: HostOptions = {},
  ) {
    this.env = { wb: state, platform: options.platform ?? "web", decode: options.decode, suspendedSyncs: 0 };
    this.locale = options.locale ?? "ja-JP";
  }

  get suspendedSyncs(): number {
    return this.env.suspendedSyncs;
  }

  /** The user leaves cell edit mode: delayed requests run. */
  leaveCellEdit(): void {
    this.cellEditMode = false;
    for (const w of this.cellEditWaiters.splice(0)) w();
  }

  /** The object the client's _overrideSession must be: every context then talks to this host. */
  session(): { _resolveRequestUrlAndHeaderInfo: () => Promise<{ url: string; headers: Record<string, string> }>; _createRequestExecutorOrNull: () => unknown } {
    return {
      _resolveRequestUrlAndHeaderInfo: () => Promise.resolve({ url: "https://simulated-excel.invalid/", headers: {} }),
      // Called once per request context: its requests are grouped as one run.
      _createRequestExecutorOrNull: () => {
        const run: SyncRecord[] = [];
        this.runs.push(run);
        return {
          executeAsync: async (_customData: unknown, flags: number, message: { Body: RequestBody }) => {
            const response = await this.execute(flags, message.Body);
            run.push(this.syncs[this.syncs.length - 1]);
            return response;
          },
        };
      },
    };
  }

  async execute(flags: number, body: RequestBody): Promise<ResponseMessage> {
    // The body as it travels to Excel on the web: JSON, measured in UTF-8 bytes.
    const requestBytes = utf8Bytes(JSON.stringify(body));
    const kinds: string[] = [];
    await (this.delayMs > 0 ? new Promise((r) => setTimeout(r, this.delayMs)) : Promise.resolve());
    if (this.cellEditMode) {
      // InvalidOperationInCellEditMode (application-specific-api-error-handling, Excel-specific
      // codes). RunOptions.delayForCellEdit (types): "When false, if the user is in cell edit when the
      // batch request is processed by the host, the batch automatically fails. When true, …
      // the batch request is delayed until the user exits cell edit mode."
      if (!(flags & DELAY_FOR_CELL_EDIT_FLAG)) return this.fail(requestBytes, flags, kinds, "InvalidOperationInCellEditMode");
      await new Promise<void>((resolve) => this.cellEditWaiters.push(resolve));
    }
    if (this.env.platform === "web" && requestBytes > PAYLOAD_LIMIT_BYTES) return this.fail(requestBytes, flags, kinds, "RequestPayloadSizeLimitExceeded");
    const results: { ActionId: number; Value: unknown }[] = [];
    const run = new RequestRun(this, body);
    for (let i = 0; i < body.Actions.length; i++) {
      const action = body.Actions[i];
      try {
        const value = await run.perform(action, kinds, (kind) => this.injected(kind));
        if (value !== NO_RESULT) results.push({ ActionId: action.Id, Value: value });
      } catch (e) {
        const code = e instanceof HostError ? e.code : "GeneralException";
        const detail = e instanceof HostError ? e.params.join(" ") : String(e);
        const error = {
          Code: code,
          Message: [messageOf(code, this.locale), detail].filter(Boolean).join(" "),
          Location: kinds[kinds.length - 1] ?? "",
          ActionIndex: i,
          HttpStatusCode: 400,
        };
        const response = { HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body: { Results: results, Error: error } };
        this.syncs.push({ requestBytes, responseBytes: utf8Bytes(JSON.stringify(response.Body)), ops: run.ops, kinds, failed: code, flags });
        return response;
      }
    }
    const responseBody = { Results: results };
    const responseBytes = utf8Bytes(JSON.stringify(responseBody));
    if (this.env.platform === "web" && responseBytes > PAYLOAD_LIMIT_BYTES)
      return this.fail(requestBytes, flags, kinds, "ResponsePayloadSizeLimitExceeded", run.ops);
    const cleanup = body.Actions.length > 0 && body.Actions.every((a) => a.ActionType === 1 || a.Name === "_RemoveReference");
    this.syncs.push({ requestBytes, responseBytes, ops: run.ops, kinds, flags, ...(cleanup ? { cleanup } : {}) });
    return { HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body: responseBody };
  }

  private injected(kind: string): void {
    const failure = this.failurePlan?.({ kind, index: this.opIndex++, sync: this.syncs.length });
    if (failure) throw new HostError(failure.code);
  }

  private fail(requestBytes: number, flags: number, kinds: string[], code: string, ops = 0): ResponseMessage {
    this.syncs.push({ requestBytes, responseBytes: 0, ops, kinds, failed: code, flags });
    return { HttpStatusCode: 400, ErrorCode: code, ErrorMessage: messageOf(code, this.locale), Headers: {}, Body: { Results: [] } };
  }

  /** A kept range's id (ObjectPathType 6 refers to it in later requests). */
  keep(obj: HostObject): string {
    const id = `sim:${this.nextRef++}`;
    this.refs.set(id, obj);
    return id;
  }

  release(id: string): void {
    this.refs.delete(id);
  }

  referenced(id: string): HostObject {
    const obj = this.refs.get(id);
    if (!obj) throw new HostError("InvalidObjectPath");
    return obj;
  }

  workbook(): WorkbookObj {
    return new WorkbookObj(this.env);
  }
}

const NO_RESULT = Symbol("no result");

/** One request: object paths resolved once each, in the order the actions instantiate them. */
class RequestRun {
  private readonly resolved = new Map<number, HostObject | null>();
  private readonly kept = new Set<number>();
  ops = 0;

  constructor(
    private readonly host: ExcelHost,
    private readonly body: RequestBody,
  ) {}

  async perform(action: ActionInfo, kinds: string[], check: (kind: string) => void): Promise<unknown> {
    const path = this.body.ObjectPaths[String(action.ObjectPathId)];
    if (action.ActionType === 1) {
      // Instantiate: a method path (worksheets.add, charts.add…) runs here, once.
      const parent = path.ParentObjectPathId ? this.resolved.get(path.ParentObjectPathId) : undefined;
      if (path.ObjectPathType === 3 && parent && !this.resolved.has(path.Id)) {
        const kind = `${parent.type}.${lower(path.Name)}`;
        kinds.push(kind);
        this.ops++;
        check(kind);
      }
      const obj = await this.resolve(path.Id);
      if (obj === null) return null;
      const id = obj.identity();
      if (this.kept.has(path.Id) && obj instanceof RangeObj) return { ...id, _ReferenceId: this.host.keep(obj) };
      return id;
    }
    const target = await this.resolve(action.ObjectPathId);
    if (action.Name === "_KeepReference") {
      this.kept.add(action.ObjectPathId);
      return NO_RESULT;
    }
    if (action.Name === "_RemoveReference") {
      // Excel.run's clean-up request after the batch: the kept ranges are released.
      const path = this.body.ObjectPaths[String(action.ObjectPathId)];
      if (path?.ObjectPathType === 6) this.host.release(path.Name);
      return NO_RESULT;
    }
    // A load on a null object answers null (the client then reports isNullObject); anything else fails.
    if (target === null && action.ActionType === 2) return null;
    if (target === null) throw new HostError("ItemNotFound", [`${action.Name} on a null object`]);
    const kind = `${target.type}.${action.ActionType === 2 ? "load" : lower(action.Name)}`;
    kinds.push(kind);
    this.ops++;
    check(kind);
    if (action.ActionType === 2) return query(target, action.QueryInfo?.Select);
    const args = await this.args(action.ArgumentInfo);
    if (action.ActionType === 4) {
      target.set(action.Name, args[0]);
      return NO_RESULT;
    }
    if (action.ActionType === 3) {
      const value = await target.call(action.Name, args);
      return value instanceof HostObject || value === undefined ? NO_RESULT : value;
    }
    throw new HostError("NotImplemented", [`action type ${action.ActionType}`]);
  }

  private async args(info: ActionInfo["ArgumentInfo"]): Promise<unknown[]> {
    const args = [...(info?.Arguments ?? [])];
    const refs = info?.ReferencedObjectPathIds ?? [];
    for (let i = 0; i < refs.length; i++) if (refs[i]) args[i] = await this.resolve(refs[i]);
    return args;
  }

  private async resolve(id: number): Promise<HostObject | null> {
    if (this.resolved.has(id)) return this.resolved.get(id)!;
    const p = this.body.ObjectPaths[String(id)];
    if (!p) throw new HostError("InvalidObjectPath");
    let obj: HostObject | null;
    if (p.ObjectPathType === 1) obj = this.host.workbook();
    else if (p.ObjectPathType === 6) obj = this.host.referenced(p.Name);
    else if (p.ObjectPathType === 7) obj = null;
    else {
      const parent = await this.resolve(p.ParentObjectPathId ?? -1);
      if (parent === null) throw new HostError("ItemNotFound");
      const args = await this.args(p.ArgumentInfo);
      if (p.ObjectPathType === 4) obj = parent.nav(p.Name);
      else if (p.ObjectPathType === 5) obj = (await parent.call("_Indexer", args)) as HostObject | null;
      else if (p.ObjectPathType === 3) obj = (await parent.call(p.Name, args)) as HostObject | null;
      else throw new HostError("NotImplemented", [`object path type ${p.ObjectPathType}`]);
    }
    this.resolved.set(id, obj);
    return obj;
  }
}

function lower(name: string): string {
  return name ? name[0].toLowerCase() + name.slice(1) : name;
}

function upper(name: string): string {
  return name ? name[0].toUpperCase() + name.slice(1) : name;
}

/** A load: the selected scalars in PascalCase; a collection's items under _Items. */
function query(target: HostObject, select: string[] | undefined): unknown {
  const items = target.items();
  const pick = (o: HostObject): Record<string, unknown> => {
    const names = select && select.length > 0 ? select.map(upper) : o.defaults();
    const out: Record<string, unknown> = { ...o.identity() };
    for (const n of names) {
      if (n.includes("/")) throw new HostError("NotImplemented", [`load of ${n}`]);
      out[n] = o.get(n);
    }
    return out;
  };
  return items ? { _Items: items.map(pick) } : pick(target);
}
