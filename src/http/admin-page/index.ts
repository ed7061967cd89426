// GET /admin, /admin/app.js, /admin/app.css: the org admin page, under a strict CSP (no inline
// script or style, same-origin fetches only, never framed). The headers every response carries
// (no-store, nosniff, request id) come from the app's securityHeaders.
import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { ADMIN_PAGE_JS } from './app-js'
import { ADMIN_PAGE_CSS, ADMIN_PAGE_HTML } from './page'

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const asset = (body: string, type: string) =>
  new Response(body, {
    headers: {
      'Content-Type': type,
      'Content-Security-Policy': CSP,
      'X-Frame-Options': 'DENY',
    },
  })

export const adminPage = new Hono<AppEnv>()
  .get('/', () => asset(ADMIN_PAGE_HTML, 'text/html; charset=utf-8'))
  .get('/app.js', () => asset(ADMIN_PAGE_JS, 'text/javascript; charset=utf-8'))
  .get('/app.css', () => asset(ADMIN_PAGE_CSS, 'text/css; charset=utf-8'))
