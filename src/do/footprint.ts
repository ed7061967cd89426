// What a planned write read and wrote, as claim keys (repo/claims.ts), so the org writer commits
// several queued writes in one batch only when that is indistinguishable from running them one by
// one: a write whose reads overlap an earlier write of the same group waits for that group to
// commit. The keys are never listed by hand: WriteContext claims a read's keys as it runs it, and
// the writer claims a decision's writes from its statements.
import type { ClaimKey } from '../repo/claims'

export class Footprint {
  readonly reads = new Set<ClaimKey>()
  readonly writes = new Set<ClaimKey>()

  claimRead(keys: Iterable<ClaimKey>) {
    for (const k of keys) this.reads.add(k)
  }

  claimWrite(keys: Iterable<ClaimKey>) {
    for (const k of keys) this.writes.add(k)
  }
}

const isPattern = (key: ClaimKey) => key.endsWith('*')

/** Whether two keys may name the same thing; a trailing `*` on either side is a prefix. */
function meet(a: ClaimKey, b: ClaimKey): boolean {
  if (a === b) return true
  if (isPattern(a) && b.startsWith(a.slice(0, -1))) return true
  return isPattern(b) && a.startsWith(b.slice(0, -1))
}

/** Whether any key in `reads` was written by `written` (a group's accumulated writes). */
export function overlaps(reads: ReadonlySet<ClaimKey>, written: ReadonlySet<ClaimKey>): boolean {
  const patterns = [...written].filter(isPattern)
  for (const r of reads) {
    if (written.has(r)) return true
    if (patterns.some((w) => meet(w, r))) return true
    if (isPattern(r)) for (const w of written) if (meet(r, w)) return true
  }
  return false
}
