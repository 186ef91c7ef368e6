// Moving through claims: the rules behind j/k and "next unchecked".

import type { ClaimView } from "./api";

/** The claim after (`step` 1) or before (-1) `current` in `list`; stays at the ends. */
export function step(
  list: readonly ClaimView[],
  current: string | null,
  by: 1 | -1,
): string | null {
  if (list.length === 0) return null;
  const i = current === null ? -1 : list.findIndex((c) => c.id === current);
  if (i === -1) return (by === 1 ? list[0] : list[list.length - 1])!.id;
  const j = Math.max(0, Math.min(list.length - 1, i + by));
  return list[j]!.id;
}

/**
 * The first unchecked claim after `current` in document order, wrapping round to the
 * start; `current` itself when no other claim is unchecked.
 */
export function nextUnchecked(list: readonly ClaimView[], current: string | null): string | null {
  const i = current === null ? -1 : list.findIndex((c) => c.id === current);
  for (let k = 1; k <= list.length; k++) {
    const c = list[(i + k) % list.length]!;
    if (c.status === "unchecked" && !c.dismissed && c.id !== current) return c.id;
  }
  return current;
}
