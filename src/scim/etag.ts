// Pure: no I/O. Versions as weak entity tags (RFC 7644 §3.14; RFC 7232 §2.3, §3.1).

/** `W/"3"`: the resource version is a counter, so the tag is weak (§3.14 examples). */
export function formatEtag(version: number): string {
  return `W/"${version}"`
}

export interface EntityTag {
  weak: boolean
  opaque: string
}

/** An If-Match / If-None-Match header: `*` or a list of entity tags. */
export type EtagCondition = { kind: 'any' } | { kind: 'tags'; tags: EntityTag[] }

/** entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; bare tokens are read as their own opaque value. */
const ENTITY_TAG = /^(W\/)?"([^"]*)"$/i

export function parseEntityTag(text: string): EntityTag | undefined {
  const trimmed = text.trim()
  const match = ENTITY_TAG.exec(trimmed)
  if (match) return { weak: match[1] !== undefined, opaque: match[2] }
  // Some clients echo the version without quotes (`If-Match: 3`); read it rather than fail.
  return /^[^\s",]+$/.test(trimmed) ? { weak: false, opaque: trimmed } : undefined
}

/**
 * Parses If-Match (or If-None-Match). Returns undefined when the header is absent or blank,
 * meaning no precondition. Malformed list members are skipped, so they never match.
 */
export function parseIfMatch(header: string | null | undefined): EtagCondition | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined
  if (header.trim() === '*') return { kind: 'any' }
  const tags = splitTags(header)
    .map(parseEntityTag)
    .filter((t): t is EntityTag => t !== undefined)
  return { kind: 'tags', tags }
}

/** Splits on commas outside quotes (an opaque tag may contain a comma). */
function splitTags(header: string): string[] {
  return header.match(/(?:W\/)?"[^"]*"|[^,]+/gi)?.filter((t) => t.trim() !== '') ?? []
}

/**
 * Weak comparison (RFC 7232 §2.3.2): our tags are weak, and a strong comparison would never
 * match one, so `If-Match: W/"3"` and `If-Match: "3"` both match version 3.
 */
export function etagMatches(condition: EtagCondition, version: number): boolean {
  switch (condition.kind) {
    case 'any':
      return true
    case 'tags':
      return condition.tags.some((t) => t.opaque === String(version))
  }
}
