/** What the importer decided, as lines for staff to read before they trust the result. */
import { quote } from './clean.ts';
import type { DraftBlock } from './draft.ts';
import type { ImportResult } from './import-handout.ts';

const FORMAT_NAMES = { text: 'plain text', markdown: 'Markdown', html: 'HTML' } as const;

export function blockSummary(blocks: readonly DraftBlock[]): string {
  const counts = new Map<string, number>();
  for (const block of blocks) counts.set(block.kind, (counts.get(block.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  return `${blocks.length} block${blocks.length === 1 ? '' : 's'} (${parts.join(', ')})`;
}

export function reportLines(result: ImportResult, file: string): string[] {
  const { draft } = result;
  const lines = [
    `Read ${file} as ${FORMAT_NAMES[result.format]}.`,
    '',
    `  id           ${draft.id}`,
    `  title        ${draft.title}`,
    `  summary      ${draft.summary}`,
    `  source       ${draft.source}`,
    `  licence      ${draft.licence}`,
    `  translation  ${draft.translation}`,
    '',
    `  ${draft.sections.length} section${draft.sections.length === 1 ? '' : 's'}:`,
  ];
  const width = Math.max(...draft.sections.map((s) => s.id.length));
  for (const section of draft.sections) {
    lines.push(`    ${section.id.padEnd(width)}  ${quote(section.heading, 50)}  ${blockSummary(section.blocks)}`);
  }
  if (draft.dropped.length) {
    lines.push('', '  dropped:');
    for (const item of draft.dropped) lines.push(`    ${item}`);
  }
  if (draft.notes.length) {
    lines.push('', '  decided:');
    for (const note of draft.notes) lines.push(`    ${note}`);
  }
  if (draft.warnings.length) {
    lines.push('');
    for (const warning of draft.warnings) lines.push(`warning  ${warning}`);
  }
  return lines;
}
