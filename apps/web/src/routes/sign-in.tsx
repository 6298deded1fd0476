import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import { EmailField, PasswordField } from '../components/account-fields.tsx'
import { AuthCard } from '../components/auth-card.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { api, ApiError } from '../lib/api.ts'
import { formatRetryAfter } from '../lib/retry-after.ts'
import { useReturnPath, withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

export default function SignIn() {
  const { t, i18n } = useTranslation()
  useDocumentTitle(t('signIn.title'))
  const { me, refresh } = useSession()
  const next = useReturnPath()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [message, setMessage] = useState<string | null>(null)
  /** While rate-limited, the button waits until this time (ms). */
  const [blockedUntil, setBlockedUntil] = useState<number | null>(null)

  useEffect(() => {
    if (blockedUntil === null) return
    const timer = window.setTimeout(() => setBlockedUntil(null), Math.max(0, blockedUntil - Date.now()))
    return () => window.clearTimeout(timer)
  }, [blockedUntil])

  if (me) return <Redirect to={next} replace />

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setMessage(null)
    try {
      await api.post('/auth/login', { email, password })
      await refresh()
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 401) {
        setMessage(t('signIn.wrongCredentials'))
      } else if (caught instanceof ApiError && caught.status === 429) {
        const seconds = caught.retryAfterSeconds ?? 60
        setBlockedUntil(Date.now() + seconds * 1000)
        setMessage(t('signIn.tooManyAttempts', { when: formatRetryAfter(seconds, i18n.resolvedLanguage ?? 'en') }))
      } else {
        setError(caught)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <AuthCard headingId="signin-heading" title={t('signIn.title')}>
      <p className="muted">{t('signIn.intro')}</p>
      <ErrorAlert error={error} message={message} />
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <EmailField value={email} onChange={(event) => setEmail(event.target.value)} />
        <PasswordField name="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        <button type="submit" disabled={busy || blockedUntil !== null}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p>
        {t('signIn.noAccount')} <Link href={withReturnPath('/signup', next)}>{t('signIn.createAccount')}</Link>
      </p>
    </AuthCard>
  )
}
