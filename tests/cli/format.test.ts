import { describe, expect, it } from 'vitest';
import { summarizeValidation } from '../../src/cli/build.js';
import { diffInventories, failures, formatDiffMarkdown, formatDiffText, parseInventory } from '../../src/cli/diff.js';
import { formatMarkdown, formatTable } from '../../src/cli/format.js';
import { SCHEMA_VERSION, summarize, type Endpoint, type Inventory } from '../../src/cli/model.js';
import { formatOpenApi, toOpenApiPath } from '../../src/cli/openapi.js';

function endpoint(overrides: Partial<Endpoint> & { method: string; path: string | null }): Endpoint {
  return {
    id: `${overrides.method} ${overrides.path ?? 'src/app.ts#handler'}`,
    framework: 'express',
    file: 'src/app.ts',
    line: 10,
    handler: { name: null, line: 10 },
    mount: null,
    auth: { status: 'authenticated', by: 'requireAuth', roleChecked: false, guards: ['requireAuth'] },
    inputs: [],
    validated: null,
    sinks: [],
    exposure: { wholeObjectResponses: [], massAssignments: [] },
    ...overrides,
  };
}

function inventory(endpoints: Endpoint[]): Inventory {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'eslint-plugin-api-security', version: '0.0.0-test' },
    summary: summarize(endpoints, 3, 0),
    endpoints,
    errors: [],
    unreadable: [],
    skipped: [],
  };
}

const users = endpoint({
  method: 'GET',
  path: '/api/users/:id',
  line: 52,
  file: 'src/routes/users.ts',
  auth: { status: 'unauthenticated', by: null, roleChecked: false, guards: [] },
  inputs: [{ location: 'path', name: 'id', expression: 'req.params.id', line: 53, validated: false, reason: 'read directly' }],
  validated: false,
  exposure: { wholeObjectResponses: [{ sink: 'res.json', value: 'user', line: 56, fields: null }], massAssignments: [] },
});
const orders = endpoint({
  method: 'GET',
  path: '/api/orders',
  inputs: [
    { location: 'query', name: 'status', expression: 'req.query.status', line: 15, validated: false, reason: 'read directly' },
    { location: 'query', name: 'limit', expression: 'req.query.limit', line: 16, validated: true, reason: 'Number()' },
    { location: 'header', name: 'X-Tenant', expression: "req.get('X-Tenant')", line: 17, validated: false, reason: 'read directly' },
  ],
  validated: 'partial',
  sinks: [{ kind: 'sql', injection: true, sink: 'pool.query', line: 18, source: 'req.query.status' }],
});
const signup = endpoint({
  method: 'POST',
  path: '/signup',
  handler: { name: 'signup', line: 30 },
  auth: { status: 'public', by: 'public path **/signup', roleChecked: false, guards: [] },
  inputs: [
    { location: 'body', name: 'email', expression: 'req.body.email', line: 31, validated: true, reason: 'schema.parse' },
    { location: 'body', name: 'password', expression: 'req.body.password', line: 31, validated: true, reason: 'schema.parse' },
  ],
  validated: true,
});

describe('summary', () => {
  it('counts statuses, injection and exposure', () => {
    expect(summarize([users, orders, signup], 3, 1)).toEqual({
      files: 3, endpoints: 3, authenticated: 1, public: 1, unauthenticated: 1, unknown: 0, injection: 1, exposure: 1, errors: 1,
      unreadable: 0, skipped: 0, complete: false,
    });
  });

  it('summarises validation per endpoint', () => {
    expect(summarizeValidation([])).toBeNull();
    expect(summarizeValidation([true, true])).toBe(true);
    expect(summarizeValidation([false])).toBe(false);
    expect(summarizeValidation([true, false])).toBe('partial');
    expect(summarizeValidation(['partial'])).toBe('partial');
  });
});

describe('table', () => {
  it('aligns one row per endpoint and ends with the summary', () => {
    const lines = formatTable(inventory([users, orders])).split('\n');
    expect(lines[0]).toMatch(/^METHOD {2}PATH +AUTH +INPUTS +SINKS +EXPOSES +LOCATION$/u);
    expect(lines[1]).toMatch(/^GET {5}\/api\/users\/:id +UNAUTHENTICATED +path\.id✗ +- +sends user +src\/routes\/users\.ts:52$/u);
    expect(lines[2]).toContain('query.status✗ query.limit✓ header.X-Tenant✗');
    expect(lines[2]).toContain('sql:pool.query');
    // Columns line up: every row has LOCATION at the same offset.
    const offset = lines[0]!.indexOf('LOCATION');
    expect(lines[1]!.indexOf('src/routes/users.ts')).toBe(offset);
    expect(lines[2]!.indexOf('src/app.ts')).toBe(offset);
    expect(lines.at(-2)).toBe(
      '2 endpoints (3 files scanned): 1 authenticated, 0 public, 1 unauthenticated, 0 unknown; 1 reach an injection sink (SQL, NoSQL, shell, code); 1 send whole records or write whole request bodies',
    );
  });
});

describe('markdown', () => {
  it('renders a summary and a table with escaped cells', () => {
    const text = formatMarkdown(inventory([users, signup, endpoint({ method: 'GET', path: '/a|b' })]));
    expect(text).toContain('## API inventory');
    expect(text).toContain('**3 endpoints** (3 files scanned)');
    expect(text).toContain('| `GET` | `/api/users/:id` | ⚠️ **unauthenticated** | `path.id` ✗ | — | sends user | `src/routes/users.ts:52` |');
    expect(text).toContain('| `POST` | `/signup` | public (public path **/signup) | `body.email` ✓, `body.password` ✓ |');
    expect(text).toContain('`/a\\|b`');
  });
});

describe('openapi', () => {
  it('converts route parameters of each framework', () => {
    expect(toOpenApiPath('/users/:id/posts/:postId?')).toEqual({ path: '/users/{id}/posts/{postId}', parameters: ['id', 'postId'] });
    expect(toOpenApiPath('/api/projects/[id]')).toEqual({ path: '/api/projects/{id}', parameters: ['id'] });
    expect(toOpenApiPath('/files/[...path]')).toEqual({ path: '/files/{path}', parameters: ['path'] });
    expect(toOpenApiPath('/items/{id}')).toEqual({ path: '/items/{id}', parameters: ['id'] });
  });

  it('lists methods, read parameters, body fields and public routes', () => {
    const document = formatOpenApi(inventory([users, orders, signup, endpoint({ method: 'ALL', path: '/legacy' }), endpoint({ method: 'GET', path: null })]));
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(['/api/users/{id}', '/api/orders', '/signup', '/legacy']);
    const get = document.paths['/api/users/{id}']?.get;
    expect(get?.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(get?.['x-api-security']).toMatchObject({ auth: 'unauthenticated', file: 'src/routes/users.ts', line: 52 });
    expect(document.paths['/api/orders']?.get?.parameters).toEqual([
      { name: 'status', in: 'query', schema: {} },
      { name: 'limit', in: 'query', schema: {} },
      { name: 'x-tenant', in: 'header', schema: {} },
    ]);
    const post = document.paths['/signup']?.post;
    expect(post?.security).toEqual([]);
    expect(post?.summary).toBe('signup');
    expect(post?.requestBody).toEqual({ content: { 'application/json': { schema: { type: 'object', properties: { email: {}, password: {} } } } } });
    expect(Object.keys(document.paths['/legacy'] ?? {})).toEqual(['get', 'post', 'put', 'patch', 'delete']);
    expect(document['x-api-security-dynamic-routes']).toEqual([{ method: 'GET', file: 'src/app.ts', line: 10 }]);
  });
});

describe('diff', () => {
  const base = inventory([users, orders]);

  it('reports added, removed and changed endpoints, ignoring moved lines', () => {
    const moved = { ...orders, line: 99 };
    const exported = endpoint({
      method: 'POST',
      path: '/api/export',
      auth: { status: 'unauthenticated', by: null, roleChecked: false, guards: [] },
      sinks: [{ kind: 'shell', injection: true, sink: 'exec', line: 12, source: 'req.body.format' }],
    });
    const diff = diffInventories(base, inventory([moved, exported]));
    expect(diff.added.map((entry) => entry.id)).toEqual(['POST /api/export']);
    expect(diff.removed.map((entry) => entry.id)).toEqual(['GET /api/users/:id']);
    expect(diff.changed).toEqual([]);
    expect(diff.newUnauthenticated).toEqual(['POST /api/export']);
    expect(diff.newInjection).toEqual(['POST /api/export']);

    const changed = diffInventories(inventory([signup]), inventory([{ ...signup, auth: { ...signup.auth, status: 'unauthenticated', by: null } }]));
    expect(changed.changed).toHaveLength(1);
    expect(changed.changed[0]?.changes).toEqual(['auth: public (public path **/signup) → UNAUTHENTICATED']);
    expect(changed.newUnauthenticated).toEqual(['POST /signup']);
  });

  it('flags a new injection kind on an existing endpoint, not a known one', () => {
    const withShell = { ...orders, sinks: [...orders.sinks, { kind: 'shell' as const, injection: true, sink: 'exec', line: 20, source: 'req.query.status' }] };
    const diff = diffInventories(base, inventory([users, withShell]));
    expect(diff.changed[0]?.changes).toEqual(['sinks added: shell (exec)']);
    expect(diff.newInjection).toEqual(['GET /api/orders']);
    expect(diffInventories(base, base).newInjection).toEqual([]);
  });

  it('turns --fail-on into reasons', () => {
    const diff = diffInventories(inventory([]), base);
    expect(failures(diff, ['new-unauthenticated'])).toEqual(['new unauthenticated endpoint: GET /api/users/:id']);
    expect(failures(diff, ['new-injection'])).toEqual(['new injection sink: GET /api/orders']);
    expect(failures(diff, [])).toEqual([]);
  });

  it('prints text and markdown', () => {
    const diff = diffInventories(inventory([orders]), inventory([users, { ...orders, validated: true, inputs: [] }]));
    expect(formatDiffText(diff)).toBe(
      '1 added, 0 removed, 1 changed\n' +
        '+ GET /api/users/:id  UNAUTHENTICATED  src/routes/users.ts:52\n' +
        '~ GET /api/orders  src/app.ts:10\n' +
        '    inputs removed: query.status, query.limit validated, header.X-Tenant\n',
    );
    const markdown = formatDiffMarkdown(diff);
    expect(markdown).toContain('⚠️ **1 new unauthenticated**');
    expect(markdown).toContain('### Added');
    expect(markdown).toContain('| `GET /api/orders` | inputs removed: query.status, query.limit validated, header.X-Tenant |');
  });

  it('rejects files that are not inventories', () => {
    expect(() => parseInventory('nope', 'base.json')).toThrow(/base\.json is not JSON/u);
    expect(() => parseInventory('{"routes": []}', 'base.json')).toThrow(/not an inventory/u);
    expect(() => parseInventory('{"schemaVersion": 9, "endpoints": []}', 'base.json')).toThrow(/schemaVersion: this version of the command reads schema 1, found number 9$/u);
    expect(parseInventory(JSON.stringify(base), 'base.json').endpoints).toHaveLength(2);
  });
});
