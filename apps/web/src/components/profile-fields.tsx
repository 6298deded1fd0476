import { useTranslation } from 'react-i18next'
import { LanguagesField } from './languages-field.tsx'
import { TextField } from './text-field.tsx'

export interface ProfileValues {
  organisation: string
  city: string
  country: string
  languages: string[]
}

export const emptyProfile: ProfileValues = { organisation: '', city: '', country: '', languages: [] }

/** Organisation, city, country and languages: asked at sign-up (optional) and edited on the profile page. */
export function ProfileFields({ value, onChange }: { value: ProfileValues; onChange(next: ProfileValues): void }) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        label={t('profile.organisation')}
        hint={t('profile.organisationHint')}
        name="organisation"
        autoComplete="organization"
        maxLength={200}
        value={value.organisation}
        onChange={(event) => onChange({ ...value, organisation: event.target.value })}
      />
      <div className="field-pair">
        <TextField
          label={t('profile.city')}
          name="city"
          autoComplete="address-level2"
          maxLength={200}
          value={value.city}
          onChange={(event) => onChange({ ...value, city: event.target.value })}
        />
        <TextField
          label={t('profile.country')}
          name="country"
          autoComplete="country-name"
          maxLength={200}
          value={value.country}
          onChange={(event) => onChange({ ...value, country: event.target.value })}
        />
      </div>
      <LanguagesField value={value.languages} onChange={(languages) => onChange({ ...value, languages })} />
    </>
  )
}
