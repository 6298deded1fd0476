import { CloseCode } from '@tandem/shared'
import { useEffect, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { ConnectionStatus } from '../editor/connection-status.tsx'
import { IdeaActions } from '../editor/idea-actions.tsx'
import { IdeaDetailsDrawer } from '../editor/idea-details-drawer.tsx'
import { IdeaEditor } from '../editor/idea-editor.tsx'
import { IdeaMeta } from '../editor/idea-meta.tsx'
import { IdeaTitle } from '../editor/idea-title.tsx'
import { IdeaLoading, IdeaUnavailable } from '../editor/idea-screen-states.tsx'
import { PresenceAvatars } from '../editor/presence-avatars.tsx'
import { UnreadableNotice } from '../editor/unreadable-notice.tsx'
import { useCollabSession } from '../editor/use-collab.ts'
import { ideaPath, useIdea } from '../editor/use-idea.ts'
import { colourFor } from '../editor/user-colour.ts'
import { canWrite } from '../editor/role.ts'
import { roleOf, useViewer } from '../editor/viewer.ts'
import { useSessionKeptFresh } from '../lib/session.tsx'
import { useMediaQuery, WIDE_IDEA_LAYOUT } from '../lib/use-media-query.ts'
import '../editor/editor.css'

/** One idea: the shared document with its toolbar, who is in it, the connection, and the idea's metadata. */
export default function IdeaPage({ params }: { params: { slug: string; id: string } }) {
  const { slug, id } = params
  const { t } = useTranslation('editor')
  const [, navigate] = useLocation()
  const { me } = useViewer()
  const { idea, error, fromCache, loading, update, reload } = useIdea(slug, id)
  const { session, state } = useCollabSession(idea?.id, idea?.room)

  // Wide: the details beside the document. Narrow: behind a button at the top, not below the whole document.
  const wide = useMediaQuery(WIDE_IDEA_LAYOUT)
  const role = roleOf(me, slug)
  const canEdit = canWrite(role)
  const closeCode = state.closeCode
  const signedOut = error === 401 || closeCode === 4401 || me === null && !idea && !loading

  useEffect(() => {
    if (signedOut) navigate(`/signin?next=${encodeURIComponent(ideaPath(slug, id))}`, { replace: true })
  }, [signedOut, navigate, slug, id])

  useEffect(() => {
    if (idea) document.title = `${idea.title} · Tandem`
  }, [idea])

  // Someone renamed the idea, moved its status…: the server says so in the room, and the page reads the record again.
  useEffect(() => session?.onIdeaChanged(() => void reload()), [session, reload])

  useSessionKeptFresh()
  // Admitted while looking at "No access" (a facilitator approved the request to join): open the idea.
  useEffect(() => {
    if (error === 403 && role !== null) void reload()
  }, [error, role, reload])
  // A session read again is a new object with the same person: the caret and awareness change only when they do.
  const userId = me?.user.id
  const displayName = me?.user.displayName
  const user = useMemo(() => (userId && displayName !== undefined ? { id: userId, name: displayName, color: colourFor(userId) } : null), [userId, displayName])

  if (error === 403 || closeCode === 4403) return <IdeaUnavailable kind="forbidden" slug={slug} id={id} />
  // Closed with 4404 while open: deleted under this person's hands (the socket opens only for an idea that exists).
  if (closeCode === 4404) return <IdeaUnavailable kind="deleted" slug={slug} />
  if (error === 404) return <IdeaUnavailable kind="not-found" slug={slug} />
  if (error === 'offline') return <IdeaUnavailable kind="offline" slug={slug} />
  if (error !== null && error !== 401) return <IdeaUnavailable kind="failed" slug={slug} />
  if (!idea || !user || !session) return <IdeaLoading slug={slug} />

  const readOnly = !canEdit || closeCode !== null || state.unreadable
  const editable = !readOnly && state.loaded
  const facilitates = role === 'facilitator' || role === 'admin'
  const kept = state.connection === 'offline' && canEdit
  const meta = <IdeaMeta idea={idea} editable={canEdit} update={update} reload={reload} />

  return (
    <div className="idea-page">
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <Link href={`/networks/${encodeURIComponent(slug)}`}>{t('backToNetwork')}</Link>
      </nav>
      <header className="idea-header">
        <IdeaTitle idea={idea} editable={canEdit} onRename={(title) => update({ title })} />
        <div className="idea-header-tools">
          <PresenceAvatars people={state.people} />
          {!wide && <IdeaDetailsDrawer>{meta}</IdeaDetailsDrawer>}
          <Link className="button secondary" href={`${ideaPath(slug, id)}/history`}>
            {t('history.open')}
          </Link>
          <IdeaActions idea={idea} canDelete={facilitates} />
        </div>
      </header>
      {state.unreadable && <UnreadableNotice networkSlug={slug} ideaId={idea.id} canRepair={facilitates} />}
      {kept && (
        <div className="editor-banner editor-banner-offline" role="status" data-testid="offline-banner">
          {t('offline.kept')}
        </div>
      )}
      {fromCache && state.connection !== 'offline' && <p className="muted small">{t('offline.metaFromCache')}</p>}
      {closeCode === CloseCode.TOO_MANY_SOCKETS && (
        // The server refused this tab's socket (4429): the provider stopped, the editor is read-only. Said at once.
        <div className="editor-banner editor-banner-offline" role="alert" data-testid="too-many-sockets">
          <strong>{t('closedNote.tooManySockets.title')}</strong> {t('closedNote.tooManySockets.body')}
        </div>
      )}
      {!canEdit && (
        <div className="editor-banner editor-banner-readonly" data-testid="read-only-note" id="read-only-note">
          <strong>{t('readOnly.title')}</strong> {role === 'observer' ? t('readOnly.observer') : t('readOnly.notMember')}
        </div>
      )}
      <div className="idea-layout columns">
        <div className="idea-main" aria-busy={!state.loaded && closeCode === null}>
          {!state.loaded && closeCode === null && <p className="muted">{t('loadingDocument')}</p>}
          {/* Made anew each time the document becomes unreadable (read-only, unbound) or readable again (bound). */}
          <IdeaEditor
            key={state.editorEpoch}
            session={session}
            user={user}
            editable={editable}
            title={idea.title}
            status={<ConnectionStatus session={session} connection={state.connection} readOnly={!canEdit} unreadable={state.unreadable} />}
          />
        </div>
        {wide && (
          <aside className="idea-aside" aria-label={t('meta.heading')}>
            {meta}
          </aside>
        )}
      </div>
    </div>
  )
}
