import { describe, expect, it } from 'vitest';
import { matchBlockedTerms } from './blocked';
import { renderForumText } from './text';

describe('renderForumText', () => {
  it('renders paragraphs, lists, bold and http(s) links with rel', () => {
    const html = renderForumText('Halo **bunda**\n\n- satu\n- dua\n\n[info](https://example.org/a)');
    expect(html).toContain('<strong>bunda</strong>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<a href="https://example.org/a" rel="nofollow ugc noopener">info</a>');
  });
  it.each([
    ['<script>alert(1)</script>', '<script'],
    ['<img src=x onerror=alert(1)>', '<img'],
    ['[x](javascript:alert(1))', 'href="javascript'],
    ['[x](JaVaScRiPt:alert(1))', 'href="JaVaScRiPt'],
    ['<a href="javascript:alert(1)">x</a>', '<a href="javascript'],
    ['[x](data:text/html;base64,PHNjcmlwdD4=)', 'href="data'],
  ])('never lets %s through as markup', (src, bad) => {
    const html = renderForumText(src);
    expect(html).not.toContain(bad);
    expect(html).not.toMatch(/<(script|img|iframe)/i);
  });
  it('shows HTML entities as text', () => {
    expect(renderForumText('&lt;b&gt; &amp;')).toBe('<p>&lt;b&gt; &amp;</p>\n');
  });
});

describe('matchBlockedTerms', () => {
  const terms = ['SGM', 'sampel gratis', 'susu formula murah'];
  it('matches whole words, case-insensitively, across punctuation', () => {
    expect(matchBlockedTerms('Ada sgm di klinik', terms)).toEqual(['SGM']);
    expect(matchBlockedTerms('SAMPEL  GRATIS!', terms)).toEqual(['sampel gratis']);
    expect(matchBlockedTerms('susu-formula murah', terms)).toEqual(['susu formula murah']);
  });
  it('does not match inside a longer word', () => {
    expect(matchBlockedTerms('SGMX dan prasgm', terms)).toEqual([]);
    expect(matchBlockedTerms('sampel gratisan', terms)).toEqual([]);
  });
});
