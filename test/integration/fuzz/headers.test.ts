// Fuzzing request headers under /scim/v2: Authorization forms, Content-Type and Accept variants,
// conditional and stray headers. Never a 5xx; every 4xx is a SCIM error; a 401 names Bearer;
// a well-formed bearer GET succeeds whatever Content-Type or Accept says (IDP-COMPAT: Okta).
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { call, OPERATOR_KEY } from '../../helpers/api'
import { createGroup, createUser } from '../../helpers/resources'
import { describeHeaders, headerSet, headerTarget } from './arbitraries'
import { fuzzSettings } from './config'
import { discardCreated, exchange, fuzzOrg, orgDigest } from './harness'
import { assertHeaderAnswer } from './properties'

describe('fuzz: headers', () => {
  it(
    'any header mix: never 5xx, SCIM errors, refusals change nothing',
    async () => {
      const settings = fuzzSettings('headers')
      const org = await fuzzOrg()
      const user = await createUser(org, 'ada@example.com')
      const group = await createGroup(org, 'Engineering', { members: [{ value: user.id }] })
      const credentials = { token: org.token, adminKey: org.adminKey, operatorKey: OPERATOR_KEY }
      await fc.assert(
        fc.asyncProperty(
          headerTarget(user.id, group.id),
          headerSet(credentials),
          async (target, { headers, validAuth }) => {
            const before = await orgDigest(org.orgId)
            const { method, path, body } = target
            const res = await call(`/scim/v2${path}`, { method, headers, body })
            const ex = await exchange(
              `${method} ${path} ${describeHeaders(headers)} ${body ?? ''}`,
              res,
            )
            const conditional = headers.has('If-None-Match') || headers.has('If-Match')
            const expectOk = validAuth && method === 'GET' && !conditional
            await assertHeaderAnswer(ex, expectOk, before, () => orgDigest(org.orgId))
            await discardCreated(org, ex)
          },
        ),
        { seed: settings.seed, numRuns: settings.numRuns },
      )
    },
    fuzzSettings('headers').timeout,
  )
})
