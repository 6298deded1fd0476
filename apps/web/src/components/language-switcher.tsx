import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { chooseLanguage } from '../i18n/i18n.ts'
import { languages } from '../i18n/languages.ts'

/** A labelled select of the six languages, each named in itself; the choice is remembered. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const id = useId()
  return (
    <span className="language-switcher">
      <label htmlFor={id} className="visually-hidden">
        {t('shell.language')}
      </label>
      <select id={id} value={i18n.resolvedLanguage ?? 'en'} onChange={(event) => void chooseLanguage(event.target.value)}>
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </span>
  )
}
