// Admin API bodies: JSON, validated by zod; failures become a 400 naming each bad field.
import type { Context } from 'hono'
import type { z } from 'zod'
import { badRequest } from '../scim/errors'
import { readJsonBody } from './body'

export async function readAdminBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<z.infer<S>> {
  const body = c.req.header('Content-Length') === '0' ? {} : await readJsonBody(c)
  const parsed = schema.safeParse(body)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
  throw badRequest(`Invalid request body. ${problems.join('; ')}`)
}
