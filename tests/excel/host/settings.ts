// Office.context.document.settings as Office keeps them: in memory until saveAsync, whose
// callback reports success or failure (Office.AsyncResult). Not part of the RichApi: the
// real client does not carry them, so this stays a plain object.

export class DocumentSettings {
  readonly data: Record<string, unknown> = {};
  saves = 0;
  /** When set, saveAsync reports this failure (e.g. a read-only or co-authored document). */
  failSave?: { code: number; message: string };
  get(name: string): unknown {
    return this.data[name] ?? null;
  }
  set(name: string, value: unknown): void {
    this.data[name] = JSON.parse(JSON.stringify(value));
  }
  remove(name: string): void {
    delete this.data[name];
  }
  saveAsync(cb?: (r: { status: string; error?: { code: number; message: string } }) => void): void {
    if (this.failSave) {
      cb?.({ status: "failed", error: this.failSave });
      return;
    }
    this.saves++;
    cb?.({ status: "succeeded" });
  }
}
