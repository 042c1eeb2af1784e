/**
 * Marks the query's terms in a text, safely: the text is HTML-escaped first and
 * only our own <mark> tags are added. Done here rather than by Meilisearch because
 * its highlighter marks its own Chinese segmentation, which misses our sub-words.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Terms worth marking: CJK of 2+ characters, other words of 2+ letters; longest first. */
export function markableTerms(tokens: string[]): string[] {
  const terms = tokens.map((t) => t.trim()).filter((t) => t.length >= 2 || /[\u4e00-\u9fff]{2,}/.test(t));
  return [...new Set(terms)].sort((a, b) => b.length - a.length).slice(0, 30);
}

export function highlight(text: string, terms: string[]): string {
  if (terms.length === 0) return escapeHtml(text);
  const re = new RegExp(terms.map(escapeRegExp).join('|'), 'gi');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += escapeHtml(text.slice(last, m.index)) + `<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A window of the text around its first match, for result lists. */
export function snippet(text: string, terms: string[], length = 140): string {
  const lower = text.toLowerCase();
  const first = Math.min(...terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0), Infinity);
  if (text.length <= length) return highlight(text, terms);
  const start = first === Infinity ? 0 : Math.max(0, first - Math.floor(length / 3));
  const cut = text.slice(start, start + length);
  return `${start > 0 ? '…' : ''}${highlight(cut, terms)}${start + length < text.length ? '…' : ''}`;
}
