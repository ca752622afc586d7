/**
 * Icons always sit beside a visible text label (nothing is icon-only), so they are hidden from
 * assistive technology. Direction-bearing icons flip in right-to-left languages.
 */
const PATHS = {
  previous: 'M15 5 8 12l7 7',
  next: 'm9 5 7 7-7 7',
  play: 'M8 5v14l11-7z',
  pause: 'M7 5h4v14H7zM13 5h4v14h-4z',
  list: 'M4 6h16M4 12h16M4 18h16',
  help: 'M9.2 9a3 3 0 1 1 4.3 2.7c-.9.5-1.5 1.2-1.5 2.3v.5M12 18h.01',
  language: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm0 0c2.5 2.4 3.7 5.4 3.7 9s-1.2 6.6-3.7 9m0-18C9.5 5.4 8.3 8.4 8.3 12s1.2 6.6 3.7 9M3.5 9h17M3.5 15h17',
  home: 'M4 11 12 4l8 7M6 10v10h12V10',
  display: 'M4 19 9 5h1l5 14M6 14h7M15 19l2.5-7h1l2.5 7M16 17h4',
  close: 'M6 6l12 12M18 6 6 18',
  /** A phone: "take it home on your phone". */
  phone: 'M8 3h8a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H8a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1ZM11 18h2',
  /** A printer with a sheet coming out of it. */
  print: 'M7 9V4h10v5M7 17H5a1 1 0 0 1-1-1v-6a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v6a1 1 0 0 1-1 1h-2M7 14h10v6H7z',
  /** A speaker with sound coming from it: "the kiosk speaks what you touch". */
  speak: 'M4 9.5h3.5L12 6v12l-4.5-3.5H4zM15.5 9.5a3.5 3.5 0 0 1 0 5M18 7a7 7 0 0 1 0 10',
  /** A circled "i": a glossary term, "touch to hear what it means". */
  term: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM12 11v6M12 7.5h.01',
} as const;

export type IconName = keyof typeof PATHS;

const FLIPS_IN_RTL: ReadonlySet<IconName> = new Set(['previous', 'next']);

export function Icon({ name }: { name: IconName }) {
  const filled = name === 'play' || name === 'pause';
  return (
    <svg
      class={FLIPS_IN_RTL.has(name) ? 'icon icon--directional' : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke={filled ? 'none' : 'currentColor'}
      stroke-width="2.4"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
