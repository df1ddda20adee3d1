import { api, getAll } from '../api/client';
import type { InlineHook, LogEvent, Policy, PolicyRule } from '../api/types';
import { Link } from '../router';
import { useLoad } from '../ui/hooks';
import { Badge, Empty, ErrorNotice, Loading, Page, Section, Time } from '../ui/page';
import { RecentExecutions, useFlowCount } from './workflows/dashboard-parts';

/** A count from a list: exact when the list has one page, "N+" when there are more. */
async function countOf(path: string, query: Record<string, string | number> = {}): Promise<string> {
  const page = await api.get<unknown[]>(path, { limit: 200, ...query });
  return page.next ? `${page.data.length}+` : String(page.data.length);
}

const HOOK_EVENTS = 'eventType eq "inline_hook.executed"';

function Tile({ label, value, to, note }: { label: string; value: string | undefined; to: string; note?: string }) {
  return (
    <Link to={to} className="tile">
      <span className="tile-value">{value ?? '…'}</span>
      <span className="tile-label">{label}</span>
      {note ? <span className="tile-note">{note}</span> : null}
    </Link>
  );
}

export function DashboardPage() {
  const counts = useLoad(async () => {
    const [people, groups, hooks] = await Promise.all([
      countOf('/api/v1/users'), countOf('/api/v1/groups'), getAll<InlineHook>('/api/v1/inlineHooks'),
    ]);
    return { people, groups, hooks: String(hooks.length), activeHooks: hooks.filter((h) => h.status === 'ACTIVE').length };
  }, []);
  const flows = useFlowCount();
  const registration = useLoad(async () => {
    const policies = await api.get<Policy[]>('/api/v1/policies', { type: 'PROFILE_ENROLLMENT' });
    const policy = policies.data[0];
    if (!policy) return undefined;
    const rules = await api.get<PolicyRule[]>(`/api/v1/policies/${policy.id}/rules`);
    const action = rules.data.find((r) => r.actions.profileEnrollment)?.actions.profileEnrollment;
    return { policy, allowed: action?.unknownUserAction === 'REGISTER', hooked: Boolean(action?.preRegistrationInlineHooks?.length) };
  }, []);
  const since = new Date(Date.now() - 7 * 24 * 3_600_000).toISOString();
  const calls = useLoad(async () => (await api.get<LogEvent[]>('/api/v1/logs', { filter: HOOK_EVENTS, since, sortOrder: 'DESCENDING', limit: 10 })).data, []);
  const failures = useLoad(async () => api.get<LogEvent[]>('/api/v1/logs', {
    filter: `${HOOK_EVENTS} and outcome.result eq "FAILURE"`, since: new Date(Date.now() - 24 * 3_600_000).toISOString(), limit: 100,
  }), []);
  const failureCount = failures.data ? (failures.data.next ? `${failures.data.data.length}+` : String(failures.data.data.length)) : undefined;

  return (
    <Page title="Dashboard" subtitle={<>This org at <span className="mono">{window.location.origin}</span></>}>
      {counts.error ? <ErrorNotice error={counts.error} retry={counts.reload} /> : null}
      <div className="tiles">
        <Tile label="People" value={counts.data?.people} to="/people" />
        <Tile label="Groups" value={counts.data?.groups} to="/groups" />
        <Tile label="Inline hooks" value={counts.data?.hooks} to="/workflow/inline-hooks" note={counts.data ? `${counts.data.activeHooks} active` : undefined} />
        <Tile label="Flows" value={flows} to="/workflows" />
        <Tile label="Hook failures, 24 h" value={failureCount} to={`/reports/system-log?filter=${encodeURIComponent(`${HOOK_EVENTS} and outcome.result eq "FAILURE"`)}`} />
      </div>

      <Section title="Self-service registration" id="registration">
        {registration.data ? (
          <p>
            <Badge value={registration.data.allowed ? 'Allowed' : 'Denied'} />{' '}
            {registration.data.allowed
              ? <>People can sign up at <a href="/signup">/signup</a>{registration.data.hooked ? ', checked by a registration inline hook.' : ', with no inline hook.'}</>
              : 'Only people an admin adds can sign in.'}{' '}
            <Link to={`/security/profile-enrollment/${registration.data.policy.id}`}>Change in User Profile Policies</Link>
          </p>
        ) : registration.loading ? <Loading /> : null}
      </Section>

      <div className="two-col">
        <Section title="Recent inline hook calls" id="recent-calls" actions={<Link to={`/reports/system-log?filter=${encodeURIComponent(HOOK_EVENTS)}&range=7d`}>All in System Log</Link>}>
          {calls.error ? <ErrorNotice error={calls.error} retry={calls.reload} /> : null}
          {calls.loading && !calls.data ? <Loading /> : null}
          {calls.data?.length === 0 ? <Empty>No inline hook calls in the last 7 days.</Empty> : null}
          {calls.data?.length ? (
            <ul className="feed">
              {calls.data.map((e) => {
                const hook = e.target?.find((t) => t.type === 'InlineHook');
                const d = e.debugContext.debugData;
                return (
                  <li key={e.uuid} className={e.outcome.result === 'FAILURE' ? 'feed-failure' : undefined}>
                    <Badge value={e.outcome.result} />
                    <span className="feed-main">
                      {hook ? <Link to={`/workflow/inline-hooks/${hook.id}`}>{hook.displayName}</Link> : 'Inline hook'}
                      <span className="muted small"> · HTTP {String(d.statusCode ?? '—')} · {String(d.durationMs ?? '?')} ms</span>
                      {e.outcome.reason ? <span className="small break feed-reason">{e.outcome.reason}</span> : null}
                    </span>
                    <span className="small muted"><Time value={e.published} /></span>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </Section>
        <RecentExecutions />
      </div>
    </Page>
  );
}
