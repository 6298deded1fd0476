import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { z } from 'zod'

/** index.html for one kind of screen, in every encoding a browser may ask for. */
export interface AppPage {
  identity: Uint8Array<ArrayBuffer>
  br: Uint8Array<ArrayBuffer>
  gzip: Uint8Array<ArrayBuffer>
}

const ASSET = /^\/assets\/[\w.-]+\.(js|css)$/
const hintsSchema = z.object({
  routes: z.array(
    z.object({
      pattern: z.string(),
      modules: z.array(z.string().regex(ASSET)),
      styles: z.array(z.string().regex(ASSET)),
    }),
  ),
})

/**
 * The app's page as each kind of screen needs it: the web build writes preload-hints.json (which chunks a screen
 * loads first: the quick open's editor for an idea, the app for the rest) and each variant of index.html names
 * them in <head>, so they download beside the tiny entry instead of after it. Made and compressed once at start.
 * Without the hints file (an older build) every screen gets index.html as it is.
 */
export class AppPages {
  private constructor(
    private readonly routes: { pattern: RegExp; page: AppPage }[],
    private readonly fallback: AppPage,
  ) {}

  static load(distDir: string): AppPages {
    const html = readFileSync(path.join(distDir, 'index.html'), 'utf8')
    const hintsFile = path.join(distDir, 'preload-hints.json')
    const hints = existsSync(hintsFile) ? hintsSchema.safeParse(JSON.parse(readFileSync(hintsFile, 'utf8'))) : null
    const routes = (hints?.success ? hints.data.routes : []).map((route) => ({
      pattern: new RegExp(route.pattern),
      page: encode(withHints(html, route.modules, route.styles)),
    }))
    return new AppPages(routes, encode(html))
  }

  pageFor(pathname: string): AppPage {
    return this.routes.find((route) => route.pattern.test(pathname))?.page ?? this.fallback
  }
}

function withHints(html: string, modules: string[], styles: string[]): string {
  const links = [
    ...modules.map((href) => `<link rel="modulepreload" crossorigin href="${href}">`),
    ...styles.map((href) => `<link rel="preload" as="style" crossorigin href="${href}">`),
  ]
  return links.length === 0 ? html : html.replace('</head>', `${links.join('')}</head>`)
}

function encode(html: string): AppPage {
  const identity = Buffer.from(html)
  // Copies of exactly their bytes (a Buffer may be a view into Node's shared pool).
  return {
    identity: new Uint8Array(identity),
    br: new Uint8Array(brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
    gzip: new Uint8Array(gzipSync(identity, { level: 9 })),
  }
}
