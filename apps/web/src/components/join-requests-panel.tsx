import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../i18n/format.ts'
import { api } from '../lib/api.ts'
import { whereFrom, type JoinRequest } from '../lib/network-admin-types.ts'
import type { NetworkRole } from '../lib/taxonomy.ts'
import { useApiResource } from '../lib/use-api-resource.ts'
import { ErrorAlert } from './error-alert.tsx'
import { Loading } from './loading.tsx'
import { RoleSelect } from './role-select.tsx'
import { StatusMessage } from './status-message.tsx'

/** Pending requests to join: approve with a role, or reject. */
export function JoinRequestsPanel({ slug, onDecided }: { slug: string; onDecided(): void }) {
  const { t } = useTranslation()
  const requests = useApiResource<JoinRequest[]>(`/networks/${encodeURIComponent(slug)}/join-requests`)
  const [error, setError] = useState<unknown>(undefined)
  const [done, setDone] = useState<string | null>(null)

  async function decide(request: JoinRequest, decision: 'approve' | 'reject', role: NetworkRole) {
    setError(undefined)
    setDone(null)
    try {
      await api.post(`/networks/${encodeURIComponent(slug)}/join-requests/${encodeURIComponent(request.id)}/${decision}`, decision === 'approve' ? { role } : {})
      setDone(decision === 'approve' ? t('manage.approved', { name: request.user.displayName, role: t(`roles.${role}`) }) : t('manage.rejected', { name: request.user.displayName }))
      await requests.reload()
      onDecided()
    } catch (caught) {
      setError(caught)
    }
  }

  return (
    <section className="card stack" aria-labelledby="requests-heading">
      <h2 id="requests-heading">{t('manage.requests')}</h2>
      <ErrorAlert error={error ?? requests.error} />
      <StatusMessage message={done} />
      {requests.data === undefined ? (
        requests.loading ? <Loading /> : null
      ) : requests.data.length === 0 ? (
        <p className="muted">{t('manage.noRequests')}</p>
      ) : (
        <ul className="plain-list people-list">
          {requests.data.map((request) => (
            <JoinRequestRow key={request.id} request={request} onDecide={(decision, role) => decide(request, decision, role)} />
          ))}
        </ul>
      )}
    </section>
  )
}

function JoinRequestRow({ request, onDecide }: { request: JoinRequest; onDecide(decision: 'approve' | 'reject', role: NetworkRole): Promise<void> }) {
  const { t } = useTranslation()
  const [role, setRole] = useState<NetworkRole>('member')
  const [busy, setBusy] = useState(false)
  const run = async (decision: 'approve' | 'reject') => {
    setBusy(true)
    await onDecide(decision, role)
    setBusy(false)
  }
  const from = whereFrom(request.user)
  return (
    <li className="person-row">
      <div className="person-info">
        <h3 className="person-name">
          <bdi>{request.user.displayName}</bdi>
        </h3>
        {from ? (
          <p className="muted">
            <bdi>{from}</bdi>
          </p>
        ) : null}
        <p className="muted">{t('manage.askedOn', { date: formatDate(request.createdAt) })}</p>
        {request.message ? (
          <blockquote className="request-message">
            <bdi>{request.message}</bdi>
          </blockquote>
        ) : null}
      </div>
      <div className="person-actions">
        <RoleSelect value={role} onChange={setRole} label={t('manage.roleFor', { name: request.user.displayName })} />
        <div className="row">
          <button type="button" disabled={busy} onClick={() => void run('approve')}>
            {t('manage.approve')}
            <span className="visually-hidden"> · {request.user.displayName}</span>
          </button>
          <button type="button" className="secondary" disabled={busy} onClick={() => void run('reject')}>
            {t('manage.reject')}
            <span className="visually-hidden"> · {request.user.displayName}</span>
          </button>
        </div>
      </div>
    </li>
  )
}
