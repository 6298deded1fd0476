import type { MeResponse, UpdateProfileRequest } from '@tandem/shared'
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
import { problemsByField } from '../lib/field-problems.ts'
import { useSession } from '../lib/session.tsx'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import { useNetworkDirectory } from '../lib/use-network.ts'
import '../styles/screens.css'

export default function Profile() {
  const { t } = useTranslation()
  useDocumentTitle(t('profile.title'))
  return <RequireSignIn>{(me) => <ProfileForm me={me} />}</RequireSignIn>
}

function ProfileForm({ me }: { me: MeResponse }) {
  const { t, i18n } = useTranslation()
  const { refresh } = useSession()
  const signOut = useSignOut()
  const [displayName, setDisplayName] = useState(me.user.displayName)
  const [profile, setProfile] = useState<ProfileValues>(() => profileValues(me.user))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [saved, setSaved] = useState<string | null>(null)
  const problems = problemsByField(t, error, i18n.resolvedLanguage)

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
            problem={problems.displayName ?? null}
            value={displayName}
            onChange={(event) => {
              setDisplayName(event.target.value)
              setSaved(null)
            }}
          />
          <ProfileFields
            problems={problems}
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
      <YourNetworks me={me} />
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

/**
 * The networks the person is in, with their role. The instance admin acts as a facilitator in every network, member
 * or not: their profile says so and lists every network, their own role beside the admin's where they have one.
 */
function YourNetworks({ me }: { me: MeResponse }) {
  const { t } = useTranslation()
  const directory = useNetworkDirectory()
  const isAdmin = me.user.isAdmin
  const roleIn = new Map(me.memberships.map((m) => [m.networkSlug, m.role]))
  const listed = isAdmin
    ? (directory.data ?? []).map((n) => ({ slug: n.slug, name: n.name }))
    : me.memberships.map((m) => ({ slug: m.networkSlug, name: directory.data?.find((n) => n.slug === m.networkSlug)?.name ?? m.networkSlug }))
  return (
    <section className="card stack" aria-labelledby="profile-networks">
      <h2 id="profile-networks">{t('profile.yourNetworks')}</h2>
      {isAdmin ? <p className="note">{t('profile.adminEverywhere')}</p> : null}
      {listed.length === 0 ? (
        isAdmin && directory.data === undefined ? null : (
          <p className="muted">
            {t('profile.noNetworks')} <Link href="/networks">{t('profile.browseNetworks')}</Link>
          </p>
        )
      ) : (
        <ul className="plain-list">
          {listed.map((network) => (
            <li key={network.slug} className="row">
              <Link href={`/networks/${network.slug}`}>
                <bdi>{network.name}</bdi>
              </Link>
              <RoleBadge role={roleIn.get(network.slug) ?? null} isAdmin={isAdmin} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
