import { snapshotLabel } from '../editor/snapshot-label.ts'
import { yDocToProseMirrorJson } from '@tandem/editor'
import type { JSONContent } from '@tiptap/core'
import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation } from 'wouter'
import { IdeaLoading, IdeaUnavailable } from '../editor/idea-screen-states.tsx'
import { dedupe } from '../editor/presence-avatars.tsx'
import { RestoreDialog } from '../editor/restore-dialog.tsx'
import { countChanges, diffDocuments } from '../editor/snapshot-diff.ts'
import { SnapshotDiffView } from '../editor/snapshot-diff-view.tsx'
import { SnapshotViewer } from '../editor/snapshot-viewer.tsx'
import { useCollabSession } from '../editor/use-collab.ts'
import { ideaPath, useIdea } from '../editor/use-idea.ts'
import { useSnapshots, type SnapshotContent, type SnapshotItem } from '../editor/use-snapshots.ts'
import { canWrite } from '../editor/role.ts'
import { roleOf, useViewer } from '../editor/viewer.ts'
import { formatDateTime, formatRelative } from '../i18n/format.ts'
import { ApiError, NetworkError } from '../lib/api.ts'
import '../editor/editor.css'

/**
 * An idea's version history: named snapshots and restore points, one opened read-only, what changed between it and
 * the current document (word by word), a new named snapshot, and a restore for facilitators.
 */
export default function IdeaHistory({ params }: { params: { slug: string; id: string } }) {
  const { slug, id } = params
  const { t } = useTranslation('editor')
  const [, navigate] = useLocation()
  const { me } = useViewer()
  const { idea, error, loading, reload } = useIdea(slug, id)
  const { session, state } = useCollabSession(idea?.id, idea?.room)
  useEffect(() => session?.onIdeaChanged(() => void reload()), [session, reload])
  const snapshots = useSnapshots(slug, id)
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [selected, setSelected] = useState<SnapshotContent | null>(null)
  const [selectedError, setSelectedError] = useState<string | null>(null)
  const [view, setView] = useState<'changes' | 'version'>('changes')
  const [current, setCurrent] = useState<JSONContent | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [restoring, setRestoring] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const role = roleOf(me, slug)
  const canSnapshot = canWrite(role)
  const canRestore = role === 'facilitator' || role === 'admin'

  useEffect(() => {
    if (error === 401 || state.closeCode === 4401 || (me === null && !idea && !loading)) navigate(`/signin?next=${encodeURIComponent(`${ideaPath(slug, id)}/history`)}`, { replace: true })
  }, [error, state.closeCode, me, idea, loading, navigate, slug, id])

  useEffect(() => {
    if (idea) document.title = `${t('history.title')} · ${idea.title} · Tandem`
  }, [idea, t])

  // The current document, re-read (at most every 300 ms) as co-authors and restores change it.
  useEffect(() => {
    if (!session) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const read = () => {
      timer = null
      setCurrent(yDocToProseMirrorJson(session.doc))
    }
    const onUpdate = () => {
      timer ??= setTimeout(read, 300)
    }
    read()
    session.doc.on('update', onUpdate)
    return () => {
      session.doc.off('update', onUpdate)
      if (timer) clearTimeout(timer)
    }
  }, [session])

  // Open the newest snapshot by default.
  useEffect(() => {
    if (selectedId === null && snapshots.items?.length) setSelectedId(snapshots.items[0]!.id)
  }, [selectedId, snapshots.items])

  useEffect(() => {
    if (!selectedId) return
    let cancelled = false
    setSelectedError(null)
    snapshots
      .read(selectedId)
      .then((snapshot) => {
        if (!cancelled) setSelected(snapshot)
      })
      .catch((cause: unknown) => {
        if (!cancelled) setSelectedError(cause instanceof NetworkError ? t('history.offline') : t('history.openFailed'))
      })
    return () => {
      cancelled = true
    }
  }, [selectedId, snapshots.read, t])

  const changes = useMemo(() => (selected && current && state.loaded ? diffDocuments(selected.content.json, current) : null), [selected, current, state.loaded])
  const editors = dedupe(state.people.filter((person) => !person.self && person.id !== me?.user.id)).map((person) => person.name)

  if (error === 403 || state.closeCode === 4403) return <IdeaUnavailable kind="forbidden" slug={slug} id={id} />
  if (error === 404 || state.closeCode === 4404) return <IdeaUnavailable kind="not-found" slug={slug} />
  if (error === 'offline') return <IdeaUnavailable kind="offline" slug={slug} />
  if (error !== null && error !== 401) return <IdeaUnavailable kind="failed" slug={slug} />
  if (!idea) return <IdeaLoading slug={slug} />

  async function restore() {
    if (!selected) return
    setRestoring(true)
    try {
      await snapshots.restore(selected.id)
      setNotice(t('restore.done', { label: snapshotLabel(selected, t) }))
      setConfirming(false)
    } catch (cause) {
      setNotice(cause instanceof ApiError ? t('restore.failed', { message: cause.message }) : t('history.offline'))
      setConfirming(false)
    } finally {
      setRestoring(false)
    }
  }

  const counts = changes ? countChanges(changes) : null
  return (
    <div className="history-page">
      <nav aria-label={t('breadcrumb')} className="breadcrumb">
        <Link href={ideaPath(slug, id)}>{t('history.backToEditor', { title: idea.title })}</Link>
      </nav>
      <h1>
        {t('history.title')} <span className="muted history-title-idea" dir="auto">· {idea.title}</span>
      </h1>
      <p className="sr-status" role="status">
        {notice}
      </p>
      <div className="history-layout columns">
        <section className="history-list card" aria-labelledby="snapshot-list-heading">
          <h2 id="snapshot-list-heading">{t('history.versions')}</h2>
          {canSnapshot && <CreateSnapshotForm onCreate={snapshots.create} onCreated={(item) => setSelectedId(item.id)} />}
          {snapshots.items === null ? (
            snapshots.error ? <p className="error-text">{t('history.listFailed')}</p> : <p className="muted">{t('loading')}</p>
          ) : snapshots.items.length === 0 ? (
            <p className="muted">{t('history.empty')}</p>
          ) : (
            <ul className="snapshot-list">
              {snapshots.items.map((item) => (
                <SnapshotRow key={item.id} item={item} selected={item.id === selectedId} onSelect={() => setSelectedId(item.id)} />
              ))}
            </ul>
          )}
        </section>
        <section className="history-detail card" aria-labelledby="snapshot-detail-heading" aria-busy={!!selectedId && !selected}>
          <h2 id="snapshot-detail-heading" dir="auto">
            {selected && selected.id === selectedId ? snapshotLabel(selected, t) : t('history.detail')}
          </h2>
          {!selectedId ? (
            <p className="muted">{t('history.pick')}</p>
          ) : selectedError ? (
            <p className="error-text">{selectedError}</p>
          ) : !selected ? (
            <p className="muted">{t('loading')}</p>
          ) : (
            <>
              <p className="muted small">{t('history.takenAt', { when: formatDateTime(selected.createdAt) })}</p>
              <div className="row history-actions">
                <div className="segmented" role="group" aria-label={t('history.show')}>
                  <button type="button" className="secondary" aria-pressed={view === 'changes'} onClick={() => setView('changes')}>
                    {t('history.viewChanges')}
                  </button>
                  <button type="button" className="secondary" aria-pressed={view === 'version'} onClick={() => setView('version')}>
                    {t('history.viewVersion')}
                  </button>
                </div>
                {canRestore && (
                  <button type="button" onClick={() => setConfirming(true)} data-testid="restore-button">
                    {t('restore.button')}
                  </button>
                )}
              </div>
              {!canRestore && canSnapshot && <p className="muted small">{t('restore.onlyFacilitators')}</p>}
              {view === 'changes' ? (
                changes && counts ? (
                  <>
                    <p className="diff-summary">
                      {state.synced ? t('diff.summaryLive') : t('diff.summaryLocal')}{' '}
                      {t('diff.counts', { added: counts.added, removed: counts.removed, changed: counts.changed })}
                    </p>
                    <SnapshotDiffView changes={changes} />
                  </>
                ) : (
                  <p className="muted">{t('loadingDocument')}</p>
                )
              ) : (
                <SnapshotViewer json={selected.content.json} label={snapshotLabel(selected, t)} />
              )}
              <RestoreDialog
                open={confirming}
                label={snapshotLabel(selected, t)}
                editors={editors}
                busy={restoring}
                onConfirm={() => void restore()}
                onCancel={() => setConfirming(false)}
              />
            </>
          )}
        </section>
      </div>
    </div>
  )
}

function SnapshotRow({ item, selected, onSelect }: { item: SnapshotItem; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation('editor')
  return (
    <li>
      <button type="button" className={`snapshot-item${selected ? ' selected' : ''}`} aria-current={selected ? 'true' : undefined} onClick={onSelect}>
        <span className="snapshot-label" dir="auto">
          {snapshotLabel(item, t)}
        </span>
        <span className="snapshot-meta">
          <span className={`kind-tag kind-${item.kind}`}>{t(`history.kind.${item.kind}`)}</span>{' '}
          <time dateTime={item.createdAt} title={formatDateTime(item.createdAt)}>
            {formatRelative(item.createdAt)}
          </time>
          {item.createdByName ? ` · ${item.createdByName}` : ''}
        </span>
      </button>
    </li>
  )
}

function CreateSnapshotForm({ onCreate, onCreated }: { onCreate: (label: string) => Promise<SnapshotItem>; onCreated: (item: SnapshotItem) => void }) {
  const { t } = useTranslation('editor')
  const id = useId()
  const [label, setLabel] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  return (
    <form
      className="create-snapshot stack"
      onSubmit={(event) => {
        event.preventDefault()
        const value = label.trim()
        if (!value) {
          setError(t('history.labelRequired'))
          return
        }
        setBusy(true)
        setError(null)
        onCreate(value)
          .then((item) => {
            setLabel('')
            onCreated(item)
          })
          .catch((cause: unknown) => setError(cause instanceof ApiError ? cause.message : t('history.offline')))
          .finally(() => setBusy(false))
      }}
    >
      <div>
        <label htmlFor={id}>{t('history.newLabel')}</label>
        <p className="muted small" id={`${id}-hint`}>
          {t('history.newHint')}
        </p>
        <input
          id={id}
          value={label}
          maxLength={200}
          dir="auto"
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          onChange={(event) => setLabel(event.target.value)}
        />
      </div>
      {error && (
        <p className="error-text" id={`${id}-error`}>
          {error}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('history.create')}
      </button>
    </form>
  )
}
