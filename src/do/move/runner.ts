// The org writer's side of a move: starting one, reporting it, and keeping it going — in the
// background of the object, with an alarm as the watchdog. A move found unfinished by another
// instance of the writer (evicted, restarted mid-move) lost its runner: it is undone (or, past its
// placement, finished). The steps themselves are mover.ts's.
import type { Bindings } from '../../env'
import { findShard } from '../../placement/shards'
import { conflict, invalidValue, notFound } from '../../scim/errors'
import { fail, ok, type RpcResult } from '../result'
import { abandonMove, runMove, type MoveHost } from './mover'
import { isActive, newMove, type MoveState } from './state'
import type { StoredPlacement } from '../writer-placement'

const KEY = 'move'
/** A move's flip holds writes at most this long, else it rolls back (writes wait, never fail). */
const MAX_WRITE_HOLD_MS = 10_000
/** The alarm that picks up a move whose runner was lost. */
const WATCHDOG_MS = 30_000

/** What the runner needs of the writer. */
export interface MovingWriter {
  /** The org's placement as the writer knows it (undefined: no such org). */
  placement(orgId: string): Promise<StoredPlacement | undefined>
  holdWrites(): Promise<() => void>
  switchTo(orgId: string, shard: string): Promise<void>
}

export class MoveRunner {
  /** This instance: a move stored with another runner lost it. */
  private readonly instanceId = crypto.randomUUID()
  private moving = false
  /** Tests: a step to fail at, or `abort@step` to end the object there (mover.ts MoveHost). */
  failAt: string | undefined

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Bindings,
    private readonly writer: MovingWriter,
  ) {}

  async start(orgId: string, to: string): Promise<RpcResult<MoveState>> {
    if (isActive(await this.stored())) {
      return fail(conflict('A move of this org is already running.').toData())
    }
    const placement = await this.writer.placement(orgId)
    if (!placement) return fail(notFound(`Org ${orgId} not found.`).toData())
    const target = findShard(this.env, to)
    if (!target) return fail(invalidValue(`There is no shard "${to}".`).toData())
    if (placement.shard === to) {
      return fail(conflict(`The org is on shard "${to}" already.`).toData())
    }
    if (target.jurisdiction !== placement.jurisdiction) {
      const detail = `Shard "${to}" is in jurisdiction ${target.jurisdiction ?? 'none'}; the org is in ${placement.jurisdiction ?? 'none'}: moves never cross a jurisdiction.`
      return fail(invalidValue(detail).toData())
    }
    const state = newMove(orgId, placement.shard, to, this.instanceId)
    await this.ctx.storage.put(KEY, state)
    await this.armWatchdog()
    void this.kick()
    return ok(state)
  }

  /** The last move, or null; a running one without a runner here is picked up. */
  async status(): Promise<MoveState | null> {
    const state = await this.stored()
    if (isActive(state) && !this.moving) void this.kick()
    return state ?? null
  }

  /** The writer's alarm: re-arm for a move running here, pick up one whose runner is gone. */
  async alarm(): Promise<void> {
    if (!isActive(await this.stored())) return
    if (this.moving) await this.armWatchdog()
    else await this.kick()
  }

  private stored() {
    return this.ctx.storage.get<MoveState>(KEY)
  }

  private kick(): Promise<void> {
    if (this.moving) return Promise.resolve()
    this.moving = true
    const run = this.continue()
      .catch((error: unknown) =>
        console.error(JSON.stringify({ msg: 'move failed to run', error: String(error) })),
      )
      .finally(() => (this.moving = false))
    this.ctx.waitUntil(run)
    return run
  }

  private async continue(): Promise<void> {
    const state = await this.stored()
    if (!state || !isActive(state)) return
    const host: MoveHost = {
      env: this.env,
      holdWrites: () => this.writer.holdWrites(),
      switchTo: (shard) => this.writer.switchTo(state.orgId, shard),
      save: (s) => this.ctx.storage.put(KEY, s),
      failAt: this.failAt,
      abort: () => this.ctx.abort('the move was told to stop here (test)'),
      maxHoldMs: MAX_WRITE_HOLD_MS,
    }
    if (state.runner !== this.instanceId) {
      state.runner = this.instanceId
      await abandonMove(host, state, 'the writer restarted during the move (its runner was lost)')
      return
    }
    await runMove(host, state)
  }

  private async armWatchdog(): Promise<void> {
    const at = Date.now() + WATCHDOG_MS
    const set = await this.ctx.storage.getAlarm()
    if (set === null || set > at) await this.ctx.storage.setAlarm(at)
  }
}
