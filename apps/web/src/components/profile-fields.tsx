import type { UpdateProfileRequest } from '@tandem/shared'
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

type StoredProfile = Required<Pick<UpdateProfileRequest, 'organisation' | 'city' | 'country' | 'languages'>>

/** The form's values for a profile as the server keeps it (nothing known is an empty field). */
export function profileValues(stored: { organisation: string | null; city: string | null; country: string | null; languages: string[] }): ProfileValues {
  return { organisation: stored.organisation ?? '', city: stored.city ?? '', country: stored.country ?? '', languages: stored.languages }
}

/** What sign-up and the profile page send for these fields: trimmed, and `null` for an empty one. */
export function storedProfile(values: ProfileValues): StoredProfile {
  return {
    organisation: values.organisation.trim() || null,
    city: values.city.trim() || null,
    country: values.country.trim() || null,
    languages: values.languages,
  }
}

/** Organisation, city, country and languages: asked at sign-up (optional) and edited on the profile page. */
export function ProfileFields({ value, onChange, problems = {} }: { value: ProfileValues; onChange(next: ProfileValues): void; problems?: Record<string, string> }) {
  const { t } = useTranslation()
  return (
    <>
      <TextField
        label={t('profile.organisation')}
        hint={t('profile.organisationHint')}
        name="organisation"
        autoComplete="organization"
        maxLength={200}
        problem={problems.organisation ?? null}
        value={value.organisation}
        onChange={(event) => onChange({ ...value, organisation: event.target.value })}
      />
      <div className="field-pair">
        <TextField
          label={t('profile.city')}
          name="city"
          autoComplete="address-level2"
          maxLength={200}
          problem={problems.city ?? null}
        value={value.city}
          onChange={(event) => onChange({ ...value, city: event.target.value })}
        />
        <TextField
          label={t('profile.country')}
          name="country"
          autoComplete="country-name"
          maxLength={200}
          problem={problems.country ?? null}
        value={value.country}
          onChange={(event) => onChange({ ...value, country: event.target.value })}
        />
      </div>
      <LanguagesField value={value.languages} onChange={(languages) => onChange({ ...value, languages })} />
    </>
  )
}
