// What the benchmark sends: the admin API calls that set up an org and a SCIM token, and one
// request generator per scenario. Bodies follow the IdP fixtures in test/fixtures/idp.
import { userNameOf } from './seed.mjs'

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
/** The highest per-org rate the admin API accepts. */
const MAX_RATE = 100_000

export async function call(base, key, method, path, body, contentType = 'application/json') {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': contentType },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  })
  const text = await res.text()
  let json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return { status: res.status, json, headers: res.headers }
}

/**
 * Org + org admin key (operator key) + SCIM token (admin key), through the real admin API.
 * `shard`: the shard to place the org on (POST /admin/v1/orgs `shard`); the org's rows then live
 * only in that shard's D1, so whoever seeds them with SQL must write to that database. The answer's
 * placement is checked; a revision without shards (400 naming `shard`) is asked again without it.
 */
export async function provisionOrg(base, operatorKey, orgId, { shard } = {}) {
  const expect = (r, status, what) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json)}`)
    return r.json
  }
  // The per-org rate limits (reads per isolate, writes in the org's writer) are set to their
  // maximum so the run measures capacity, not the limiter; the limiter's own work stays in the path.
  const body = {
    id: orgId,
    name: `Bench ${orgId}`,
    settings: { readsPerSecond: MAX_RATE, writesPerSecond: MAX_RATE },
    ...(shard === undefined ? {} : { shard }),
  }
  let org = await call(base, operatorKey, 'POST', '/admin/v1/orgs', body)
  let limits = { readsPerSecond: MAX_RATE, writesPerSecond: MAX_RATE }
  if (org.status === 400 && shard === 'main' && JSON.stringify(org.json).includes('shard')) {
    // A revision without shards: its one database is what `main` is now.
    delete body.shard
    org = await call(base, operatorKey, 'POST', '/admin/v1/orgs', body)
  }
  if (org.status === 400 && JSON.stringify(org.json).includes('PerSecond')) {
    // A revision without per-org rates.
    org = await call(base, operatorKey, 'POST', '/admin/v1/orgs', {
      id: orgId,
      name: `Bench ${orgId}`,
    })
    limits = null
  }
  expect(org, 201, 'POST /admin/v1/orgs')
  const placedOn = org.json?.placement?.shard
  if (shard !== undefined && placedOn !== undefined && placedOn !== shard)
    throw new Error(`POST /admin/v1/orgs: ${orgId} placed on ${placedOn}, not ${shard}`)
  const adminKey = expect(
    await call(base, operatorKey, 'POST', `/admin/v1/orgs/${orgId}/admin-keys`, { label: 'bench' }),
    201,
    'POST admin-keys',
  ).secret
  const token = expect(
    await call(base, adminKey, 'POST', `/admin/v1/orgs/${orgId}/tokens`, { label: 'bench' }),
    201,
    'POST tokens',
  ).secret
  return { adminKey, token, limits, shard: placedOn ?? shard }
}

export function scimClient(base, token) {
  return (method, path, body) =>
    call(base, token, method, `/scim/v2${path}`, body, 'application/scim+json')
}

/** Deterministic PRNG (mulberry32): the same run visits the same rows. */
export function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// ---- request generators: () => { method, path, body? }; `exhausted` ends a run early ----

export function createUsers(tag) {
  let n = 0
  return () => {
    n++
    const login = `new.${tag}.${n}@bench.test`
    return {
      method: 'POST',
      path: '/scim/v2/Users',
      body: JSON.stringify({
        schemas: [USER_SCHEMA],
        userName: login,
        name: { givenName: 'Bench', familyName: `User${n}` },
        emails: [{ primary: true, value: login, type: 'work' }],
        displayName: `Bench User${n}`,
        locale: 'en-US',
        externalId: `00u${tag}${n}`,
        groups: [],
        active: true,
      }),
    }
  }
}

export function getUsers(ids, size, seed = 1) {
  const random = rng(seed)
  return () => ({ method: 'GET', path: `/scim/v2/Users/${ids[Math.floor(random() * size)]}` })
}

export function filterUserName(size, seed = 2) {
  const random = rng(seed)
  return () => {
    const filter = `userName eq "${userNameOf(Math.floor(random() * size))}"`
    return { method: 'GET', path: `/scim/v2/Users?filter=${encodeURIComponent(filter)}` }
  }
}

/** `urn:…:costCenter eq "CC-<n>"` over `distinct` values (an org-declared extension attribute). */
export function filterExtension(urn, distinct, seed = 9) {
  const random = rng(seed)
  return () => {
    const filter = `${urn}:costCenter eq "CC-${Math.floor(random() * distinct)}"`
    return { method: 'GET', path: `/scim/v2/Users?filter=${encodeURIComponent(filter)}` }
  }
}

export const fixedGet = (path) => () => ({ method: 'GET', path })

/**
 * `userName co "<n>"`: no index narrows a substring, so every request walks all of the org's
 * userNames (one D1 read of every user row's key) and answers the few that match — the expensive
 * read of the noisy-neighbour scenario (cost 1 per row: it never meets the costly-read gate).
 */
export function filterContains(size, seed = 11) {
  const random = rng(seed)
  return () => {
    const filter = `userName co "${Math.floor(random() * size)}@"`
    return { method: 'GET', path: `/scim/v2/Users?filter=${encodeURIComponent(filter)}&count=10` }
  }
}

/** A mix: each request from `write` with probability `writeShare`, else from `read`. */
export function mixed(read, write, writeShare, seed = 12) {
  const random = rng(seed)
  return () => (random() < writeShare ? write() : read())
}

/** Entra ID: one PATCH with several operations, capitalised ops and a string boolean. */
export function entraPatch(ids, size, seed = 3) {
  const random = rng(seed)
  let n = 0
  return () => {
    n++
    const i = Math.floor(random() * size)
    return {
      method: 'PATCH',
      path: `/scim/v2/Users/${ids[i]}`,
      body: JSON.stringify({
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'title', value: `Engineer ${n}` },
          {
            op: 'Add',
            path: 'emails[type eq "work"].value',
            value: `user${i}.${n}@work.bench.test`,
          },
          { op: 'Replace', path: 'active', value: 'True' },
        ],
      }),
    }
  }
}

/** Okta (OIN): PUT of the whole object read back, with id, meta, groups and emails[].display. */
export function oktaPut(ids, size, seed = 4) {
  const random = rng(seed)
  let n = 0
  return () => {
    n++
    const i = Math.floor(random() * size)
    const login = userNameOf(i)
    return {
      method: 'PUT',
      path: `/scim/v2/Users/${ids[i]}`,
      body: JSON.stringify({
        schemas: [USER_SCHEMA],
        id: ids[i],
        userName: login,
        name: { givenName: 'User', middleName: `M${n}`, familyName: `${i}` },
        emails: [{ primary: true, value: login, type: 'work', display: login }],
        displayName: `User ${i} (${n})`,
        locale: 'en-US',
        externalId: `00u${i}`,
        active: true,
        groups: [],
        meta: { resourceType: 'User' },
      }),
    }
  }
}

/** Group PATCH adding one member; each request a different user from `pool` (a real add). */
export function addOneMember(groupId, pool) {
  let i = 0
  const next = () => {
    if (i >= pool.length) next.exhausted = true
    const user = pool[i++ % pool.length]
    return {
      method: 'PATCH',
      path: `/scim/v2/Groups/${groupId}`,
      body: JSON.stringify({
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: user }] }],
      }),
    }
  }
  next.exhausted = false
  next.used = () => Math.min(i, pool.length)
  return next
}

/** One PATCH adding or removing all of `userIds` (RFC 7644 §3.5.2.1 / §3.5.2.2 with a value list). */
export function membersPatch(op, userIds) {
  return {
    schemas: [PATCH_OP],
    Operations: [{ op, path: 'members', value: userIds.map((value) => ({ value })) }],
  }
}

export const floorRequests = {
  trivial: () => () => ({ method: 'GET', path: '/trivial' }),
  kv: (key) => () => ({ method: 'GET', path: `/kv?key=${encodeURIComponent(key)}` }),
  d1: (orgId, ids, size, seed = 1) => {
    const random = rng(seed)
    return () => ({
      method: 'GET',
      path: `/d1?org=${encodeURIComponent(orgId)}&id=${ids[Math.floor(random() * size)]}`,
    })
  },
  kvD1: (key, orgId, ids, size, seed = 1) => {
    const random = rng(seed)
    return () => ({
      method: 'GET',
      path: `/kv-d1?key=${encodeURIComponent(key)}&org=${encodeURIComponent(orgId)}&id=${ids[Math.floor(random() * size)]}`,
    })
  },
  doWrite: (orgId) => {
    let n = 0
    return () => {
      n++
      const login = `floor.${n}@bench.test`
      return {
        method: 'POST',
        path: `/do-write?org=${encodeURIComponent(orgId)}`,
        body: JSON.stringify({ userName: login, active: true }),
      }
    }
  },
}
