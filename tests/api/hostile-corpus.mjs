// The corpus of malformed and hostile HTTP requests that hostile.test.mjs sends to `relais serve`
// as raw bytes over TCP. Data only: add a line to grow it.
//
// Each entry:
//   name      what it is (unique; the test names it when it fails)
//   send      the bytes: a string (written as latin1, so "\xff" is the byte 0xff), a Buffer, or
//             a function (ctx) => string | Buffer, where ctx = { cookie, csrf, ids: { building,
//             dwelling, household }, password, email }: the session of a demo manager and
//             records of the demo data. req() and json() below build the usual shapes.
//   expect    the status of the one answer: a number, or an array of the statuses allowed;
//             'none' when HTTP says the server closes without answering (an empty connection).
//   pipeline  instead of expect: the statuses of several answers, in order.
//   after     what the connection must do after the answer(s), when it is known:
//             'close' — the server closes it (a framing error: the rest of the stream cannot be
//                       trusted, RFC 9112 §9.6 / §6.3);
//             'open'  — it stays usable.
//             Whatever `after` says, the test checks that an answer with `Connection: close` is
//             followed by the close, and that after any other answer GET /healthz on the same
//             connection gets a 200: no byte of the hostile request was left over to be read as
//             (or smuggled into) a next request.
//   end       the client closes its sending side after the bytes (a request cut short): the
//             server must answer what it has, not wait for the rest.
//   field     for a 400 about a JSON body: the field the problem must name.
//   pieces    the bytes are written that many at a time, 2 ms apart (a head that trickles in).
//
// Every answer must be a 4xx problem+json with the security headers (contract.mjs, 'problem'), but for a
// few well-formed yet adversarial requests that expect their 200 (the point: no crash),
// never a 5xx, never silence past the timeout. Which requests get a clean close: only the empty
// connection and a connection of blank lines (nothing was asked); every other one gets a status.
//
// docs/adr/0005-hostile-input.md says what the server refuses and why.

const CRLF = '\r\n';
const HOST = 'relais.test';

function bytes(x) {
  return Buffer.isBuffer(x) ? x : Buffer.from(x, 'latin1');
}

/**
 * A request as bytes. target and header lines are written as latin1 (raw bytes); body as UTF-8
 * when a string (a Buffer for anything else). Content-Length is added for a body unless
 * `length: false` or a header line already frames it; Host unless `host: null`; the session
 * cookie and CSRF token with `auth: true`.
 */
export function req({ method = 'GET', target = '/healthz', version = 'HTTP/1.1', host = HOST, headers = [], body, length = true, auth = false, type } = {}) {
  return (ctx) => {
    const lines = [version === null ? `${method} ${target}` : `${method} ${target} ${version}`];
    if (host !== null) lines.push(`Host: ${host}`);
    if (auth) lines.push(`Cookie: ${ctx.cookie}`, `X-CSRF-Token: ${ctx.csrf}`);
    if (type !== undefined) lines.push(`Content-Type: ${type}`);
    const extra = typeof headers === 'function' ? headers(ctx) : headers;
    lines.push(...extra);
    let b = Buffer.alloc(0);
    if (body !== undefined) {
      const v = typeof body === 'function' ? body(ctx) : body;
      b = Buffer.isBuffer(v) ? v : Buffer.from(v, 'utf8');
      const framed = extra.some((h) => /^(content-length|transfer-encoding)\s*:/i.test(h));
      if (length && !framed) lines.push(`Content-Length: ${b.length}`);
    }
    return Buffer.concat([bytes(lines.join(CRLF) + CRLF + CRLF), b]);
  };
}

/** A JSON body sent by the signed-in manager (auth and Content-Type: application/json). */
export function json(method, target, body, opts = {}) {
  return req({ method, target, body, auth: true, type: 'application/json', ...opts });
}

const LOGIN = '/api/v1/session';
const login = (body, opts = {}) => req({ method: 'POST', target: LOGIN, body, type: 'application/json', ...opts });
const building = (body) => json('POST', '/api/v1/buildings', body);
const dwelling = (body) => json('POST', '/api/v1/dwellings', body);
const household = (body) => json('POST', '/api/v1/households', body);
// A valid building body but for `patch`: what a test changes to make it hostile.
const validBuilding = { reference: 'HOSTILE-1', street: '1 rue de la Paix', commune_insee: '14118' };
const b = (patch) => JSON.stringify({ ...validBuilding, ...patch });
const validDwelling = (ctx) => ({ reference: 'HOSTILE-D1', building_id: ctx.ids.building, rooms: 3, surface_m2: 65, financing: 'PLUS', rent_cents: 45000, charges_cents: 8000 });
const d = (patch) => (ctx) => JSON.stringify({ ...validDwelling(ctx), ...patch });
const validHousehold = (ctx) => ({ reference: 'HOSTILE-H1', dwelling_id: ctx.ids.dwelling, members: [{ first_name: 'Jeanne', last_name: 'Martin' }] });
const h = (patch) => (ctx) => JSON.stringify({ ...validHousehold(ctx), ...patch });
const member = (patch) => h({ members: [{ first_name: 'Jeanne', last_name: 'Martin', ...patch }] });
const raw = (...parts) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p, 'utf8'))));
const chunkedLogin = (chunks) => `POST ${LOGIN} HTTP/1.1${CRLF}Host: ${HOST}${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}${chunks}`;
const SMUGGLED = `GET /healthz HTTP/1.1${CRLF}Host: ${HOST}${CRLF}${CRLF}`;

// A deterministic pseudo-random byte string (no Math.random: the corpus is the same every run).
function noise(n, seed) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

// ---- framing and request smuggling -------------------------------------------------------------
const smuggling = [
  { name: 'Content-Length then Transfer-Encoding', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 4${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}0${CRLF}${CRLF}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding then Content-Length', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: chunked${CRLF}Content-Length: 40${CRLF}${CRLF}0${CRLF}${CRLF}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding twice', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: chunked${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'two Content-Length that differ', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 2${CRLF}Content-Length: 40${CRLF}${CRLF}{}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Content-Length list that differs', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Length: 2, 40${CRLF}${CRLF}{}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: gzip (not chunked), then a smuggled request', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: gzip${CRLF}${CRLF}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: chunked, gzip (chunked not last)', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked, gzip${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: gzip, chunked (a coding we do not decode)', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: gzip, chunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: chunked, chunked', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked, chunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: identity', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: identity${CRLF}Content-Length: 2${CRLF}${CRLF}{}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: xchunked', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: xchunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding: "chunked" (quoted)', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: "chunked"${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding empty', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: ${CRLF}${CRLF}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding with a vertical tab', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: \x0bchunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding on a GET, then a smuggled request', send: `GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding: identity${CRLF}${CRLF}${SMUGGLED}`, expect: 400, after: 'close' },
  { name: 'Content-Length twice with the same value', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 2${CRLF}Content-Length: 2${CRLF}${CRLF}{}`, expect: 400, after: 'close' },
  { name: 'Content-Length list of the same value', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length: 2, 2${CRLF}${CRLF}{}`, expect: 400, after: 'close' },
  { name: 'Transfer-Encoding with a space before the colon', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Transfer-Encoding : chunked${CRLF}Content-Length: 5${CRLF}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'Content-Length negative', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: -1'] }), expect: 400, after: 'close' },
  { name: 'Content-Length with a plus sign', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: +2'], body: '{}' }), expect: 400, after: 'close' },
  { name: 'Content-Length in hexadecimal', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 0x2'], body: '{}' }), expect: 400, after: 'close' },
  { name: 'Content-Length empty', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: '] }), expect: 400, after: 'close' },
  { name: 'Content-Length with a space inside', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 1 2'], body: '{}' }), expect: 400, after: 'close' },
  { name: 'Content-Length as a decimal', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 2.0'], body: '{}' }), expect: 400, after: 'close' },
  { name: 'Content-Length in exponent notation', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 2e0'], body: '{}' }), expect: 400, after: 'close' },
  { name: 'Content-Length beyond 2^64', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 99999999999999999999999'] }), expect: 400, after: 'close' },
  { name: 'Content-Length 2^63', send: req({ method: 'POST', target: LOGIN, headers: ['Content-Length: 9223372036854775808'] }), expect: [400, 413], after: 'close' },
  { name: 'Content-Length over the body limit (2 MiB), body not sent', send: req({ method: 'POST', target: LOGIN, type: 'application/json', headers: [`Content-Length: ${2 << 20}`] }), expect: 413, after: 'close' },
  { name: 'Expect: 100-continue with a body over the limit', send: req({ method: 'POST', target: LOGIN, type: 'application/json', headers: ['Expect: 100-continue', `Content-Length: ${64 << 20}`] }), expect: 413, after: 'close' },
  { name: 'Content-Length larger than the body, then the client stops', send: req({ method: 'POST', target: LOGIN, type: 'application/json', headers: ['Content-Length: 100'], body: '{"email": "a@b.fr"' }), expect: 400, after: 'close', end: true },
  { name: 'Content-Length shorter than the body: the rest is a bad request', send: req({ method: 'POST', target: LOGIN, type: 'application/json', headers: ['Content-Length: 5'], body: '{"a":1}' }), pipeline: [400, 400], after: 'close', end: true },
  { name: 'Transfer_Encoding (underscore) is no framing: the chunks are a bad request', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer_Encoding: chunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, pipeline: [400, 400], after: 'close' },
];

// ---- chunked bodies -------------------------------------------------------------------------------
const chunked = [
  { name: 'chunk size not hexadecimal', send: chunkedLogin(`zz${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk size negative', send: chunkedLogin(`-2${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk size with 0x', send: chunkedLogin(`0x2${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk size beyond 2^64', send: chunkedLogin(`ffffffffffffffffffff${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk size 2^63-1 (over the body limit)', send: chunkedLogin(`7fffffffffffffff${CRLF}{}`), expect: [400, 413], after: 'close' },
  { name: 'chunk size just over the body limit', send: chunkedLogin(`100001${CRLF}{"email": "`), expect: 413, after: 'close' },
  { name: 'chunk size with a trailing space', send: chunkedLogin(`2 ${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk size with a leading space', send: chunkedLogin(` 2${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk extension without a name', send: chunkedLogin(`2;${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk extension with a space in its name', send: chunkedLogin(`2;a b=c${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  // An extension is legal and ignored; a long one is read, a huge one must not grow the memory.
  { name: 'chunk extension of 20 kB', send: chunkedLogin(`2;a=${'b'.repeat(20000)}${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'open' },
  { name: 'chunk extension of 1 MB', send: chunkedLogin(`2;a=${'b'.repeat(1 << 20)}${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: [400, 413], after: 'close' },
  { name: 'chunk data without its CRLF', send: chunkedLogin(`2${CRLF}{}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk data longer than its size', send: chunkedLogin(`1${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunk data shorter than its size', send: chunkedLogin(`3${CRLF}{}${CRLF}0${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'chunks with bare LF, then the client stops', send: chunkedLogin('2\n{}\n0\n\n'), expect: 400, after: 'close', end: true },
  { name: 'no last chunk, then the client stops', send: chunkedLogin(`2${CRLF}{}${CRLF}`), expect: 400, after: 'close', end: true },
  { name: 'Content-Length in the trailer', send: chunkedLogin(`2${CRLF}{}${CRLF}0${CRLF}Content-Length: 50${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'Transfer-Encoding in the trailer', send: chunkedLogin(`2${CRLF}{}${CRLF}0${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}`), expect: 400, after: 'close' },
  { name: 'trailer field without a colon', send: chunkedLogin(`2${CRLF}{}${CRLF}0${CRLF}garbage${CRLF}${CRLF}`), expect: 400, after: 'close' },
];

// ---- line endings, request line, protocol versions ------------------------------------------------
const requestLine = [
  { name: 'bare LF line endings', send: `GET /healthz HTTP/1.1\nHost: ${HOST}\n\n`, expect: 400, after: 'close' },
  { name: 'bare LF after one header', send: `GET /healthz HTTP/1.1\r\nHost: ${HOST}\n\r\n`, expect: 400, after: 'close' },
  { name: 'bare LF after the request line', send: `GET /healthz HTTP/1.1\nHost: ${HOST}\r\n\r\n`, expect: 400, after: 'close' },
  { name: 'bare CR line endings, then the client stops', send: `GET /healthz HTTP/1.1\rHost: ${HOST}\r\r`, expect: 400, after: 'close', end: true },
  { name: 'LF CR line endings', send: `GET /healthz HTTP/1.1\n\rHost: ${HOST}\n\r\n\r`, expect: 400, after: 'close' },
  { name: 'HTTP/0.9 simple request', send: 'GET /\r\n', expect: 400, after: 'close' },
  { name: 'HTTP/0.9 simple request, then the client stops', send: 'GET /healthz', expect: 400, after: 'close', end: true },
  { name: 'HTTP/2 connection preface', send: 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', expect: 400, after: 'close' },
  { name: 'HTTP/2 preface followed by a SETTINGS frame', send: raw('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', Buffer.from([0, 0, 0, 4, 0, 0, 0, 0, 0])), expect: 400, after: 'close' },
  { name: 'HTTP/2.0 in an HTTP/1 request line', send: req({ version: 'HTTP/2.0' }), expect: 400, after: 'close' },
  { name: 'HTTP/3 version', send: req({ version: 'HTTP/3' }), expect: 400, after: 'close' },
  { name: 'HTTP/1.2', send: req({ version: 'HTTP/1.2' }), expect: 400, after: 'close' },
  { name: 'HTTP/9.9', send: req({ version: 'HTTP/9.9' }), expect: 400, after: 'close' },
  { name: 'version in lower case', send: req({ version: 'http/1.1' }), expect: 400, after: 'close' },
  { name: 'version with a leading zero', send: req({ version: 'HTTP/01.1' }), expect: 400, after: 'close' },
  { name: 'version without a minor number', send: req({ version: 'HTTP/1' }), expect: 400, after: 'close' },
  { name: 'version with three numbers', send: req({ version: 'HTTP/1.1.1' }), expect: 400, after: 'close' },
  { name: 'version missing after the target', send: req({ version: '' }), expect: 400, after: 'close' },
  { name: 'two spaces after the method', send: `GET  /healthz HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'tabs between the parts', send: `GET\t/healthz\tHTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'space at the end of the request line', send: `GET /healthz HTTP/1.1 ${CRLF}Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'space before the method', send: ` GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'blank line before the request line', send: `${CRLF}GET /healthz HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'method with a character outside token', send: req({ method: 'G(T' }), expect: 400, after: 'close' },
  { name: 'method of 20 kB', send: req({ method: 'A'.repeat(20000) }), expect: [400, 431], after: 'close' },
  { name: 'method in lower case', send: req({ method: 'get' }), expect: 405, after: 'open' },
  { name: 'unknown method', send: req({ method: 'BREW' }), expect: 405, after: 'open' },
  { name: 'TRACE', send: req({ method: 'TRACE' }), expect: 405, after: 'open' },
  { name: 'CONNECT to an authority', send: req({ method: 'CONNECT', target: 'relais.test:443' }), expect: 400, after: 'close' },
  { name: 'absolute-form target', send: req({ target: 'http://evil.example/healthz' }), expect: 400, after: 'close' },
  { name: 'asterisk-form target', send: req({ method: 'OPTIONS', target: '*' }), expect: 400, after: 'close' },
  { name: 'target of 20 kB', send: req({ target: `/api/v1/households/${'1'.repeat(20000)}` }), expect: [414, 431], after: 'close' },
  { name: 'target with a fragment', send: req({ target: '/healthz#top' }), expect: 400, after: 'close' },
  { name: 'NUL byte in the target', send: req({ target: '/heal\x00thz' }), expect: 400, after: 'close' },
  { name: 'control character in the target', send: req({ target: '/heal\x01thz' }), expect: 400, after: 'close' },
  { name: 'DEL in the target', send: req({ target: '/heal\x7fthz' }), expect: 400, after: 'close' },
  { name: 'NUL byte in the method', send: req({ method: 'GE\x00T' }), expect: 400, after: 'close' },
  { name: 'NUL byte in the version', send: req({ version: 'HTTP/1.\x001' }), expect: 400, after: 'close' },
];

// ---- header fields --------------------------------------------------------------------------------
const headers = [
  { name: 'HTTP/1.1 without Host', send: req({ host: null }), expect: 400, after: 'close' },
  { name: 'two Host fields', send: req({ headers: ['Host: evil.example'] }), expect: 400, after: 'close' },
  { name: 'Host with a space', send: req({ host: 'relais test' }), expect: 400, after: 'close' },
  { name: 'Host with a slash', send: req({ host: 'evil.example/x' }), expect: 400, after: 'close' },
  { name: 'Host with user information', send: req({ host: 'user@evil.example' }), expect: 400, after: 'close' },
  { name: 'space before the colon', send: `GET /healthz HTTP/1.1${CRLF}Host : x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'field without a colon', send: req({ headers: ['NoColon'] }), expect: 400, after: 'close' },
  { name: 'field with an empty name', send: req({ headers: [': value'] }), expect: 400, after: 'close' },
  { name: 'field name with a parenthesis', send: req({ headers: ['X(Y): z'] }), expect: 400, after: 'close' },
  { name: 'field name with a space', send: req({ headers: ['X Y: z'] }), expect: 400, after: 'close' },
  { name: 'field name with a non-ASCII byte', send: req({ headers: ['X-\xe9t\xe9: z'] }), expect: 400, after: 'close' },
  { name: 'NUL byte in a field value', send: req({ headers: ['X-A: a\x00b'] }), expect: 400, after: 'close' },
  { name: 'bare CR in a field value', send: req({ headers: ['X-A: a\rb'] }), expect: 400, after: 'close' },
  { name: 'control character in a field value', send: req({ headers: ['X-A: a\x01b'] }), expect: 400, after: 'close' },
  { name: 'obs-fold (continuation line with a space)', send: req({ headers: ['X-A: a', ' b'] }), expect: 400, after: 'close' },
  { name: 'obs-fold (continuation line with a tab)', send: req({ headers: ['X-A: a', '\tb'] }), expect: 400, after: 'close' },
  { name: 'obs-fold of Transfer-Encoding', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding:${CRLF} chunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'obs-fold of Content-Length', send: `POST ${LOGIN} HTTP/1.1${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Content-Length:${CRLF} 2${CRLF}${CRLF}{}`, expect: 400, after: 'close' },
  { name: 'obs-fold of Host', send: `GET /healthz HTTP/1.1${CRLF}Host:${CRLF} relais.test${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: 'white space before the first field', send: `GET /healthz HTTP/1.1${CRLF} Host: x${CRLF}${CRLF}`, expect: 400, after: 'close' },
  { name: '3,000 fields (24 kB of header)', send: req({ headers: Array.from({ length: 3000 }, () => 'X-A: b') }), expect: 431, after: 'close' },
  { name: '24 kB of fields, 1 kB at a time', send: req({ headers: Array.from({ length: 3000 }, () => 'X-A: b') }), pieces: 1000, expect: 431, after: 'close' },
  { name: 'a head of 64 kB, 100 bytes at a time', send: req({ headers: Array.from({ length: 1000 }, (_, i) => `X-${i}: ${'v'.repeat(50)}`) }), pieces: 100, expect: 431, after: 'close' },
  { name: 'one field value of 20 kB', send: req({ headers: [`X-A: ${'b'.repeat(20000)}`] }), expect: 431, after: 'close' },
  { name: 'one field name of 20 kB', send: req({ headers: [`X-${'a'.repeat(20000)}: b`] }), expect: 431, after: 'close' },
  { name: 'a cookie of 17 kB', send: req({ target: '/api/v1/households', headers: [`Cookie: relais_session=${'a'.repeat(17000)}`] }), expect: 431, after: 'close' },
  { name: 'a session cookie that is not UTF-8', send: req({ target: '/api/v1/households', headers: ['Cookie: relais_session=\xff\xfe\x80'] }), expect: 401, after: 'open' },
  { name: 'five thousand empty cookies', send: req({ target: '/api/v1/households', headers: [`Cookie: ${';'.repeat(5000)}`] }), expect: 401, after: 'open' },
  { name: 'a CSRF token that is not UTF-8', send: (ctx) => req({ method: 'POST', target: '/api/v1/buildings', type: 'application/json', body: '{}', headers: [`Cookie: ${ctx.cookie}`, 'X-CSRF-Token: \xff\xfe'] })(ctx), expect: 403, after: 'open' },
  { name: 'a CSRF token of another length', send: (ctx) => req({ method: 'POST', target: '/api/v1/buildings', type: 'application/json', body: '{}', headers: [`Cookie: ${ctx.cookie}`, `X-CSRF-Token: ${ctx.csrf}x`] })(ctx), expect: 403, after: 'open' },
  { name: 'Authorization: Basic is no session', send: req({ target: '/api/v1/households', headers: ['Authorization: Basic YWRtaW46YWRtaW4='] }), expect: 401, after: 'open' },
  { name: 'HTTP/1.0 with Transfer-Encoding: chunked', send: `POST ${LOGIN} HTTP/1.0${CRLF}Host: x${CRLF}Content-Type: application/json${CRLF}Transfer-Encoding: chunked${CRLF}${CRLF}2${CRLF}{}${CRLF}0${CRLF}${CRLF}`, expect: 400, after: 'close' },
];

// ---- paths: traversal of the web app's files, percent-encoding, UTF-8 -----------------------------
// The test serves a web root of its own with a file `secret.txt` next to (outside) it: no answer
// may carry its content.
const traversal = [
  '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt',
  '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/..\\secret.txt',
  '/%252e%252e/secret.txt', '//etc/passwd', '/%2fetc%2fpasswd', '/file:///etc/passwd', '/etc/passwd%00',
  '/index.html%00.js', '/./index.html', '/assets/./app-3f2a1b.js', '/%c0%ae%c0%ae/secret.txt', '/..%c0%afsecret.txt',
  '/%ff', '/menages/%ff', '/menages/\xff', '/menages/%ed%a0%80', '/api/v1/../../etc/passwd', '/api/v1/households/..%2f..%2fhealthz',
  '/C:%5cWindows%5cwin.ini', '/menages/.', '/menages/..', '/%2e', '/assets/%00',
].map((target) => ({ name: `traversal ${JSON.stringify(target)}`, send: req({ target }), expect: [400, 404] }));

const percent = [
  '/%', '/%4', '/%zz', '/%%', '/%u0041', '/%G0', '/api/v1/households/%', '/api/v1/households/%4', '/healthz%',
  '/api/v1/%%32%65', '/healthz%00',
].map((target) => ({ name: `bad escape in the path ${JSON.stringify(target)}`, send: req({ target }), expect: 400, after: 'close' }));

const query = [
  ...['?q=%', '?q=%4', '?q=%zz', '?%zz=1', '?q=%FF', '?q=%C0%80', '?q=%00', '?q=%ED%A0%80', '?q=%F4%90%80%80', '?q=\xff']
    .map((q) => ({ name: `bad query ${JSON.stringify(q)}`, send: req({ target: `/api/v1/households/search${q}`, auth: true }), expect: 400 })),
  ...['limit=-1', 'limit=0', 'limit=201', 'limit=1e2', 'limit=0x10', 'limit=99999999999999999999', 'limit=', 'limit=%2B5', 'limit=%205', 'after=-1',
    'after=abc', 'after=1.5', 'building_id=9223372036854775808', 'building_id=1.0', 'building_id=%2D1', 'dwelling_id=0x1']
    .map((q) => ({ name: `out-of-range parameter ${q}`, send: req({ target: `/api/v1/households?${q}`, auth: true }), expect: 400, after: 'open' })),
  ...['?limit=1&limit=200', '?building_id=1&building_id=2', '?after=1&after=2&after=3']
    .map((q) => ({ name: `parameter given twice ${q}`, send: req({ target: `/api/v1/households${q}`, auth: true }), expect: 400 })),
  // Accepted and answered (200), never a crash: the longest word is read first and matches nothing.
  ...['zzzzzzzz+dupont', 'h%C3%A9l%C3%A8ne+zzzzzzzzzzzz+dupont']
    .map((q) => ({ name: `search whose longest word matches nothing: ${q}`, send: req({ target: `/api/v1/households/search?q=${q}`, auth: true }), expect: 200, after: 'open' })),
  ...['9223372036854775808', '-1', '1e3', '0x10', '1%00', '00000000000000000001']
    .map((id) => ({ name: `id ${id} in the path`, send: req({ target: `/api/v1/households/${id}`, auth: true }), expect: [400, 404] })),
];

// ---- JSON bodies ------------------------------------------------------------------------------------
const jsonSyntax = [
  ['empty body', ''], ['white space only', '  \r\n\t '], ['null', 'null'], ['an array', '[]'], ['a string', '"x"'], ['a number', '1'],
  ['truncated', '{"reference": "R'], ['trailing garbage', '{}x'], ['two objects', '{}{}'], ['a comment', '{/*c*/}'], ['single quotes', "{'reference': 'R'}"],
  ['NaN', '{"floors": NaN}'], ['Infinity', '{"floors": Infinity}'], ['-Infinity', '{"floors": -Infinity}'], ['a trailing comma', '{"reference": "R",}'],
  ['a leading zero', '{"floors": 012}'], ['a bad escape', '{"reference": "\\x41"}'], ['a raw control character in a string', '{"reference": "a\u0001b"}'],
  ['an unterminated string', '{"reference": "abc}'], ['100,000 nested arrays', `{"a": ${'['.repeat(100000)}${']'.repeat(100000)}}`],
  ['100,000 unclosed arrays', `{"a": ${'['.repeat(100000)}`], ['40 nested objects', `{"a": ${'{"a": '.repeat(40)}1${'}'.repeat(40)}}`],
  ['nesting after an escaped quote', `{"a": "\\"", "b": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
  ['closing brackets first', `{"a": ${']'.repeat(1000)}${'['.repeat(1000)}}`],
  ['a key without a value', '{"reference"}'], ['a bare word', '{reference: 1}'],
].map(([what, body]) => ({ name: `JSON: ${what}`, send: building(body), expect: 400, after: 'open' }));

const utf8 = [
  ['0xFF in a value', raw('{"reference": "', Buffer.from([0xff]), '", "street": "x", "commune_insee": "14118"}')],
  ['an overlong "/"', raw('{"reference": "', Buffer.from([0xc0, 0xaf]), '", "street": "x", "commune_insee": "14118"}')],
  ['an encoded surrogate', raw('{"reference": "', Buffer.from([0xed, 0xa0, 0x80]), '", "street": "x", "commune_insee": "14118"}')],
  ['a truncated sequence', raw('{"reference": "', Buffer.from([0xe2, 0x82]), '", "street": "x", "commune_insee": "14118"}')],
  ['Latin-1 é', raw('{"reference": "R", "street": "', Buffer.from([0xe9]), 'glise", "commune_insee": "14118"}')],
  ['beyond U+10FFFF', raw('{"reference": "', Buffer.from([0xf4, 0x90, 0x80, 0x80]), '", "street": "x", "commune_insee": "14118"}')],
  ['invalid UTF-8 in a key', raw('{"', Buffer.from([0xff, 0xfe]), '": 1, "reference": "R", "street": "x", "commune_insee": "14118"}')],
  ['a UTF-16 body', Buffer.from('\ufeff{"reference": "R"}', 'utf16le')],
  ['a lone high surrogate escape', b({ reference: 'R' }).replace('"R"', '"\\ud800"')],
  ['a lone low surrogate escape', b({ reference: 'R' }).replace('"R"', '"\\udc00"')],
  ['reversed surrogate escapes', b({ reference: 'R' }).replace('"R"', '"\\udc00\\ud800"')],
  ['an escaped NUL', b({ reference: 'R' }).replace('"R"', '"R\\u0000"')],
  ['an escaped control character', b({ street: 'x' }).replace('"x"', '"a\\u001bb"')],
].map(([what, body]) => ({ name: `UTF-8: ${what}`, send: building(body), expect: 400, after: 'open' }));

const numbers = [
  ['floors 2^63', b({}).replace('}', ', "floors": 9223372036854775808}'), 'floors'],
  ['floors 2^64', b({}).replace('}', ', "floors": 18446744073709551616}'), 'floors'],
  ['floors 1e400', b({}).replace('}', ', "floors": 1e400}'), 'floors'],
  ['floors -1e400', b({}).replace('}', ', "floors": -1e400}'), 'floors'],
  ['floors 1.5', b({ floors: 1.5 }), 'floors'],
  ['floors 3.0', b({}).replace('}', ', "floors": 3.0}'), 'floors'],
  ['floors 1e1', b({}).replace('}', ', "floors": 1e1}'), 'floors'],
  ['floors -1', b({ floors: -1 }), 'floors'],
  ['floors 61', b({ floors: 61 }), 'floors'],
  ['floors of 5,000 digits', b({}).replace('}', `, "floors": ${'9'.repeat(5000)}}`), 'floors'],
  ['agency_id -0', b({}).replace('}', ', "agency_id": -0}'), 'agency_id'],
  ['agency_id -2^63-1', b({}).replace('}', ', "agency_id": -9223372036854775809}'), 'agency_id'],
  ['agency_id -2^63', b({}).replace('}', ', "agency_id": -9223372036854775808}'), 'agency_id'],
  ['surface_m2 1e400', (ctx) => d({})(ctx).replace('"surface_m2":65', '"surface_m2":1e400'), 'surface_m2'],
  ['surface_m2 -0.0', (ctx) => d({})(ctx).replace('"surface_m2":65', '"surface_m2":-0.0'), 'surface_m2'],
  ['surface_m2 5e-324', (ctx) => d({})(ctx).replace('"surface_m2":65', '"surface_m2":5e-324'), 'surface_m2'],
  ['surface_m2 as a string', d({ surface_m2: '65' }), 'surface_m2'],
  ['rent_cents 1e2', (ctx) => d({})(ctx).replace('"rent_cents":45000', '"rent_cents":1e2'), 'rent_cents'],
  ['rent_cents 2^53+1', (ctx) => d({})(ctx).replace('"rent_cents":45000', '"rent_cents":9007199254740993'), 'rent_cents'],
  ['rooms -0', (ctx) => d({})(ctx).replace('"rooms":3', '"rooms":-0'), 'rooms'],
  ['building_id 2^64', (ctx) => d({})(ctx).replace(/"building_id":\d+/, '"building_id":18446744073709551616'), 'building_id'],
].map(([what, body, field]) => ({ name: `number: ${what}`, send: (what.startsWith('floors') || what.startsWith('agency') ? building(body) : dwelling(body)), expect: 400, field, after: 'open' }));

const types = [
  ['reference a number', building(b({ reference: 123 })), 'reference'],
  ['reference an array', building(b({ reference: ['R'] })), 'reference'],
  ['reference an object', building(b({ reference: { a: 1 } })), 'reference'],
  ['reference true', building(b({ reference: true })), 'reference'],
  ['reference null', building(b({ reference: null })), 'reference'],
  ['reference blank', building(b({ reference: '   ' })), 'reference'],
  ['reference of 41 characters', building(b({ reference: 'R'.repeat(41) })), 'reference'],
  ['reference of 900 kB', building(b({ reference: 'R'.repeat(900_000) })), 'reference'],
  ['qpv a string', building(b({ qpv: 'true' })), 'qpv'],
  ['qpv 1', building(b({ qpv: 1 })), 'qpv'],
  ['has_lift an array', building(b({ has_lift: [] })), 'has_lift'],
  ['financing unknown', dwelling(d({ financing: 'HLM' })), 'financing'],
  ['financing a number', dwelling(d({ financing: 1 })), 'financing'],
  ['members a string', household(h({ members: 'Jeanne' })), 'members'],
  ['members an object', household(h({ members: { first_name: 'x' } })), 'members'],
  ['a member that is a number', household(h({ members: [1] })), 'members[0]'],
  ['a member without a name', household(h({ members: [{}] })), 'members[0].first_name'],
  ['a member name a number', household(member({ first_name: 1 })), 'members[0].first_name'],
  ['birth date 2024-02-30', household(member({ birth_date: '2024-02-30' })), 'members[0].birth_date'],
  ['birth date 0000-00-00', household(member({ birth_date: '0000-00-00' })), 'members[0].birth_date'],
  ['birth date 2024-13-01', household(member({ birth_date: '2024-13-01' })), 'members[0].birth_date'],
  ['birth date 2024-1-1', household(member({ birth_date: '2024-1-1' })), 'members[0].birth_date'],
  ['birth date with a time', household(member({ birth_date: '2024-01-01T00:00:00Z' })), 'members[0].birth_date'],
  ['birth date a number', household(member({ birth_date: 20240101 })), 'members[0].birth_date'],
  ['birth date -9999-01-01', household(member({ birth_date: '-999-01-01' })), 'members[0].birth_date'],
  ['relation unknown', household(member({ relation: 'cousin' })), 'members[0].relation'],
  ['phones an object', household(h({ phones: { number: '0612345678' } })), 'phones'],
  ['a phone without a number', household(h({ phones: [{ label: 'x' }] })), 'phones[0].number'],
  ['lease an array', household(h({ lease: [] })), 'lease'],
  ['lease with a numeric date', household(h({ lease: { start_date: 20240101, rent_cents: 1, charges_cents: 1 } })), 'lease.start_date'],
  ['email a number (sign-in)', login(JSON.stringify({ email: 1, password: 'x' })), 'email'],
  ['password an object (sign-in)', login(JSON.stringify({ email: 'a@b.fr', password: { $ne: null } })), 'password'],
  ['email of 255 characters (sign-in)', login(JSON.stringify({ email: `${'a'.repeat(245)}@b.fr.test`, password: 'x' })), 'email'],
  ['password of 1,025 characters (sign-in)', login(JSON.stringify({ email: 'a@b.fr', password: 'x'.repeat(1025) })), 'password'],
].map(([what, send, field]) => ({ name: `type: ${what}`, send, expect: 400, field, after: 'open' }));

const unknownFields = [
  ['__proto__', building(b({}).replace('{', '{"__proto__": {"admin": true}, ')), '__proto__'],
  ['constructor', building(b({ constructor: { prototype: {} } })), 'constructor'],
  ['Reference (case)', building(b({ Reference: 'R2' })), 'Reference'],
  ['"reference " (trailing space)', building(b({ 'reference ': 'R2' })), 'reference '],
  ['an empty key', building(b({ '': 1 })), ''],
  ['a key of 100 kB', building(b({ ['k'.repeat(100_000)]: 1 })), 'k'.repeat(100_000)],
  ['organisation_id (another landlord)', building(b({ organisation_id: 2 })), 'organisation_id'],
  ['id on creation', building(b({ id: 1 })), 'id'],
  ['unknown field in a member', household(member({ role: 'admin' })), 'members[0].role'],
  ['unknown field in a phone', household(h({ phones: [{ number: '0612345678', sms: true }] })), 'phones[0].sms'],
  ['unknown field in the lease', household(h({ lease: { start_date: '2024-01-01', rent_cents: 1, charges_cents: 1, deposit: 5 } })), 'lease.deposit'],
  ['remember_me (sign-in)', login(JSON.stringify({ email: 'a@b.fr', password: 'x', remember_me: true })), 'remember_me'],
  ['unknown field on update', (ctx) => json('PATCH', `/api/v1/buildings/${ctx.ids.building}`, '{"colour": "red"}')(ctx), 'colour'],
  ['unknown field on a dwelling update', (ctx) => json('PATCH', `/api/v1/dwellings/${ctx.ids.dwelling}`, '{"owner": "x"}')(ctx), 'owner'],
].map(([what, send, field]) => ({ name: `unknown field: ${what}`, send, expect: 400, field, after: 'open' }));


// Two values for one key: which one counts depends on the parser (a proxy or a log may read the
// other), so the body is refused rather than read.
const duplicateKeys = [
  ['email twice (sign-in)', (ctx) => login(`{"email": "someone@else.test", "email": "${ctx.email}", "password": "${ctx.password}"}`)(ctx), 'email'],
  ['password twice (sign-in)', (ctx) => login(`{"email": "${ctx.email}", "password": "wrong", "password": "${ctx.password}"}`)(ctx), 'password'],
  ['email twice, once escaped (sign-in)', (ctx) => login(`{"email": "x@y.test", "\\u0065mail": "${ctx.email}", "password": "${ctx.password}"}`)(ctx), 'email'],
  ['reference twice', building('{"reference": "DUP-1", "reference": "DUP-2", "street": "x", "commune_insee": "14118"}'), 'reference'],
  ['a member field twice', household((ctx) => `{"reference": "DUP-H", "dwelling_id": ${ctx.ids.dwelling}, "members": [{"first_name": "A", "first_name": "B", "last_name": "C"}]}`), 'members[0].first_name'],
  ['a lease field twice', household((ctx) => `{"reference": "DUP-H2", "dwelling_id": ${ctx.ids.dwelling}, "members": [{"first_name": "A", "last_name": "C"}], "lease": {"start_date": "2024-01-01", "rent_cents": 1, "rent_cents": 2, "charges_cents": 1}}`), 'lease.rent_cents'],
  ['a field twice on update', (ctx) => json('PATCH', `/api/v1/buildings/${ctx.ids.building}`, '{"name": "A", "name": "B"}')(ctx), 'name'],
].map(([what, send, field]) => ({ name: `duplicate key: ${what}`, send, expect: 400, field, after: 'open' }));

// A body that is not JSON by its media type is 415, even when its bytes are JSON: a cross-site
// HTML form can post text/plain or form data without a CORS preflight.
const mediaTypes = [
  'text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml',
  'application/jsonx', 'application/json-patch+json', 'application/json; charset=iso-8859-1', 'json', 'application/', '',
].map((type) => ({
  name: `Content-Type ${JSON.stringify(type)} on sign-in with the right password`,
  send: (ctx) => login(JSON.stringify({ email: ctx.email, password: ctx.password }), { type })(ctx), expect: 415, after: 'open',
}));
mediaTypes.push(
  { name: 'no Content-Type on sign-in with the right password', send: (ctx) => req({ method: 'POST', target: LOGIN, body: JSON.stringify({ email: ctx.email, password: ctx.password }) })(ctx), expect: 415, after: 'open' },
  { name: 'Content-Type text/plain on a building', send: json('POST', '/api/v1/buildings', b({ reference: 'CT-1' }), { type: 'text/plain' }), expect: 415, after: 'open' },
  { name: 'Content-Type twice (JSON, then form)', send: (ctx) => req({ method: 'POST', target: '/api/v1/buildings', auth: true, body: b({ reference: 'CT-2' }), headers: ['Content-Type: application/json', 'Content-Type: application/x-www-form-urlencoded'] })(ctx), expect: 415, after: 'open' },
  { name: 'Content-Type text/plain on an update', send: (ctx) => json('PATCH', `/api/v1/buildings/${ctx.ids.building}`, '{"name": "CT"}', { type: 'text/plain' })(ctx), expect: 415, after: 'open' },
);

// ---- not HTTP at all --------------------------------------------------------------------------------
const connection = [
  { name: 'an empty connection', send: '', expect: 'none', after: 'close', end: true },
  { name: 'blank lines only', send: '\r\n\r\n\r\n', expect: [400, 'none'], after: 'close', end: true },
  { name: 'a TLS ClientHello', send: Buffer.from('160301009e0100009a0303' + '00'.repeat(32) + '000002c02f0100006f0000000e000c0000096c6f63616c686f7374', 'hex'), expect: 400, after: 'close' },
  { name: '1 kB of noise', send: noise(1024, 7), expect: 400, after: 'close' },
  { name: '16 kB of noise', send: noise(16384, 11), expect: [400, 431], after: 'close' },
  { name: 'NUL bytes', send: Buffer.alloc(100), expect: 400, after: 'close' },
  { name: 'an SSH banner', send: 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', expect: 400, after: 'close' },
  { name: 'an SMTP greeting', send: 'EHLO relais.test\r\n', expect: 400, after: 'close' },
  { name: 'a UTF-16 request', send: Buffer.from(`GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`, 'utf16le'), expect: 400, after: 'close' },
  { name: 'a byte-order mark before the request', send: raw(Buffer.from([0xef, 0xbb, 0xbf]), `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`), expect: 400, after: 'close' },
  { name: 'a good request, then garbage', send: `GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n`, pipeline: [200, 400], after: 'close' },
];

export const GROUPS = {
  'framing and request smuggling': smuggling,
  'chunked bodies': chunked,
  'line endings, request line and version': requestLine,
  'header fields': headers,
  'paths: traversal of the web app files': traversal,
  'paths: bad percent-encoding': percent,
  'query strings and ids': query,
  'JSON syntax and nesting': jsonSyntax,
  'JSON: invalid UTF-8': utf8,
  'JSON: numbers out of range': numbers,
  'JSON: wrong types and lengths': types,
  'JSON: unknown fields': unknownFields,
  'JSON: duplicate keys': duplicateKeys,
  'media types': mediaTypes,
  'not HTTP': connection,
};
