// The org writer's copy of its org's rows, in its own SQLite storage (synchronous, transactional,
// local): plans read it instead of D1, so a write costs one D1 round trip — its commit. D1 stays
// the truth: every commit is fenced (repo/fence.ts) on the copy's `commitSeq`, the count of batches
// the writer committed. The copy is trusted only when its commitSeq equals D1's `orgs.commit_seq`
// and its table layout is the code's; otherwise it is rebuilt from D1. A commit applies the same
// statements to the copy in one local transaction right after D1 accepted them; if the object dies
// in between, the next start finds the copy one batch behind and rebuilds it.
import type { Db, Statement } from '../repo/db'
import { preparedQuery, runReads } from '../repo/db'
import type { Read, ReadResults } from '../repo/claims'
import {
  MIRRORED_TABLES,
  pageKey,
  selectMirrorPage,
  tableDdl,
  tableName,
} from '../repo/mirror-tables'

/** The local layout: its DDL. A change of the schema's shape means a rebuild. */
const DDL = MIRRORED_TABLES.flatMap(tableDdl)
const LAYOUT = DDL.join(';\n')
/** Rows copied per D1 round trip when rebuilding. */
const PAGE = 5000

type SqlValue = ArrayBuffer | string | number | null

const bindable = (params: unknown[]): SqlValue[] =>
  params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : (p as SqlValue)))

export class Mirror {
  /** Batches committed, as far as the copy knows; undefined until checked against D1. */
  private seq: number | undefined
  private orgId: string | undefined
  /** D1 round trips spent rebuilding (for tests and logs). */
  rebuilds = 0

  constructor(
    private readonly storage: DurableObjectStorage,
    /** The org's shard: set by the writer once it knows it, and again after a move. */
    public d1: Db,
  ) {}

  /** The commit_seq the next commit must find (fence) — defined once `ensure` succeeded. */
  get commitSeq(): number {
    if (this.seq === undefined) throw new Error('mirror used before ensure()')
    return this.seq
  }

  get ready(): boolean {
    return this.seq !== undefined
  }

  /** Forget what the copy is trusted for: the next start checks it against D1 again. */
  invalidate(): void {
    this.seq = undefined
  }

  /**
   * Makes the copy current for `orgId`, given D1's commit_seq (null: the org does not exist yet).
   * Costs nothing when the copy is in step, a rebuild (pages of D1 reads) when it is not.
   */
  async ensure(orgId: string, d1Seq: number | null): Promise<void> {
    const meta = this.meta()
    const expected = d1Seq ?? 0
    if (meta.orgId === orgId && meta.layout === LAYOUT && meta.seq === expected) {
      this.orgId = orgId
      this.seq = expected
      return
    }
    await this.rebuild(orgId, expected)
  }

  /** Reads against the copy, mapped exactly as D1 batch results are (repo/db.ts runReads). */
  run<T extends readonly Read<unknown>[]>(reads: T): ReadResults<T> {
    return reads.map((r) => {
      const { prepared, query } = preparedQuery(r.query)
      const { sql, params } = query
      const rows = this.storage.sql.exec(sql, ...bindable(params)).toArray()
      return prepared.mapResult({ results: rows, success: true, meta: {} }, true)
    }) as unknown as ReadResults<T>
  }

  /** After D1 committed `statements`: the same, here, in one local transaction. */
  apply(statements: readonly Statement[]): void {
    const seq = this.commitSeq + 1
    try {
      this.storage.transactionSync(() => {
        for (const statement of statements) {
          const { sql, params } = preparedQuery(statement).query
          this.storage.sql.exec(sql, ...bindable(params))
        }
        this.writeSeq(seq)
      })
      this.seq = seq
    } catch (error) {
      // D1 has the batch; the copy could not follow: rebuild before the next plan.
      this.invalidate()
      console.error(JSON.stringify({ msg: 'mirror apply failed', error: String(error) }))
    }
  }

  private meta(): { orgId?: string; layout?: string; seq?: number } {
    this.storage.sql.exec(
      'CREATE TABLE IF NOT EXISTS mirror_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    )
    const rows = this.storage.sql
      .exec<{ key: string; value: string }>('SELECT key, value FROM mirror_meta')
      .toArray()
    const get = (key: string) => rows.find((r) => r.key === key)?.value
    const seq = get('seq')
    return {
      orgId: get('orgId'),
      layout: get('layout'),
      seq: seq === undefined ? undefined : Number(seq),
    }
  }

  /** What a commit changes in the meta: one small row (orgId and layout stay). */
  private writeSeq(seq: number): void {
    this.storage.sql.exec("UPDATE mirror_meta SET value = ? WHERE key = 'seq'", String(seq))
  }

  private writeMeta(meta: { orgId: string; layout: string; seq: number }): void {
    for (const [key, value] of Object.entries(meta)) {
      this.storage.sql.exec(
        'INSERT INTO mirror_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        key,
        String(value),
      )
    }
  }

  /**
   * Copies the org's rows from D1, table by table in pages of its primary key (a range of the
   * index D1 has). The writer is the only writer of these rows and holds its queue while this
   * runs, so the copy is a consistent snapshot; the fence on the next commit would refuse it
   * otherwise.
   */
  private async rebuild(orgId: string, seq: number): Promise<void> {
    this.storage.sql.exec('DELETE FROM mirror_meta')
    for (const table of MIRRORED_TABLES) {
      this.storage.sql.exec(`DROP TABLE IF EXISTS "${tableName(table)}"`)
    }
    for (const statement of DDL) this.storage.sql.exec(statement)
    for (const table of MIRRORED_TABLES) {
      const key = pageKey(table)
      let after: unknown[] | undefined
      for (;;) {
        const [rows] = await runReads(this.d1, selectMirrorPage(this.d1, table, orgId, after, PAGE))
        this.rebuilds++
        if (rows.length === 0) break
        const names = Object.keys(rows[0])
        const insert = `INSERT INTO "${tableName(table)}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`
        this.storage.transactionSync(() => {
          for (const row of rows)
            this.storage.sql.exec(insert, ...bindable(names.map((n) => row[n])))
        })
        const last = rows[rows.length - 1]
        after = key.map((column) => last[column])
        if (rows.length < PAGE) break
      }
    }
    this.storage.transactionSync(() => this.writeMeta({ orgId, layout: LAYOUT, seq }))
    this.orgId = orgId
    this.seq = seq
  }
}
