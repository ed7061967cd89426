// Per-isolate bookmarks for index paging (RFC 7644 §3.4.2.4): after a page of an org's unfiltered,
// unsorted list, where its last row sits (position, seq) and the org's removal counter then. The
// next page of a walk by startIndex — Okta's import, Entra's account discovery — starts from the
// bookmark instead of stepping over every earlier row (repo/list.ts fromBookmark). A bookmark never
// changes an answer: the query falls back to OFFSET when rows were removed since it was taken, and
// a walk that lands on another isolate just pays OFFSET for one page, then has bookmarks there too.
import type { Bookmark, ListedTable } from '../repo/list'

/** Bookmarks kept per org and table: enough for a few walks at once. */
const PER_LIST = 16
/** Lists remembered per isolate before the oldest is forgotten. */
const MAX_LISTS = 2_000

export class ListBookmarks {
  private readonly lists = new Map<string, Bookmark[]>()

  /** The latest bookmark at or before `offset` rows (0 = the first page needs none). */
  before(orgId: string, table: ListedTable, offset: number): Bookmark | undefined {
    if (offset === 0) return undefined
    let best: Bookmark | undefined
    for (const b of this.lists.get(listKey(orgId, table)) ?? []) {
      if (b.position <= offset && (!best || b.position > best.position)) best = b
    }
    return best
  }

  remember(orgId: string, table: ListedTable, bookmark: Bookmark): void {
    const key = listKey(orgId, table)
    const kept = (this.lists.get(key) ?? []).filter(
      (b) => b.removed === bookmark.removed && b.position !== bookmark.position,
    )
    kept.push(bookmark)
    this.lists.delete(key) // re-inserted last: the Map's order is least recently used first
    if (this.lists.size >= MAX_LISTS) this.lists.delete(this.lists.keys().next().value!)
    this.lists.set(key, kept.slice(-PER_LIST))
  }
}

const listKey = (orgId: string, table: ListedTable) => `${orgId}\u0000${table}`

/** The isolate's bookmarks (module state lives as long as the isolate). */
export const listBookmarks = new ListBookmarks()
