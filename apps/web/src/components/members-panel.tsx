import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../i18n/format.ts'
import { api, ApiError } from '../lib/api.ts'
import { problemsByField } from '../lib/field-problems.ts'
import type { Member } from '../lib/network-admin-types.ts'
import type { NetworkRole } from '../lib/taxonomy.ts'
import type { ApiResource } from '../lib/use-api-resource.ts'
import { PeoplePanel, PersonRow, usePeopleChange } from './people-panel.tsx'
import { RoleBadge } from './role-badge.tsx'
import { RoleSelect } from './role-select.tsx'
import { TextField } from './text-field.tsx'

/** The members: change a role, remove someone (after a second click), add someone by email. */
export function MembersPanel({ slug, members, selfId }: { slug: string; members: ApiResource<Member[]>; selfId: string }) {
  const { t, i18n } = useTranslation()
  const { error, done, change } = usePeopleChange(members.reload)
  const base = `/networks/${encodeURIComponent(slug)}/members`
  // The address last tried in "Add a member", while that attempt's failure is what the panel shows.
  const [failedEmail, setFailedEmail] = useState<string | null>(null)
  const unknownAccount = failedEmail !== null && error instanceof ApiError && error.status === 404
  const addProblems = failedEmail !== null ? problemsByField(t, error, i18n.resolvedLanguage) : {}

  return (
    <PeoplePanel
      headingId="members-heading"
      title={t('manage.members')}
      people={members}
      error={error}
      errorMessage={unknownAccount ? t('manage.noAccount', { email: failedEmail }) : null}
      done={done}
      emptyText={t('manage.noMembers')}
      row={(member) => (
        <MemberRow
          key={member.userId}
          member={member}
          isSelf={member.userId === selfId}
          onChangeRole={(role) => {
            setFailedEmail(null)
            return change(() => api.patch(`${base}/${encodeURIComponent(member.userId)}`, { role }), t('manage.roleChanged', { name: member.displayName, role: t(`roles.${role}`) }))
          }}
          onRemove={() => {
            setFailedEmail(null)
            return change(() => api.delete(`${base}/${encodeURIComponent(member.userId)}`), t('manage.removed', { name: member.displayName }))
          }}
        />
      )}
    >
      <AddMemberForm
        emailProblem={addProblems.email ?? null}
        onAdd={async (email, role) => {
          const added = await change(() => api.post(base, { email, role }), t('manage.added', { email }))
          setFailedEmail(added ? null : email)
          return added
        }}
      />
    </PeoplePanel>
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
  const run = async (work: () => Promise<boolean>) => {
    setBusy(true)
    await work()
    setBusy(false)
  }
  return (
    <PersonRow
      person={member}
      badges={
        <>
          {isSelf ? <span className="muted"> ({t('presence.you')})</span> : null} <RoleBadge role={member.role} />
        </>
      }
      actions={
        <>
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
        </>
      }
    >
      <p className="muted">{t('manage.memberSince', { date: formatDate(member.since) })}</p>
    </PersonRow>
  )
}

function AddMemberForm({ onAdd, emailProblem }: { onAdd(email: string, role: NetworkRole): Promise<boolean>; emailProblem: string | null }) {
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
      <TextField label={t('account.email')} type="email" dir="ltr" required problem={emailProblem} value={email} onChange={(event) => setEmail(event.target.value)} autoComplete="off" />
      <RoleSelect value={role} onChange={setRole} label={t('manage.role')} />
      <div>
        <button type="submit" disabled={busy}>
          {t('manage.add')}
        </button>
      </div>
    </form>
  )
}
