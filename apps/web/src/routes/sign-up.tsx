import type { SignupRequest } from '@tandem/shared'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import { DisplayNameField, EmailField, PasswordField } from '../components/account-fields.tsx'
import { AuthCard } from '../components/auth-card.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { emptyProfile, ProfileFields, storedProfile, type ProfileValues } from '../components/profile-fields.tsx'
import { api, ApiError } from '../lib/api.ts'
import { problemsByField } from '../lib/field-problems.ts'
import { useReturnPath, withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

const MIN_PASSWORD = 10

export default function SignUp() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('signUp.title'))
  const { me, refresh } = useSession()
  const next = useReturnPath()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [profile, setProfile] = useState<ProfileValues>(emptyProfile)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [message, setMessage] = useState<string | null>(null)
  const [passwordProblem, setPasswordProblem] = useState<string | null>(null)

  if (me) return <Redirect to={next} replace />
  const problems = problemsByField(t, error, i18n.resolvedLanguage)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setMessage(null)
    if (password.length < MIN_PASSWORD) {
      setPasswordProblem(t('signUp.passwordTooShort', { min: MIN_PASSWORD }))
      return
    }
    setPasswordProblem(null)
    setBusy(true)
    const body: SignupRequest = {
      email: email.trim(),
      password,
      displayName: displayName.trim(),
      ...storedProfile(profile),
    }
    try {
      await api.post('/auth/signup', body)
      await refresh()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 409) setMessage(t('signUp.emailTaken'))
      else setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard headingId="signup-heading" title={t('signUp.title')}>
      <p className="muted">{t('signUp.intro')}</p>
      <ErrorAlert error={error} message={message} />
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <EmailField maxLength={254} problem={problems.email ?? null} value={email} onChange={(event) => setEmail(event.target.value)} />
        <PasswordField
          name="new-password"
          autoComplete="new-password"
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD })}
          problem={passwordProblem ?? problems.password ?? null}
          minLength={MIN_PASSWORD}
          maxLength={256}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <DisplayNameField hint={t('signUp.displayNameHint')} problem={problems.displayName ?? null} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
        <fieldset className="optional-fields stack">
          <legend>{t('signUp.aboutYou')}</legend>
          <p className="muted">{t('signUp.aboutYouHint')}</p>
          <ProfileFields value={profile} onChange={setProfile} problems={problems} />
        </fieldset>
        <button type="submit" disabled={busy}>
          {busy ? t('signUp.submitting') : t('signUp.submit')}
        </button>
      </form>
      <p>
        {t('signUp.haveAccount')} <Link href={withReturnPath('/signin', next)}>{t('signUp.signIn')}</Link>
      </p>
    </AuthCard>
  )
}
