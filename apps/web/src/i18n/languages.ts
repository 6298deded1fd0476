/** The six languages of Tandem's users; each has a catalogue folder under ./locales/<code>/. */
export const languages = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'fr', name: 'Français', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'pt', name: 'Português', dir: 'ltr' },
  { code: 'de', name: 'Deutsch', dir: 'ltr' },
] as const

export type LanguageCode = (typeof languages)[number]['code']
export const languageCodes = languages.map((l) => l.code) as LanguageCode[]

/** Catalogue namespaces: `common` for the app shell, accounts and networks; `editor` for the idea editor and history. */
export const namespaces = ['common', 'editor'] as const

export function directionOf(code: string): 'ltr' | 'rtl' {
  return languages.find((l) => l.code === code)?.dir ?? 'ltr'
}

/** Where a switch of language is remembered (the first visit follows the browser instead). */
export const LANGUAGE_STORAGE_KEY = 'tandem.language'

/** The language a new idea's concept-note template is written in: the reader's, when it is one of the six. */
export function templateLanguageOf(language: string | undefined): LanguageCode {
  const code = (language ?? 'en').split('-')[0] as LanguageCode
  return languageCodes.includes(code) ? code : 'en'
}

/**
 * The language the app will pick (i18n.ts: a remembered choice first, then the browser's languages), known before
 * the catalogues load, so the first paint already has the right `lang` and direction.
 */
export function likelyLanguage(remembered: string | null, browser: readonly string[]): LanguageCode {
  for (const candidate of [remembered, ...browser]) {
    const code = candidate?.split('-')[0]?.toLowerCase() as LanguageCode | undefined
    if (code && languageCodes.includes(code)) return code
  }
  return 'en'
}
