// Bulk seeding straight into D1 for scale tests (what the API would write, without its cost).
import { env } from 'cloudflare:workers'
import { behindWriter } from './behind-writer'

/** Inserts `count` users named `${prefix}${i}@seed.test`; returns their ids in creation order. */
export async function seedUsers(orgId: string, count: number, prefix = 'seed'): Promise<string[]> {
  const now = new Date().toISOString()
  const ids = Array.from(
    { length: count },
    (_, i) => `${prefix}-${i}-${crypto.randomUUID().slice(0, 8)}`,
  )
  for (let start = 0; start < count; start += 5000) {
    const part = ids
      .slice(start, start + 5000)
      .map((id, j) => [id, `${prefix}${start + j}@seed.test`])
    await behindWriter(
      orgId,
      env.DB.prepare(
        `INSERT INTO users (org_id, id, user_name, user_name_key, data, created_at, updated_at)
       SELECT ?1, json_extract(value, '$[0]'), json_extract(value, '$[1]'), lower(json_extract(value, '$[1]')),
         json_object('userName', json_extract(value, '$[1]'), 'active', json('true')), ?2, ?2
       FROM json_each(?3)`,
      ).bind(orgId, now, JSON.stringify(part)),
    )
  }
  return ids
}

/** Makes `userIds` members of the team (and sets member_count), as the writer would. */
export async function seedMembers(orgId: string, teamId: string, userIds: string[]) {
  const now = new Date().toISOString()
  for (let start = 0; start < userIds.length; start += 5000) {
    await behindWriter(
      orgId,
      env.DB.prepare(
        `INSERT INTO team_members (org_id, team_id, user_id, added_at) SELECT ?1, ?2, value, ?3 FROM json_each(?4)`,
      ).bind(orgId, teamId, now, JSON.stringify(userIds.slice(start, start + 5000))),
    )
  }
  await behindWriter(
    orgId,
    env.DB.prepare(
      'UPDATE teams SET member_count = member_count + ? WHERE org_id = ? AND id = ?',
    ).bind(userIds.length, orgId, teamId),
  )
}
