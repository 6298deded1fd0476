import { describe, expect, it } from 'vitest'
import { proseMirrorJsonToHtml } from './html.ts'
import { sampleDocument } from './sample-document.fixture.ts'

describe('proseMirrorJsonToHtml', () => {
  it('renders the sample document without a DOM', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined')
    const html = proseMirrorJsonToHtml(sampleDocument)

    expect(html.startsWith('<h1>Green corridors for Tandem cities</h1><h2>1. Summary</h2><p>Plain, ')).toBe(true)
    expect(html).toContain('<strong>bold</strong>')
    expect(html).toContain('<em>italic</em>')
    expect(html).toContain('<em><strong>bold italic</strong></em>')
    expect(html).toContain('<u>underlined</u>')
    expect(html).toContain('<a target="_blank" rel="noopener noreferrer nofollow" href="https://example.org/?a=1&amp;b=2">link</a>')
    expect(html).toContain('<ul><li><p>First bullet</p></li><li><p>Second bullet</p><ol><li><p>Nested step</p></li></ol></li></ul>')
    expect(html).toContain('<ul data-type="taskList"><li data-checked="true" data-type="taskItem">')
    expect(html).toContain('<input type="checkbox" checked="checked"/>')
    expect(html).toContain('<div><p>Agree on partner cities</p></div>')
    expect(html).toContain('<li data-checked="false" data-type="taskItem">')
    expect(html).toMatch(/<table[^>]*>.*<tbody><tr><th colspan="1" rowspan="1"><p>Item<\/p><\/th>/)
    expect(html).toContain('<td colspan="1" rowspan="1"><p>12 000</p></td></tr></tbody></table>')
    expect(html.endsWith('<p></p>')).toBe(true)
  })

  it('escapes text so markup in it stays text', () => {
    const html = proseMirrorJsonToHtml(sampleDocument)
    expect(html).toContain('<p>Escaping: &lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;b&gt;not bold&lt;/b&gt;</p>')
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<b>')
  })

  it('renders an exact, escaped paragraph', () => {
    expect(
      proseMirrorJsonToHtml({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'a < b && c > d' }] }] }),
    ).toBe('<p>a &lt; b &amp;&amp; c &gt; d</p>')
  })

  it('escapes attribute values and drops javascript: links', () => {
    const link = (href: string) => ({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href } }] }] }],
    })
    const quoted = proseMirrorJsonToHtml(link('https://example.org/"><script>alert(1)</script>'))
    expect(quoted).toContain('href="https://example.org/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
    expect(quoted).not.toContain('<script')

    expect(proseMirrorJsonToHtml(link('javascript:alert(1)'))).toContain('href=""')
  })

  it('rejects invalid documents', () => {
    expect(() => proseMirrorJsonToHtml({ type: 'doc', content: [{ type: 'noSuchNode' }] })).toThrow(RangeError)
  })
})
