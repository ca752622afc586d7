/**
 * Reduced motion, decided in one place: people who ask their system for less motion get instant
 * scrolling everywhere (CSS handles transitions and animations).
 */
export function scrollBehavior(): ScrollBehavior {
  const reduce = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  return reduce ? 'instant' : 'smooth';
}
