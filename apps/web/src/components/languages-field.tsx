import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { languageName, splitLanguages, workingLanguages } from '../lib/profile-languages.ts'
import { Checkbox, withChoice } from './checkbox.tsx'

/**
 * The languages someone works in: the six languages of Tandem as checkboxes (stored as their codes, shown in the
 * reader's language) and any others as free text, separated by commas.
 */
export function LanguagesField({ value, onChange }: { value: string[]; onChange(next: string[]): void }) {
  const { t, i18n } = useTranslation()
  const otherId = useId()
  const hintId = `${otherId}-hint`
  const { known, others } = splitLanguages(value)
  const update = (nextKnown: string[], nextOthers: string) =>
    onChange([...workingLanguages.filter((code) => nextKnown.includes(code)), ...nextOthers.split(',').map((s) => s.trim()).filter(Boolean)])
  return (
    <fieldset className="field languages-field">
      <legend>{t('profile.languages')}</legend>
      <div className="checkbox-grid">
        {workingLanguages.map((code) => (
          <Checkbox key={code} checked={known.includes(code)} onChange={(ticked) => update(withChoice(known, code, ticked), others.join(', '))}>
            {languageName(code, i18n.resolvedLanguage ?? 'en')}
          </Checkbox>
        ))}
      </div>
      <label htmlFor={otherId}>{t('profile.otherLanguages')}</label>
      <p id={hintId} className="field-hint muted">
        {t('profile.otherLanguagesHint')}
      </p>
      <input
        id={otherId}
        type="text"
        aria-describedby={hintId}
        defaultValue={others.join(', ')}
        onChange={(event) => update(known, event.target.value)}
      />
    </fieldset>
  )
}
