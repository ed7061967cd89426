// Writes to an org's rows in D1 that do not come from the org's writer — a test standing in for a
// migration, another writer, or data seeded in bulk. The org's writer plans from its own copy of
// the rows (src/do/mirror.ts), fenced on `orgs.commit_seq`: bumping it in the same batch makes
// the writer's next commit refuse, rebuild its copy from D1 and plan again — as production would
// if anything but the writer ever changed these rows.
import { env } from 'cloudflare:workers'

export async function behindWriter(orgId: string, ...statements: D1PreparedStatement[]) {
  await env.DB.batch([
    ...statements,
    env.DB.prepare('UPDATE orgs SET commit_seq = commit_seq + 1 WHERE id = ?').bind(orgId),
  ])
}
