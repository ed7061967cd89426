// One definition per admin route: method, path, who may call it, the zod schemas of its path,
// query and body (which validate the request) and of its answers. The Hono routes and the OpenAPI
// document (openapi.ts) are both made from these definitions, so neither can drift from the other.
import type { Context } from 'hono'
import type { z } from 'zod'
import { canManageOrg } from '../../auth/admin'
import type { AppEnv } from '../../env'
import { forbidden, unauthorized } from '../../scim/errors'
import { readAdminBody, readAdminQuery } from '../admin-body'
import { answerBookmark } from '../replica'

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'
type Schema = z.ZodType

export interface Answer {
  description: string
  /** The JSON body; absent for an answer without one (204). */
  schema?: Schema
}

export interface RouteInput<Q, B> {
  /** The path parameters (strings, as named in `path`). */
  params: Record<string, string>
  query: Q
  body: B
}

export interface AdminRoute<Q = undefined, B = undefined> {
  method: Method
  /** OpenAPI form: `/orgs/{orgId}/users/{userId}`. */
  path: string
  summary: string
  /**
   * `operator`: the operator key only. `org`: the operator or an admin of `{orgId}`. `any`: any
   * admin credential. `public`: no credential (mounted before admin auth; the request itself
   * carries its proof, e.g. a portal link's secret).
   */
  access: 'operator' | 'org' | 'any' | 'public'
  query?: z.ZodType<Q, any>
  body?: z.ZodType<B, any>
  answers: Record<number, Answer>
  handle(c: Context<AppEnv>, input: RouteInput<Q, B>): Response | Promise<Response>
}

/** Defines a route (the generics carry the validated query and body into `handle`). */
export const route = <Q = undefined, B = undefined>(def: AdminRoute<Q, B>) =>
  def as AdminRoute<unknown, unknown>

/** `/orgs/{orgId}` → `/orgs/:orgId` */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1')

/** The path's parameter names, in order. */
export const pathParams = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])

/** Checks access, validates the request and hands it to the route. */
export function handler(def: AdminRoute<unknown, unknown>) {
  return async function handleAdminRoute(c: Context<AppEnv>) {
    const caller = c.get('adminCaller')
    if (def.access !== 'public' && !caller) throw unauthorized('An admin credential is required.')
    if (def.access === 'operator' && caller.role !== 'operator') {
      throw forbidden('Only the operator key can do this.')
    }
    if (def.access === 'org' && !canManageOrg(caller, c.req.param('orgId') ?? '')) {
      throw forbidden('This admin key belongs to another organization.')
    }
    const params = Object.fromEntries(pathParams(def.path).map((p) => [p, c.req.param(p) ?? '']))
    const query = def.query ? readAdminQuery(c, def.query) : undefined
    const body = def.body ? await readAdminBody(c, def.body) : undefined
    return answerBookmark(c, await def.handle(c, { params, query, body }))
  }
}
