/**
 * A draft handout → the kiosk's handout file: YAML front matter, "# " title, "## heading {#id}"
 * sections, one line per paragraph and list item. Text is escaped so that every character comes
 * back from the Markdown parser as the same character: nothing in an imported text becomes markup.
 */
import { stringify } from 'yaml';
import type { DraftBlock, DraftHandout } from './draft.ts';

/** Backslash-escape the ASCII punctuation Markdown would read as markup, and only that, so staff can still read the file. */
export function escapeMarkdown(text: string): string {
  let out = text
    .replace(/[\\`*_[\]]/g, (ch) => `\\${ch}`)
    // "<" only where it could open a tag or an autolink, "&" only where it could start an entity.
    .replace(/<(?=[A-Za-z/!?])/g, '\\<')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  // At the start of a line: a heading, a quote, a list marker, an ordered-list number, a thematic break.
  out = out.replace(/^([-+=#>])/, '\\$1').replace(/^(\d+)([.)])/, '$1\\$2');
  return out;
}

function block(b: DraftBlock): string {
  if (b.kind === 'paragraph') return escapeMarkdown(b.text);
  if (b.kind === 'list') return b.items.map((item, i) => `${b.ordered ? `${i + 1}.` : '-'} ${escapeMarkdown(item)}`).join('\n');
  const caption = b.caption ? ` "${escapeMarkdown(b.caption).replace(/"/g, '\\"')}"` : '';
  return `![${escapeMarkdown(b.alt)}](${b.image}${caption})`;
}

export function toMarkdown(draft: DraftHandout): string {
  const front = stringify({ id: draft.id, summary: draft.summary, source: draft.source, licence: draft.licence, translation: draft.translation }, { lineWidth: 0 });
  const parts = [`---\n${front}---`, `# ${escapeMarkdown(draft.title)}`];
  for (const section of draft.sections) {
    parts.push(`## ${escapeMarkdown(section.heading)} {#${section.id}}`);
    for (const b of section.blocks) parts.push(block(b));
  }
  return `${parts.join('\n\n')}\n`;
}
