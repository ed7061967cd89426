// The operator's view of the shard databases orgs are stored in (docs/scaling.md): each with its
// orgs, users, teams and size, and how full it is — what says when the next shard is due.
import { onEveryShard } from '../../placement/every-shard'
import type { MoveState } from '../../do/client'
import { MAX_DATABASE_BYTES, shardStats } from '../../repo/shards'
import { route } from './define'
import { errorBody, moveBody, moveSchema, shardsBody } from './schemas'
import { unwrap, writerOf } from '../../do/client'
import { placementOf } from '../../placement/lookup'
import { notFound, ScimError } from '../../scim/errors'

const refused = (description: string) => ({ description, schema: errorBody })

/** The writer was reset mid-call (evicted, redeployed): the next call reaches its new instance. */
const writerRestarted = (error: unknown): never => {
  console.error(JSON.stringify({ msg: 'org writer unavailable', error: String(error) }))
  throw new ScimError(503, "The org's writer restarted; retry.", undefined, 1)
}

/** What a move answers: its state without the writer's bookkeeping. */
const shown = ({ runner: _r, copy: _c, replayedThrough: _t, flipped: _f, ...state }: MoveState) =>
  state

export const shardRoutes = [
  route({
    method: 'get',
    path: '/shards',
    summary: 'The D1 databases orgs are stored in, with their orgs, users, teams and size',
    access: 'operator',
    answers: { 200: { description: 'Every shard', schema: shardsBody } },
    async handle(c) {
      const shards = await onEveryShard(c.env, (db) => shardStats(db))
      return c.json({
        data: shards.map(({ shard, value: stats }) => ({
          id: shard.id,
          binding: shard.binding,
          jurisdiction: shard.jurisdiction,
          ...stats,
          maxBytes: MAX_DATABASE_BYTES,
          usedFraction: Math.round((stats.sizeBytes / MAX_DATABASE_BYTES) * 1e6) / 1e6,
        })),
      })
    },
  }),
  route({
    method: 'post',
    path: '/orgs/{orgId}/move',
    summary: 'Move an org to another shard, online (progress at GET …/move)',
    access: 'operator',
    body: moveSchema,
    answers: {
      202: { description: 'The move started', schema: moveBody },
      400: refused('No such shard, or one in another jurisdiction'),
      404: refused('No such org'),
      409: refused('A move is running, or the org is on that shard already'),
    },
    async handle(c, { params, body }) {
      const placement = await placementOf(c.env, params.orgId)
      if (!placement) throw notFound(`Org ${params.orgId} not found.`)
      const writer = await writerOf(c.env, params.orgId, placement)
      const state = (await unwrap(
        writer.startMove(params.orgId, body.shard).catch(writerRestarted),
      )) as MoveState
      return c.json(shown(state), 202, { Location: `/admin/v1/orgs/${params.orgId}/move` })
    },
  }),
  route({
    method: 'get',
    path: '/orgs/{orgId}/move',
    summary: "The org's last move: running, done or rolled back",
    access: 'operator',
    answers: {
      200: { description: 'The move', schema: moveBody },
      404: refused('No such org, or it never moved'),
    },
    async handle(c, { params }) {
      const placement = await placementOf(c.env, params.orgId)
      if (!placement) throw notFound(`Org ${params.orgId} not found.`)
      const writer = await writerOf(c.env, params.orgId, placement)
      const state = await writer.moveStatus().catch(writerRestarted)
      if (!state) throw notFound(`Org ${params.orgId} has never moved.`)
      return c.json(shown(state as MoveState))
    },
  }),
]
