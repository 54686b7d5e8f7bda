/**
 * Message lookup, independent of React so non-component code (announcements, document
 * title) can translate too. The chosen language persists per device, never per account.
 */
import { en, type MessageKey } from './en.js';
import { es } from './es.js';

export const LANGS = ['en', 'es'] as const;
export type Lang = (typeof LANGS)[number];
export type { MessageKey };
export type Params = Record<string, string | number>;

const CATALOGS: Record<Lang, Record<MessageKey, string>> = { en, es };
const LANG_STORAGE_KEY = 'charrette:lang';

/** Keys that come as a `.one` / `.other` pair, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}.one` ? B : never) : never;

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/** Saved choice first, then the browser's preferred languages, then English. */
export function detectLang(): Lang {
  const saved = safeGet(LANG_STORAGE_KEY);
  if (isLang(saved)) return saved;
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

export function saveLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_STORAGE_KEY, lang);
  } catch {
    // Storage can be disabled (private mode, policy); the choice then lasts for this page only.
  }
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const template = CATALOGS[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** One PluralRules per language: constructing one costs more than the rest of a translation. */
const pluralRules = new Map<Lang, Intl.PluralRules>();

export function translatePlural(lang: Lang, key: PluralKey, count: number, params?: Params): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  const form = rules.select(count) === 'one' ? 'one' : 'other';
  return translate(lang, `${key}.${form}` as MessageKey, { count, ...params });
}

function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
