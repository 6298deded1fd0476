import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'wouter'
import { ErrorAlert } from '../components/error-alert.tsx'
import { InvitationsPanel } from '../components/invitations-panel.tsx'
import { JoinRequestsPanel } from '../components/join-requests-panel.tsx'
import { Loading } from '../components/loading.tsx'
import { MembersPanel } from '../components/members-panel.tsx'
import { NetworkNotFound } from '../components/network-not-found.tsx'
import { RequireSignIn } from '../components/require-sign-in.tsx'
import type { Member } from '../lib/network-admin-types.ts'
import { useSession } from '../lib/session.tsx'
import { useApiResource } from '../lib/use-api-resource.ts'
import { useDocumentTitle } from '../lib/use-document-title.ts'
import { useNetwork } from '../lib/use-network.ts'
import '../styles/screens.css'

/** For a network's facilitators (and instance admins): join requests, members and roles, invitation links. */
export default function NetworkManage() {
  return <RequireSignIn>{() => <ManageScreen />}</RequireSignIn>
}

function ManageScreen() {
  const { t } = useTranslation()
  const { slug } = useParams<{ slug: string }>()
  const { me, roleIn } = useSession()
  const { network, error } = useNetwork(slug)
  const allowed = (me?.user.isAdmin ?? false) || roleIn(slug) === 'facilitator'
  const name = network?.name ?? slug
  useDocumentTitle(t('manage.title', { network: name }))
  const members = useApiResource<Member[]>(allowed ? `/networks/${encodeURIComponent(slug)}/members` : null)

  if (network === undefined) return error ? <ErrorAlert error={error} /> : <Loading />
  if (network === null) return <NetworkNotFound />
  return (
    <div className="stack manage-page">
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <Link href="/networks">{t('shell.networks')}</Link>
        <span aria-hidden="true"> / </span>
        <Link href={`/networks/${slug}`}>{name}</Link>
      </nav>
      <h1>{t('manage.title', { network: name })}</h1>
      {!allowed ? (
        <p className="note">{t('manage.notAllowed')}</p>
      ) : (
        <div className="manage-grid columns">
          <JoinRequestsPanel slug={slug} onDecided={() => void members.reload()} />
          <InvitationsPanel slug={slug} />
          <MembersPanel slug={slug} members={members} selfId={me?.user.id ?? ''} />
        </div>
      )}
    </div>
  )
}
