// OrgWriter: one Durable Object per org (idFromName(orgId)), the only writer of that org's rows.
// Every write runs read → pure decide → db.batch, in arrival order; writes that queue up while
// D1 is busy are committed together when that is indistinguishable from one at a time.
import { DurableObject } from 'cloudflare:workers'
import type { Bindings } from '../env'
import { batch, commit, database, type Db } from '../repo/db'
import { insertEvents, selectLastEventSeq, type EventRow } from '../repo/events'
import type { Org } from '../repo/orgs'
import { ScimError, internalError, uniqueness } from '../scim/errors'
import { fail, ok, type RpcResult } from './result'
import { GroupQueue } from './group-queue'
import { overlaps } from './footprint'
import { WriteContext, type Decision, type Plan, type WriteActor } from './write-context'
import * as orgPlans from './plans/orgs'
import * as tokenPlans from './plans/tokens'
import * as userPlans from './plans/users'
import * as teamPlans from './plans/teams'
import type { PatchOperation } from '../scim/patch'

/** Most writes one batch carries (a 1,000-member PATCH is one write). */
const MAX_GROUP = 32

export class OrgWriter extends DurableObject<Bindings> {
  /** Writes wait here; each group that forms while D1 is busy commits as one batch. */
  private readonly queue = new GroupQueue<Task>((tasks) => this.runGroup(tasks), MAX_GROUP)
  private readonly stats = { writes: 0, batches: 0 }
  private readonly db: Db
  /** The org's last outbox seq, cached between writes; undefined until read, or after a failure. */
  private lastSeq: number | undefined
  /** The org row, cached between writes; dropped when a write changes it or a commit fails. */
  private org: Org | undefined

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env)
    this.db = database(env.DB)
  }

  createOrg(input: orgPlans.CreateOrgInput) {
    return this.write(input.id, { operator: true }, orgPlans.createOrg(input))
  }

  updateSettings(orgId: string, actor: WriteActor, input: orgPlans.SettingsPatch) {
    return this.write(orgId, actor, orgPlans.updateSettings(orgId, input))
  }

  createToken(orgId: string, actor: WriteActor, input: tokenPlans.CreateTokenInput) {
    return this.write(orgId, actor, tokenPlans.createToken(this.env.TOKENS, orgId, input))
  }

  rotateToken(orgId: string, actor: WriteActor, input: tokenPlans.RotateTokenInput) {
    return this.write(orgId, actor, tokenPlans.rotateToken(this.env.TOKENS, orgId, input))
  }

  revokeToken(orgId: string, actor: WriteActor, input: tokenPlans.RevokeTokenInput) {
    return this.write(orgId, actor, tokenPlans.revokeToken(this.env.TOKENS, orgId, input))
  }

  createUser(orgId: string, actor: WriteActor, body: unknown) {
    return this.write(orgId, actor, userPlans.createUser(body))
  }

  replaceUser(orgId: string, actor: WriteActor, id: string, body: unknown, ifMatch?: string) {
    return this.write(orgId, actor, userPlans.replaceUser(id, body, ifMatch))
  }

  patchUser(orgId: string, actor: WriteActor, id: string, ops: PatchOperation[], ifMatch?: string) {
    return this.write(orgId, actor, userPlans.patchUser(id, ops, ifMatch))
  }

  deleteUser(orgId: string, actor: WriteActor, id: string, ifMatch?: string) {
    return this.write(orgId, actor, userPlans.deleteUser(id, ifMatch))
  }

  createGroup(orgId: string, actor: WriteActor, body: unknown) {
    return this.write(orgId, actor, teamPlans.createGroup(body))
  }

  replaceGroup(orgId: string, actor: WriteActor, id: string, body: unknown, ifMatch?: string) {
    return this.write(orgId, actor, teamPlans.replaceGroup(id, body, ifMatch))
  }

  patchGroup(
    orgId: string,
    actor: WriteActor,
    id: string,
    ops: PatchOperation[],
    ifMatch?: string,
  ) {
    return this.write(orgId, actor, teamPlans.patchGroup(id, ops, ifMatch))
  }

  deleteGroup(orgId: string, actor: WriteActor, id: string, ifMatch?: string) {
    return this.write(orgId, actor, teamPlans.deleteGroup(id, ifMatch))
  }

  /** Writes queued and not yet started (white-box tests and the benchmark read it). */
  queueDepth(): number {
    return this.queue.size
  }

  /** How many writes this object committed and in how many D1 batches (group commit at work). */
  commitStats(): { writes: number; batches: number } {
    return { ...this.stats }
  }

  private write<V>(orgId: string, actor: WriteActor, plan: Plan<V>): Promise<RpcResult<V>> {
    return new Promise((resolve) => {
      this.queue.push({
        orgId,
        actor,
        plan: plan as Plan<unknown>,
        resolve: resolve as Task['resolve'],
      })
    })
  }

  /**
   * Group commit. Every queued write is planned (reads + pure decision) against the committed
   * state; then, in arrival order, decisions are accepted until one read something an earlier
   * accepted write changes (footprint.ts). The accepted ones commit in ONE batch with their events;
   * the rest are planned again after it, on the new state. So every write sees exactly what it
   * would have seen running alone, in order. If the batch fails, each accepted write is retried
   * on its own, so one bad write never fails its neighbours.
   */
  private async runGroup(tasks: Task[]): Promise<void> {
    let rest = tasks
    while (rest.length > 0) {
      const now = new Date().toISOString()
      if (this.lastSeq === undefined) this.lastSeq = await this.readLastSeq(rest[0].orgId)
      const planned = await Promise.all(rest.map((task) => this.plan(task, now)))
      const written = new Set<string>()
      let cut = 0
      for (; cut < planned.length; cut++) {
        const p = planned[cut]
        if (cut > 0 && overlaps(p.context.footprint.reads, written)) break
        if (p.decision) for (const key of p.context.footprint.writes) written.add(key)
      }
      const group = planned.slice(0, cut)
      const accepted = group.filter((p) => p.decision)
      if (accepted.length > 1 && !(await this.commit(accepted, now))) {
        // The batch failed as a whole: retry each write alone, in order, on fresh reads.
        for (const p of group) if (!p.decision) this.settle(p)
        for (const p of accepted) await this.runGroup([p.task])
      } else {
        if (accepted.length === 1) await this.commit(accepted, now)
        for (const p of group) this.settle(p)
      }
      rest = rest.slice(cut)
    }
  }

  private async plan(task: Task, now: string): Promise<Planned> {
    const context = new WriteContext(this.db, task.orgId, now, task.actor, this.org)
    try {
      const decision = await task.plan(context)
      await context.ensureChecked()
      return { task, context, decision }
    } catch (error) {
      return { task, context, error }
    }
  }

  /** Commits the accepted decisions in one batch with their events; false if the batch failed. */
  private async commit(accepted: Planned[], now: string): Promise<boolean> {
    let seq = this.lastSeq ?? 0
    const statements = []
    for (const p of accepted) {
      const { decision, task, context } = p
      if (!decision) continue
      const events: EventRow[] = decision.events.map((e) => ({
        orgId: task.orgId,
        seq: ++seq,
        id: context.newId(),
        type: e.type,
        resourceType: e.resourceType ?? null,
        resourceId: e.resourceId ?? null,
        tokenId: 'tokenId' in task.actor ? task.actor.tokenId : null,
        data: JSON.stringify(e.data),
        createdAt: now,
      }))
      statements.push(...decision.statements, ...insertEvents(this.db, events))
    }
    const befores = accepted.flatMap((p) => (p.decision?.before ? [p.decision.before] : []))
    try {
      for (const before of befores) await before.run()
      if (statements.length > 0) {
        for (const p of accepted) p.context.trips++
        await commit(this.db, statements)
      }
    } catch (error) {
      this.lastSeq = undefined // the commit's outcome is unknown: re-read the seq next time
      this.org = undefined
      await Promise.all(befores.map((b) => b.undo().catch(() => undefined)))
      if (accepted.length === 1) accepted[0].error = error
      return false
    }
    this.lastSeq = seq
    this.stats.writes += accepted.length
    if (statements.length > 0) this.stats.batches++
    const orgChanged = accepted.some((p) => p.decision?.orgChanged)
    this.org = orgChanged ? undefined : (accepted.at(-1)?.context.loadedOrg ?? this.org)
    for (const p of accepted) {
      await p.decision?.after?.().catch((e) => console.error('after-commit step failed', String(e)))
    }
    return true
  }

  private settle(p: Planned): void {
    const trips = p.context.trips
    if (p.decision && p.error === undefined) {
      p.task.resolve({ ...ok(p.decision.value), trips })
    } else {
      p.task.resolve({ ...fail(toErrorData(p.error)), trips })
    }
  }

  private async readLastSeq(orgId: string): Promise<number> {
    const [rows] = await batch(this.db, [selectLastEventSeq(this.db, orgId)])
    return rows[0]?.seq ?? 0
  }
}

interface Task {
  orgId: string
  actor: WriteActor
  plan: Plan<unknown>
  resolve: (result: RpcResult<unknown>) => void
}

interface Planned {
  task: Task
  context: WriteContext
  decision?: Decision<unknown>
  /** A planning error, or the commit error of a write that was committed alone. */
  error?: unknown
}

function toErrorData(error: unknown) {
  if (error instanceof ScimError) return error.toData()
  const message = error instanceof Error ? error.message : String(error)
  // Uniqueness is checked in the read phase; this is the store's own backstop for the same rule.
  if (message.includes('UNIQUE constraint failed')) {
    return uniqueness('A resource with the same unique value already exists.').toData()
  }
  console.error(JSON.stringify({ msg: 'org writer failure', error: message }))
  return internalError('The write could not be completed.').toData()
}
