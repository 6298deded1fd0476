import { IDEA_SUMMARY_MAX, IDEA_TITLE_MAX, type CreateIdeaRequest, type Idea } from '@tandem/shared'
import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { templateLanguageOf } from '../i18n/languages.ts'
import { useLocation } from 'wouter'
import { api } from '../lib/api.ts'
import { problemsByField } from '../lib/field-problems.ts'
import { clusters, sdgNumbers, type Cluster } from '../lib/taxonomy.ts'
import { CharacterLimit, useCutNotice } from './character-limit.tsx'
import { Checkbox, withChoice } from './checkbox.tsx'
import { ErrorAlert } from './error-alert.tsx'
import { SelectField } from './select-field.tsx'
import { TextField } from './text-field.tsx'

/**
 * "New idea": a title (the rest is optional) and the idea opens in the editor, already holding the proposal
 * template's sections (the server writes them). Each limit is shown with a count, and a paste cut to fit says so.
 */
export function NewIdeaForm({ slug, onCancel }: { slug: string; onCancel(): void }) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const [, navigate] = useLocation()
  const [title, setTitle] = useState('')
  const [summary, setSummary] = useState('')
  const [cluster, setCluster] = useState<Cluster | null>(null)
  const [sdgs, setSdgs] = useState<number[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(undefined)
  const [titleMissing, setTitleMissing] = useState(false)
  const summaryCut = useCutNotice(IDEA_SUMMARY_MAX)
  const formRef = useRef<HTMLFormElement>(null)
  const problems = problemsByField(t, error, i18n.resolvedLanguage)

  useEffect(() => {
    formRef.current?.querySelector<HTMLInputElement>('input')?.focus()
  }, [])

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(undefined)
    // Spaces only pass the browser's `required`: say it here rather than after a round trip.
    if (title.trim() === '') {
      setTitleMissing(true)
      formRef.current?.querySelector<HTMLInputElement>('input[name="title"]')?.focus()
      return
    }
    setTitleMissing(false)
    setBusy(true)
    const body: CreateIdeaRequest = {
      title: title.trim(),
      ...(summary.trim() ? { summary: summary.trim() } : {}),
      cluster,
      sdgs,
      // The concept-note template is written in the language the author works in.
      language: templateLanguageOf(i18n.resolvedLanguage),
    }
    try {
      const idea = await api.post<Idea>(`/networks/${encodeURIComponent(slug)}/ideas`, body)
      navigate(`/networks/${slug}/ideas/${idea.id}`)
    } catch (caught) {
      setError(caught)
      setBusy(false)
    }
  }

  return (
    <form ref={formRef} className="card stack new-idea-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('newIdea.title')}</h2>
      <p className="muted">{t('newIdea.intro')}</p>
      <ErrorAlert error={error} />
      <TextField
        label={t('newIdea.ideaTitle')}
        name="title"
        required
        maxLength={IDEA_TITLE_MAX}
        showLimit
        problem={titleMissing ? t('fieldProblems.required') : (problems.title ?? null)}
        value={title}
        onChange={(event) => {
          setTitle(event.target.value)
          if (event.target.value.trim() !== '') setTitleMissing(false)
        }}
      />
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t('newIdea.summary')}</label>
        <p id={`${id}-summary-hint`} className="field-hint muted">
          {t('newIdea.summaryHint')}
        </p>
        <textarea
          id={`${id}-summary`}
          dir="auto"
          aria-describedby={`${id}-summary-hint ${id}-summary-count${problems.summary ? ` ${id}-summary-problem` : ''}`}
          aria-invalid={problems.summary ? true : undefined}
          rows={3}
          maxLength={IDEA_SUMMARY_MAX}
          value={summary}
          onChange={(event) => setSummary(event.target.value)}
          onPaste={summaryCut.onPaste}
          onDrop={summaryCut.onDrop}
        />
        <CharacterLimit id={`${id}-summary-count`} length={summary.length} maxLength={IDEA_SUMMARY_MAX} had={summaryCut.had} />
        {problems.summary ? (
          <p id={`${id}-summary-problem`} className="field-problem error-text">
            {problems.summary}
          </p>
        ) : null}
      </div>
      <SelectField
        label={t('newIdea.cluster')}
        noneLabel={t('newIdea.noCluster')}
        value={cluster}
        options={clusters}
        optionLabel={(c) => t(`clusters.${c}`)}
        onChange={setCluster}
      />
      <fieldset className="field">
        <legend>{t('newIdea.sdgs')}</legend>
        <div className="checkbox-grid sdg-grid">
          {sdgNumbers.map((sdg) => (
            <Checkbox key={sdg} checked={sdgs.includes(sdg)} onChange={(ticked) => setSdgs(withChoice(sdgs, sdg, ticked))}>
              {t('sdg.full', { number: sdg, name: t(`sdgs.${sdg}`) })}
            </Checkbox>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? t('newIdea.creating') : t('newIdea.create')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  )
}
