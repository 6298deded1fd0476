import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../i18n/format.ts'
import { api } from '../lib/api.ts'
import { whereFrom, type Member } from '../lib/network-admin-types.ts'
import type { NetworkRole } from '../lib/taxonomy.ts'
import type { ApiResource } from '../lib/use-api-resource.ts'
import { ErrorAlert } from './error-alert.tsx'
import { Loading } from './loading.tsx'
import { RoleBadge } from './role-badge.tsx'
import { RoleSelect } from './role-select.tsx'
import { StatusMessage } from './status-message.tsx'
import { TextField } from './text-field.tsx'

/** The members: change a role, remove someone (after a second click), add someone by email. */
export function MembersPanel({ slug, members, selfId }: { slug: string; members: ApiResource<Member[]>; selfId: string }) {
  const { t } = useTranslation()
  const [error, setError] = useState<unknown>(undefined)
  const [done, setDone] = useState<string | null>(null)
  const base = `/networks/${encodeURIComponent(slug)}/members`

  async function act(work: () => Promise<unknown>, message: string) {
    setError(undefined)
    setDone(null)
    try {
      await work()
      setDone(message)
      await members.reload()
      return true
    } catch (caught) {
      setError(caught)
      return false
    }
  }

  return (
    <section className="card stack" aria-labelledby="members-heading">
      <h2 id="members-heading">{t('manage.members')}</h2>
      <ErrorAlert error={error ?? members.error} />
      <StatusMessage message={done} />
      {members.data === undefined ? (
        members.loading ? <Loading /> : null
      ) : members.data.length === 0 ? (
        <p className="muted">{t('manage.noMembers')}</p>
      ) : (
        <ul className="plain-list people-list">
          {members.data.map((member) => (
            <MemberRow
              key={member.userId}
              member={member}
              isSelf={member.userId === selfId}
              onChangeRole={(role) =>
                act(() => api.patch(`${base}/${encodeURIComponent(member.userId)}`, { role }), t('manage.roleChanged', { name: member.displayName, role: t(`roles.${role}`) }))
              }
              onRemove={() => act(() => api.delete(`${base}/${encodeURIComponent(member.userId)}`), t('manage.removed', { name: member.displayName }))}
            />
          ))}
        </ul>
      )}
      <AddMemberForm onAdd={(email, role) => act(() => api.post(base, { email, role }), t('manage.added', { email }))} />
    </section>
  )
}

function MemberRow({ member, isSelf, onChangeRole, onRemove }: {
  member: Member
  isSelf: boolean
  onChangeRole(role: NetworkRole): Promise<boolean>
  onRemove(): Promise<boolean>
}) {
  const { t } = useTranslation()
  const [role, setRole] = useState<NetworkRole>(member.role)
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const from = whereFrom(member)
  const run = async (work: () => Promise<boolean>) => {
    setBusy(true)
    await work()
    setBusy(false)
  }
  return (
    <li className="person-row">
      <div className="person-info">
        <h3 className="person-name">
          <bdi>{member.displayName}</bdi>
          {isSelf ? <span className="muted"> ({t('presence.you')})</span> : null} <RoleBadge role={member.role} />
        </h3>
        {from ? (
          <p className="muted">
            <bdi>{from}</bdi>
          </p>
        ) : null}
        <p className="muted">{t('manage.memberSince', { date: formatDate(member.since) })}</p>
      </div>
      <div className="person-actions">
        <RoleSelect value={role} onChange={setRole} label={t('manage.roleFor', { name: member.displayName })} />
        <div className="row">
          <button type="button" className="secondary" disabled={busy || role === member.role} onClick={() => void run(() => onChangeRole(role))}>
            {t('manage.changeRole')}
            <span className="visually-hidden"> · {member.displayName}</span>
          </button>
          {confirming ? (
            <>
              <button type="button" className="danger" disabled={busy} onClick={() => void run(onRemove)}>
                {t('manage.confirmRemove', { name: member.displayName })}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('common.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="secondary danger-outline" disabled={busy} onClick={() => setConfirming(true)}>
              {t('manage.remove')}
              <span className="visually-hidden"> · {member.displayName}</span>
            </button>
          )}
        </div>
      </div>
    </li>
  )
}

function AddMemberForm({ onAdd }: { onAdd(email: string, role: NetworkRole): Promise<boolean> }) {
  const { t } = useTranslation()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<NetworkRole>('member')
  const [busy, setBusy] = useState(false)
  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    if (await onAdd(email.trim(), role)) setEmail('')
    setBusy(false)
  }
  return (
    <form className="stack add-member" onSubmit={(event) => void submit(event)} aria-labelledby="add-member-heading">
      <h3 id="add-member-heading">{t('manage.addMember')}</h3>
      <p className="muted">{t('manage.addMemberHint')}</p>
      <TextField label={t('account.email')} type="email" dir="ltr" required value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="off" />
      <RoleSelect value={role} onChange={setRole} label={t('manage.role')} />
      <div>
        <button type="submit" disabled={busy}>
          {t('manage.add')}
        </button>
      </div>
    </form>
  )
}
