import { Fragment, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Block, BlockChange, TextPart } from './snapshot-diff.ts'

/** Unchanged runs longer than this are folded, with a button to show them. */
const FOLD_AFTER = 4

/**
 * The difference between a snapshot and the current document as text: insertions underlined in <ins>, deletions
 * struck through in <del>, each also named for screen readers, with a legend (never colour alone).
 */
export function SnapshotDiffView({ changes }: { changes: BlockChange[] }) {
  const { t } = useTranslation('editor')
  const [unfolded, setUnfolded] = useState<Set<number>>(new Set())
  const runs = groupRuns(changes)
  const nothing = changes.every((change) => change.op === 'same')
  return (
    <div className="diff">
      <DiffLegend />
      {nothing && <p className="diff-none">{t('diff.none')}</p>}
      <div className="diff-body" data-testid="snapshot-diff">
        {runs.map((run, index) => {
          if (run.kind === 'changes') {
            return (
              <Fragment key={index}>
                {run.items.map((change, i) => (
                  <ChangeBlock key={i} change={change} />
                ))}
              </Fragment>
            )
          }
          const fold = run.items.length > FOLD_AFTER && !unfolded.has(index)
          if (!fold) return run.items.map((change, i) => <ChangeBlock key={`${index}-${i}`} change={change} />)
          const first = run.items[0]!
          const last = run.items[run.items.length - 1]!
          const hidden = run.items.length - 2
          return (
            <Fragment key={index}>
              <ChangeBlock change={first} />
              <button type="button" className="secondary diff-fold" onClick={() => setUnfolded((set) => new Set(set).add(index))}>
                {t('diff.showUnchanged', { count: hidden })}
              </button>
              <ChangeBlock change={last} />
            </Fragment>
          )
        })}
      </div>
    </div>
  )
}

export function DiffLegend() {
  const { t } = useTranslation('editor')
  return (
    <dl className="diff-legend" aria-label={t('diff.legend')}>
      <div>
        <dt>
          <ins>{t('diff.legendSample')}</ins>
        </dt>
        <dd>{t('diff.legendAdded')}</dd>
      </div>
      <div>
        <dt>
          <del>{t('diff.legendSample')}</del>
        </dt>
        <dd>{t('diff.legendRemoved')}</dd>
      </div>
    </dl>
  )
}

type Run = { kind: 'same' | 'changes'; items: BlockChange[] }

function groupRuns(changes: BlockChange[]): Run[] {
  const runs: Run[] = []
  for (const change of changes) {
    const kind = change.op === 'same' ? 'same' : 'changes'
    const last = runs[runs.length - 1]
    if (last && last.kind === kind) last.items.push(change)
    else runs.push({ kind, items: [change] })
  }
  return runs
}

function ChangeBlock({ change }: { change: BlockChange }) {
  const { t } = useTranslation('editor')
  switch (change.op) {
    case 'same':
      return <BlockShell block={change.block} op="same">{change.block.text}</BlockShell>
    case 'added':
      return (
        <BlockShell block={change.block} op="added">
          <Mark op="added">{change.block.text || t('diff.emptyBlock')}</Mark>
        </BlockShell>
      )
    case 'removed':
      return (
        <BlockShell block={change.block} op="removed">
          <Mark op="removed">{change.block.text || t('diff.emptyBlock')}</Mark>
        </BlockShell>
      )
    case 'changed':
      return (
        <BlockShell block={change.after} op="changed" before={change.before}>
          {change.parts.map((part, i) => (
            <Part key={i} part={part} />
          ))}
        </BlockShell>
      )
  }
}

function Part({ part }: { part: TextPart }) {
  if (part.op === 'same') return <>{part.text}</>
  return <Mark op={part.op}>{part.text}</Mark>
}

function Mark({ op, children }: { op: 'added' | 'removed'; children: ReactNode }) {
  const { t } = useTranslation('editor')
  const Tag = op === 'added' ? 'ins' : 'del'
  return (
    <Tag>
      <span className="visually-hidden">{op === 'added' ? t('diff.addedStart') : t('diff.removedStart')}</span>
      {children}
      <span className="visually-hidden">{op === 'added' ? t('diff.addedEnd') : t('diff.removedEnd')}</span>
    </Tag>
  )
}

function BlockShell({ block, op, before, children }: { block: Block; op: BlockChange['op']; before?: Block; children: ReactNode }) {
  const { t } = useTranslation('editor')
  const kindChanged = before && (before.kind !== block.kind || before.level !== block.level || before.checked !== block.checked)
  const prefix =
    block.kind === 'bullet' ? '•' : block.kind === 'ordered' ? '#' : block.kind === 'task' ? (block.checked ? '☑' : '☐') : block.kind === 'rule' ? '―' : null
  return (
    <div
      className={`diff-block diff-${op} diff-kind-${block.kind}${block.level ? ` diff-h${block.level}` : ''}`}
      style={block.depth ? { marginInlineStart: `${block.depth * 1.5}em` } : undefined}
      dir="auto"
      data-op={op}
    >
      {op !== 'same' && <span className="diff-badge">{t(`diff.op.${op}`)}</span>}
      {prefix && (
        <span className="diff-prefix" aria-hidden="true">
          {prefix}{' '}
        </span>
      )}
      {kindChanged && <span className="diff-kind-note">{t('diff.kindChanged', { from: t(`diff.kind.${before.kind}`), to: t(`diff.kind.${block.kind}`) })} </span>}
      {children}
    </div>
  )
}
