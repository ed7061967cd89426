// GET /admin, /admin/app.js, /admin/app.css: the org admin console, under a strict CSP (no inline
// script or style, same-origin fetches only, never framed). The headers every response carries
// (no-store, nosniff, request id) come from the app's securityHeaders. Everything the console
// shows comes from the admin API (/admin/v1), as text.
import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../auth/console-session'
import type { AppEnv } from '../../env'
import { IDP_GUIDES } from './guides'
import { CONSOLE_HTML } from './page'
import { ACTIVITY_JS } from './script-activity'
import { CORE_JS } from './script-core'
import { DIRECTORY_JS } from './script-directory'
import { OAUTH_CLIENTS_JS } from './script-oauth-clients'
import { OVERVIEW_JS } from './script-overview'
import { SETTINGS_JS } from './script-settings'
import { CATALOGUE_JS } from './script-catalogue'
import { SETUP_JS } from './script-setup'
import { CONSOLE_CSS } from './styles'

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** The whole script: the parts in order, and the guides as data. */
export const CONSOLE_JS = [
  CORE_JS,
  `const GUIDES = ${JSON.stringify(IDP_GUIDES)}\n`,
  OVERVIEW_JS,
  OAUTH_CLIENTS_JS,
  DIRECTORY_JS,
  ACTIVITY_JS,
  SETUP_JS,
  SETTINGS_JS,
  CATALOGUE_JS,
].join('\n')

const asset = (body: string, type: string) =>
  new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CSP,
      'X-Frame-Options': 'DENY',
    },
  })

/**
 * A console session cookie may be live: the page then asks `/me` at once instead of showing the
 * sign-in form (the cookie is HttpOnly: the script cannot see it, so the page says so).
 */
const page = (hasSession: boolean) =>
  hasSession ? CONSOLE_HTML.replace('<body>', '<body data-session>') : CONSOLE_HTML

export const consolePage = new Hono<AppEnv>()
  .get('/', (c) => asset(page(Boolean(getCookie(c, SESSION_COOKIE))), 'text/html; charset=utf-8'))
  .get('/app.js', () => asset(CONSOLE_JS, 'text/javascript; charset=utf-8'))
  .get('/app.css', () => asset(CONSOLE_CSS, 'text/css; charset=utf-8'))
