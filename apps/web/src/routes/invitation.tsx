import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'wouter'
import { AuthCard } from '../components/auth-card.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { Loading } from '../components/loading.tsx'
import { api } from '../lib/api.ts'
import { withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

/**
 * An invitation link: signed-out visitors sign in (or create an account) and come back here; signed-in ones accept
 * with one click and land in the network.
 */
export default function Invitation() {
  const { t } = useTranslation()
  useDocumentTitle(t('invitation.title'))
  const { token } = useParams<{ token: string }>()
  const { me, refresh } = useSession()
  const [, navigate] = useLocation()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const here = `/invitations/${encodeURIComponent(token)}`

  async function accept() {
    setBusy(true)
    setError(undefined)
    try {
      const joined = await api.post<{ networkSlug: string; role: string }>(`/invitations/${encodeURIComponent(token)}/accept`, {})
      await refresh()
      navigate(`/networks/${joined.networkSlug}`)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <AuthCard headingId="invitation-heading" title={t('invitation.title')}>
      <p>{t('invitation.intro')}</p>
      <ErrorAlert error={error} />
      {me === undefined ? (
        <Loading />
      ) : me === null ? (
        <>
          <p className="muted">{t('invitation.signInFirst')}</p>
          <div className="row">
            <Link href={withReturnPath('/signin', here)} className="button">
              {t('shell.signIn')}
            </Link>
            <Link href={withReturnPath('/signup', here)} className="button secondary">
              {t('shell.signUp')}
            </Link>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t('invitation.signedInAs', { name: me.user.displayName })}</p>
          <div>
            <button type="button" disabled={busy} onClick={() => void accept()}>
              {busy ? t('invitation.accepting') : t('invitation.accept')}
            </button>
          </div>
        </>
      )}
    </AuthCard>
  )
}
