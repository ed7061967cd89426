// The operator's view of the databases the service stores orgs in (docs/scaling.md): today one,
// shard `main` (the `DB` binding). How full it is tells when the next one is due.
import { database } from '../../repo/db'
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
      const stats = await shardStats(database(c.env.DB))
      return c.json({
        data: [
          {
            id: 'main',
            binding: 'DB',
            jurisdiction: null,
            ...stats,
            maxBytes: MAX_DATABASE_BYTES,
            usedFraction: Math.round((stats.sizeBytes / MAX_DATABASE_BYTES) * 1e6) / 1e6,
          },
        ],
      })
    },
  }),
]
