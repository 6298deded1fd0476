import type { JSONContent } from '@tiptap/core'

const text = (value: string, ...marks: JSONContent['marks'] & object): JSONContent =>
  marks.length ? { type: 'text', text: value, marks } : { type: 'text', text: value }
const p = (...content: JSONContent[]): JSONContent => (content.length ? { type: 'paragraph', content } : { type: 'paragraph' })
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content })

/** A document with every node and mark of the editor's schema, nested lists, a merged table cell and Arabic. */
export const everyNodeDocument: JSONContent = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [text('1. Summary')] },
    p(
      text('Plain, '),
      text('bold', { type: 'bold' }),
      text(', '),
      text('italic', { type: 'italic' }),
      text(', '),
      text('underlined', { type: 'underline' }),
      text(', '),
      text('struck', { type: 'strike' }),
      text(', '),
      text('npm start', { type: 'code' }),
      text(' and '),
      text('a link', { type: 'link', attrs: { href: 'https://example.org/?a=1&b=2' } }),
      text(' and '),
      text('no script', { type: 'link', attrs: { href: 'javascript:alert(1)' } }),
      text('.'),
    ),
    p(text('First line'), { type: 'hardBreak' }, text('second line')),
    { type: 'heading', attrs: { level: 2 }, content: [text('2. Context and problem analysis')] },
    p(text('ممرات خضراء في المدن: تحليل السياق')),
    p(text('2026 — '), text('الميزانية', { type: 'bold' }), text(' Tandem')),
    { type: 'heading', attrs: { level: 3 }, content: [text('Partners')] },
    {
      type: 'bulletList',
      content: [
        item(p(text('Kisumu'))),
        item(p(text('Dakar')), { type: 'orderedList', attrs: { start: 1 }, content: [item(p(text('Nested step one'))), item(p(text('Nested step two')))] }),
      ],
    },
    { type: 'orderedList', attrs: { start: 3 }, content: [item(p(text('Third step')), p(text('More about the third step'))), item(p(text('Fourth step')))] },
    {
      type: 'taskList',
      content: [
        { type: 'taskItem', attrs: { checked: true }, content: [p(text('Agree on partner cities'))] },
        {
          type: 'taskItem',
          attrs: { checked: false },
          content: [p(text('Draft the budget')), { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: false }, content: [p(text('Ask for co-financing'))] }] }],
        },
      ],
    },
    { type: 'blockquote', content: [p(text('If you want to go far, go together.'))] },
    { type: 'codeBlock', attrs: { language: null }, content: [text('line one\n  indented line two')] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        {
          type: 'tableRow',
          content: [
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1 }, content: [p(text('Item'))] },
            { type: 'tableHeader', attrs: { colspan: 1, rowspan: 1 }, content: [p(text('EUR'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [p(text('Study visit'))] },
            { type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [p(text('12 000'))] },
          ],
        },
        {
          type: 'tableRow',
          content: [{ type: 'tableCell', attrs: { colspan: 2, rowspan: 1 }, content: [p(text('Total to be confirmed'))] }],
        },
      ],
    },
    p(text('The end.')),
  ],
}
