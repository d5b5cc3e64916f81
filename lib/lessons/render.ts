/**
 * A lesson's Markdown body → safe HTML, on the server only (issue #28; the same two walls as the
 * forum, docs/decisions/020): markdown-it with raw HTML off (a typed `<script>` is shown as text)
 * and only the rules a lesson needs — paragraphs, `##` headings, lists, bold/italic, quotes,
 * links; no images, tables or code blocks. A link may only be http(s) or a path inside the portal
 * beginning with a single `/`; anything else (javascript:, data:, vbscript:, `//host`) stays text.
 * sanitize-html then keeps only the tags and attributes below. Lesson pages send no client
 * JavaScript: no Markdown library ever reaches the browser.
 */
import 'server-only';
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: false, typographer: false });
md.enable(['paragraph', 'heading', 'lheading', 'list', 'blockquote', 'hr', 'newline', 'emphasis', 'link', 'linkify', 'autolink', 'escape', 'entity', 'backticks']);

/** A link a lesson may hold: http(s) to elsewhere, or a path of the portal ("/materi/…"). */
export function isAllowedLessonLink(url: string): boolean {
  const u = url.trim();
  if (/^https?:\/\/[^\s/]/i.test(u)) return true;
  return /^\/(?![/\\])/.test(u);
}
md.validateLink = isAllowedLessonLink;

const EXTERNAL_REL = 'nofollow noopener noreferrer';

function options(lessonBase: string | null): sanitizeHtml.IOptions {
  return {
    allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'a', 'h2', 'h3', 'h4', 'blockquote', 'hr', 'code'],
    allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesAppliedToAttributes: ['href'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'escape',
    transformTags: {
      // The page's title is its one h1: a `#` heading in the body becomes a section heading.
      h1: 'h2',
      h5: 'h4',
      h6: 'h4',
      a: (tagName, attribs): sanitizeHtml.Tag => {
        const href = attribs.href ?? '';
        if (!isAllowedLessonLink(href)) return { tagName: 'span', attribs: {} };
        if (href.startsWith('/')) {
          // A link to another built-in lesson stays inside the puskesmas's own library.
          const m = /^\/materi\/([a-z0-9-]+)$/.exec(href);
          return { tagName, attribs: { href: m && lessonBase ? `${lessonBase}/${m[1]}` : href } };
        }
        return { tagName, attribs: { href, rel: EXTERNAL_REL } };
      },
    },
  };
}

export interface RenderOptions {
  /**
   * Where links to other lessons point: `/materi/pkm/<kode>` on a puskesmas's pages, so a
   * `[…](/materi/<slug>)` in the text opens that puskesmas's version. Default: /materi.
   */
  lessonBase?: string | null;
}

/** Safe HTML of a lesson body (for `dangerouslySetInnerHTML` on the server-rendered page). */
export function renderLesson(markdown: string, opts: RenderOptions = {}): string {
  return sanitizeHtml(md.render(markdown), options(opts.lessonBase ?? null));
}
