import type { Idea } from '@tandem/shared'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../i18n/format.ts'
import { ideaStatuses } from '../lib/taxonomy.ts'
import type { OnlineUser } from '../lib/use-network-presence.ts'
import { IdeaCard } from './idea-card.tsx'

/**
 * The ideas as a board, one column per stage of the lifecycle (idea → draft → proposal → submitted, then withdrawn).
 * Columns sit side by side on wide screens and stack on phones, so the page never scrolls sideways.
 */
export function IdeaBoard({ ideas, slug, insideOf }: { ideas: Idea[]; slug: string; insideOf(ideaId: string): OnlineUser[] }) {
  const { t } = useTranslation()
  return (
    <div className="idea-board columns">
      {ideaStatuses.map((status) => {
        const column = ideas.filter((idea) => idea.status === status)
        const headingId = `board-${status}`
        return (
          <section key={status} className={`board-column status-column-${status}`} aria-labelledby={headingId}>
            <h3 id={headingId} className="board-column-title">
              <span>{t(`statuses.${status}`)}</span>{' '}
              <span className="count-pill">
                <span className="visually-hidden">{t('ideas.countLabel')}: </span>
                {formatNumber(column.length)}
              </span>
            </h3>
            {column.length === 0 ? (
              <p className="muted board-empty">{t('ideas.columnEmpty')}</p>
            ) : (
              <ul className="plain-list board-cards">
                {column.map((idea) => (
                  <li key={idea.id}>
                    <IdeaCard idea={idea} slug={slug} headingLevel={4} inside={insideOf(idea.id)} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        )
      })}
    </div>
  )
}
