/**
 * Reduced motion, decided in one place: people who ask their system for less motion get instant
 * scrolling everywhere and a welcome screen whose greeting holds still (CSS handles transitions and
 * animations).
 */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function scrollBehavior(): ScrollBehavior {
  return prefersReducedMotion() ? 'instant' : 'smooth';
}
