import i18next from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import resourcesToBackend from 'i18next-resources-to-backend'
import { initReactI18next } from 'react-i18next'
import { directionOf, LANGUAGE_STORAGE_KEY, languageCodes } from './languages.ts'

/**
 * i18next with one lazily loaded JSON catalogue per language and namespace (each its own small chunk), the language
 * detected from a remembered choice first and the browser's languages second, and the page's `lang`/`dir` kept in
 * step so Arabic lays out right to left with no click.
 */
export const i18nReady = i18next
  .use(LanguageDetector)
  .use(resourcesToBackend((language: string, namespace: string) => import(`./locales/${language}/${namespace}.json`)))
  .use(initReactI18next)
  .init({
    supportedLngs: languageCodes,
    nonExplicitSupportedLngs: true,
    load: 'languageOnly',
    fallbackLng: 'en',
    ns: ['common'],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    detection: {
      order: ['localStorage', 'navigator'],
      lookupLocalStorage: LANGUAGE_STORAGE_KEY,
      caches: [],
    },
    react: { useSuspense: true },
  })

function applyDirection(language: string) {
  const code = language.split('-')[0] ?? 'en'
  document.documentElement.lang = code
  document.documentElement.dir = directionOf(code)
}

i18next.on('languageChanged', applyDirection)
void i18nReady.then(() => applyDirection(i18next.resolvedLanguage ?? i18next.language))

/** Switch the language and remember it for the next visit. */
export async function chooseLanguage(code: string): Promise<void> {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, code)
  await i18next.changeLanguage(code)
}

export { i18next }
