import { IDEA_SUMMARY_MAX, type Idea, type UpdateIdeaRequest } from '@tandem/shared'
import { useEffect, useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CharacterLimit, useCutNotice } from '../components/character-limit.tsx'
import { Checkbox, withChoice } from '../components/checkbox.tsx'
import { SelectField } from '../components/select-field.tsx'
import { formatDateTime, formatNumber } from '../i18n/format.ts'
import { api, ApiError, NetworkError } from '../lib/api.ts'
import { apiErrorMessage } from '../lib/api-error-message.ts'
import type { Member } from '../lib/network-admin-types.ts'
import { clusters, sdgNumbers, type Cluster } from '../lib/taxonomy.ts'

type Status = Idea['status']
const LIFECYCLE: Status[] = ['idea', 'draft', 'proposal', 'submitted']

/** The moves the server allows (apps/server/src/modules/ideas/idea-status.ts): one step either way, withdraw, reopen. */
const NEXT: Record<Status, Status[]> = {
  idea: ['draft', 'withdrawn'],
  draft: ['idea', 'proposal', 'withdrawn'],
  proposal: ['draft', 'submitted', 'withdrawn'],
  submitted: ['proposal', 'withdrawn'],
  withdrawn: ['draft'],
}

/**
 * Summary, status, cluster, SDGs and co-authors beside the editor; members edit, observers read. (The title is edited
 * where it is shown, above the document: idea-title.tsx.)
 */
export function IdeaMeta({
  idea,
  editable,
  update,
  reload,
}: {
  idea: Idea
  editable: boolean
  update: (changes: UpdateIdeaRequest) => Promise<Idea>
  reload: () => Promise<void>
}) {
  const { t } = useTranslation('editor')
  const common = useTranslation()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  async function save(changes: UpdateIdeaRequest) {
    setBusy(true)
    setError(null)
    try {
      await update(changes)
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 409) {
        setError(t('meta.conflict', { message: cause.message }))
        // Someone else moved it meanwhile: show the status as it now is.
        await reload()
      }
      // A refused value: what is wrong with it, in the reader's language.
      else if (cause instanceof ApiError && cause.status === 400) setError(apiErrorMessage(common.t, cause, common.i18n.resolvedLanguage))
      else if (cause instanceof ApiError) setError(t('meta.failed', { message: cause.message }))
      else if (cause instanceof NetworkError) setError(t('meta.offline'))
      else setError(t('meta.failed', { message: String(cause) }))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="idea-meta card" aria-labelledby="idea-meta-heading" aria-busy={busy}>
      <h2 id="idea-meta-heading">{t('meta.heading')}</h2>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <SummaryField idea={idea} editable={editable} onSave={(summary) => save({ summary })} />
      <StatusField idea={idea} editable={editable} busy={busy} onMove={(status) => save({ status })} />
      <ClusterField idea={idea} editable={editable} onSave={(cluster) => save({ cluster })} />
      <SdgField idea={idea} editable={editable} onSave={(sdgs) => save({ sdgs })} />
      <CoAuthorsField idea={idea} editable={editable} onSave={(coAuthors) => save({ coAuthors })} />
      <p className="muted small">{t('meta.updated', { when: formatDateTime(idea.updatedAt) })}</p>
    </section>
  )
}

/** The summary the network's board shows under the title: members write it (Save or Cancel), observers read it. */
function SummaryField({ idea, editable, onSave }: { idea: Idea; editable: boolean; onSave: (summary: string) => Promise<void> }) {
  const { t } = useTranslation('editor')
  const id = useId()
  const [value, setValue] = useState(idea.summary)
  const cutNotice = useCutNotice(IDEA_SUMMARY_MAX)
  useEffect(() => setValue(idea.summary), [idea.summary])
  if (!editable) return <ReadOnlyField label={t('meta.summary')} value={idea.summary || t('meta.none')} />
  const changed = value.trim() !== idea.summary
  return (
    <form
      className="meta-field summary-field"
      onSubmit={(event) => {
        event.preventDefault()
        if (changed) void onSave(value.trim())
      }}
    >
      <label htmlFor={id}>{t('meta.summary')}</label>
      <p id={`${id}-hint`} className="muted small">
        {t('meta.summaryHint', { max: formatNumber(IDEA_SUMMARY_MAX) })}
      </p>
      <textarea
        id={id}
        dir="auto"
        rows={4}
        maxLength={IDEA_SUMMARY_MAX}
        aria-describedby={`${id}-hint ${id}-count`}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onPaste={cutNotice.onPaste}
        onDrop={cutNotice.onDrop}
      />
      <CharacterLimit id={`${id}-count`} length={value.length} maxLength={IDEA_SUMMARY_MAX} had={cutNotice.had} />
      {changed && (
        <div className="row">
          <button type="submit">{t('meta.saveSummary')}</button>
          <button type="button" className="secondary" onClick={() => setValue(idea.summary)}>
            {t('meta.cancel')}
          </button>
        </div>
      )}
    </form>
  )
}

function StatusField({ idea, editable, busy, onMove }: { idea: Idea; editable: boolean; busy: boolean; onMove: (status: Status) => Promise<void> }) {
  const { t } = useTranslation('editor')
  const moves = NEXT[idea.status]
  const current = LIFECYCLE.indexOf(idea.status)
  return (
    <div className="meta-field" role="group" aria-labelledby="idea-status-label">
      <span className="meta-label" id="idea-status-label">
        {t('meta.status')}
      </span>
      <ol className="lifecycle" aria-label={t('meta.lifecycle')}>
        {LIFECYCLE.map((status, index) => (
          <li key={status} className={index === current ? 'current' : index < current ? 'done' : ''} aria-current={index === current ? 'step' : undefined}>
            {t(`status.${status}`)}
          </li>
        ))}
      </ol>
      <p className="meta-value" data-status={idea.status}>
        {t('meta.currentStatus', { status: t(`status.${idea.status}`) })}
      </p>
      {editable && (
        <div className="row status-moves">
          {moves.map((status) => (
            <button
              key={status}
              type="button"
              className={status === 'withdrawn' ? 'secondary danger-outline' : 'secondary'}
              disabled={busy}
              onClick={() => void onMove(status)}
            >
              {moveLabel(t, idea.status, status)}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}

function moveLabel(t: (key: string, options?: Record<string, unknown>) => string, from: Status, to: Status): string {
  if (to === 'withdrawn') return t('move.withdraw')
  if (from === 'withdrawn') return t('move.reopen')
  const forward = LIFECYCLE.indexOf(to) > LIFECYCLE.indexOf(from)
  return forward ? t('move.forward', { status: t(`status.${to}`) }) : t('move.back', { status: t(`status.${to}`) })
}

function ClusterField({ idea, editable, onSave }: { idea: Idea; editable: boolean; onSave: (cluster: Cluster | null) => Promise<void> }) {
  const { t } = useTranslation('editor')
  if (!editable) return <ReadOnlyField label={t('meta.cluster')} value={idea.cluster ? t(`cluster.${idea.cluster}`) : t('meta.none')} />
  return (
    <SelectField
      className="meta-field"
      label={t('meta.cluster')}
      noneLabel={t('meta.none')}
      value={idea.cluster}
      options={clusters}
      optionLabel={(cluster) => t(`cluster.${cluster}`)}
      onChange={(cluster) => void onSave(cluster)}
    />
  )
}

function SdgField({ idea, editable, onSave }: { idea: Idea; editable: boolean; onSave: (sdgs: number[]) => Promise<void> }) {
  const { t } = useTranslation('editor')
  const summary = idea.sdgs.length ? [...idea.sdgs].sort((a, b) => a - b).map((n) => t('meta.sdgShort', { n })).join(', ') : t('meta.none')
  if (!editable) return <ReadOnlyField label={t('meta.sdgs')} value={summary} />
  return (
    <PickerField className="sdg-picker" label={t('meta.sdgs')} value={summary}>
      <div className="sdg-grid">
        {sdgNumbers.map((n) => (
          <Checkbox key={n} checked={idea.sdgs.includes(n)} onChange={(ticked) => void onSave(withChoice(idea.sdgs, n, ticked).sort((a, b) => a - b))}>
            {t(`sdg.${n}`)}
          </Checkbox>
        ))}
      </div>
    </PickerField>
  )
}

function CoAuthorsField({ idea, editable, onSave }: { idea: Idea; editable: boolean; onSave: (ids: string[]) => Promise<void> }) {
  const { t } = useTranslation('editor')
  const [members, setMembers] = useState<Member[] | null>(null)
  const [open, setOpen] = useState(false)
  useEffect(() => {
    if (!editable || !open || members) return
    api
      .get<Member[]>(`/networks/${encodeURIComponent(idea.networkSlug)}/members`)
      .then(setMembers)
      .catch(() => setMembers([]))
  }, [editable, open, members, idea.networkSlug])
  const chosen = idea.coAuthors.map((a) => a.id)
  const names = idea.coAuthors.length ? idea.coAuthors.map((a) => a.displayName).join(', ') : t('meta.none')
  if (!editable) return <ReadOnlyField label={t('meta.coAuthors')} value={names} />
  const candidates = (members ?? []).filter((m) => m.role !== 'observer' || chosen.includes(m.userId))
  return (
    <PickerField label={t('meta.coAuthors')} value={names} onToggle={setOpen}>
      {members === null ? (
        <p className="muted">{t('meta.loadingMembers')}</p>
      ) : (
        candidates.map((member) => (
          <Checkbox key={member.userId} checked={chosen.includes(member.userId)} onChange={(ticked) => void onSave(withChoice(chosen, member.userId, ticked))}>
            {member.displayName}
          </Checkbox>
        ))
      )}
    </PickerField>
  )
}

/** A field as observers see it: its name, and its value as text. */
function ReadOnlyField({ label, value }: { label: string; value: string }) {
  return (
    <div className="meta-field">
      <span className="meta-label">{label}</span>
      <p className="meta-value">{value}</p>
    </div>
  )
}

/** A field whose value is chosen from checkboxes: shut, it shows its name and value; open, the choices. */
function PickerField({ label, value, className, onToggle, children }: { label: string; value: string; className?: string; onToggle?(open: boolean): void; children: ReactNode }) {
  return (
    <details className={className ? `meta-field ${className}` : 'meta-field'} onToggle={onToggle && ((event) => onToggle(event.currentTarget.open))}>
      <summary>
        <span className="meta-label">{label}</span> <span className="meta-value">{value}</span>
      </summary>
      <fieldset>
        <legend className="visually-hidden">{label}</legend>
        {children}
      </fieldset>
    </details>
  )
}
