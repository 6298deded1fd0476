import { ideaPath, matchIdeaPath } from './editor/idea-path.ts'
import { directionOf, LANGUAGE_STORAGE_KEY, likelyLanguage } from './i18n/languages.ts'
import { prefetch } from './lib/api.ts'
import './styles/base.css'

/**
 * The page's first script, kept tiny. Opened straight on an idea, the quick open's editor comes first and the app
 * (React, the screens, the catalogues) after it, so the two do not share a slow connection; anywhere else the app
 * comes at once. The server names the right chunks in the page (modulepreload) so they are already on their way;
 * the session and the idea are asked for here, while those chunks arrive.
 */
// An Arabic reader sees even the quick editor's page right to left (i18n.ts keeps this in step afterwards).
let remembered: string | null = null
try {
  remembered = localStorage.getItem(LANGUAGE_STORAGE_KEY)
} catch {
  // Storage disabled: the browser's languages decide.
}
const language = likelyLanguage(remembered, navigator.languages)
document.documentElement.lang = language
document.documentElement.dir = directionOf(language)

const idea = matchIdeaPath(location.pathname)
let quick: Promise<void> = Promise.resolve()
if (idea && navigator.onLine) {
  prefetch('/me')
  prefetch(ideaPath(idea.slug, idea.id))
  quick = import('./editor/quick-open.ts').then((m) => m.quickOpen(idea)).catch(() => undefined)
}
void quick.then(() => import('./main.tsx'))
