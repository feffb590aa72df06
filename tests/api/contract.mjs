// The HTTP contract as a test oracle: api/openapi.yaml is loaded once per test process, its $refs
// are inlined, and every response that the harness client receives is checked against the schema
// of its path, method, status and content type (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it,
// with ajv-formats for date and date-time). harness.mjs calls checkResponse() on every response,
// so each API test checks the contract without asking; at exit each test process prints how many
// responses it validated.
//
// The rules, beyond the schemas:
// - A status that the operation does not document is a failure (no "default" in our contract).
// - A documented response object is closed: a field the schema does not name is a failure
//   (unevaluatedProperties: false is added to every object schema that lists properties and
//   does not say otherwise), so that the contract cannot silently fall behind the server.
// - A request that matches no documented path answers 404 problem+json, except a GET outside
//   /api/ that the web app serves (200, not checked further); a documented path with an
//   undocumented method answers 405 problem+json whose Allow lists exactly the documented methods.
// - Every response carries the security headers (checkSecurityHeaders) and API responses
//   Cache-Control: no-store.
// - A problem+json body's status equals the HTTP status.
// Some answers come from the HTTP layer before any route (an unparseable request target, an
// oversized body): a test marks those with { contract: 'problem' } and they are checked as a
// problem+json of their status.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const OPENAPI_FILE = join(ROOT, 'api/openapi.yaml');
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The parsed contract (YAML anchors resolved; $refs left as they are). */
export const spec = parse(readFileSync(OPENAPI_FILE, 'utf8'), { maxAliasCount: -1 });

/** Every documented operation: { method: 'GET', path: '/api/v1/households/{id}', operation }. */
export function documentedOperations() {
  const out = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const m of METHODS) if (item[m]) out.push({ method: m.toUpperCase(), path, operation: item[m] });
  }
  return out;
}

/** The value at a local reference ("#/components/schemas/X") of the contract. */
export function resolvePointer(ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, not ${ref}`);
  let node = spec;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node)) throw new Error(`dangling $ref ${ref}`);
    node = node[key];
  }
  return node;
}

/** A deep copy of `node` with every $ref replaced by its target (a cycle is an error). */
export function deref(node, stack = []) {
  if (Array.isArray(node)) return node.map((x) => deref(x, stack));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) throw new Error(`cyclic $ref ${[...stack, node.$ref].join(' -> ')}`);
    const { $ref, ...siblings } = node;
    const target = deref(resolvePointer($ref), [...stack, $ref]);
    // OpenAPI 3.1 allows siblings of $ref (description, summary): the target wins on conflicts.
    return Object.keys(siblings).length ? { ...deref(siblings, stack), ...target } : target;
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) out[k] = deref(v, stack);
  return out;
}

// Object schemas become closed, except the members of an allOf (their union is closed by the
// schema that holds the allOf, through unevaluatedProperties).
function close(schema, inAllOf = false) {
  if (Array.isArray(schema)) return schema.map((s) => close(s));
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'properties' || k === 'patternProperties' || k === '$defs') {
      out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, close(s)]));
    } else if (k === 'allOf') {
      out[k] = v.map((s) => close(s, true));
    } else if (['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'].includes(k)) {
      out[k] = close(v);
    } else if (k === 'oneOf' || k === 'anyOf' || k === 'prefixItems') {
      out[k] = v.map((s) => close(s));
    } else {
      out[k] = v;
    }
  }
  const lists = 'properties' in schema || 'allOf' in schema;
  if (lists && !inAllOf && !('additionalProperties' in schema) && !('unevaluatedProperties' in schema)) {
    out.unevaluatedProperties = false;
    out.type ??= 'object';
  }
  return out;
}

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
addFormats(ajv);
// OpenAPI's own annotation keywords, which JSON Schema does not know.
ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);

const compiled = new Map();
function validatorFor(key, schema) {
  let v = compiled.get(key);
  if (!v) {
    v = ajv.compile(close(deref(schema)));
    compiled.set(key, v);
  }
  return v;
}

/** Compiles every response schema of the contract; throws on the first that ajv refuses. */
export function compileAll() {
  let n = 0;
  for (const { method, path, operation } of documentedOperations()) {
    for (const [status, resp] of Object.entries(operation.responses ?? {})) {
      const content = deref(resp).content ?? {};
      for (const [media, { schema }] of Object.entries(content)) {
        if (!schema) continue;
        validatorFor(`${method} ${path} ${status} ${media}`, schema);
        n++;
      }
    }
  }
  return n;
}

// Paths as patterns: literal segments, and {name} for one non-empty segment. A path matches the
// pattern with the most literal segments (/households/search before /households/{id}).
const patterns = Object.keys(spec.paths ?? {}).map((p) => {
  const segs = p.split('/').slice(1);
  return { path: p, segs, literals: segs.filter((s) => !/^\{.+\}$/.test(s)).length };
});

/** The documented path pattern that a concrete path (without query) matches, or null. */
export function matchPath(path) {
  const parts = path.split('/').slice(1);
  let best = null;
  for (const p of patterns) {
    if (p.segs.length !== parts.length) continue;
    const ok = p.segs.every((s, i) => (/^\{.+\}$/.test(s) ? parts[i] !== '' : s === parts[i]));
    if (ok && (!best || p.literals > best.literals)) best = p;
  }
  return best?.path ?? null;
}

export class ContractError extends Error {}

const stats = { validated: 0, byOperation: new Map(), static: 0, unchecked: 0 };
/** How many responses this process checked, by "METHOD /pattern STATUS". */
export function contractStats() {
  return { ...stats, byOperation: new Map(stats.byOperation) };
}

function fail(res, message) {
  const body = (res.text ?? '').slice(0, 600);
  throw new ContractError(`contract (api/openapi.yaml): ${res.method} ${res.path} answered ${res.status}: ${message}\n  body: ${body}`);
}

function mediaType(headers) {
  return (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

function validateBody(res, key, schema, media) {
  const validate = validatorFor(key, schema);
  let value;
  if (/^application\/([a-z.+-]+\+)?json$/.test(media)) {
    try {
      value = JSON.parse(res.text);
    } catch {
      fail(res, `the ${media} body is not JSON`);
    }
  } else if (media.startsWith('text/')) {
    value = res.text;
  } else {
    return;
  }
  if (!validate(value)) {
    const errors = validate.errors.slice(0, 8).map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.unevaluatedProperty ? ` (${e.params.unevaluatedProperty})` : ''}`);
    fail(res, `the body does not match the schema of ${key}:\n    ${errors.join('\n    ')}`);
  }
  if (media === 'application/problem+json' && value.status !== res.status) {
    fail(res, `the problem's status ${value.status} is not the HTTP status`);
  }
}

const problemSchema = { $ref: '#/components/schemas/Problem' };
function checkProblem(res, expected) {
  if (expected && !expected.includes(res.status)) fail(res, `expected ${expected.join(' or ')}`);
  const media = mediaType(res.headers);
  if (media !== 'application/problem+json') fail(res, `expected application/problem+json, got "${media}"`);
  validateBody(res, 'Problem', problemSchema, media);
}

/**
 * Checks the security headers that every response carries, and Cache-Control: no-store on the
 * API (everything that is not a file of the web app). Throws a ContractError.
 */
export function checkSecurityHeaders(res, { isStatic = false } = {}) {
  const h = res.headers;
  if (h.get('x-content-type-options') !== 'nosniff') fail(res, 'X-Content-Type-Options is not nosniff');
  if (!h.get('referrer-policy')) fail(res, 'no Referrer-Policy');
  const csp = h.get('content-security-policy') ?? '';
  if (!csp) fail(res, 'no Content-Security-Policy');
  if (/'unsafe-inline'|'unsafe-eval'/.test(csp)) fail(res, `the CSP allows inline or eval'd code: ${csp}`);
  if (!/(^|;)\s*frame-ancestors 'none'\s*(;|$)/.test(csp)) fail(res, `the CSP lacks frame-ancestors 'none': ${csp}`);
  if (!/(^|;)\s*(script-src|default-src) /.test(csp)) fail(res, `the CSP restricts no script source: ${csp}`);
  if (!h.get('x-request-id')) fail(res, 'no X-Request-Id');
  if (!isStatic && !/\bno-store\b/.test(h.get('cache-control') ?? '')) {
    fail(res, `Cache-Control is "${h.get('cache-control')}", not no-store`);
  }
}

/**
 * Checks one response against the contract. `res` is { method, path, status, headers, text }
 * (path may carry a query). `contract` is undefined (the operation's documented responses),
 * 'problem' (an answer of the HTTP layer: any problem+json), or false (not checked; only for
 * responses that are not HTTP answers of Relais at all). Throws a ContractError.
 */
export function checkResponse(res, contract) {
  if (contract === false) {
    stats.unchecked++;
    return;
  }
  const key = validateResponse(res, contract);
  stats.validated++;
  stats.byOperation.set(key, (stats.byOperation.get(key) ?? 0) + 1);
}

/** checkResponse() without counting: resolves to the "METHOD /pattern STATUS" it checked. */
export function validateResponse(res, contract) {
  const path = res.path.split('?')[0];
  const r = { ...res, path: res.path };
  const pattern = matchPath(path);
  const item = pattern ? spec.paths[pattern] : null;
  const op = item?.[res.method.toLowerCase()];
  let key;
  if (contract === 'problem') {
    checkSecurityHeaders(r);
    checkProblem(r);
    key = `${res.method} (HTTP layer) ${res.status}`;
  } else if (!pattern) {
    const isStatic = res.status === 200 && (res.method === 'GET' || res.method === 'HEAD') && !path.startsWith('/api/');
    checkSecurityHeaders(r, { isStatic });
    if (isStatic) {
      key = `${res.method} (web app) 200`;
    } else {
      checkProblem(r, [404]);
      key = `${res.method} (undocumented path) 404`;
    }
  } else if (!op) {
    checkSecurityHeaders(r);
    checkProblem(r, [405]);
    const documented = METHODS.filter((m) => item[m]).map((m) => m.toUpperCase()).sort();
    const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim()).filter(Boolean).sort();
    if (allow.join() !== documented.join()) fail(r, `Allow is "${allow}", the contract documents ${documented}`);
    key = `${res.method} ${pattern} (undocumented method) 405`;
  } else {
    checkSecurityHeaders(r);
    key = `${res.method} ${pattern} ${res.status}`;
    const responses = op.responses ?? {};
    const documented = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`];
    if (!documented) fail(r, `status ${res.status} is not documented for ${res.method} ${pattern} (documented: ${Object.keys(responses).join(', ')})`);
    const resp = deref(documented);
    const media = mediaType(res.headers);
    if (!resp.content) {
      if (res.text) fail(r, 'the contract documents no body for this status, but there is one');
    } else {
      if (!resp.content[media]) fail(r, `content type "${media}" is not documented (documented: ${Object.keys(resp.content).join(', ')})`);
      const { schema } = resp.content[media];
      if (schema) validateBody(r, `${key} ${media}`, schema, media);
    }
  }
  return key;
}

process.on('exit', () => {
  if (stats.validated + stats.unchecked === 0) return;
  const ops = [...stats.byOperation.keys()].filter((k) => !k.includes('(')).length;
  stats.static = [...stats.byOperation].filter(([k]) => k.includes('(web app)')).reduce((n, [, c]) => n + c, 0);
  const file = process.argv[1] ? process.argv[1].split('/').pop() : 'this process';
  process.stdout.write(
    `contract (${file}): ${stats.validated} responses validated against api/openapi.yaml ` +
      `(${ops} distinct documented operation and status pairs${stats.static ? `, ${stats.static} web app files` : ''}` +
      `${stats.unchecked ? `, ${stats.unchecked} unchecked` : ''})\n`,
  );
});
