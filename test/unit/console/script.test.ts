// The console's script is plain JavaScript kept in TypeScript strings: it must at least parse,
// and it must never put API data into the page as HTML.
import { describe, expect, it } from 'vitest'
import { CONSOLE_JS } from '../../../src/http/console'

describe('/admin/app.js', () => {
  it('parses as a script', () => {
    expect(() => new Function(CONSOLE_JS)).not.toThrow()
  })

  it('writes text only: no innerHTML, outerHTML, insertAdjacentHTML, document.write or eval', () => {
    expect(CONSOLE_JS).not.toMatch(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(/,
    )
  })
})
