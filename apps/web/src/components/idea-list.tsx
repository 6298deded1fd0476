import type { Idea } from '@tandem/shared'
import type { OnlineUser } from '../lib/use-network-presence.ts'
import { IdeaCard } from './idea-card.tsx'

/** The ideas as one list, most recently changed first (the server's order), each with its status. */
export function IdeaList({ ideas, slug, insideOf }: { ideas: Idea[]; slug: string; insideOf(ideaId: string): OnlineUser[] }) {
  return (
    <ul className="plain-list idea-list">
      {ideas.map((idea) => (
        <li key={idea.id}>
          <IdeaCard idea={idea} slug={slug} headingLevel={3} inside={insideOf(idea.id)} showStatus />
        </li>
      ))}
    </ul>
  )
}
