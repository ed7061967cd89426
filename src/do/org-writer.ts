// OrgWriter: one Durable Object per org (idFromName(orgId)), the only writer of that org's rows.
// Every write runs read → pure decide → db.batch, in arrival order; writes that queue up while
// D1 is busy are committed together when that is indistinguishable from one at a time.
import { DurableObject } from 'cloudflare:workers'
import type { Bindings } from '../env'
import { addRows, commit, database, meterRows, runReads, type D1Rows, type Db } from '../repo/db'
import { insertEvents, selectLastEventSeq, type EventRow } from '../repo/events'
import { NAME_KEYS_VERSION, selectNameKeysVersion } from '../repo/name-keys'
import { StoreFailure } from '../repo/failures'
import type { Org } from '../repo/orgs'
import { ScimError, internalError, tooManyRequests, uniqueness } from '../scim/errors'
import { DEFAULT_RATES, limitsFor, take, type BucketState } from '../limits/token-bucket'
import { fail, ok, type RpcResult } from './result'
import { GroupQueue } from './group-queue'
import { overlaps } from './footprint'
import type { Read, Write } from '../repo/claims'
import { assertNever } from '../scim/assert-never'
import {
  ReadConflict,
  WriteContext,
  type Decision,
  type Plan,
  type WriteActor,
} from './write-context'
import * as orgPlans from './plans/orgs'
import * as tokenPlans from './plans/tokens'
import * as consolePlans from './plans/console'
import * as userPlans from './plans/users'
import * as teamPlans from './plans/teams'
import * as nameKeyPlans from './plans/name-keys'
import * as oauthClientPlans from './plans/oauth-clients'
import { AssertionJtis } from './assertion-jtis'
import type { Collision } from './plans/name-keys'
import type { PatchOperation } from '../scim/patch'
import type { ResourceWritten } from './plans/common'
import type { EventRef } from '../model/events'
import { Relay } from './relay'
import { Mirror } from './mirror'
import { fenceStatements, selectCommitSeq } from '../repo/fence'
import { ActivityLog } from './activity'
import { MoveRunner } from './move/runner'
import type { MoveState } from './move/state'
import { WriterPlacement } from './writer-placement'
import { shardDatabase } from '../placement/shards'
import type { ActivityBatch } from '../model/activity'

/** Most writes one batch carries (a 1,000-member PATCH is one write). */
const MAX_GROUP = 32

export class OrgWriter extends DurableObject<Bindings> {
  /** Writes wait here; each group that forms while D1 is busy commits as one batch. */
  private readonly queue = new GroupQueue<Task>((tasks) => this.runHeld(tasks), MAX_GROUP)
  /** Set while a move's flip holds writes: groups wait for it (move/mover.ts). */
  private held: Promise<void> | undefined
  /** The group running now, if any. */
  private running: Promise<void> | undefined
  /** Moves of the org to another shard (move/runner.ts). */
  readonly moves: MoveRunner
  private readonly stats = { writes: 0, batches: 0 }
  private writeBucket: BucketState | undefined
  /** The org's shard (placement.ts); `DB` until the first write or alarm learns which. */
  private db: Db
  private readonly placement: WriterPlacement
  /** The org's last outbox seq, cached between writes; undefined until read, or after a failure. */
  private lastSeq: number | undefined
  /** The org row, cached between writes; dropped when a write changes it or a commit fails. */
  private org: Org | undefined
  /** Committed events on their way to the webhook queue (relay.ts). */
  private readonly relay: Relay
  /** The org's rows, copied into this object's storage: plans read them (mirror.ts). */
  private readonly mirror: Mirror
  /** Provisioning activity (activity.ts), in this object's own storage. */
  private readonly activityLog: ActivityLog
  /** Spent client assertion ids (assertion-jtis.ts), in this object's own storage. */
  private readonly jtis: AssertionJtis

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env)
    this.db = database(env.DB)
    this.placement = new WriterPlacement(ctx.storage, env)
    this.relay = new Relay(ctx.storage, this.db, env.WEBHOOK_EVENTS)
    this.mirror = new Mirror(ctx.storage, this.db)
    this.activityLog = new ActivityLog(ctx.storage.sql)
    this.jtis = new AssertionJtis(ctx.storage.sql)
    this.moves = new MoveRunner(ctx, env, {
      placement: async (orgId) => {
        await this.placement.resolve(orgId)
        return this.placement.stored()
      },
      holdWrites: () => this.holdWrites(),
      switchTo: (orgId, shard) => this.switchTo(orgId, shard),
    })
  }

  /** Activity the Worker batched after its responses (http/activity.ts); never a write's path. */
  recordActivity(batch: ActivityBatch): void {
    this.activityLog.record(batch, Date.now())
  }

  /** Activity entries newest first, before entry `before`. */
  activityPage(before: number | undefined, limit: number, kind?: 'write' | 'error') {
    return this.activityLog.page(before, limit, kind)
  }

  activitySummary() {
    return this.activityLog.summary(Date.now())
  }

  /** The relay's check that every committed event reached the webhook queue. */
  override async alarm(): Promise<void> {
    const placed = await this.placement.stored()
    if (placed) this.useShard(placed.shard)
    await this.relay.alarm()
    await this.moves.alarm()
  }

  /** Starts moving the org to shard `to` (POST /admin/v1/orgs/{org}/move; move/runner.ts). */
  startMove(orgId: string, to: string): Promise<RpcResult<MoveState>> {
    return this.moves.start(orgId, to)
  }

  /** The org's last move (running or finished), or null. */
  moveStatus(): Promise<MoveState | null> {
    return this.moves.status()
  }

  /** Holds new write groups and waits for the running one: the flip's quiet moment. */
  private async holdWrites(): Promise<() => void> {
    let release!: () => void
    this.held = new Promise<void>((resolve) => (release = resolve))
    await this.running?.catch(() => undefined)
    return () => {
      this.held = undefined
      release()
    }
  }

  private async runHeld(tasks: Task[]): Promise<void> {
    while (this.held) await this.held
    this.running = this.runGroup(tasks)
    try {
      await this.running
    } finally {
      this.running = undefined
    }
  }

  /** After a flip: the org lives on `shard`; the copy is rebuilt from there before the next write. */
  private async switchTo(orgId: string, shard: string): Promise<void> {
    const jurisdiction = (await this.placement.stored())?.jurisdiction ?? null
    await this.placement.set({ orgId, shard, jurisdiction })
    this.useShard(shard)
    this.mirror.invalidate()
    this.org = undefined
    this.lastSeq = undefined
  }

  /** Reads and commits go to `shard` from now on (after learning the placement, or a move). */
  private useShard(shard: string): void {
    this.db = shardDatabase(this.env, shard)
    this.relay.db = this.db
    this.mirror.d1 = this.db
  }

  createOrg(input: orgPlans.CreateOrgInput) {
    return this.write(input.id, { operator: true }, orgPlans.createOrg(input))
  }

  updateSettings(orgId: string, actor: WriteActor, input: orgPlans.SettingsPatch) {
    return this.write(orgId, actor, orgPlans.updateSettings(this.env.TOKENS, orgId, actor, input))
  }

  updateCatalogue(orgId: string, actor: WriteActor, change: orgPlans.CatalogueChange) {
    return this.write(orgId, actor, orgPlans.updateCatalogue(this.env.TOKENS, orgId, change))
  }

  updateExtensions(orgId: string, actor: WriteActor, change: orgPlans.ExtensionChange) {
    return this.write(orgId, actor, orgPlans.updateExtensions(this.env.TOKENS, orgId, change))
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

  createOAuthClient(
    orgId: string,
    actor: WriteActor,
    input: oauthClientPlans.CreateOAuthClientInput,
  ) {
    return this.write(orgId, actor, oauthClientPlans.createOAuthClient(orgId, input))
  }

  deleteOAuthClient(orgId: string, actor: WriteActor, clientId: string) {
    return this.write(
      orgId,
      actor,
      oauthClientPlans.deleteOAuthClient(this.env.TOKENS, orgId, clientId),
    )
  }

  /**
   * An access token for a client whose assertion the Worker verified (http/oauth/token.ts). The
   * assertion's jti is spent first, synchronously — this object runs one call at a time — so a
   * replay is refused exactly, concurrent ones included; then the client is checked and the token
   * minted in the queue like any write, after a deletion of the client queued before it.
   */
  issueAccessToken(
    orgId: string,
    assertion: { clientId: string; jti: string; keepUntil: number },
  ): Promise<RpcResult<oauthClientPlans.IssuedAccessToken>> {
    const { clientId, jti, keepUntil } = assertion
    if (!this.jtis.spend(clientId, jti, keepUntil, Math.floor(Date.now() / 1000))) {
      return Promise.resolve(ok({ issued: false, reason: 'replayed' }))
    }
    const plan = oauthClientPlans.issueAccessToken(this.env.TOKENS, orgId, clientId)
    return this.write(orgId, { operator: true }, plan)
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

  /**
   * The writes of one /Bulk wave (http/routes/bulk.ts), queued together in request order: each is
   * planned, validated, rate-counted and evented exactly as the single request would be, and the
   * group commit puts as many of them in one D1 batch as it can without changing any answer.
   */
  async writeMany(
    orgId: string,
    actor: WriteActor,
    writes: BulkWrite[],
  ): Promise<{ results: RpcResult<ResourceWritten>[] }> {
    const results = await Promise.all(
      writes.map(
        (w) => this.write(orgId, actor, bulkPlan(w)) as Promise<RpcResult<ResourceWritten>>,
      ),
    )
    return { results }
  }

  /** The end of an asynchronous request, as an outbox event (http/async.ts). */
  recordAsyncOutcome(orgId: string, actor: WriteActor, outcome: orgPlans.AsyncOutcome) {
    return this.write(orgId, actor, orgPlans.recordAsyncOutcome(outcome))
  }

  /** A single-use link that signs the console in to this org (operator, plans/console.ts). */
  createPortalLink(orgId: string) {
    return this.write(orgId, { operator: true }, consolePlans.createPortalLink(orgId))
  }

  /** Spends a portal link (by its secret's hash) for a console session. */
  redeemPortalLink(orgId: string, secretHash: string) {
    return this.write(orgId, { operator: true }, consolePlans.redeemPortalLink(orgId, secretHash))
  }

  revokeConsoleSessions(orgId: string, actor: WriteActor) {
    return this.write(orgId, actor, consolePlans.revokeSessions(orgId))
  }

  /** A team the app owns (directory API); IdPs link to it by name. */
  createAppTeam(orgId: string, actor: WriteActor, name: string) {
    return this.write(orgId, actor, teamPlans.createAppTeam(name))
  }

  /** Deletes a team the app owns (IdP-provisioned teams are refused with 409). */
  deleteAppTeam(orgId: string, actor: WriteActor, id: string) {
    return this.write(orgId, actor, teamPlans.deleteAppTeam(id))
  }

  /**
   * Re-keys the org's names to the current folding rule, page by page (do/plans/name-keys.ts).
   * The writer also does this by itself before its first write when the org is behind; the
   * scheduled sweep calls it for orgs that do not write.
   */
  async rebuildNameKeys(
    orgId: string,
  ): Promise<RpcResult<{ rekeyed: number; collisions: Collision[] }>> {
    let after = { users: 0, teams: 0 }
    let rekeyed = 0
    const collisions: Collision[] = []
    for (;;) {
      const page = await this.write(orgId, { operator: true }, nameKeyPlans.rebuildNameKeys(after))
      if (!page.ok) return page
      rekeyed += page.value.rekeyed
      collisions.push(...page.value.collisions)
      if (page.value.done) return ok({ rekeyed, collisions })
      after = page.value.after
    }
  }

  /** Writes queued or running, not yet answered (white-box tests read it). */
  queueDepth(): number {
    return this.queue.size
  }

  /** How many writes this object committed and in how many D1 batches (group commit at work). */
  commitStats(): { writes: number; batches: number } {
    return { ...this.stats }
  }

  private write<V>(orgId: string, actor: WriteActor, plan: Plan<V>): Promise<RpcResult<V>> {
    const limited = this.rateLimit(actor)
    if (limited) return Promise.resolve(limited)
    return new Promise((resolve) => {
      this.queue.push({
        orgId,
        actor,
        plan: plan as Plan<unknown>,
        resolve: resolve as Task['resolve'],
        rows: { read: 0, written: 0 },
      })
    })
  }

  /**
   * Group commit. Queued writes are planned one after another (reads + pure decision) against the
   * committed state, and accepted while none read something an earlier accepted write changes
   * (footprint.ts). At the first overlap the accepted ones commit in ONE batch with their events,
   * and the overlapping write is planned again on the new state. So every write sees exactly what
   * it would have seen running alone, in arrival order, and is planned at most twice. If a shared
   * batch fails, each of its writes is retried alone, so one bad write never fails its neighbours.
   */
  private async runGroup(tasks: Task[]): Promise<void> {
    if (!this.placement.known && tasks.length > 0) {
      this.useShard((await this.placement.resolve(tasks[0].orgId)).shard)
    }
    let group: Planned[] = []
    const written = new Set<string>()
    for (const task of tasks) {
      let planned = await this.plan(task, written)
      if (
        group.length > 0 &&
        (planned.conflict || overlaps(planned.context.footprint.reads, written))
      ) {
        await this.finish(group)
        group = []
        written.clear()
        planned = await this.plan(task)
      }
      group.push(planned)
      if (planned.decision) for (const key of planned.context.footprint.writes) written.add(key)
    }
    await this.finish(group)
  }

  /**
   * Commits a group's decisions together and answers every write in it. A shared batch that fails
   * is retried write by write; a batch the fence refused (the copy was behind D1) is planned again
   * on the rebuilt copy, at most twice per write.
   */
  private async finish(group: Planned[]): Promise<void> {
    const accepted = group.filter((p) => p.decision)
    if (accepted.length === 0 || (await this.commit(accepted))) {
      for (const p of group) this.settle(p)
      return
    }
    for (const p of group) if (!p.decision) this.settle(p)
    for (const p of accepted) {
      const fenced = p.error instanceof StoreFailure && p.error.reason === 'fenced'
      if (accepted.length > 1 || (fenced && (p.task.replans = (p.task.replans ?? 0) + 1) <= 2)) {
        p.task.spentTrips = (p.task.spentTrips ?? 0) + p.context.trips
        await this.runGroup([p.task])
      } else {
        this.settle(p)
      }
    }
  }

  /**
   * Plans one write; `written` lets it stop before a read that would see stale state. D1 rows it
   * reads on the way (a start, a rebuild, a check) are the write's cost.
   */
  private plan(task: Task, written?: ReadonlySet<string>): Promise<Planned> {
    return meterRows(task.rows, () => this.planOnce(task, written))
  }

  private async planOnce(task: Task, written?: ReadonlySet<string>): Promise<Planned> {
    const now = new Date().toISOString()
    const local = (reads: readonly Read<unknown>[]) => [...this.mirror.run(reads)]
    const context = new WriteContext(this.db, task.orgId, now, task.actor, this.org, written, local)
    try {
      if (this.lastSeq === undefined || !this.mirror.ready) await this.start(task.orgId)
      const decision = await task.plan(context)
      await context.ensureChecked()
      for (const s of decision.statements) context.footprint.claimWrite(s.claims)
      if (decision.statements.length > 0 || !(await this.copyBehind(task, context))) {
        return { task, context, decision }
      }
    } catch (error) {
      if (error instanceof ReadConflict) return { task, context, conflict: true }
      if (!(await this.copyBehind(task, context))) return { task, context, error }
    }
    return this.plan(task, written)
  }

  /**
   * A write answered from the copy without committing — refused, or a no-op — never meets the
   * fence, so before it is answered the copy is checked against D1 (one round trip): if something
   * changed the org's rows behind the writer, the copy is rebuilt and the write planned again (at
   * most twice). The steady state never gets here for a write that commits.
   */
  private async copyBehind(task: Task, context: WriteContext): Promise<boolean> {
    if (!this.mirror.ready) return false
    const [rows] = await runReads(this.db, selectCommitSeq(this.db, task.orgId))
    context.commitTrips++
    if ((rows[0]?.commitSeq ?? 0) === this.mirror.commitSeq) return false
    this.mirror.invalidate()
    this.org = undefined
    if ((task.replans = (task.replans ?? 0) + 1) > 2) return false
    task.spentTrips = (task.spentTrips ?? 0) + context.trips
    return true
  }

  /** Commits the accepted decisions in one batch with their events; false if the batch failed. */
  private async commit(accepted: Planned[]): Promise<boolean> {
    const before = this.lastSeq ?? 0
    let seq = before
    const statements: Write[] = []
    const changes: Write[] = []
    const refs: EventRef[] = []
    /** Where each write's statements end in the batch: its share of the rows D1 reports. */
    const ends: number[] = []
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
        actor: eventActor(task.actor),
        data: JSON.stringify(e.data),
        previous: e.previous ? JSON.stringify(e.previous) : null,
        createdAt: context.now,
      }))
      statements.push(...decision.statements, ...insertEvents(this.db, events))
      ends.push(statements.length)
      changes.push(...decision.statements)
      refs.push(...events.map(({ orgId, seq, id, type }) => ({ orgId, seq, id, type })))
    }
    const befores = accepted.flatMap((p) => (p.decision?.before ? [p.decision.before] : []))
    try {
      for (const step of befores) await step.run()
      if (refs.length > 0) await this.relay.prepare(refs[0].orgId, before)
      if (statements.length > 0) {
        for (const p of accepted) p.context.commitTrips++
        const fence = fenceStatements(this.db, accepted[0].task.orgId, this.mirror.commitSeq)
        const rows = await commit(this.db, [...statements, ...fence])
        // The fence's rows go to the first write of the batch.
        rows.forEach((r, i) => {
          const owner = ends.findIndex((end) => i < end)
          addRows(accepted[owner < 0 ? 0 : owner].task.rows, r)
        })
      }
    } catch (error) {
      this.lastSeq = undefined // the commit's outcome is unknown: re-read the seq next time
      this.org = undefined
      this.mirror.invalidate() // and check the copy against D1 before the next plan
      await Promise.all(befores.map((b) => b.undo().catch(() => undefined)))
      for (const p of accepted) p.error = error
      return false
    }
    if (statements.length > 0) this.mirror.apply(changes.map((w) => w.statement))
    this.lastSeq = seq
    this.relay.committed(refs)
    this.stats.writes += accepted.length
    if (statements.length > 0) {
      this.stats.batches++
      for (const p of accepted) p.batch = this.stats.batches
    }
    const orgChanged = accepted.some((p) => p.decision?.orgChanged)
    this.org = orgChanged ? undefined : (accepted.at(-1)?.context.loadedOrg ?? this.org)
    for (const p of accepted) {
      await p.decision?.after?.().catch((e) => console.error('after-commit step failed', String(e)))
    }
    return true
  }

  private settle(p: Planned): void {
    const trips = p.context.trips + (p.task.spentTrips ?? 0)
    if (p.decision && p.error === undefined) {
      p.task.resolve({ ...ok(p.decision.value), trips, rows: p.task.rows, batch: p.batch })
    } else {
      p.task.resolve({ ...fail(toErrorData(p.error)), trips, rows: p.task.rows })
    }
  }

  /**
   * SCIM writes per org, exact (this object sees all of them): a flood gets 429 with Retry-After
   * before it reaches the queue; the defaults never throttle a real IdP sync. Admin writes are
   * not limited. Until the org row is cached the default rate applies.
   */
  private rateLimit(actor: WriteActor): RpcResult<never> | undefined {
    if (!('tokenId' in actor) || actor.kind !== 'scim') return undefined
    const rate = this.org?.settings.writesPerSecond ?? DEFAULT_RATES.writesPerSecond
    const result = take(this.writeBucket, limitsFor(rate), Date.now())
    this.writeBucket = result.state
    if (result.ok) return undefined
    const detail = `Too many writes for this organization (limit ${rate}/s); retry after ${result.retryAfterSeconds} s.`
    return fail(tooManyRequests(detail, result.retryAfterSeconds).toData())
  }

  /**
   * What a fresh writer reads once: the org's last outbox seq, and whether its name keys follow
   * the current folding rule. An org behind is re-keyed (each page a write of its own, committed
   * before anything queued) so no write is ever checked against stale keys.
   */
  private async start(orgId: string): Promise<void> {
    const [seqRows, versionRows, commitRows] = await runReads(
      this.db,
      selectLastEventSeq(this.db, orgId),
      selectNameKeysVersion(this.db, orgId),
      selectCommitSeq(this.db, orgId),
    )
    await this.mirror.ensure(orgId, commitRows[0]?.commitSeq ?? null)
    const version = versionRows[0]?.version
    this.lastSeq = seqRows[0]?.seq ?? 0
    if (version === undefined || version >= NAME_KEYS_VERSION) return
    try {
      await this.rekey(orgId)
    } catch (error) {
      this.lastSeq = undefined // start again with the next write
      throw error
    }
  }

  private async rekey(orgId: string): Promise<void> {
    let after = { users: 0, teams: 0 }
    for (;;) {
      const task: Task = {
        orgId,
        actor: { operator: true },
        plan: nameKeyPlans.rebuildNameKeys(after) as Plan<unknown>,
        resolve: () => undefined,
        rows: { read: 0, written: 0 },
      }
      const planned = await this.plan(task)
      if (!planned.decision) throw planned.error
      if (!(await this.commit([planned]))) throw planned.error
      const page = planned.decision.value as nameKeyPlans.RekeyPage
      if (page.done) return
      after = page.after
    }
  }
}

/** One operation of a /Bulk request, as the writer runs it. */
export interface BulkWrite {
  kind: 'User' | 'Group'
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  /** PUT, PATCH, DELETE. */
  id?: string
  /** POST, PUT. */
  body?: unknown
  /** PATCH. */
  ops?: PatchOperation[]
  ifMatch?: string
}

function bulkPlan(w: BulkWrite): Plan<unknown> {
  const plans = w.kind === 'User' ? USER_PLANS : GROUP_PLANS
  const id = w.id ?? ''
  switch (w.method) {
    case 'POST':
      return plans.create(w.body) as Plan<unknown>
    case 'PUT':
      return plans.replace(id, w.body, w.ifMatch) as Plan<unknown>
    case 'PATCH':
      return plans.patch(id, w.ops ?? [], w.ifMatch) as Plan<unknown>
    case 'DELETE':
      return plans.remove(id, w.ifMatch) as Plan<unknown>
    default:
      return assertNever(w.method)
  }
}

const USER_PLANS = {
  create: userPlans.createUser,
  replace: userPlans.replaceUser,
  patch: userPlans.patchUser,
  remove: userPlans.deleteUser,
}
const GROUP_PLANS = {
  create: teamPlans.createGroup,
  replace: teamPlans.replaceGroup,
  patch: teamPlans.patchGroup,
  remove: teamPlans.deleteGroup,
}

interface Task {
  orgId: string
  /** Times this write was planned again after the fence refused its batch or its copy was behind. */
  replans?: number
  /** D1 round trips of its earlier plannings (X-IO-Trips counts them all). */
  spentTrips?: number
  /** D1 rows read and written for this write, across its plannings and its commit (X-D1-Rows). */
  rows: D1Rows
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
  /** Planning stopped before a read of something this group already changed. */
  conflict?: boolean
  /** Which of this object's D1 batches committed it. */
  batch?: number
}

function toErrorData(error: unknown) {
  if (error instanceof ScimError) return error.toData()
  // Uniqueness is checked in the read phase; these are the store's own backstops for the same rules.
  if (error instanceof StoreFailure) {
    switch (error.reason) {
      case 'userNameTaken':
        return uniqueness('A user with the same userName already exists.').toData()
      case 'teamNameTaken':
        return uniqueness('A group with the same displayName already exists.').toData()
      case 'orgIdTaken':
        return uniqueness('An org with the same id already exists.').toData()
      case 'outboxSeqTaken':
      case 'fenced':
      case 'constraint':
      case 'unavailable':
        break
      default:
        assertNever(error.reason)
    }
  }
  const message = error instanceof Error ? error.message : String(error)
  console.error(JSON.stringify({ msg: 'org writer failure', error: message }))
  return internalError('The write could not be completed.').toData()
}

/** Who an event names: a console session acts as the org admin it signed in (docs/events.md). */
function eventActor(actor: WriteActor): 'scim' | 'admin' | 'app' {
  if (!('tokenId' in actor)) return 'app'
  return actor.kind === 'scim' ? 'scim' : 'admin'
}
