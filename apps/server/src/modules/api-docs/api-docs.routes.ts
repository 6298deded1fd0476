import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Hono } from 'hono'

/**
 * The browsable API reference at /api/docs: Swagger UI served from our own origin (swagger-ui-dist), so it renders
 * without reaching any CDN and under a CSP that allows scripts from 'self' only.
 */
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Swagger UI sets style attributes on its elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Tandem API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`

const START = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#reference', deepLinking: true })\n`

const assets: Record<string, { file: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
}

export function apiDocsRoutes() {
  const dir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
  const cache = new Map<string, Buffer>()
  const read = (file: string) => {
    let content = cache.get(file)
    if (!content) {
      content = readFileSync(path.join(dir, file))
      cache.set(file, content)
    }
    return content
  }
  return new Hono()
    .get('/docs', (c) => c.html(PAGE, 200, { 'Content-Security-Policy': DOCS_CSP }))
    .get('/docs/start.js', (c) => c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:asset', (c) => {
      const asset = assets[c.req.param('asset')]
      if (!asset) return c.notFound()
      return c.body(new Uint8Array(read(asset.file)), 200, {
        'Content-Type': asset.type,
        'Cache-Control': 'public, max-age=86400',
      })
    })
}
