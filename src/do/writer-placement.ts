// Where the writer's org lives, kept in the writer's own storage: learned from the control
// database on the writer's first write (one read for the life of the object), rewritten by a move's
// flip. The writer is the only one that writes the org's rows, so what it stores here is the truth
// for its writes; readers elsewhere may lag and are redirected by the shard's moved row.
import type { Bindings } from '../env'
import { placementOf, type Placement } from '../placement/lookup'
import { controlShardId } from '../placement/shards'

const KEY = 'placement'

export interface StoredPlacement extends Placement {
  orgId: string
}

export class WriterPlacement {
  private current: StoredPlacement | undefined

  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly env: Bindings,
  ) {}

  get known(): boolean {
    return this.current !== undefined
  }

  /** What this writer stored, if it ever learned its placement. */
  async stored(): Promise<StoredPlacement | undefined> {
    this.current ??= await this.storage.get<StoredPlacement>(KEY)
    return this.current
  }

  /**
   * The org's placement. An org not placed yet (its creation is what is being written, or no org
   * has this id) reads and writes the control database's shard; nothing is stored then.
   */
  async resolve(orgId: string): Promise<Placement> {
    const stored = await this.stored()
    if (stored?.orgId === orgId) return stored
    const found = await placementOf(this.env, orgId)
    if (!found) return { shard: controlShardId(this.env), jurisdiction: null }
    await this.set({ orgId, ...found })
    return found
  }

  async set(placement: StoredPlacement): Promise<void> {
    await this.storage.put(KEY, placement)
    this.current = placement
  }
}
