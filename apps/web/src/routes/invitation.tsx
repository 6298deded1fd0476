import type { InvitationPreview } from '@tandem/shared'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'wouter'
import { AuthCard } from '../components/auth-card.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { Loading } from '../components/loading.tsx'
import { LoadingStatus, SkeletonLines } from '../components/skeleton.tsx'
import { formatDate } from '../i18n/format.ts'
import { api, ApiError } from '../lib/api.ts'
import { withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { useApiResource } from '../lib/use-api-resource.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

/**
 * An invitation link: it names its network and role first (GET /api/invitations/:token, which accepts nothing);
 * signed-out visitors sign in (or create an account) and come back here; signed-in ones accept with one click and
 * land in the network. An unknown, used or expired link says so and what to do.
 */
export default function Invitation() {
  const { t } = useTranslation()
  const { token } = useParams<{ token: string }>()
  const preview = useApiResource<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`)
  const invitation = preview.data
  const status = preview.error instanceof ApiError ? preview.error.status : null
  useDocumentTitle(invitation ? t('invitation.titleFor', { network: invitation.networkName }) : t('invitation.title'))

  if (status === 404 || status === 410) {
    const kind = status === 404 ? 'unknown' : 'gone'
    return (
      <AuthCard headingId="invitation-heading" title={t(`invitation.${kind}.title`)}>
        <p>{t(`invitation.${kind}.body`)}</p>
        <p>
          <Link href="/networks">{t('invitation.browseNetworks')}</Link>
        </p>
      </AuthCard>
    )
  }
  if (!invitation) {
    return (
      <AuthCard headingId="invitation-heading" title={t('invitation.title')}>
        <ErrorAlert error={preview.error} />
        {preview.error ? null : (
          <div aria-busy="true">
            <LoadingStatus />
            <SkeletonLines lines={3} />
          </div>
        )}
      </AuthCard>
    )
  }
  return <InvitationCard token={token} invitation={invitation} />
}

function InvitationCard({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation()
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
    <AuthCard headingId="invitation-heading" title={t('invitation.titleFor', { network: invitation.networkName })}>
      <p>
        {t(`invitation.introAs.${invitation.role}`, { network: invitation.networkName })}{' '}
        <span className="muted">{t('invitations.expires', { date: formatDate(invitation.expiresAt) })}</span>
      </p>
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
