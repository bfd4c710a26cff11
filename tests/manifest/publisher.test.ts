// What Office shows around the add-in: the publisher, a support page of the add-in, and
// English for every Office display language that is not Japanese.
import * as fs from "fs";
import * as path from "path";
import { DOMParser, type Element } from "@xmldom/xmldom";

const ROOT = path.resolve(__dirname, "..", "..");
const APP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const doc = new DOMParser().parseFromString(fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8"), "application/xml");
const first = (ns: string, name: string): Element => doc.getElementsByTagNameNS(ns, name)[0];
const overrides = (el: Element): Element[] =>
  Array.from(el.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === "Override");

describe("the manifest", () => {
  it("names the publisher as ProviderName, not the add-in", () => {
    const provider = first(APP, "ProviderName").textContent?.trim() ?? "";
    expect(provider).not.toBe(first(APP, "DisplayName").getAttribute("DefaultValue"));
    expect(provider.length).toBeGreaterThan(0);
  });

  it("points SupportUrl at the add-in's support page, built into dist, not at the task pane", () => {
    const url = first(APP, "SupportUrl").getAttribute("DefaultValue") ?? "";
    expect(url).toMatch(/\/support\.html$/);
    const page = fs.readFileSync(path.join(ROOT, "src/support/support.html"), "utf8");
    expect(page).toContain("KPI見直しアシスタント");
    expect(page).toMatch(/lang="en"/);
    expect(page).not.toMatch(/<script/i);
    expect(fs.readFileSync(path.join(ROOT, "webpack.config.js"), "utf8")).toContain('to: "support.html"');
  });

  it("gives every localized string the same English overrides, for en-US and the other Office display languages", () => {
    const localized = [
      first(APP, "DisplayName"),
      first(APP, "Description"),
      ...Array.from(doc.getElementsByTagNameNS(BT, "String")).filter((s) => s.hasAttribute("DefaultValue")),
    ];
    const locales = overrides(localized[0]).map((o) => o.getAttribute("Locale"));
    expect(locales).toEqual(expect.arrayContaining(["en-US", "en-GB", "de-DE", "fr-FR", "zh-CN", "ko-KR", "es-ES", "pt-BR"]));
    expect(locales).not.toContain("ja-JP");
    for (const el of localized) {
      const list = overrides(el);
      expect(list.map((o) => o.getAttribute("Locale"))).toEqual(locales);
      const english = list.find((o) => o.getAttribute("Locale") === "en-US")!.getAttribute("Value");
      expect(new Set(list.map((o) => o.getAttribute("Value")))).toEqual(new Set([english]));
    }
  });
});
