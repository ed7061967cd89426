// IdP conformance suite: replays of the traffic each identity provider sends, written from the
// vendors' public documentation (each fixture's `source` names the document and section).
// Every sequence runs in its own fresh org (createTestOrg), so sequences are independent.
//
// Fixture format — test/fixtures/idp/<vendor>/<name>.json:
//
//   {
//     "vendor": "okta",                      // must equal the directory name
//     "title": "SPEC acceptance",            // the test name
//     "source": "Okta … , section …",        // doc title and section the traffic comes from
//     "notes": "…",                          // optional: why, and where doc and service differ
//     "vars": { "user": "spec.${$uuid}@example.com" },   // optional, resolved once
//     "headers": { "User-Agent": "Okta SCIM Client 1.0.0" }, // optional, on every request
//     "steps": [ step, … ]
//   }
//
//   step = {
//     "name": "Create the user",
//     "auth": "token" | "none" | "bogus",   // default token; a step's own Authorization header wins
//     "request": {
//       "method": "POST",
//       "path": "/Users?filter=userName eq \"${user}\"",   // relative to /scim/v2, sent as written
//       "headers": { "Content-Type": "application/json" }, // null removes a sequence header
//       "body": { … } | "rawBody": "…"     // body defaults to Content-Type application/scim+json
//     },
//     "expect": {
//       "status": 201 | [200, 204],
//       "headers": { "Location": "/Users/${uid}$", "X-Foo": { "$absent": true } },  // regexes
//       "body": { … },                      // partial deep match, see match.ts
//       "capture": { "uid": "id", "etag": "header:ETag", "ids[]": "id" }
//     }
//   }
//
//   Bulk: a step with "repeat": 1000 (and "concurrency": 10) is sent 1000 times with ${i} = 1..1000;
//   "forEach": "x" (optionally "from"/"to") sends it once per element of the list x as ${item}.
//   A capture named "x[]" collects the values into the list x, in i order. In a body,
//   {"$generate": {"each": "x", "from": 0, "to": 500, "template": {"value": "${item}"}}} or
//   {"$generate": {"count": 3, "template": …}} expands to a list (spliced into an enclosing array).
//
//   Placeholders: ${var}, ${list[0]}, ${obj.key}, ${$uuid}, transforms ${var|upper|lower|url|json}.
//   Captures happen before matching, so a step can check its own response against them
//   (e.g. the Location header against the new id). Matchers: $type $absent $present $length
//   $contains $regex $eqi $exact $ne $gte $lte $not — documented in match.ts.
//
//   Always checked, whatever the fixture says: no 5xx; any body is application/scim+json; a 204
//   has no body; a 4xx is a SCIM error (schemas [Error], status as a string, detail).
//
// A failing step reports vendor, sequence, file, step, request, each mismatch and the response.
import { describe, it } from 'vitest'
import { VENDORS, sequencesOf } from './fixtures'
import { runSequence } from './run-sequence'

/** Generous: the Okta bulk sequence creates 1,000 users before its 1,000-change PATCH. */
const SEQUENCE_TIMEOUT_MS = 180_000

describe.each(VENDORS)('%s', (vendor) => {
  it.each(sequencesOf(vendor))('$title', (sequence) => runSequence(sequence), SEQUENCE_TIMEOUT_MS)
})
