import type { MeResponse, Network, UpdateProfileRequest } from '@tandem/shared'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { DisplayNameField } from '../components/account-fields.tsx'
import { ChangePasswordForm } from '../components/change-password-form.tsx'
import { ErrorAlert } from '../components/error-alert.tsx'
import { ProfileFields, profileValues, storedProfile, type ProfileValues } from '../components/profile-fields.tsx'
import { RequireSignIn } from '../components/require-sign-in.tsx'
import { RoleBadge } from '../components/role-badge.tsx'
import { useSignOut } from '../components/sign-out-dialog.tsx'
import { StatusMessage } from '../components/status-message.tsx'
import { api } from '../lib/api.ts'
import { useSession } from '../lib/session.tsx'
import { useApiResource } from '../lib/use-api-resource.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import '../styles/screens.css'

export default function Profile() {
  const { t } = useTranslation()
  useDocumentTitle(t('profile.title'))
  return <RequireSignIn>{(me) => <ProfileForm me={me} />}</RequireSignIn>
}

function ProfileForm({ me }: { me: MeResponse }) {
  const { t } = useTranslation()
  const { refresh } = useSession()
  const signOut = useSignOut()
  const [displayName, setDisplayName] = useState(me.user.displayName)
  const [profile, setProfile] = useState<ProfileValues>(() => profileValues(me.user))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [saved, setSaved] = useState<string | null>(null)
  const networks = useApiResource<Network[]>('/networks')
  const networkName = (slug: string) => networks.data?.find((n) => n.slug === slug)?.name ?? slug

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    setSaved(null)
    const body: UpdateProfileRequest = {
      displayName: displayName.trim(),
      ...storedProfile(profile),
    }
    try {
      await api.patch('/me', body)
      await refresh()
      setSaved(t('profile.saved'))
    } catch (caught) {
      setError(caught)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="narrow-page stack">
      <h1>{t('profile.title')}</h1>
      <section className="card stack" aria-labelledby="profile-details">
        <h2 id="profile-details">{t('profile.details')}</h2>
        <p className="break-anywhere">
          <span className="muted">{t('account.email')}: </span>
          <bdi dir="ltr">{me.user.email}</bdi>
        </p>
        <ErrorAlert error={error} />
        <StatusMessage message={saved} />
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <DisplayNameField
            value={displayName}
            onChange={(event) => {
              setDisplayName(event.target.value)
              setSaved(null)
            }}
          />
          <ProfileFields
            value={profile}
            onChange={(next) => {
              setProfile(next)
              setSaved(null)
            }}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('profile.saving') : t('profile.save')}
          </button>
        </form>
      </section>
      <section className="card stack" aria-labelledby="profile-networks">
        <h2 id="profile-networks">{t('profile.yourNetworks')}</h2>
        {me.memberships.length === 0 ? (
          <p className="muted">
            {t('profile.noNetworks')} <Link href="/networks">{t('profile.browseNetworks')}</Link>
          </p>
        ) : (
          <ul className="plain-list">
            {me.memberships.map((membership) => (
              <li key={membership.networkSlug} className="row">
                <Link href={`/networks/${membership.networkSlug}`}><bdi>{networkName(membership.networkSlug)}</bdi></Link>
                <RoleBadge role={membership.role} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <ChangePasswordForm />
      <section className="card stack" aria-labelledby="profile-sessions">
        <h2 id="profile-sessions">{t('profile.sessions')}</h2>
        <p className="muted">{t('profile.signOutEverywhereHint')}</p>
        <div>
          <button type="button" className="secondary" disabled={signOut.busy} onClick={() => signOut.start({ everywhere: true })}>
            {t('profile.signOutEverywhere')}
          </button>
        </div>
        {signOut.dialog}
      </section>
    </div>
  )
}
