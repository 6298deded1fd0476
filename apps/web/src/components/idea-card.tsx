import type { Idea } from '@tandem/shared'
import { useTranslation } from 'react-i18next'
import { Link } from 'wouter'
import { formatRelative } from '../i18n/format.ts'
import type { OnlineUser } from '../lib/use-network-presence.ts'
import { Avatar } from './avatar.tsx'
import { ClusterTag, SdgTags } from './idea-tags.tsx'

/** One idea on the board or in the list: title (the link), cluster, SDGs, co-authors, last change, who is in it now. */
export function IdeaCard({ idea, slug, headingLevel, inside, showStatus = false }: {
  idea: Idea
  slug: string
  headingLevel: 3 | 4
  /** Online members who have this idea open. */
  inside: OnlineUser[]
  showStatus?: boolean
}) {
  const { t } = useTranslation()
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <article className="idea-card">
      <Heading className="idea-title">
        <Link href={`/networks/${slug}/ideas/${idea.id}`}>
          <bdi>{idea.title}</bdi>
        </Link>
      </Heading>
      {idea.summary ? (
        <p className="idea-summary">
          <bdi>{idea.summary}</bdi>
        </p>
      ) : null}
      <div className="tag-row">
        {showStatus ? <span className={`badge status-${idea.status}`}>{t(`statuses.${idea.status}`)}</span> : null}
        {idea.cluster ? <ClusterTag cluster={idea.cluster} /> : null}
        <SdgTags sdgs={idea.sdgs} />
      </div>
      <p className="idea-card-meta muted">
        {idea.coAuthors.length > 0 ? (
          <span>
            {t('ideas.coAuthors')}: <bdi>{idea.coAuthors.map((a) => a.displayName).join(', ')}</bdi>
          </span>
        ) : null}
        <span>{t('ideas.updated', { when: formatRelative(idea.updatedAt) })}</span>
      </p>
      {inside.length > 0 ? (
        <p className="idea-inside">
          <span className="avatar-stack" aria-hidden="true">
            {inside.slice(0, 4).map((user) => (
              <Avatar key={user.id} name={user.displayName} id={user.id} size="small" />
            ))}
          </span>
          <span className="muted">{t('ideas.openNow', { names: inside.map((u) => u.displayName).join(', ') })}</span>
        </p>
      ) : null}
    </article>
  )
}
