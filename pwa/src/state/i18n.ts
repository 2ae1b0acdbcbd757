import { Store } from './store.ts';
import { createTranslator, DEFAULT_LOCALE, isLocale, type Locale, type Translator } from '../i18n/translator.ts';

const STORAGE_KEY = 'edgecall.locale';

export interface I18nState {
  locale: Locale;
  /** True once the user picked a language on this device; then it wins over the profile's. */
  chosen: boolean;
  translator: Translator;
}

function readChoice(): Locale | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : null;
  } catch {
    return null;
  }
}

/** The UI language: Azerbaijani unless chosen otherwise; applied to <html lang> at once. */
export class I18nStore extends Store<I18nState> {
  constructor(private readonly doc: Document = document) {
    const chosen = readChoice();
    const locale = chosen ?? DEFAULT_LOCALE;
    super({ locale, chosen: chosen !== null, translator: createTranslator(locale) });
    this.#apply(locale);
  }

  get t(): Translator {
    return this.value.translator;
  }

  /** The user's explicit choice: remembered on this device. */
  choose(locale: Locale): void {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Storage may be blocked; the choice then lasts for this visit only.
    }
    this.#switch(locale, true);
  }

  /** The profile's language, used only while the device has no choice of its own. */
  suggest(locale: string): void {
    if (!this.value.chosen && isLocale(locale)) this.#switch(locale, false);
  }

  #switch(locale: Locale, chosen: boolean): void {
    if (locale === this.value.locale) {
      this.patch({ chosen: chosen || this.value.chosen });
      return;
    }
    this.#apply(locale);
    this.set({ locale, chosen: chosen || this.value.chosen, translator: createTranslator(locale) });
  }

  #apply(locale: Locale): void {
    this.doc.documentElement.lang = locale;
  }
}
