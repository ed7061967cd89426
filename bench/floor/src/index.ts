// Benchmark floor Worker (bench only, never deployed with the product). Four routes, each the
// cheapest form of one platform operation the product's requests are built from:
//   GET  /trivial                 a constant response (HTTP + isolate overhead)
//   GET  /kv?key=…                one KV get (the product's bearer lookup reads the same key)
//   GET  /d1?org=…&id=…           one D1 primary-key select of a users row (same table as GET /Users/{id})
//   GET  /kv-d1?key=…&org=…&id=…  the two in sequence: the least any authenticated read can do
//   POST /do-write?org=…          one Durable Object RPC (idFromName(org), like OrgWriter) that makes
//                                 one D1 single-row INSERT, with no queue or batching of its own
import { DurableObject } from 'cloudflare:workers'

interface FloorEnv {
  DB: D1Database
  TOKENS: KVNamespace
  FLOOR_WRITER: DurableObjectNamespace<FloorWriter>
}

export class FloorWriter extends DurableObject<FloorEnv> {
  async write(orgId: string, data: string): Promise<{ id: string }> {
    const id = crypto.randomUUID()
    await this.env.DB.prepare(
      'INSERT INTO bench_floor_writes (org_id, id, data, created_at) VALUES (?1, ?2, ?3, ?4)',
    )
      .bind(orgId, id, data, new Date().toISOString())
      .run()
    return { id }
  }
}

const selectUser = (env: FloorEnv, orgId: string, id: string) =>
  env.DB.prepare(
    'SELECT id, data, version, created_at, updated_at FROM users WHERE org_id = ?1 AND id = ?2',
  )
    .bind(orgId, id)
    .first()

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

export default {
  async fetch(request: Request, env: FloorEnv): Promise<Response> {
    const url = new URL(request.url)
    const q = url.searchParams
    switch (`${request.method} ${url.pathname}`) {
      case 'GET /trivial':
        return new Response('ok')
      case 'GET /kv': {
        const value = await env.TOKENS.get(q.get('key') ?? '')
        return value === null
          ? json({ found: false }, 404)
          : json({ found: true, bytes: value.length })
      }
      case 'GET /d1': {
        const row = await selectUser(env, q.get('org') ?? '', q.get('id') ?? '')
        return row === null ? json({ found: false }, 404) : json(row)
      }
      case 'GET /kv-d1': {
        const value = await env.TOKENS.get(q.get('key') ?? '')
        if (value === null) return json({ found: false }, 404)
        const row = await selectUser(env, q.get('org') ?? '', q.get('id') ?? '')
        return row === null ? json({ found: false }, 404) : json(row)
      }
      case 'POST /do-write': {
        const org = q.get('org') ?? 'floor'
        const stub = env.FLOOR_WRITER.get(env.FLOOR_WRITER.idFromName(org))
        return json(await stub.write(org, await request.text()), 201)
      }
      default:
        return json({ error: 'not found' }, 404)
    }
  },
} satisfies ExportedHandler<FloorEnv>
