// Message lookup (the core's own catalogs; src/i18n re-exports them for the edges): one catalog per language, keyed by diagnostic code or output text key.
import { Lang } from "../types";
import { en } from "./en";
import { ja, MessageKey } from "./ja";

export type { MessageKey };
export type Params = Readonly<Record<string, string | number | undefined>>;

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** The message for a key in a language, with {name} placeholders filled in. */
// Templates split once into literal text and placeholder names: "a{x}b" → ["a", "x", "b"].
const compiled = new Map<string, readonly string[]>();
function parts(template: string): readonly string[] {
  let p = compiled.get(template);
  if (!p) compiled.set(template, (p = template.split(/\{(\w+)\}/)));
  return p;
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = CATALOGS[lang][key] ?? ja[key] ?? key;
  const p = parts(template);
  if (p.length === 1) return template;
  let out = p[0];
  for (let i = 1; i < p.length; i += 2) {
    const v = params[p[i]];
    out += (v === undefined ? "" : String(v)) + p[i + 1];
  }
  return out;
}

export function hasMessage(key: string): key is MessageKey {
  return key in ja;
}

/** "ja" for Japanese display languages (ja, ja-JP), "en" otherwise. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^ja\b/i.test(locale) ? "ja" : "en";
}
