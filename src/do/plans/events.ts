// The events a resource write appends to the outbox, each carrying the object as of that change
// (model/directory.ts): `data` is what a directory read returns right after the commit, and an
// update's `previous` holds the changed fields' former values. docs/events.md lists the types.
import type { EventDraft } from '../../repo/events'
import {
  previousValues,
  toDirectoryTeam,
  toDirectoryUser,
  type TeamSource,
  type UserState,
} from '../../model/directory'

export function userEvents(
  before: UserState | undefined,
  after: UserState,
  roleSchema: string,
): EventDraft[] {
  const user = toDirectoryUser(after, roleSchema)
  if (!before) {
    return [
      { type: 'user.created', resourceType: 'User', resourceId: user.id, data: user },
      ...after.roles.map((role) => roleEvent('role.assigned', user, role)),
    ]
  }
  const was = toDirectoryUser(before, roleSchema)
  const previous = previousValues(was, user)
  const { teams: _teams, roles: _roles, role: _role, ...changed } = previous
  const events: EventDraft[] = []
  // Deactivation and reactivation are their own events (IdPs deprovision by `active:false`);
  // team and role changes have theirs below.
  if (Object.keys(changed).length > 0) {
    const type =
      was.active && !user.active
        ? 'user.deactivated'
        : !was.active && user.active
          ? 'user.reactivated'
          : 'user.updated'
    events.push({ type, resourceType: 'User', resourceId: user.id, data: user, previous })
  }
  for (const role of after.roles.filter((r) => !before.roles.includes(r)))
    events.push(roleEvent('role.assigned', user, role))
  for (const role of before.roles.filter((r) => !after.roles.includes(r)))
    events.push(roleEvent('role.revoked', user, role))
  return events
}

export const userDeleted = (before: UserState, roleSchema: string): EventDraft => {
  const user = toDirectoryUser(before, roleSchema)
  return { type: 'user.deleted', resourceType: 'User', resourceId: user.id, data: user }
}

const roleEvent = (
  type: 'role.assigned' | 'role.revoked',
  user: ReturnType<typeof toDirectoryUser>,
  role: string,
) => ({
  type,
  resourceType: 'User',
  resourceId: user.id,
  data: { user, role },
})

/** A membership change: the team and the user, each as the change left it. */
export const memberEvent = (
  type: 'team.member_added' | 'team.member_removed',
  team: TeamSource,
  user: UserState,
  roleSchema: string,
): EventDraft => ({
  type,
  resourceType: 'Group',
  resourceId: team.id,
  data: { team: toDirectoryTeam(team), user: toDirectoryUser(user, roleSchema) },
})

export function teamEvent(
  type: 'team.created' | 'team.updated' | 'team.deleted',
  team: TeamSource,
  before?: TeamSource,
): EventDraft {
  const data = toDirectoryTeam(team)
  const previous = before && previousValues(toDirectoryTeam(before), data)
  const { memberCount: _count, ...changed } = previous ?? {}
  return {
    type,
    resourceType: 'Group',
    resourceId: team.id,
    data,
    ...(previous && Object.keys(changed).length > 0 ? { previous: changed } : {}),
  }
}
