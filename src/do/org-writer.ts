// OrgWriter: one Durable Object per org (idFromName(orgId)), the only writer of that org's rows.
// Every write runs read → pure decide → one db.batch inside an explicit serial queue.
import { DurableObject } from 'cloudflare:workers'
import type { Bindings } from '../env'
import { commit, database, type Db } from '../repo/db'
import { insertEvents, type EventRow } from '../repo/events'
import type { Org } from '../repo/orgs'
import { ScimError, internalError, uniqueness } from '../scim/errors'
import { fail, ok, type RpcResult } from './result'
import { SerialQueue } from './serial'
import { WriteContext, type Plan, type WriteActor } from './write-context'
import * as orgPlans from './plans/orgs'
import * as tokenPlans from './plans/tokens'
import * as userPlans from './plans/users'
import * as teamPlans from './plans/teams'
import type { PatchOperation } from '../scim/patch'

export class OrgWriter extends DurableObject<Bindings> {
  private readonly queue = new SerialQueue()
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

  /** Writes queued or running (white-box tests and the benchmark read it). */
  queueDepth(): number {
    return this.queue.size
  }

  private write<V>(orgId: string, actor: WriteActor, plan: Plan<V>): Promise<RpcResult<V>> {
    return this.queue.run(() => this.execute(orgId, actor, plan))
  }

  private async execute<V>(orgId: string, actor: WriteActor, plan: Plan<V>): Promise<RpcResult<V>> {
    const now = new Date().toISOString()
    const w = new WriteContext(this.db, orgId, now, actor, this.lastSeq, this.org)
    try {
      const decision = await plan(w)
      await w.ensureChecked()
      const base = w.lastSeq ?? 0
      const events: EventRow[] = decision.events.map((e, i) => ({
        orgId,
        seq: base + i + 1,
        id: w.newId(),
        type: e.type,
        resourceType: e.resourceType ?? null,
        resourceId: e.resourceId ?? null,
        tokenId: 'tokenId' in actor ? actor.tokenId : null,
        data: JSON.stringify(e.data),
        createdAt: now,
      }))
      const statements = [...decision.statements]
      statements.push(...insertEvents(this.db, events))
      await decision.before?.run()
      try {
        if (statements.length > 0) w.trips++
        await commit(this.db, statements)
      } catch (error) {
        this.lastSeq = undefined // the commit's outcome is unknown: re-read the seq next time
        this.org = undefined
        await decision.before?.undo().catch(() => undefined)
        throw error
      }
      this.lastSeq = base + events.length
      this.org = decision.orgChanged ? undefined : w.loadedOrg
      await decision.after?.().catch((e) => console.error('after-commit step failed', String(e)))
      return { ...ok(decision.value), trips: w.trips }
    } catch (error) {
      return { ...fail(toErrorData(error)), trips: w.trips }
    }
  }
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
