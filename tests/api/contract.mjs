// The HTTP contract, api/openapi.yaml (OpenAPI 3.1), for the black-box tests: which operations it
// documents, and whether a response of the real server matches it (documented status, content
// type, and body valid against its JSON Schema 2020-12, with ajv).
//
//   import { contract } from './contract.mjs';
//   const res = await api.get('/api/v1/households');
//   contract.assertResponse(res);   // throws an AssertionError listing every mismatch
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

import { ROOT } from './harness.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const DOC_ID = 'https://relais.invalid/openapi.json';

// JSON Pointer escaping of one reference token (RFC 6901).
const pointer = (...tokens) => tokens.map((t) => '/' + String(t).replaceAll('~', '~0').replaceAll('/', '~1')).join('');

export class Contract {
  constructor(doc) {
    this.doc = doc;
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // OpenAPI's numeric formats say nothing that `type` does not already check.
    for (const f of ['int32', 'int64', 'float', 'double']) this.ajv.addFormat(f, true);
    // The whole document is one schema resource, so that "#/components/..." references resolve.
    this.ajv.addSchema(doc, DOC_ID);
    this.validators = new Map();
    // Literal templates before templates with parameters: /households/search before /households/{id}.
    this.templates = Object.keys(doc.paths ?? {})
      .map((t) => ({ t, re: new RegExp('^' + t.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$') }))
      .sort((a, b) => (a.t.match(/\{/g)?.length ?? 0) - (b.t.match(/\{/g)?.length ?? 0));
  }

  /** Every documented operation as "METHOD /template", sorted. */
  operations() {
    const ops = [];
    for (const [t, item] of Object.entries(this.doc.paths ?? {})) {
      for (const m of METHODS) if (item[m]) ops.push(`${m.toUpperCase()} ${t}`);
    }
    return ops.sort();
  }

  /** The path template that a concrete path falls under, or null. */
  template(path) {
    return this.templates.find(({ re }) => re.test(path))?.t ?? null;
  }

  /** Follows a local "$ref" (one level is all OpenAPI responses need). */
  resolve(obj) {
    if (!obj?.$ref) return obj;
    assert.match(obj.$ref, /^#\//, `only local references are supported: ${obj.$ref}`);
    return obj.$ref
      .slice(2)
      .split('/')
      .map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce((o, k) => o?.[k], this.doc);
  }

  validator(...tokens) {
    const ref = DOC_ID + '#' + pointer(...tokens);
    if (!this.validators.has(ref)) this.validators.set(ref, this.ajv.compile({ $ref: ref }));
    return this.validators.get(ref);
  }

  /**
   * The mismatches between a response of the test client ({ method, path, status, headers,
   * body, text }) and the contract, as sentences; [] when it matches.
   */
  check(res) {
    const { method, status } = res;
    const path = res.path.split('?')[0];
    const where = `${method} ${path} -> ${status}`;
    const t = this.template(path);
    if (!t) return [`${where}: the path is not in api/openapi.yaml`];
    const op = this.doc.paths[t][method.toLowerCase()];
    if (!op) return [`${where}: ${method} ${t} is not in api/openapi.yaml`];
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => op.responses?.[c]);
    if (!code) return [`${where}: status ${status} is not documented for ${method} ${t}`];
    const response = this.resolve(op.responses[code]);
    const type = (res.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!response.content) {
      return res.text ? [`${where}: a body (${type}) where the contract documents none`] : [];
    }
    if (!response.content[type]) {
      return [`${where}: content type "${type}" not documented (documented: ${Object.keys(response.content).join(', ')})`];
    }
    if (!response.content[type].schema) return [];
    // The schema by its place in the document: a $ref'd response is found under components.
    const base = op.responses[code].$ref
      ? op.responses[code].$ref.slice(2).split('/').map((x) => x.replaceAll('~1', '/').replaceAll('~0', '~'))
      : ['paths', t, method.toLowerCase(), 'responses', code];
    const validate = this.validator(...base, 'content', type, 'schema');
    const value = /json/.test(type) ? res.body : res.text;
    if (validate(value)) return [];
    return validate.errors.map((e) => `${where}: body${e.instancePath || ''} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
  }

  /** Throws an AssertionError listing every mismatch between the response and the contract. */
  assertResponse(res) {
    const problems = this.check(res);
    assert.deepEqual(problems, [], `the response does not match api/openapi.yaml:\n  ${problems.join('\n  ')}\n${res.text.slice(0, 2000)}`);
  }
}

/** api/openapi.yaml, loaded once per test process. */
export const contract = new Contract(YAML.parse(readFileSync(join(ROOT, 'api/openapi.yaml'), 'utf8')));
