// Differential property test: the SQL compiler (real D1/SQLite in workerd) selects exactly the
// resources the in-memory evaluator selects, for generated filters over generated users.
import { env } from 'cloudflare:test'
import { sql } from 'drizzle-orm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commit, database } from '../../src/repo/db'
import { TEAMS_FILTER_TABLE, USERS_FILTER_TABLE } from '../../src/repo/filter-columns'
import { compileFilter } from '../../src/repo/filter-sql'
import { indexEmails } from '../../src/repo/user-emails'
import { indexExtensionValues } from '../../src/repo/extension-values'
import { teamColumns, userColumns } from '../../src/repo/rows'
import { ScimError } from '../../src/scim/errors'
import { evaluateFilter, parseFilter, validateFilter, type FilterNode } from '../../src/scim/filter'
import { renderResource } from '../../src/scim/resource'
import { groupResourceSchema, userResourceSchema } from '../../src/scim/schema'
import { foldName } from '../../src/scim/identity'
import { ENTERPRISE_USER_SCHEMA, DEFAULT_ROLE_SCHEMA } from '../../src/scim/urns'

// An org's own extension (scim/extensions): its string attributes are answered from the value
// index (repo/extension-values.ts) by `eq`, from the JSON otherwise.
const ACME = 'urn:acme:params:scim:schemas:extension:acme:2.0:User'
const USER = userResourceSchema(undefined, undefined, false, [
  {
    urn: ACME,
    name: 'Acme',
    attributes: [
      { name: 'costCenter', type: 'string', multiValued: false, caseExact: false },
      { name: 'code', type: 'string', multiValued: false, caseExact: true },
      { name: 'sites', type: 'string', multiValued: true, caseExact: false },
    ],
  },
])
const GROUP = groupResourceSchema()
const db = database(env.DB)

// Characters chosen to stress case folding (ASCII vs not), GLOB metacharacters and ordering.
const word = fc.string({
  unit: fc.constantFrom('a', 'A', 'b', 'é', 'É', '*', '?', '[', ' '),
  maxLength: 3,
})
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const instant = fc
  .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 0, 1) })
  .map((ms) => new Date(ms).toISOString())

const multi = <T>(element: fc.Arbitrary<T>) => maybe(fc.array(element, { maxLength: 3 }))
const typed = (types: string[]) =>
  fc.record(
    { value: maybe(word), type: maybe(fc.constantFrom(...types)), primary: maybe(fc.boolean()) },
    { requiredKeys: [] },
  )

const userData = fc.record(
  {
    displayName: maybe(word),
    externalId: maybe(word),
    active: fc.boolean(),
    title: maybe(word),
    nickName: maybe(word),
    name: maybe(
      fc.record({ givenName: maybe(word), familyName: maybe(word) }, { requiredKeys: [] }),
    ),
    emails: multi(typed(['work', 'home', 'Work'])),
    phoneNumbers: multi(typed(['mobile', 'work'])),
    roles: multi(
      fc.record({ value: maybe(word), primary: maybe(fc.boolean()) }, { requiredKeys: [] }),
    ),
    [ACME]: maybe(
      fc.record(
        { costCenter: maybe(word), code: maybe(word), sites: multi(word) },
        { requiredKeys: [] },
      ),
    ),
    [ENTERPRISE_USER_SCHEMA]: maybe(
      fc.record(
        {
          department: maybe(word),
          employeeNumber: maybe(word),
          manager: maybe(fc.record({ value: maybe(word) }, { requiredKeys: [] })),
        },
        { requiredKeys: [] },
      ),
    ),
    [DEFAULT_ROLE_SCHEMA]: maybe(
      fc.record({ role: fc.constantFrom('member', 'Org_Admin', 'team_admin') }),
    ),
  },
  { requiredKeys: ['active'] },
)

const users = fc.uniqueArray(
  fc.record({
    userName: word.map((w) => `${w}@x`),
    data: userData,
    created: instant,
    modified: instant,
  }),
  {
    minLength: 1,
    maxLength: 12,
    selector: (u) => foldName(u.userName), // userName is unique on its folded key
  },
)

type GeneratedUser = typeof users extends fc.Arbitrary<(infer U)[]> ? U : never

const USER_PATHS = [
  'userName',
  'displayName',
  'externalId',
  'id',
  'active',
  'title',
  'nickName',
  'name.givenName',
  'name.familyName',
  'name',
  'emails',
  'emails.value',
  'emails.type',
  'emails.primary',
  'phoneNumbers.value',
  'roles.value',
  'roles.primary',
  'meta.created',
  'meta.lastModified',
  'schemas',
  `${ENTERPRISE_USER_SCHEMA}:department`,
  `${ENTERPRISE_USER_SCHEMA}:manager.value`,
  'employeeNumber',
  `${DEFAULT_ROLE_SCHEMA}:role`,
  `${ACME}:costCenter`,
  `${ACME}:code`,
  `${ACME}:sites`,
]
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const
const literal = fc.oneof(
  { arbitrary: word, weight: 8 },
  word.map((w) => `${w}@x`),
  instant,
  fc.boolean(),
  fc.constantFrom(
    null,
    'True',
    'false',
    ENTERPRISE_USER_SCHEMA,
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'member',
  ),
  fc.integer({ min: -2, max: 2 }),
)

function termArb(paths: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.constantFrom(...paths), fc.constantFrom(...OPS), literal)
      .map(([p, op, v]) => `${p} ${op} ${JSON.stringify(v)}`),
    fc.constantFrom(...paths).map((p) => `${p} pr`),
    fc
      .tuple(
        fc.constantFrom('emails', 'phoneNumbers', 'roles'),
        fc.constantFrom('type', 'value', 'primary'),
        fc.constantFrom(...OPS),
        literal,
        fc.constantFrom(...OPS),
        literal,
      )
      .map(
        ([a, s, op, v, op2, v2]) =>
          `${a}[${s} ${op} ${JSON.stringify(v)} or value ${op2} ${JSON.stringify(v2)}]`,
      ),
    // The shapes the email index answers (repo/user-emails.ts), with words users' emails hold.
    fc
      .tuple(
        fc.constantFrom(
          'emails.value eq %',
          'emails[value eq %]',
          'emails[type eq "work" and value eq %]',
          'emails[value eq % and primary eq true]',
        ),
        word,
      )
      .map(([shape, w]) => shape.replace('%', JSON.stringify(w))),
  )
}

function filterArb(paths: string[]): fc.Arbitrary<string> {
  const { tree } = fc.letrec<{ tree: string }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true },
      { arbitrary: termArb(paths), weight: 3 },
      {
        arbitrary: fc
          .tuple(tie('tree'), fc.constantFrom('and', 'or'), tie('tree'))
          .map(([a, op, b]) => `(${a}) ${op} (${b})`),
        weight: 1,
      },
      { arbitrary: tie('tree').map((t) => `not (${t})`), weight: 1 },
    ),
  }))
  return tree
}

/** Valid filters only: the validator decides what is askable; invalid ones are covered elsewhere. */
function validOrNull(text: string, schema = USER): FilterNode | null {
  try {
    return validateFilter(parseFilter(text), schema)
  } catch (error) {
    if (error instanceof ScimError && error.scimType === 'invalidFilter') return null
    throw error
  }
}

async function seedUsers(orgId: string, generated: GeneratedUser[]) {
  const rendered = generated.map((u, i) => {
    const id = `u${i}-${crypto.randomUUID().slice(0, 6)}`
    const resource = renderResource({
      resourceSchema: USER,
      id,
      data: { userName: u.userName, ...u.data },
      created: u.created,
      lastModified: u.modified,
      version: 1,
      baseUrl: 'https://x/scim/v2',
    })
    return { id, resource, created: u.created, modified: u.modified }
  })
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO orgs (id, name, role_schema, role_values, created_at, updated_at) VALUES (?, 'p', ?, '[]', '', '')",
    ).bind(orgId, DEFAULT_ROLE_SCHEMA),
    ...rendered.map(({ id, resource, created, modified }) => {
      const { id: _i, meta: _m, schemas: _s, ...data } = resource
      const c = userColumns(data)
      return env.DB.prepare(
        'INSERT INTO users (org_id, id, user_name, user_name_key, external_id, display_name, display_name_key, active, data, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
      ).bind(
        orgId,
        id,
        c.userName,
        c.userNameKey,
        c.externalId,
        c.displayName,
        c.displayNameKey,
        c.active ? 1 : 0,
        JSON.stringify(data),
        created,
        modified,
      )
    }),
  ])
  // The email index the write path keeps beside each user (repo/user-emails.ts).
  await commit(
    db,
    rendered.flatMap(({ id, resource }) => [
      ...indexEmails(db, orgId, id, resource),
      ...indexExtensionValues(db, orgId, id, resource, undefined, DEFAULT_ROLE_SCHEMA),
    ]),
  )
  return rendered
}

async function sqlSelect(orgId: string, table: 'users' | 'teams', filter: FilterNode) {
  const { condition } = compileFilter(
    filter,
    table === 'users' ? USER : GROUP,
    table === 'users' ? USERS_FILTER_TABLE : TEAMS_FILTER_TABLE,
    orgId,
  )
  const rows = await db.all<{ id: string }>(
    sql`SELECT r.id AS id FROM ${sql.raw(table)} AS r WHERE r.org_id = ${orgId} AND ${condition}`,
  )
  return rows.map((r) => r.id).sort()
}

describe('SQL filter ≡ in-memory evaluator', () => {
  it('agrees on generated users and filters', async () => {
    let compared = 0
    await fc.assert(
      fc.asyncProperty(
        users,
        fc.array(filterArb(USER_PATHS), { minLength: 25, maxLength: 25 }),
        async (generated, filters) => {
          const orgId = `prop-${crypto.randomUUID()}`
          const rendered = await seedUsers(orgId, generated)
          for (const text of filters) {
            const filter = validOrNull(text)
            if (!filter) continue
            const expected = rendered
              .filter((r) => evaluateFilter(filter, r.resource, USER))
              .map((r) => r.id)
              .sort()
            const actual = await sqlSelect(orgId, 'users', filter)
            compared++
            expect(actual, text).toEqual(expected)
          }
        },
      ),
      { seed: 7243, numRuns: 40, endOnFailure: true },
    )
    expect(compared).toBeGreaterThan(300)
  })

  it('agrees on groups, including members from team_members rows', async () => {
    const orgId = `prop-${crypto.randomUUID()}`
    await env.DB.prepare(
      "INSERT INTO orgs (id, name, role_schema, role_values, created_at, updated_at) VALUES (?, 'p', 'urn:x:User', '[]', '', '')",
    )
      .bind(orgId)
      .run()
    const names = ['Eng', 'eng-ops', 'Sales*', 'Ops[1]', 'Émile']
    const teams = names.map((displayName, i) => ({
      id: `g${i}`,
      displayName,
      members: names.slice(0, i).map((_, j) => `u${j}`),
    }))
    await env.DB.batch(
      teams.flatMap((t) => {
        const c = teamColumns({ displayName: t.displayName })
        return [
          env.DB.prepare(
            "INSERT INTO teams (org_id, id, display_name, display_name_key, data, created_at, updated_at) VALUES (?,?,?,?,?,'2024-01-01T00:00:00.000Z','2024-01-01T00:00:00.000Z')",
          ).bind(
            orgId,
            t.id,
            c.displayName,
            c.displayNameKey,
            JSON.stringify({ displayName: t.displayName }),
          ),
          ...t.members.map((u) =>
            env.DB.prepare(
              "INSERT INTO team_members (org_id, team_id, user_id, added_at) VALUES (?,?,?,'')",
            ).bind(orgId, t.id, u),
          ),
        ]
      }),
    )
    const resources = teams.map((t) => ({
      id: t.id,
      resource: {
        schemas: [GROUP.core.id],
        id: t.id,
        displayName: t.displayName,
        members: t.members.map((value) => ({ value })),
        meta: { created: '2024-01-01T00:00:00.000Z', lastModified: '2024-01-01T00:00:00.000Z' },
      },
    }))
    const texts = [
      'displayName eq "eng"',
      'DisplayName eq "ENG"',
      'displayName sw "eng"',
      'displayName co "*"',
      'displayName co "["',
      'displayName gt "Eng"',
      'displayName eq "émile"',
      'displayName eq "Émile"',
      'members[value eq "u0"]',
      'members.value eq "u2"',
      'members pr',
      'not (members pr)',
      'members eq "u1"',
      'members ne "u0"',
      'externalId pr',
      'id eq "g3" or displayName ew "s*"',
      'meta.created lt "2025-01-01T00:00:00Z"',
      'meta.created eq "2024-01-01T01:00:00+01:00"',
    ]
    for (const text of texts) {
      const filter = validOrNull(text, GROUP)
      expect(filter, text).not.toBeNull()
      const expected = resources
        .filter((r) => evaluateFilter(filter!, r.resource, GROUP))
        .map((r) => r.id)
        .sort()
      expect(await sqlSelect(orgId, 'teams', filter!), text).toEqual(expected)
    }
  })
})
