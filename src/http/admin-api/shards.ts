// The operator's view of the shard databases orgs are stored in (docs/scaling.md): each with its
// orgs, users, teams and size, and how full it is — what says when the next shard is due.
import { onEveryShard } from '../../placement/every-shard'
import { MAX_DATABASE_BYTES, shardStats } from '../../repo/shards'
import { route } from './define'
import { shardsBody } from './schemas'

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
]
