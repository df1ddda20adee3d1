/**
 * User import inline hook in a real CSV import (reference §3.5): a CSV-import app, CSV uploads through the
 * API, import jobs with a report, Okta's matching rules, the hook once per user with every command, and the
 * fail-open rule for every kind of hook failure. A hook server the test controls answers per imported user.
 */
import type http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, startHookServer, type HookServer, type RecordedRequest } from './helpers/hook-server.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const SECRET = 'user-import-secret';
const TYPE = 'com.okta.import.transform';

type Answer = (req: RecordedRequest, res: http.ServerResponse) => void;
const commands = (...list: Array<[string, unknown]>) => ({ commands: list.map(([type, value]) => ({ type, value })) });

describe('user import hook in a CSV import (real HTTP)', () => {
  let server: TestServer;
  let endpoint: HookServer;
  let hookId: string;
  /** What the hook answers, by the imported app user's userName (default: 204, keep Okta's decision). */
  const answers = new Map<string, Answer>();

  beforeAll(async () => {
    server = await startTestServer();
    endpoint = await startHookServer((req, res) => {
      const userName = req.body?.data?.appUser?.profile?.userName as string | undefined;
      const answer = userName ? answers.get(userName) : undefined;
      if (answer) return answer(req, res);
      res.writeHead(204).end();
    });
    const hook = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Import transform', type: TYPE, version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/import`, authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET } } },
    });
    expect(hook.status).toBe(200);
    hookId = hook.body.id;
  });
  afterAll(async () => {
    await endpoint?.close();
    await server?.close();
  });
  beforeEach(() => {
    answers.clear();
    endpoint.requests.length = 0;
  });

  let appCount = 0;
  async function csvApp(settings: Record<string, unknown> = {}): Promise<any> {
    appCount += 1;
    const res = await server.api('POST', '/api/v1/apps', {
      label: `HR export ${appCount}`, signOnMode: 'CSV_IMPORT',
      settings: { app: { userImportInlineHookId: hookId, matchRules: ['USERNAME', 'EMAIL', 'FIRST_AND_LAST_NAME'], ...settings } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function upload(appId: string, csv: string, contentType = 'text/csv') {
    return server.api('POST', `/api/v1/apps/${appId}/imports`, csv, { 'content-type': contentType });
  }

  /** Uploads a CSV and waits for the job to finish; returns the job with its report. */
  async function runImport(appId: string, csv: string): Promise<any> {
    const started = await upload(appId, csv);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body).toMatchObject({ type: 'import:users', status: 'IN_PROGRESS', appId });
    expect(started.headers.get('location')).toBe(started.body._links.self.href);
    for (let i = 0; i < 300; i += 1) {
      const job = await server.api('GET', `/api/v1/apps/${appId}/imports/${started.body.id}`);
      expect(job.status).toBe(200);
      if (job.body.status !== 'IN_PROGRESS') return job.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the import job did not finish');
  }

  async function createOktaUser(login: string, firstName: string, lastName: string, email = login) {
    const res = await server.api('POST', '/api/v1/users?activate=false', { profile: { login, email, firstName, lastName } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { id: string };
  }

  async function oktaUser(id: string) {
    return (await server.api('GET', `/api/v1/users/${id}`)).body;
  }

  function hookCallFor(userName: string): RecordedRequest {
    const found = endpoint.requests.filter((r) => r.body?.data?.appUser?.profile?.userName === userName);
    expect(found.length, `hook calls for ${userName}`).toBeGreaterThan(0);
    return found[0];
  }

  async function logEvents(eventType: string) {
    const res = await server.api('GET', `/api/v1/logs?filter=${encodeURIComponent(`eventType eq "${eventType}"`)}&limit=200`);
    return res.body as Array<{ outcome: { result: string; reason: string | null }; target: Array<{ id: string }>; debugContext: { debugData: Record<string, unknown> } }>;
  }

  it('a CSV-import app: validated import settings with defaults, and a link to its imports', async () => {
    const plain = await server.api('POST', '/api/v1/apps', { label: 'Plain CSV', signOnMode: 'CSV_IMPORT' });
    expect(plain.status).toBe(200);
    expect(plain.body).toMatchObject({
      name: 'csv_import', signOnMode: 'CSV_IMPORT', status: 'ACTIVE',
      settings: { app: { userImportInlineHookId: null, matchRules: ['USERNAME', 'EMAIL'], activateUsers: false, passwordImportHook: false } },
    });
    expect(plain.body._links.imports.href).toBe(`${server.ctx.config.issuer}/api/v1/apps/${plain.body.id}/imports`);

    const otherHook = await server.api('POST', '/api/v1/inlineHooks', {
      name: 'Not an import hook', type: 'com.okta.saml.tokens.transform', version: '1.0.0',
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `${endpoint.url}/saml` } },
    });
    for (const [app, cause] of [
      [{ userImportInlineHookId: 'calNope' }, /^settings\.app\.userImportInlineHookId: There is no inline hook/],
      [{ userImportInlineHookId: otherHook.body.id }, /is a com\.okta\.saml\.tokens\.transform hook, not a com\.okta\.import\.transform hook$/],
      [{ matchRules: ['EMAIL', 'SHOE_SIZE'] }, /^settings\.app\.matchRules: /],
      [{ matchRules: 'EMAIL' }, /^settings\.app\.matchRules: /],
      [{ activateUsers: 'yes' }, /^settings\.app\.activateUsers: /],
    ] as const) {
      const res = await server.api('POST', '/api/v1/apps', { label: 'Bad CSV', signOnMode: 'CSV_IMPORT', settings: { app } });
      expect(res.status, JSON.stringify(app)).toBe(400);
      expect(res.body.errorCauses[0].errorSummary).toMatch(cause);
    }
  });

  it('creates users from a CSV: mapping, app users, STAGED by default, a report, System Log events', async () => {
    const app = await csvApp();
    const job = await runImport(app.id, [
      'userName,firstName,lastName,email,department,externalId',
      'ada.new@example.com,Ada,New,ada.new@example.com,Engineering,emp-1',
      '"grace.new@example.com","Grace","New, Jr.",grace.new@example.com,,emp-2',
    ].join('\r\n'));
    expect(job.status).toBe('COMPLETED');
    expect(job.summary).toEqual({ total: 2, pending: 0, created: 2, linked: 0, failed: 0 });
    const [ada, grace] = job.users;
    expect(ada).toMatchObject({
      row: 1, status: 'CREATED', defaultAction: 'CREATE_USER', action: 'CREATE_USER', matches: [], conflicts: [],
      policy: ['USERNAME', 'EMAIL', 'FIRST_AND_LAST_NAME'],
      appUser: { profile: { userName: 'ada.new@example.com', firstName: 'Ada', lastName: 'New', email: 'ada.new@example.com', department: 'Engineering', externalId: 'emp-1' } },
      user: { profile: { login: 'ada.new@example.com', firstName: 'Ada', lastName: 'New', email: 'ada.new@example.com', department: 'Engineering' } },
      hook: { outcome: 'SUCCESS', inlineHookId: hookId, commands: [] },
    });
    expect(grace.user.profile.lastName).toBe('New, Jr.');
    expect(grace.appUser.profile.department).toBeUndefined();

    const user = await oktaUser(ada.user.id);
    expect(user.status).toBe('STAGED');
    expect(user.profile).toMatchObject({ login: 'ada.new@example.com', department: 'Engineering' });
    expect(user.profile.externalId).toBeUndefined();
    const appUser = await server.api('GET', `/api/v1/apps/${app.id}/users/${ada.user.id}`);
    expect(appUser.status).toBe(200);
    expect(appUser.body).toMatchObject({ credentials: { userName: 'ada.new@example.com' }, profile: { externalId: 'emp-1' } });

    expect((await logEvents('system.import.start')).some((e) => e.target.some((t) => t.id === job.id))).toBe(true);
    const complete = (await logEvents('system.import.complete')).find((e) => e.target.some((t) => t.id === job.id));
    expect(complete?.outcome.result).toBe('SUCCESS');
    expect(complete?.debugContext.debugData).toMatchObject({ CREATED: 2 });
    expect((await logEvents('system.import.user.create')).filter((e) => e.target.some((t) => t.id === job.id))).toHaveLength(2);
    expect((await logEvents('application.user_membership.add')).some((e) => e.target.some((t) => t.id === ada.user.id))).toBe(true);
  });

  it('calls the hook once per user with Okta\'s request: context, default action, app user and Okta profile', async () => {
    const existing = await createOktaUser('linus.match@example.com', 'Linus', 'Match');
    const app = await csvApp();
    const job = await runImport(app.id, 'userName,firstName,lastName,email\nlinus.match@example.com,Linus,Match,linus.match@example.com\nnew.one@example.com,New,One,new.one@example.com\n');
    expect(endpoint.requests).toHaveLength(2);
    const call = hookCallFor('linus.match@example.com');
    expect(call.url).toBe('/import');
    expect(call.headers.authorization).toBe(SECRET);
    expect(call.body).toEqual({
      source: hookId, eventId: expect.any(String), eventTime: expect.any(String), eventTypeVersion: '1.0', cloudEventVersion: '0.1',
      eventType: TYPE, contentType: 'application/json',
      data: {
        context: {
          conflicts: [],
          application: { name: 'csv_import', id: app.id, label: app.label, status: 'ACTIVE' },
          job: { id: job.id, type: 'import:users' },
          matches: [existing.id],
          policy: ['USERNAME', 'EMAIL', 'FIRST_AND_LAST_NAME'],
        },
        action: { result: 'LINK_USER' },
        appUser: { profile: { userName: 'linus.match@example.com', firstName: 'Linus', lastName: 'Match', email: 'linus.match@example.com' } },
        user: { id: existing.id, profile: { login: 'linus.match@example.com', firstName: 'Linus', lastName: 'Match', email: 'linus.match@example.com' } },
      },
    });
    const other = hookCallFor('new.one@example.com').body.data;
    expect(other.action).toEqual({ result: 'CREATE_USER' });
    expect(other.user.id).toBeUndefined();
    expect(job.users[0]).toMatchObject({ status: 'LINKED', user: { id: existing.id }, action: 'LINK_USER' });
    expect(job.users[1]).toMatchObject({ status: 'CREATED', action: 'CREATE_USER' });
  });

  it('matches by each rule in force, lists several matches, and reports login conflicts', async () => {
    const byEmail = await createOktaUser('m.email@corp.example', 'Mia', 'Email', 'mia.email@example.com');
    const byName = await createOktaUser('n.name@corp.example', 'Noah', 'Name', 'noah.other@example.com');
    const twinA = await createOktaUser('twin.a@corp.example', 'Tess', 'Twin', 'twin.a@corp.example');
    const twinB = await createOktaUser('twin.b@corp.example', 'Tess', 'Twin', 'twin.b@corp.example');
    const taken = await createOktaUser('taken.login@example.com', 'Tara', 'Taken', 'tara@corp.example');

    const app = await csvApp();
    const job = await runImport(app.id, [
      'userName,firstName,lastName,email',
      'mia.csv@example.com,Mia,Other,MIA.EMAIL@example.com',
      'noah.csv@example.com,noah,NAME,noah.csv@example.com',
      'tess.csv@example.com,Tess,Twin,tess.csv@example.com',
    ].join('\n'));
    const [mia, noah, tess] = job.users;
    expect(mia).toMatchObject({ matches: [byEmail.id], defaultAction: 'LINK_USER', status: 'LINKED', user: { id: byEmail.id } });
    expect(noah).toMatchObject({ matches: [byName.id], defaultAction: 'LINK_USER', status: 'LINKED' });
    expect(tess).toMatchObject({ matches: [twinA.id, twinB.id], defaultAction: 'CREATE_USER', status: 'CREATED' });
    expect(hookCallFor('tess.csv@example.com').body.data.context.matches).toEqual([twinA.id, twinB.id]);

    // With EMAIL as the only rule, a taken login is not a match but a conflict: creating fails, and the report says so.
    const emailOnly = await csvApp({ matchRules: ['EMAIL'] });
    const conflicted = await runImport(emailOnly.id, 'userName,firstName,lastName,email\ntaken.login@example.com,Tara,Csv,tara.csv@example.com\n');
    expect(hookCallFor('taken.login@example.com').body.data.context).toMatchObject({ conflicts: ['login'], matches: [], policy: ['EMAIL'] });
    expect(conflicted.users[0]).toMatchObject({ status: 'FAILED', action: 'CREATE_USER', conflicts: ['login'], user: { id: null } });
    expect(conflicted.users[0].errorCauses[0].errorSummary).toMatch(/^login: An object with this field already exists/);
    expect(conflicted.summary.failed).toBe(1);
    expect(conflicted.status).toBe('COMPLETED');
    expect((await oktaUser(taken.id)).profile.lastName).toBe('Taken');
  });

  it('com.okta.appUser.profile.update changes the app user, and the change maps to the Okta profile', async () => {
    const app = await csvApp();
    answers.set('ivy.raw@example.com', (_req, res) => json(res, 200, commands(
      ['com.okta.appUser.profile.update', { firstName: 'Ivy', email: 'ivy.clean@example.com', externalId: 'x-9' }],
    )));
    const job = await runImport(app.id, 'userName,firstName,lastName,email\nivy.raw@example.com,IVY,Raw,IVY@EXAMPLE.COM\n');
    const [ivy] = job.users;
    expect(ivy).toMatchObject({
      status: 'CREATED', hook: { outcome: 'SUCCESS', commands: ['com.okta.appUser.profile.update'] },
      appUser: { profile: { firstName: 'Ivy', email: 'ivy.clean@example.com', externalId: 'x-9' } },
    });
    expect((await oktaUser(ivy.user.id)).profile).toMatchObject({ firstName: 'Ivy', email: 'ivy.clean@example.com' });
    expect((await server.api('GET', `/api/v1/apps/${app.id}/users/${ivy.user.id}`)).body.profile.externalId).toBe('x-9');
  });

  it('com.okta.user.profile.update changes the Okta profile to create', async () => {
    const app = await csvApp();
    answers.set('otto@example.com', (_req, res) => json(res, 200, commands(['com.okta.user.profile.update', { title: 'Engineer', nickName: 'O' }])));
    const job = await runImport(app.id, 'userName,firstName,lastName,email\notto@example.com,Otto,Profile,otto@example.com\n');
    expect(job.users[0].user.profile).toMatchObject({ title: 'Engineer', nickName: 'O' });
    expect((await oktaUser(job.users[0].user.id)).profile).toMatchObject({ title: 'Engineer', nickName: 'O', firstName: 'Otto' });
  });

  it('com.okta.action.update CREATE_USER overrides a default link', async () => {
    const existing = await createOktaUser('pat.same@example.com', 'Pat', 'Same');
    const app = await csvApp({ matchRules: ['EMAIL'] });
    answers.set('pat.csv@example.com', (_req, res) => json(res, 200, commands(['com.okta.action.update', { result: 'CREATE_USER' }])));
    const job = await runImport(app.id, 'userName,firstName,lastName,email\npat.csv@example.com,Pat,Csv,pat.same@example.com\n');
    expect(job.users[0]).toMatchObject({ defaultAction: 'LINK_USER', action: 'CREATE_USER', status: 'CREATED', matches: [existing.id] });
    expect(job.users[0].user.id).not.toBe(existing.id);
    expect((await oktaUser(job.users[0].user.id)).profile.login).toBe('pat.csv@example.com');
  });

  it('com.okta.action.update LINK_USER with com.okta.user.update links to the named user (and may update its profile)', async () => {
    const target = await createOktaUser('quinn.okta@example.com', 'Quinn', 'Okta');
    const app = await csvApp();
    answers.set('q.legacy@example.com', (_req, res) => json(res, 200, commands(
      ['com.okta.action.update', { result: 'LINK_USER' }],
      ['com.okta.user.update', { id: target.id }],
      ['com.okta.user.profile.update', { title: 'Linked by hook' }],
    )));
    const job = await runImport(app.id, 'userName,firstName,lastName,email\nq.legacy@example.com,Q,Legacy,q.legacy@example.com\n');
    expect(job.users[0]).toMatchObject({
      defaultAction: 'CREATE_USER', action: 'LINK_USER', status: 'LINKED', user: { id: target.id },
      hook: { outcome: 'SUCCESS', commands: ['com.okta.action.update', 'com.okta.user.update', 'com.okta.user.profile.update'] },
    });
    const user = await oktaUser(target.id);
    expect(user.profile).toMatchObject({ login: 'quinn.okta@example.com', firstName: 'Quinn', title: 'Linked by hook' });
    expect((await server.api('GET', `/api/v1/apps/${app.id}/users/${target.id}`)).body.credentials.userName).toBe('q.legacy@example.com');
    const matchEvent = (await logEvents('system.import.user.match')).find((e) => e.target.some((t) => t.id === target.id));
    expect(matchEvent?.debugContext.debugData).toMatchObject({ defaultAction: 'CREATE_USER', action: 'LINK_USER' });
  });

  it('fails open on every kind of hook failure: the user is created with Okta\'s decision, and the report says why', async () => {
    const app = await csvApp();
    const failures: Record<string, Answer> = {
      'f.timeout@example.com': () => { /* never answers */ },
      'f.5xx@example.com': (_req, res) => json(res, 500, { oops: true }),
      'f.4xx@example.com': (_req, res) => json(res, 400, { bad: true }),
      'f.malformed@example.com': (_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }).end('{nope'); },
      'f.oversize@example.com': (_req, res) => json(res, 200, { commands: [], debugContext: { pad: 'x'.repeat(260 * 1024) } }),
      'f.wrongtype@example.com': (_req, res) => json(res, 200, commands(['com.okta.identity.patch', [{ op: 'add', path: '/claims/x', value: 1 }]])),
      'f.wrongvalue@example.com': (_req, res) => json(res, 200, commands(['com.okta.action.update', { credential: 'VERIFIED' }])),
      'f.linknoid@example.com': (_req, res) => json(res, 200, commands(['com.okta.action.update', { result: 'LINK_USER' }])),
      'f.linkunknown@example.com': (_req, res) => json(res, 200, commands(['com.okta.action.update', { result: 'LINK_USER' }], ['com.okta.user.update', { id: '00uNoSuchUser0000000' }])),
      'f.idoncreate@example.com': (_req, res) => json(res, 200, commands(['com.okta.action.update', { result: 'CREATE_USER' }], ['com.okta.user.update', { id: '00uWhatever000000000' }])),
      'f.badattr@example.com': (_req, res) => json(res, 200, commands(['com.okta.user.profile.update', { shoeSize: 44 }])),
      'f.error@example.com': (_req, res) => json(res, 200, { ...commands(['com.okta.user.profile.update', { title: 'ignored' }]), error: { errorSummary: 'HR system says no' } }),
    };
    for (const [userName, answer] of Object.entries(failures)) answers.set(userName, answer);
    const names = Object.keys(failures);
    const csv = ['userName,firstName,lastName,email', ...names.map((n, i) => `${n},F${i},Fail,${n}`)].join('\n');
    const job = await runImport(app.id, csv);
    expect(job.status).toBe('COMPLETED');
    expect(job.summary).toMatchObject({ total: names.length, created: names.length, failed: 0 });
    const byName = new Map<string, any>(job.users.map((u: any) => [u.appUser.profile.userName, u]));
    for (const name of names) {
      const report = byName.get(name);
      expect(report.status, name).toBe('CREATED');
      expect(report.action, name).toBe('CREATE_USER');
      expect(report.hook.outcome, name).toBe(name === 'f.error@example.com' ? 'ERROR' : 'FAILED');
      expect(report.hook.error, name).toBeTruthy();
      expect(report.user.profile.title, name).toBeUndefined();
    }
    expect(byName.get('f.timeout@example.com').hook.error).toMatch(/did not answer within 3 seconds/);
    expect(byName.get('f.5xx@example.com').hook.error).toBe('The hook answered with HTTP 500');
    expect(byName.get('f.oversize@example.com').hook.error).toMatch(/too large/);
    expect(byName.get('f.wrongtype@example.com').hook.error).toMatch(/is not a command of com\.okta\.import\.transform hooks/);
    expect(byName.get('f.linknoid@example.com').hook.error).toMatch(/LINK_USER requires a com\.okta\.user\.update command/);
    expect(byName.get('f.linkunknown@example.com').hook.error).toMatch(/there is no Okta user 00uNoSuchUser0000000/);
    expect(byName.get('f.idoncreate@example.com').hook.error).toMatch(/but the result is CREATE_USER/);
    expect(byName.get('f.badattr@example.com').hook.error).toMatch(/'shoeSize', which is not in the user profile schema/);
    expect(byName.get('f.error@example.com').hook.error).toBe('The hook returned an error: HR system says no');

    // Timeouts and 5xx are retried once; 4xx and invalid replies are not.
    const attempts = (name: string) => endpoint.requests.filter((r) => r.body?.data?.appUser?.profile?.userName === name).length;
    expect(attempts('f.timeout@example.com')).toBe(2);
    expect(attempts('f.5xx@example.com')).toBe(2);
    expect(attempts('f.4xx@example.com')).toBe(1);
    expect(attempts('f.malformed@example.com')).toBe(1);

    // The error reply is logged as a failure with its summary.
    const calls = await server.ctx.db.selectFrom('inline_hook_calls').selectAll().where('hook_id', '=', hookId).where('outcome', '=', 'FAILURE').execute();
    expect(calls.some((c) => c.error === 'The hook returned an error: HR system says no')).toBe(true);
    const processed = await logEvents('inline_hook.response.processed');
    expect(processed.some((e) => e.outcome.result === 'FAILURE' && e.outcome.reason === 'The hook returned an error: HR system says no')).toBe(true);
  }, 30_000);

  it('an inactive hook is not called; a re-import links each app user to the user it created before', async () => {
    const app = await csvApp({ activateUsers: true });
    const csv = 'userName,firstName,lastName,email,title\nrex.again@example.com,Rex,Again,rex.again@example.com,One\n';
    const first = await runImport(app.id, csv);
    expect(first.users[0].status).toBe('CREATED');
    expect((await oktaUser(first.users[0].user.id)).status).toBe('PROVISIONED');

    expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/deactivate`)).status).toBe(200);
    try {
      endpoint.requests.length = 0;
      const second = await runImport(app.id, csv.replace(',One', ',Two'));
      expect(endpoint.requests).toHaveLength(0);
      expect(second.users[0]).toMatchObject({
        status: 'LINKED', defaultAction: 'LINK_USER', matches: [first.users[0].user.id], user: { id: first.users[0].user.id },
        hook: { outcome: 'NOT_CALLED' },
      });
      expect((await server.api('GET', `/api/v1/apps/${app.id}/users/${first.users[0].user.id}`)).body.profile.title).toBe('Two');
    } finally {
      expect((await server.api('POST', `/api/v1/inlineHooks/${hookId}/lifecycle/activate`)).status).toBe(200);
    }
  });

  it('with passwordImportHook and activateUsers, imported users are ACTIVE and wait for the password import hook', async () => {
    const app = await csvApp({ activateUsers: true, passwordImportHook: true });
    const job = await runImport(app.id, 'userName,firstName,lastName,email\nsam.pw@example.com,Sam,Pw,sam.pw@example.com\n');
    const user = await oktaUser(job.users[0].user.id);
    expect(user.status).toBe('ACTIVE');
    expect(user.credentials.provider).toEqual({ type: 'IMPORT', name: 'IMPORT' });
  });

  it('refuses a bad upload whole, with Okta\'s error body, and writes nothing', async () => {
    const app = await csvApp();
    const cases: Array<[string, RegExp]> = [
      ['', /The file is empty/],
      ['firstName,lastName\nA,B\n', /must have a userName column/],
      ['userName,firstName\n', /has no users/],
      ['userName,firstName\na@example.com,A\nA@example.com,B\n', /line 3: userName 'A@example.com' also appears on line 2/],
      ['userName,firstName\n,A\n', /line 2: userName cannot be blank/],
      ['userName,firstName\n"a@example.com,A\n', /line 2: a quoted field is not closed/],
      ['userName,firstName\na@example.com\n', /line 2: 1 fields, but the header has 2/],
    ];
    for (const [csv, cause] of cases) {
      const res = await upload(app.id, csv);
      expect(res.status, csv).toBe(400);
      expect(res.body.errorCode).toBe('E0000001');
      expect(res.body.errorCauses.map((c: { errorSummary: string }) => c.errorSummary).join('\n')).toMatch(cause);
    }
    const json415 = await server.api('POST', `/api/v1/apps/${app.id}/imports`, { users: [] });
    expect(json415.status).toBe(415);
    expect(json415.body.errorCode).toBe('E0000003');
    expect((await server.api('GET', `/api/v1/apps/${app.id}/imports`)).body).toEqual([]);
    expect(endpoint.requests).toHaveLength(0);

    const bookmark = await server.api('POST', '/api/v1/apps', { label: 'Not CSV', signOnMode: 'BOOKMARK', settings: { app: { url: 'https://example.com' } } });
    expect((await upload(bookmark.body.id, 'userName\nx@example.com\n')).status).toBe(400);
    expect((await upload('0oaNoSuchApp00000000', 'userName\nx@example.com\n')).status).toBe(404);
    expect((await server.api('POST', `/api/v1/apps/${app.id}/lifecycle/deactivate`)).status).toBe(200);
    const inactive = await upload(app.id, 'userName\nx@example.com\n');
    expect(inactive.status).toBe(400);
    expect(inactive.body.errorCauses[0].errorSummary).toMatch(/Activate the app/);
  });

  it('lists an app\'s jobs newest first with paging, and answers 404 for unknown jobs', async () => {
    const app = await csvApp();
    const a = await runImport(app.id, 'userName,firstName,lastName,email\nj1@example.com,J,One,j1@example.com\n');
    const b = await runImport(app.id, 'userName,firstName,lastName,email\nj2@example.com,J,Two,j2@example.com\n');
    const page1 = await server.api('GET', `/api/v1/apps/${app.id}/imports?limit=1`);
    expect(page1.body.map((j: { id: string }) => j.id)).toEqual([b.id]);
    expect(page1.body[0]).toMatchObject({ status: 'COMPLETED', summary: { total: 1 } });
    const next = /<([^>]+)>; rel="next"/.exec(page1.headers.get('link') ?? '')?.[1];
    expect(next).toBeDefined();
    const page2 = await server.api('GET', new URL(next!).pathname + new URL(next!).search);
    expect(page2.body.map((j: { id: string }) => j.id)).toEqual([a.id]);
    expect((await server.api('GET', `/api/v1/apps/${app.id}/imports/ij1NoSuchJob00000000`)).status).toBe(404);
    const otherApp = await csvApp();
    expect((await server.api('GET', `/api/v1/apps/${otherApp.id}/imports/${a.id}`)).status).toBe(404);
  });
});
