import { api, ApiError } from '../../api/client';
import { Link } from '../../router';
import { useLoad } from '../../ui/hooks';
import { Badge, Empty, Loading, Section, Time } from '../../ui/page';
import { WORKFLOWS_API, type Execution, type Flow } from './flow-api';

/** The number of flows for the dashboard, or "—" when this server has no Workflows API. */
export function useFlowCount(): string | undefined {
  const flows = useLoad(async () => {
    try {
      const page = await api.get<Flow[]>(`${WORKFLOWS_API}/flows`, { limit: 200 });
      return page.next ? `${page.data.length}+` : String(page.data.length);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return '—';
      throw err;
    }
  }, []);
  return flows.data;
}

/** The latest executions of every flow (newest first). */
export function RecentExecutions() {
  const recent = useLoad(async () => {
    const flows = (await api.get<Flow[]>(`${WORKFLOWS_API}/flows`, { limit: 50 })).data;
    const lists = await Promise.all(flows.map(async (f) => {
      const page = await api.get<Execution[]>(`${WORKFLOWS_API}/flows/${f.id}/executions`, { limit: 5 });
      return page.data.map((e) => ({ ...e, flowName: e.flowName || f.name, flowId: e.flowId || f.id }));
    }));
    return lists.flat().sort((a, b) => (b.started ?? '').localeCompare(a.started ?? '')).slice(0, 10);
  }, []);
  const absent = recent.error instanceof ApiError && recent.error.status === 404;
  return (
    <Section title="Recent flow executions" id="recent-executions" actions={<Link to="/workflows">All flows</Link>}>
      {recent.loading && !recent.data ? <Loading /> : null}
      {absent ? <Empty>This server has no Workflows API.</Empty> : null}
      {recent.error && !absent ? <Empty>Could not load executions.</Empty> : null}
      {recent.data?.length === 0 ? <Empty>No flow has run yet.</Empty> : null}
      {recent.data?.length ? (
        <ul className="feed">
          {recent.data.map((e) => (
            <li key={e.id} className={e.status === 'failed' ? 'feed-failure' : undefined}>
              <Badge value={e.status === 'failed' ? 'FAILURE' : 'SUCCESS'} label={e.status} />
              <span className="feed-main">
                <Link to={`/workflows/flows/${e.flowId}/executions/${e.id}`}>{e.flowName}</Link>
                <span className="muted small"> · {e.durationMs ?? '?'} ms</span>
                {e.error?.message ? <span className="small break feed-reason">{e.error.message}</span> : null}
              </span>
              <span className="small muted"><Time value={e.started} /></span>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
