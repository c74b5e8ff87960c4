import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale } from '../../shared/locales.js';
import { initialLocale, translateDynamic, translator, type Params, type Translate } from './translate.js';

const STORAGE_KEY = 'pharos.console.locale';

export interface I18n {
  locale: Locale;
  t: Translate;
  /** A key built at run time (status from the server…); `fallback` when the catalogue has none. */
  tx: (key: string, fallback: string, params?: Params) => string;
  /** Switch language; `remember` stores the choice (an explicit switch by the user). */
  setLocale: (locale: Locale, remember?: boolean) => void;
  /** True when the user picked a language by hand (then their profile locale does not override it). */
  chosen: boolean;
}

const I18nContext = createContext<I18n | null>(null);

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState(() => readStored() !== null);
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale(readStored(), navigator.languages ?? [navigator.language]));
  const setLocale = useCallback((next: Locale, remember = false) => {
    setLocaleState(next);
    if (remember) {
      setChosen(true);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private mode: the choice lasts for this page only.
      }
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh-cn' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo<I18n>(() => {
    const t = translator(locale);
    return { locale, t, tx: (key, fallback, params) => translateDynamic(locale, key, params) ?? fallback, setLocale, chosen };
  }, [locale, setLocale, chosen]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
