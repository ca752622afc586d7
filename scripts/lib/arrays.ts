/**
 * Pairs two lists item by item. Their lengths must agree (a list of results and the list of jobs it
 * answers, say): a difference is a bug, and is thrown rather than paired with undefined.
 */
export function zip<A, B>(as: readonly A[], bs: readonly B[]): [A, B][] {
  if (as.length !== bs.length) throw new Error(`cannot pair ${as.length} items with ${bs.length}`);
  const next = bs[Symbol.iterator]();
  return as.map((a) => {
    const b = next.next();
    if (b.done) throw new Error('the second list ended early');
    return [a, b.value];
  });
}

/**
 * `list[index]` where the caller's own logic keeps the index in range (an index into a list that
 * another list's items point into, say). Out of range is a bug: thrown, naming `what` was looked up.
 */
export function itemAt<T>(list: ArrayLike<T>, index: number, what: string): T {
  const item = list[index];
  if (item === undefined) throw new Error(`${what}: no item ${index} in a list of ${list.length}`);
  return item;
}
