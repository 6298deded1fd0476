import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../i18n/format.ts'
import { api } from '../lib/api.ts'
import type { JoinRequest } from '../lib/network-admin-types.ts'
import type { NetworkRole } from '../lib/taxonomy.ts'
import { useApiResource } from '../lib/use-api-resource.ts'
import { PeoplePanel, PersonRow, usePeopleChange } from './people-panel.tsx'
import { RoleSelect } from './role-select.tsx'

/** Pending requests to join: approve with a role, or reject. */
export function JoinRequestsPanel({ slug, onDecided }: { slug: string; onDecided(): void }) {
  const { t } = useTranslation()
  const requests = useApiResource<JoinRequest[]>(`/networks/${encodeURIComponent(slug)}/join-requests`)
  const { error, done, change } = usePeopleChange(requests.reload)

  async function decide(request: JoinRequest, decision: 'approve' | 'reject', role: NetworkRole) {
    const decided = await change(
      () => api.post(`/networks/${encodeURIComponent(slug)}/join-requests/${encodeURIComponent(request.id)}/${decision}`, decision === 'approve' ? { role } : {}),
      decision === 'approve' ? t('manage.approved', { name: request.user.displayName, role: t(`roles.${role}`) }) : t('manage.rejected', { name: request.user.displayName }),
    )
    if (decided) onDecided()
  }

  return (
    <PeoplePanel
      headingId="requests-heading"
      title={t('manage.requests')}
      people={requests}
      error={error}
      done={done}
      emptyText={t('manage.noRequests')}
      row={(request) => <JoinRequestRow key={request.id} request={request} onDecide={(decision, role) => decide(request, decision, role)} />}
    />
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
  return (
    <PersonRow
      person={request.user}
      actions={
        <>
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
        </>
      }
    >
      <p className="muted">{t('manage.askedOn', { date: formatDate(request.createdAt) })}</p>
      {request.message ? (
        <blockquote className="request-message">
          <bdi>{request.message}</bdi>
        </blockquote>
      ) : null}
    </PersonRow>
  )
}
