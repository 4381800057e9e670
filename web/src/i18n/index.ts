import type { ConfigProviderProps } from 'antd';
import antdZhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
// antd's date pickers name months and weekdays through dayjs, whose Chinese must be loaded and chosen (weeks from Monday).
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import zhCN, { type Messages } from './zh-CN';

/**
 * The console's one i18n layer: i18next, Simplified Chinese by default, the user's choice
 * remembered in localStorage. antd's own texts follow the same choice (see App.tsx). Only the
 * Chinese catalogue is in the first load; English (english.ts) is fetched when someone switches
 * to it, or at the start when they chose it before (main.tsx waits for it then).
 */

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const LANGUAGE_STORAGE_KEY = 'gongdan.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
const antdLocales: Partial<Record<Language, AntdLocale>> = { 'zh-CN': antdZhCN };

/** Fetches a language's catalogue and antd locale once; Chinese is always here. */
async function load(language: Language): Promise<void> {
  if (antdLocales[language]) return;
  const { messages, antdLocale } = await import('./english');
  i18n.addResourceBundle(language, 'translation', messages);
  antdLocales[language] = antdLocale;
}

/** Loads a language, then makes it the page's (i18next's language changes only once its texts are here). */
async function apply(language: Language): Promise<void> {
  await load(language);
  dayjs.locale(language === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React escapes; the catalogues hold plain text.
  interpolation: { escapeValue: false },
  initAsync: false,
});
document.documentElement.lang = DEFAULT_LANGUAGE;
dayjs.locale('zh-cn');

/**
 * Settles once the language chosen in this browser is in use: at once for Chinese; for English
 * once its chunk is here (if that fails, the console stays in Chinese).
 */
const initial = storedLanguage();
export const languageReady: Promise<void> = initial === DEFAULT_LANGUAGE ? Promise.resolve() : apply(initial).catch(() => undefined);

/** Starts fetching a language's texts ahead of a switch (the language menu opening). */
export function preloadLanguage(language: Language): void {
  load(language).catch(() => undefined);
}

/** Switches the console's language and remembers it; rejects if its texts could not be fetched. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the switch still applies to this page.
  }
  await apply(language);
}

/** The language in use, re-rendering the caller when it changes. */
export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return isLanguage(instance.language) ? instance.language : DEFAULT_LANGUAGE;
}

/** The language of the files the server writes (CSV headers and labels: `lang=zh|en`), as the console's. */
export function useFileLanguage(): 'zh' | 'en' {
  return useLanguage() === 'en' ? 'en' : 'zh';
}

/** antd's own texts (empty lists, pagination …) in the language in use. */
export function useAntdLocale(): AntdLocale {
  return antdLocales[useLanguage()] ?? antdZhCN;
}

export default i18n;
