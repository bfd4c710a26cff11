// Message lookup: one catalog per language, keyed by diagnostic code or output text key.
import { Lang } from "../core/types";
import { en } from "./en";
import { ja, MessageKey } from "./ja";

export type { MessageKey };
export type Params = Readonly<Record<string, string | number | undefined>>;

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { ja, en };

/** The message for a key in a language, with {name} placeholders filled in. */
export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  const template = CATALOGS[lang][key] ?? ja[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    return v === undefined ? "" : String(v);
  });
}

export function hasMessage(key: string): key is MessageKey {
  return key in ja;
}

/** "ja" for Japanese display languages (ja, ja-JP), "en" otherwise. */
export function langFromLocale(locale: string | undefined): Lang {
  return locale && /^ja\b/i.test(locale) ? "ja" : "en";
}
