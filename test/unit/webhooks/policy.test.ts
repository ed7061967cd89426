// The pure rules of webhook delivery: which URLs an endpoint may have, the retry schedule, and
// signatures as the Standard Webhooks reference library checks them.
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_RETRY_DELAYS,
  parseRetryDelays,
  retryDelay,
  webhookUrlProblem,
} from '../../../src/model/webhook-policy'
import { receives } from '../../../src/model/webhooks'
import { mintWebhookSecret, signatureHeader } from '../../../src/webhooks/signature'

describe('endpoint URLs', () => {
  it.each([
    'https://hooks.example.com/scim-edge',
    'https://example.com:8443/a?b=c',
    'https://93.184.216.34/hook',
    'https://[2606:2800:220:1:248:1893:25c8:1946]/hook',
  ])('accepts %s', (url) => {
    expect(webhookUrlProblem(url, false)).toBeNull()
  })

  it.each([
    ['http://hooks.example.com/', /https:/],
    ['ftp://example.com/', /https:/],
    ['not a url', /absolute/],
    ['/relative', /absolute/],
    ['https://user:pass@example.com/', /credentials/],
    ['https://example.com/#frag', /fragment/],
    ['https://localhost/', /public host/],
    ['https://app.localhost/', /public host/],
    ['https://127.0.0.1/', /public host/],
    ['https://0x7f.1/', /public host/],
    ['https://2130706433/', /public host/],
    ['https://10.1.2.3/', /public host/],
    ['https://172.20.0.1/', /public host/],
    ['https://192.168.1.1/', /public host/],
    ['https://169.254.169.254/latest/meta-data', /public host/],
    ['https://100.64.0.1/', /public host/],
    ['https://0.0.0.0/', /public host/],
    ['https://[::1]/', /public host/],
    ['https://[fd00::1]/', /public host/],
    ['https://[fe80::1]/', /public host/],
    ['https://[::ffff:10.0.0.1]/', /public host/],
    ['https://intranet/', /public host/],
    ['https://printer.local/', /public host/],
    ['https://db.internal/', /public host/],
    [`https://example.com/${'a'.repeat(2100)}`, /longer/],
  ])('refuses %s in production', (url, why) => {
    expect(webhookUrlProblem(url, false)).toMatch(why)
  })

  it('local development: http or https to loopback only', () => {
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', true)).toBeNull()
    expect(webhookUrlProblem('http://localhost:9999/hook', true)).toBeNull()
    expect(webhookUrlProblem('http://[::1]:9999/hook', true)).toBeNull()
    expect(webhookUrlProblem('http://10.0.0.1/hook', true)).toMatch(/https:/)
    expect(webhookUrlProblem('https://10.0.0.1/hook', true)).toMatch(/public host/)
    expect(webhookUrlProblem('http://example.com/hook', true)).toMatch(/https:/)
  })
})

describe('retries', () => {
  it('the default schedule: 15 attempts over about 3 days, no delay over 12 h', () => {
    const total = DEFAULT_RETRY_DELAYS.reduce((a, b) => a + b, 0)
    expect(DEFAULT_RETRY_DELAYS.length + 1).toBe(15)
    expect(total / 86400).toBeGreaterThan(3)
    expect(total / 86400).toBeLessThan(3.5)
    expect(Math.max(...DEFAULT_RETRY_DELAYS)).toBeLessThanOrEqual(43200)
  })

  it('jitter stays within ±10% and the round ends after the last delay', () => {
    const delays = [100, 1000]
    expect(retryDelay(1, delays, 0)).toBe(90)
    expect(retryDelay(1, delays, 0.999_999)).toBe(110)
    expect(retryDelay(2, delays, 0.5)).toBe(1000)
    expect(retryDelay(3, delays, 0.5)).toBeNull()
    expect(retryDelay(0, delays, 0.5)).toBeNull()
    expect(retryDelay(1, [43200], 0.999)).toBe(43200)
  })

  it('configuration: comma-separated whole seconds, refused otherwise', () => {
    expect(parseRetryDelays(undefined)).toEqual([...DEFAULT_RETRY_DELAYS])
    expect(parseRetryDelays('0, 5,60')).toEqual([0, 5, 60])
    expect(() => parseRetryDelays('5,x')).toThrow(/whole seconds/)
    expect(() => parseRetryDelays('50000')).toThrow(/whole seconds/)
    expect(() => parseRetryDelays('-1')).toThrow(/whole seconds/)
  })
})

describe('filters', () => {
  const json = 'json' as const
  it('events and orgs: null is every one', () => {
    expect(receives({ events: null, orgs: null, format: json }, 'a', 'user.created')).toBe(true)
    expect(
      receives({ events: ['user.deleted'], orgs: null, format: json }, 'a', 'user.created'),
    ).toBe(false)
    expect(receives({ events: null, orgs: ['b'], format: json }, 'a', 'user.created')).toBe(false)
    expect(
      receives({ events: ['user.created'], orgs: ['a'], format: json }, 'a', 'user.created'),
    ).toBe(true)
  })

  it('a SET receiver gets provisioning changes only (they alone have a SET)', () => {
    const set = { events: null, orgs: null, format: 'set' as const }
    expect(receives(set, 'a', 'user.created')).toBe(true)
    expect(receives(set, 'a', 'team.member_added')).toBe(true)
    expect(receives(set, 'a', 'token.created')).toBe(false)
    expect(receives(set, 'a', 'org.settings_updated')).toBe(false)
  })
})

describe('signatures', () => {
  it('verify with the standardwebhooks package, for each secret in the header', async () => {
    const [current, previous] = [mintWebhookSecret(), mintWebhookSecret()]
    expect(current).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const id = 'msg_1'
    const timestamp = Math.floor(Date.now() / 1000)
    const body = JSON.stringify({ type: 'user.created', data: { userName: 'zoë@x.test' } })
    const header = await signatureHeader([current, previous], id, timestamp, body)
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': header,
    }
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(mintWebhookSecret()).verify(body, headers)).toThrow()
    const single = await signatureHeader([current], id, timestamp, body)
    expect(single).toBe(new Webhook(current).sign(id, new Date(timestamp * 1000), body))
  })
})
