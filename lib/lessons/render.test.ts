import { describe, expect, it } from 'vitest';
import { isAllowedLessonLink, renderLesson } from './render';

const ALLOWED_TAGS = ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'h2', 'h3', 'h4', 'blockquote', 'hr', 'code', 'span'];

/** The real elements of an HTML fragment (escaped text is not one) and their attributes. */
function tagsOf(html: string): { tag: string; attrs: [string, string][] }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attrs: [...m[2]!.matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as [string, string]),
  }));
}

describe('renderLesson', () => {
  it('renders headings, lists, emphasis, quotes and allowed links', () => {
    const html = renderLesson('## Tanda\n\n- **satu**\n- *dua*\n\n> kutipan\n\n[lihat](/materi/tanda-cukup-asi) dan [WHO](https://www.who.int/x)');
    expect(html).toContain('<h2>Tanda</h2>');
    expect(html).toContain('<li><strong>satu</strong></li>');
    expect(html).toContain('<em>dua</em>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="/materi/tanda-cukup-asi">lihat</a>');
    expect(html).toContain('<a href="https://www.who.int/x" rel="nofollow noopener noreferrer">WHO</a>');
  });

  it('turns a # heading into a section heading (the title is the page h1)', () => {
    expect(renderLesson('# Judul')).toBe('<h2>Judul</h2>\n');
  });

  it('points links to other lessons at the puskesmas library when asked', () => {
    expect(renderLesson('[x](/materi/untuk-ayah)', { lessonBase: '/materi/pkm/BJN' })).toContain('href="/materi/pkm/BJN/untuk-ayah"');
    expect(renderLesson('[x](/forum)', { lessonBase: '/materi/pkm/BJN' })).toContain('href="/forum"');
  });

  it.each([
    ['<script>alert(1)</script>'],
    ['<img src=x onerror=alert(1)>'],
    ['![gambar](https://example.org/a.png)'],
    ['![gambar](data:image/png;base64,AAAA)'],
    ['[x](javascript:alert(1))'],
    ['[x](JaVaScRiPt:alert(1))'],
    ['[x](  javascript:alert(1))'],
    ['[x](java\tscript:alert(1))'],
    ['[x](vbscript:msgbox(1))'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['[x](//evil.example/a)'],
    ['[x](/\\evil.example)'],
    ['<a href="javascript:alert(1)">x</a>'],
    ['<iframe src="https://evil.example"></iframe>'],
    ['<style>body{display:none}</style>'],
    ['<div onclick="alert(1)">x</div>'],
    ['[x](https://example.org "t" onmouseover=alert(1))'],
    ['    <script>indented()</script>'],
    ['```\n<script>fenced()</script>\n```'],
    ['| a | b |\n|---|---|\n| <b>1</b> | 2 |'],
    ['<svg onload=alert(1)>'],
    ['[x](&#106;avascript:alert(1))'],
    ['<<script>script>alert(1)<</script>/script>'],
  ])('lets no markup through from %j', (src) => {
    for (const { tag, attrs } of tagsOf(renderLesson(src))) {
      expect(ALLOWED_TAGS).toContain(tag);
      for (const [name, value] of attrs) {
        expect(['href', 'rel', 'start']).toContain(name);
        if (name === 'href') expect(isAllowedLessonLink(value)).toBe(true);
      }
    }
  });

  it('shows typed HTML as text', () => {
    expect(renderLesson('<b>tebal</b>')).toBe('<p>&lt;b&gt;tebal&lt;/b&gt;</p>\n');
  });
});

describe('isAllowedLessonLink', () => {
  it.each([
    ['https://www.who.int', true],
    ['http://kemkes.go.id/a', true],
    ['/materi/untuk-ayah', true],
    ['/', true],
    ['//evil.example', false],
    ['/\\evil.example', false],
    ['javascript:alert(1)', false],
    ['data:text/html,x', false],
    ['mailto:a@b.c', false],
    ['materi/relative', false],
    ['https://', false],
  ])('%s → %s', (url, ok) => expect(isAllowedLessonLink(url)).toBe(ok));
});
