// How a reader reaches an org's rows: the shard its placement names (known from a token's KV
// record, or looked up), followed when the org's row there says it moved. The reader probes that
// row in every batch (repo/guarded-reader.ts); this is what it follows.
import type { Bindings } from '../env'
import { database, type Db } from '../repo/db'
import { forgetPlacement, placementOf, rememberPlacement, type Placement } from './lookup'
import { controlShardId, shardBinding } from './shards'

/** Opens a shard's binding: the database itself, or a D1 session on it (http/replica.ts). */
export type OpenShard = (binding: D1Database, shard: string) => Db

export class OrgRoute {
  private placement: Placement | undefined
  private opened: Db | undefined

  constructor(
    private readonly env: Bindings,
    readonly orgId: string,
    known?: Placement,
    private readonly open: OpenShard = (binding) => database(binding),
  ) {
    this.placement = known
  }

  /** The shard read now (after `db()` resolved it). */
  get shard(): string | undefined {
    return this.placement?.shard
  }

  get jurisdiction(): string | null {
    return this.placement?.jurisdiction ?? null
  }

  /**
   * The database to read. An org with no placement reads the control shard, where it is absent
   * too: the reads answer 404 as they would for any unknown id.
   */
  async db(): Promise<Db> {
    if (this.opened) return this.opened
    this.placement ??= (await placementOf(this.env, this.orgId)) ?? {
      shard: controlShardId(this.env),
      jurisdiction: null,
    }
    const { shard } = this.placement
    this.opened = this.open(shardBinding(this.env, shard), shard)
    return this.opened
  }

  /** The org's row on the shard read says it is on `shard` now: read there from here on. */
  follow(shard: string): void {
    const jurisdiction = this.placement?.jurisdiction ?? null
    this.placement = { shard, jurisdiction }
    this.opened = undefined
    forgetPlacement(this.orgId)
    rememberPlacement(this.orgId, this.placement)
  }
}
