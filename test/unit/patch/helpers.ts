// Shared by the PATCH tests: schemas, one-call apply, and the fixture loader.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'
import { ScimError } from '../../../src/scim/errors'
import { applyPatch, normalizePatchRequest, type PatchResult } from '../../../src/scim/patch'
import { groupResourceSchema, userResourceSchema } from '../../../src/scim/schema'
import type { ResourceSchema } from '../../../src/scim/schema/types'
import { PATCH_OP_MESSAGE } from '../../../src/scim/urns'

export const USER = userResourceSchema()
export const GROUP = groupResourceSchema()

export const schemaFor = (resource: Record<string, unknown>): ResourceSchema =>
  JSON.stringify(resource.schemas ?? []).includes(':Group') ? GROUP : USER

/** normalize + apply, the way the Durable Object will call the engine. */
export function patch(
  resource: Record<string, unknown>,
  operations: unknown[],
  schema: ResourceSchema = schemaFor(resource),
): PatchResult {
  const ops = normalizePatchRequest({ schemas: [PATCH_OP_MESSAGE], Operations: operations })
  return applyPatch(resource, ops, schema)
}

/** The ScimError `run` throws, failing the test when it throws nothing or something else. */
export function scimErrorOf(run: () => unknown): ScimError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError)
    return error as ScimError
  }
  throw new Error('expected a ScimError, nothing was thrown')
}

export interface PatchFixture {
  file: string
  description: string
  source: Record<string, unknown>
  request: unknown
  target: Record<string, unknown>
  members?: { replace: string[] | null; add: string[]; remove: string[] }
}

const FIXTURES = fileURLToPath(new URL('../../fixtures/patch/', import.meta.url))

export function loadFixtures(): PatchFixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(FIXTURES + file, 'utf8')) }))
}

export const vendorOf = (file: string) => file.split('-')[0]
