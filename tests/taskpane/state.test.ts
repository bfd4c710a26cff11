// The task pane's state model, without a browser: for each state, what the pane says, which
// problems it counts and what the next step is.
import { ALL_CAPABILITIES } from "../../src/excel/requirements";
import {
  endTask,
  fiscalYearText,
  initialState,
  paneView,
  PaneState,
  setDepartment,
  startTask,
  toggleSheet,
  visibleDiagnostics,
  visibleIndicators,
  readRequest,
  chosenRequest,
  withAnalysis,
} from "../../src/taskpane/state";
import { analyse as analyseAll, AnalysisRequest, forThePane } from "../../src/taskpane/analysis";
import { SheetInput } from "../../src/core/types";
import { themeFromOffice } from "../../src/taskpane/theme";
import { actionWords } from "../../src/taskpane/views";
import { HEADER, row, sheet } from "../helpers/grid";

const graded = sheet([
  [...HEADER],
  row({ 基本目標: 1, 区分: "数値目標", 指標名: "転入者数", 単位: "人", 基準値: 100, 目標値: 200, 目標年度: 2024, 令和4年度: 150, 評価: "B", 担当課: "企画課" }),
  row({ 基本目標: 1, 区分: "KPI", 指標名: "相談件数", 単位: "件", 基準値: 10, 目標値: 20, 目標年度: 2024, 令和4年度: 20, 評価: "A", 担当課: "企画課" }),
  row({ 基本目標: 2, 区分: "KPI", 指標名: "観光客数", 単位: "人", 基準値: 10, 目標値: 20, 目標年度: 2024, 令和4年度: 12, 評価: "C", 担当課: "観光課" }),
]);

const withBadGrade = sheet([
  [...HEADER],
  row({ 基本目標: 1, 区分: "KPI", 指標名: "相談件数", 単位: "件", 基準値: 10, 目標値: 20, 目標年度: 2024, 令和4年度: 20, 評価: "A", 担当課: "企画課" }),
  row({ 基本目標: 2, 区分: "KPI", 指標名: "観光客数", 単位: "人", 基準値: 10, 目標値: 20, 目標年度: 2024, 令和4年度: 12, 評価: "E", 担当課: "観光課" }),
]);

const cover = { file: "test.xlsx", sheet: "表紙", rows: [["令和4年度 評価シート"]] };

const start = (): PaneState => initialState("ja", ALL_CAPABILITIES);
/** The analysis as the engine worker sends it to the pane. */
const analyse = (req: AnalysisRequest) => forThePane(analyseAll(req));

/** What the load controller does, with the analysis run here instead of in the worker. */
const read = (s: PaneState, sheets: SheetInput[]): PaneState => {
  const { next, req } = readRequest(s, sheets);
  return withAnalysis(next, analyse(req));
};
const loaded = (...sheets: SheetInput[]): PaneState => read(start(), sheets);
const reanalysed = (s: PaneState): PaneState => withAnalysis(s, analyse(chosenRequest(s)));

describe("the task pane's state", () => {
  it("while loading says it is reading and offers no write", () => {
    const v = paneView(startTask(start(), { kind: "read", step: "reading" }));
    expect(v.status).toBe("ブックを読み込んでいます…");
    expect(v.busy).toBe(true);
    expect(v.action).toEqual({ kind: "load", label: "読み込み中…", disabled: true });
    expect(v.content).toBe(false);
  });

  it("while reading a big workbook shows the real steps", () => {
    const v = paneView(startTask(start(), { kind: "read", step: "reading", done: 2000, total: 20063 }));
    expect(v.status).toBe("ブックを読み込んでいます…（20,063行中2,000行）");
    expect(v.progress).toEqual({ done: 2000, total: 20063, label: "ブックの読み込み" });
  });

  it("when ready says what was read and offers to write the summary sheets", () => {
    const v = paneView(loaded(graded));
    expect(v.status).toBe("1シート・3指標を読み込みました。");
    expect(v.read).toBe("評価シート・令和4年度実績（評価 A/B/C/D）");
    expect(v.problems.errors).toBe(0);
    expect(v.action).toEqual({ kind: "write", label: "集計シートを作成", disabled: false });
    expect(v.secondary.map((a) => a.kind)).toEqual(["load"]);
    expect(v.content).toBe(true);
  });

  it("with problems counts the errors where the status is, and lists errors first", () => {
    const s = loaded(withBadGrade);
    const v = paneView(s);
    expect(v.problems.errors).toBeGreaterThanOrEqual(1);
    const list = visibleDiagnostics(s);
    expect(list[0].severity).toBe("error");
    expect(list.findIndex((d) => d.severity !== "error")).not.toBe(0);
  });

  it("while writing shows the real step and keeps the write button busy", () => {
    const s = startTask(loaded(graded), { kind: "write", step: "writing", done: 2, total: 7 });
    const v = paneView(s);
    expect(v.status).toBe("集計シートを作成しています…（2/7）");
    expect(v.progress).toEqual({ done: 2, total: 7, label: "集計シートの作成" });
    expect(v.action).toEqual({ kind: "write", label: "作成中…", disabled: true });
  });

  it("when done says which sheets were written and offers to open them", () => {
    const s = endTask(loaded(graded), { kind: "written", sheets: [{ name: "評価集計 (2)", wanted: "評価集計", role: "summary" }] });
    const v = paneView(s);
    expect(v.status).toBe("集計シートを作成しました（1シート）。");
    expect(v.alert?.lines[0]).toBe("作成したシート: 評価集計 (2)。");
    expect(v.action?.kind).toBe("open");
    expect(v.action?.label).toBe("作成したシートを開く");
    expect(v.secondary.map((a) => a.kind)).toEqual(["write", "load"]);
    expect(v.alert?.tone).toBe("success");
    expect(v.alert?.lines.join("")).toContain("「評価集計」は「評価集計 (2)」として作成しました");
  });

  it("with no evaluation table offers no write button and says why", () => {
    const v = paneView(loaded(cover));
    expect(v.action).toBeUndefined();
    expect(v.reason).toContain("作成するものがない");
    expect(v.status).toContain("評価表のあるシートが見つかりません");
    expect(v.content).toBe(false);
  });

  it("with every sheet unchosen offers no write button and says to choose one", () => {
    const changed = toggleSheet(loaded(graded), "評価シート", false);
    expect(paneView(changed).status).toBe("評価を集計しています…");
    const v = paneView(reanalysed(changed));
    expect(v.action).toBeUndefined();
    expect(v.status).toContain("集計するシートが選ばれていません");
  });

  it("when the workbook is protected says so, that nothing changed, and offers the write again", () => {
    const s = endTask(startTask(loaded(graded), { kind: "write", step: "reading", done: 0, total: 0 }), {
      kind: "writeFailed",
      failure: { kind: "protected", detail: "AccessDenied", rolledBack: true },
    });
    const v = paneView(s);
    expect(v.status).toBe("集計シートを作成できませんでした。");
    expect(v.alert?.tone).toBe("error");
    expect(v.alert?.lines.join("")).toContain("保護");
    expect(v.alert?.lines).toContain("ブックは変更していません。");
    expect(v.action?.kind).toBe("write");
  });

  it("after a partial write says it stopped part way and that sheets may be left over", () => {
    const s = endTask(loaded(graded), { kind: "writeFailed", failure: { kind: "unknown", detail: "boom", rolledBack: false } });
    const v = paneView(s);
    expect(v.status).toBe("集計シートの作成が途中で止まりました。");
    expect(v.alert?.lines.join("")).toContain("~kpi");
  });

  it("when the read fails says so and offers to read again", () => {
    const s = endTask(start(), { kind: "readFailed", failure: { kind: "conflict", detail: "" } });
    const v = paneView(s);
    expect(v.status).toBe("ブックを読み込めませんでした。");
    expect(v.action).toEqual({ kind: "load", label: "読み込む", disabled: false });
  });

  it("narrowed to a department shows only its indicators and its problems", () => {
    const s = setDepartment(loaded(withBadGrade), "企画課");
    expect(visibleIndicators(s).map((i) => i.name)).toEqual(["相談件数"]);
    expect(visibleDiagnostics(s).some((d) => d.code.startsWith("grade"))).toBe(false);
    const other = setDepartment(loaded(withBadGrade), "観光課");
    expect(paneView(other).problems.errors).toBeGreaterThanOrEqual(1);
  });

  it("keeps the chosen sheets when the workbook is read again, and adds the sheets just imported", () => {
    const two = loaded(graded, { ...withBadGrade, sheet: "観光課" });
    expect(two.selected).toEqual(["評価シート", "観光課"]);
    const one = reanalysed(toggleSheet(two, "観光課", false));
    expect(one.result?.indicators).toHaveLength(3);
    const again = read(one, [...one.inputs]);
    expect(again.selected).toEqual(["評価シート"]);
    const { next, req } = readRequest(one, [...one.inputs], ["観光課"]);
    expect(withAnalysis(next, analyse(req)).selected).toEqual(["評価シート", "観光課"]);
  });

  it("forgets a remembered department the workbook does not have", () => {
    const s = setDepartment(loaded(graded), "存在しない課");
    expect(visibleIndicators(s)).toHaveLength(3);
  });

  it("in English says everything in English", () => {
    const v = paneView(read(initialState("en", ALL_CAPABILITIES), [graded]));
    expect(v.status).toBe("Read 3 indicators from 1 sheet(s).");
    expect(v.action?.label).toBe("Write summary sheets");
    expect(v.read).toContain("FY2022");
  });
});

describe("the pane's words", () => {
  it("names a wrong value of the 設定 sheet by its row and meaning, never by its key", () => {
    const settings = {
      file: "test.xlsx",
      sheet: "設定",
      rows: [
        ["項目", "値"],
        ["bands.B", "たくさん"],
      ],
    };
    const s = loaded(graded, settings);
    expect(s.settingsErrors).toHaveLength(1);
    expect(s.settingsErrors[0]).toMatch(/^「設定」シートの2行目（B評価とする進捗率の下限）の値が正しくありません。/);
    expect(s.settingsErrors[0]).not.toContain("bands");
    expect(paneView(s).problems.errors).toBe(1);
  });

  it("says the suggested action in English in the English pane", () => {
    expect(actionWords("現状維持", "en")).toBe("Keep as is");
    expect(actionWords("目標値の上方修正", "en")).toBe("Raise the target");
    expect(actionWords("現状維持", "ja")).toBe("現状維持");
  });
});

describe("the pane's calendar and theme", () => {
  it("writes fiscal years in 令和 in Japanese and as FY in English", () => {
    expect(fiscalYearText("ja", 2022)).toBe("令和4年度");
    expect(fiscalYearText("ja", 2019)).toBe("令和元年度");
    expect(fiscalYearText("en", 2022)).toBe("FY2022");
  });

  it("follows Office's dark and light themes by the body background", () => {
    expect(themeFromOffice("#1f1f1f")).toBe("dark");
    expect(themeFromOffice("#ffffff")).toBe("light");
    expect(themeFromOffice(undefined)).toBeUndefined();
  });
});
