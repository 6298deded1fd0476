import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDateTime } from '../i18n/format.ts'
import { api } from '../lib/api.ts'
import { problemsByField } from '../lib/field-problems.ts'
import type { Invitation } from '../lib/network-admin-types.ts'
import type { NetworkRole } from '../lib/taxonomy.ts'
import { ErrorAlert } from './error-alert.tsx'
import { RoleSelect } from './role-select.tsx'
import { StatusMessage } from './status-message.tsx'
import { TextField } from './text-field.tsx'

/** Invitation links: one use, seven days; the link is shown once, with a button to copy it. */
export function InvitationsPanel({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation()
  const [role, setRole] = useState<NetworkRole>('member')
  const [email, setEmail] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [created, setCreated] = useState<Invitation | null>(null)
  const [copied, setCopied] = useState<string | null>(null)
  const linkRef = useRef<HTMLInputElement>(null)
  const link = created ? `${window.location.origin}/invitations/${created.token}` : ''

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setCopied(null)
    try {
      const invitation = await api.post<Invitation>(`/networks/${encodeURIComponent(slug)}/invitations`, {
        role,
        ...(email.trim() ? { email: email.trim() } : {}),
      })
      setCreated(invitation)
      setEmail('')
      window.setTimeout(() => linkRef.current?.focus(), 0)
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(t('invitations.copied'))
    } catch {
      // No clipboard permission (plain http, old browser): select the text so a long-press or Ctrl+C copies it.
      linkRef.current?.select()
      setCopied(t('invitations.copyManually'))
    }
  }

  return (
    <section className="card stack" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t('invitations.title')}</h2>
      <p className="muted">{t('invitations.intro')}</p>
      <ErrorAlert error={error} />
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <RoleSelect value={role} onChange={setRole} label={t('invitations.role')} />
        <TextField
          label={t('invitations.email')}
          hint={t('invitations.emailHint')}
          type="email"
          dir="ltr"
          autoComplete="off"
          problem={problemsByField(t, error, i18n.resolvedLanguage).email ?? null}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div>
          <button type="submit" disabled={busy}>
            {t('invitations.create')}
          </button>
        </div>
      </form>
      {created ? (
        <div className="invitation-result stack">
          <label htmlFor="invitation-link">{t('invitations.link', { role: t(`roles.${created.role}`) })}</label>
          <div className="copy-row">
            <input id="invitation-link" ref={linkRef} type="text" readOnly value={link} dir="ltr" onFocus={(event) => event.target.select()} aria-describedby="invitation-expiry" />
            <button type="button" className="secondary" onClick={() => void copy()}>
              {t('invitations.copy')}
            </button>
          </div>
          <p id="invitation-expiry" className="muted">
            {t('invitations.expires', { date: formatDateTime(created.expiresAt) })}
            {created.email ? ` ${t('invitations.onlyFor', { email: created.email })}` : ''}
          </p>
          <StatusMessage message={copied} />
        </div>
      ) : null}
    </section>
  )
}
