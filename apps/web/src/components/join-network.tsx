import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { formatDate } from '../i18n/format.ts'
import { api, ApiError } from '../lib/api.ts'
import { pendingJoinRequests, useRefreshWhilePending } from '../lib/join-requests.ts'
import { withReturnPath } from '../lib/return-path.ts'
import { useSession } from '../lib/session.tsx'
import { ErrorAlert } from './error-alert.tsx'

/**
 * "Request to join" for a network the reader is not in; once asked, says the request is pending (from the session,
 * so it survives a reload). Signed-out readers get a link to sign in that comes back here.
 */
export function JoinNetwork({ slug, networkName, returnTo }: { slug: string; networkName: string; returnTo: string }) {
  const { t } = useTranslation()
  const { me, refresh } = useSession()
  useRefreshWhilePending(me, refresh)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [askedAt, setAskedAt] = useState<string | null>(null)

  if (me === undefined) return null
  if (me === null) {
    return (
      <p>
        <Link href={withReturnPath('/signin', returnTo)} className="button secondary">
          {t('join.signInToJoin')}
        </Link>
      </p>
    )
  }
  const pending = pendingJoinRequests(me).find((r) => r.networkSlug === slug)
  const pendingSince = pending?.createdAt ?? askedAt
  if (pendingSince) {
    return (
      <p className="pending-note" role="status">
        <span className="badge badge-pending">{t('join.pending')}</span>{' '}
        <span className="muted">{t('join.pendingSince', { date: formatDate(pendingSince) })}</span>
      </p>
    )
  }

  async function requestToJoin() {
    setBusy(true)
    setError(undefined)
    try {
      const created = await api.post<{ createdAt: string }>(`/networks/${encodeURIComponent(slug)}/join-requests`, {})
      setAskedAt(created?.createdAt ?? new Date().toISOString())
      void refresh()
    } catch (caught) {
      // Asked already (another tab, an older session): that is the pending state, not a failure.
      if (caught instanceof ApiError && caught.status === 409 && /pending/i.test(caught.message)) {
        setAskedAt(new Date().toISOString())
        void refresh()
      } else {
        setError(caught)
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="stack join-network">
      <ErrorAlert error={error} />
      <div>
        <button type="button" onClick={() => void requestToJoin()} disabled={busy}>
          {busy ? t('join.requesting') : t('join.request')}
          <span className="visually-hidden"> · {networkName}</span>
        </button>
      </div>
    </div>
  )
}
