import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Redirect } from 'wouter'
import { EmailField, PasswordField } from '../components/account-fields.tsx'
import { AuthCard } from '../components/auth-card.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { api, ApiError } from '../lib/api.ts'
import { problemsByField } from '../lib/field-problems.ts'
import { formatRetryAfter } from '../lib/retry-after.ts'
import { useReturnPath, withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { SignInWaits } from '../lib/sign-in-waits.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

/** Kept while the app is open, so leaving the sign-in page and coming back does not forget a wait. */
const waits = new SignInWaits()

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
  /** Re-renders when a wait ends, so the button comes back by itself. */
  const [now, setNow] = useState(() => Date.now())

  useEffect(() => {
    const end = waits.nextEnd(now)
    if (end === null) return
    const timer = window.setTimeout(() => setNow(Date.now()), Math.max(0, end - Date.now()))
    return () => window.clearTimeout(timer)
  }, [now])

  // Only the account the server limited waits (or every account, when it limited this address).
  const waitMs = waits.remainingMs(email, now)
  const waitMessage =
    waitMs > 0
      ? t(waits.waitsForEveryAccount(now) ? 'signIn.tooManyAttempts' : 'signIn.tooManyAttemptsAccount', {
          when: formatRetryAfter(waitMs / 1000, i18n.resolvedLanguage ?? 'en'),
        })
      : null

  if (me) return <Redirect to={next} replace />
  const problems = problemsByField(t, error, i18n.resolvedLanguage)

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
        const at = Date.now()
        waits.note(email, caught.fields?.email !== undefined, caught.retryAfterSeconds ?? 60, at)
        setNow(at)
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
      <ErrorAlert error={error} message={waitMessage ?? message} />
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <EmailField
          problem={problems.email ?? null}
          value={email}
          onChange={(event) => {
            setEmail(event.target.value)
            setMessage(null)
            setNow(Date.now())
          }}
        />
        <PasswordField name="password" autoComplete="current-password" problem={problems.password ?? null} value={password} onChange={(event) => setPassword(event.target.value)} />
        <button type="submit" disabled={busy || waitMs > 0}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
      <p>
        {t('signIn.noAccount')} <Link href={withReturnPath('/signup', next)}>{t('signIn.createAccount')}</Link>
      </p>
    </AuthCard>
  )
}
