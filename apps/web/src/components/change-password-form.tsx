import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { api, ApiError } from '../lib/api.ts'
import { ErrorAlert } from './error-alert.tsx'
import { StatusMessage } from './status-message.tsx'
import { TextField } from './text-field.tsx'

/** Sign-up's rule for a new password (the server checks it too: packages/shared, `changePasswordRequest`). */
const MIN_PASSWORD = 10

/**
 * Change your password (`POST /api/me/password`): the current one proves it is you; afterwards every other device
 * is signed out, this one stays. A wrong current password is said next to its field; too many tries wait like sign-in.
 */
export function ChangePasswordForm() {
  const { t } = useTranslation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [repeat, setRepeat] = useState('')
  const [problems, setProblems] = useState<{ current?: string; next?: string; repeat?: string }>({})
  const [error, setError] = useState<unknown>(undefined)
  const [done, setDone] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    setDone(null)
    const found: typeof problems = {}
    if (next.length < MIN_PASSWORD) found.next = t('signUp.passwordTooShort', { min: MIN_PASSWORD })
    else if (next === current) found.next = t('password.sameAsCurrent')
    if (repeat !== next) found.repeat = t('password.mismatch')
    setProblems(found)
    if (Object.keys(found).length > 0) return
    setBusy(true)
    try {
      await api.post('/me/password', { currentPassword: current, newPassword: next })
      setCurrent('')
      setNext('')
      setRepeat('')
      setDone(t('password.changed'))
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'wrong_password') setProblems({ current: t('password.wrongCurrent') })
      else setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="card stack" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('password.title')}</h2>
      <p className="muted">{t('password.intro')}</p>
      <ErrorAlert error={error} />
      <StatusMessage message={done} />
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('password.current')}
          type="password"
          name="current-password"
          autoComplete="current-password"
          dir="ltr"
          required
          maxLength={256}
          problem={problems.current}
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextField
          label={t('password.new')}
          type="password"
          name="new-password"
          autoComplete="new-password"
          dir="ltr"
          required
          minLength={MIN_PASSWORD}
          maxLength={256}
          hint={t('signUp.passwordHint', { min: MIN_PASSWORD })}
          problem={problems.next}
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <TextField
          label={t('password.repeat')}
          type="password"
          name="repeat-password"
          autoComplete="new-password"
          dir="ltr"
          required
          maxLength={256}
          problem={problems.repeat}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <div>
          <button type="submit" disabled={busy}>
            {busy ? t('password.submitting') : t('password.submit')}
          </button>
        </div>
      </form>
    </section>
  )
}
