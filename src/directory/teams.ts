// The teams the app owns: created here (source `app`), found by IdPs under `link-only` by their
// exact name (Okta "Link Group", Entra matching look for the 409), deleted only by the app.
// Writes go through the org's writer like every other write, with their events.
import { unwrap, type WriteActor, writerOf } from '../do/client'
import type { Bindings } from '../env'
import { toDirectoryTeam, type DirectoryTeam } from '../model/directory'
import { checked } from '../model/validate'
import { createTeamBody } from './queries'

export async function createTeam(
  env: Bindings,
  actor: WriteActor,
  orgId: string,
  body: unknown,
): Promise<DirectoryTeam> {
  const { name } = checked(createTeamBody, body, 'request body')
  const stub = await writerOf(env, orgId)
  return toDirectoryTeam(await unwrap(stub.createAppTeam(orgId, actor, name)))
}

export async function deleteTeam(env: Bindings, actor: WriteActor, orgId: string, id: string) {
  await unwrap((await writerOf(env, orgId)).deleteAppTeam(orgId, actor, id))
}
