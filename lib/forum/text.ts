/**
 * Forum text: plain text with light formatting (paragraphs, lists, bold, italic, links) as
 * Markdown, rendered to safe HTML. markdown-it with raw HTML off turns `<script>` into text;
 * sanitize-html then keeps only the tags and attributes below (defence in depth), so a link can
 * only be http(s) and always carries rel="nofollow ugc noopener". See docs/decisions/020.
 */
import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false });
// Only what the forum needs: paragraphs, line breaks, lists, bold/italic, links.
md.enable(['paragraph', 'newline', 'list', 'emphasis', 'link', 'linkify', 'autolink', 'escape', 'entity']);
md.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());

const REL = 'nofollow ugc noopener';

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'ul', 'ol', 'li', 'strong', 'em', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { href: attribs.href ?? '', rel: REL } }),
  },
};

/** Safe HTML of a post or reply body. */
export function renderForumText(source: string): string {
  return sanitizeHtml(md.render(source), SANITIZE);
}
