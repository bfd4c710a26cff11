// Errors carry their class in `name` and are recognised by it, so a guard works on an error
// made by another copy of the module (another bundle, realm or jest registry).

import { ExitError, isExitError } from "../../src/cli/errors";
import { InternalError, isInternalError, must } from "../../src/core/errors";
import { AdapterError, isAdapterError } from "../../src/excel/errors";
import { isUnreadableFileError, UnreadableFileError } from "../../src/xlsx/read";

describe("error classes", () => {
  it("name themselves", () => {
    expect(new ExitError(2, "x").name).toBe("ExitError");
    expect(new InternalError("x").name).toBe("InternalError");
    expect(new AdapterError("unknown", new Error("x")).name).toBe("AdapterError");
    expect(new UnreadableFileError("a.xlsx", "x").name).toBe("UnreadableFileError");
  });

  it("are recognised by name, also when made by another copy of their class", () => {
    const foreign = (name: string): Error => Object.assign(new Error("from another bundle"), { name });
    expect([isExitError(foreign("ExitError")), isAdapterError(foreign("AdapterError")), isUnreadableFileError(foreign("UnreadableFileError"))]).toEqual([
      true,
      true,
      true,
    ]);
    expect([isExitError(new Error("x")), isAdapterError("AdapterError"), isInternalError(undefined)]).toEqual([false, false, false]);
  });

  it("say a broken invariant as an InternalError, never a TypeError later", () => {
    expect(must(0, "a count")).toBe(0);
    expect(() => must(undefined, "the decided revision")).toThrow(InternalError);
    expect(() => must(null, "the decided revision")).toThrow("missing the decided revision");
  });
});
