import { createRoute, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../app-env.ts'
import { createRouter, errors, ideaParams } from '../../openapi.ts'
import { EXPORT_LANGUAGES } from './export-labels.ts'
import type { ExportService } from './export.service.ts'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

const exportDocx = createRoute({
  method: 'get',
  path: '/networks/{slug}/ideas/{id}/export.docx',
  tags: ['ideas'],
  summary: 'The idea as a Word document (.docx): title, summary and details from the record, then the document as it is now',
  request: {
    params: ideaParams,
    query: z.object({
      lang: z.enum(EXPORT_LANGUAGES).optional().openapi({ description: 'Language of the front matter’s words (default en)' }),
    }),
  },
  responses: {
    200: { description: 'The .docx file, as an attachment named after the title', content: { [DOCX_TYPE]: { schema: z.string().openapi({ format: 'binary' }) } } },
    ...errors(400, 401, 403, 404),
  },
})

export function exportRoutes(exports: ExportService) {
  return createRouter<AppEnv>().openapi(exportDocx, async (c) => {
    const { slug, id } = c.req.valid('param')
    const file = await exports.docx(c.get('user'), slug, id, c.req.valid('query').lang ?? 'en')
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': DOCX_TYPE,
      'Content-Disposition': file.contentDisposition,
      // A private idea: never kept by a shared cache, nor by the browser once the download is done.
      'Cache-Control': 'private, no-store',
    })
  })
}
