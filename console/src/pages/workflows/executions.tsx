import { useState } from 'react';
import { api } from '../../api/client';
import { Link } from '../../router';
import { SelectField } from '../../ui/form';
import { useLoad } from '../../ui/hooks';
import { Badge, Button, Empty, ErrorNotice, Facts, Json, Loading, LoadMore, Section, Time } from '../../ui/page';
import { FlowCanvas } from './flow-canvas';
import { WORKFLOWS_API, type Execution, type Flow } from './flow-api';

const PAGE = 20;

function StatusBadge({ status }: { status: string }) {
  return <Badge value={status === 'failed' ? 'FAILURE' : 'SUCCESS'} label={status} />;
}

export function ExecutionList({ flow }: { flow: Flow }) {
  const [status, setStatus] = useState('');
  const [more, setMore] = useState<{ items: Execution[]; next?: string }>({ items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const path = `${WORKFLOWS_API}/flows/${encodeURIComponent(flow.id)}/executions`;
  const first = useLoad(async () => {
    setMore({ items: [] });
    return api.get<Execution[]>(path, { limit: PAGE, status });
  }, [flow.id, status]);
  const items = [...(first.data?.data ?? []), ...more.items];
  const next = more.items.length ? more.next : first.data?.next;
  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.get<Execution[]>(path, { limit: PAGE, status, after: next });
      setMore((m) => ({ items: [...m.items, ...page.data], next: page.next }));
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <Section title="Execution history" id="executions" actions={(
      <>
        <SelectField label="Show" value={status} onChange={setStatus} className="inline"
          options={[{ value: '', label: 'All executions' }, { value: 'failed', label: 'Failed' }, { value: 'succeeded', label: 'Succeeded' }]} />
        <Button onClick={first.reload}>Refresh</Button>
      </>
    )}>
      {!flow.saveAllData ? <p className="hint">"Save all data" is off for this flow: executions keep timing and errors, not card inputs and outputs.</p> : null}
      {first.error ? <ErrorNotice error={first.error} retry={first.reload} /> : null}
      {first.loading && !first.data ? <Loading /> : null}
      {first.data && items.length === 0 ? <Empty>This flow has not run yet.</Empty> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Executions, newest first</caption>
            <thead><tr><th scope="col">Started</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Trigger</th><th scope="col">HTTP status</th><th scope="col">Error</th></tr></thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} className={e.status === 'failed' ? 'row-failure' : undefined}>
                  <td className="nowrap"><Link to={`/workflows/flows/${flow.id}/executions/${e.id}`}><Time value={e.started} /></Link></td>
                  <td><StatusBadge status={e.status} /></td>
                  <td className="num">{e.durationMs} ms</td>
                  <td>{e.trigger}</td>
                  <td>{e.statusCode ?? <span className="muted">—</span>}</td>
                  <td className="break">{e.error ? <>{e.error.message}{e.failedCard ? <span className="muted"> (card {e.failedCard.name ?? e.failedCard.id})</span> : null}</> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? <LoadMore onClick={loadMore} busy={loadingMore} shown={items.length} /> : null}
    </Section>
  );
}

export function ExecutionDetail({ flow, executionId }: { flow: Flow; executionId: string }) {
  const execution = useLoad(async () => (await api.get<Execution>(`${WORKFLOWS_API}/executions/${encodeURIComponent(executionId)}`)).data, [executionId]);
  const [selected, setSelected] = useState<string>();
  const e = execution.data;
  const ran = new Set((e?.cards ?? []).map((c) => c.cardId));
  return (
    <>
      <p><Link to={`/workflows/flows/${flow.id}/executions`}>← All executions</Link></p>
      {execution.error ? <ErrorNotice error={execution.error} retry={execution.reload} /> : null}
      {execution.loading && !e ? <Loading /> : null}
      {e ? (
        <>
          <Section title="Execution" id="execution">
            <Facts items={[
              ['Status', <StatusBadge status={e.status} />],
              ['Started', <Time value={e.started} />],
              ['Duration', `${e.durationMs} ms`],
              ['Trigger', e.trigger],
              ['Ended', e.ending ?? (e.status === 'failed' ? 'failed' : null)],
              ['HTTP status to the caller', e.statusCode ?? null],
              ['Answered by', e.answeredBy ?? null],
              ['Execution ID', <span className="mono">{e.id}</span>],
            ]} />
            {e.error ? <div className="notice notice-error" role="note"><p>{e.error.message}</p></div> : null}
            {e.answer ? <><h3>Answer</h3><Json value={e.answer} label="The answer the caller got" /></> : null}
          </Section>
          <Section title="Cards that ran" id="execution-cards">
            <div className="exec-canvas">
              <FlowCanvas def={flow.definition} selected={selected} ranCards={ran} failedCard={e.failedCard?.id}
                onSelect={(id) => { setSelected(id); if (id) document.getElementById(`exec-card-${id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' }); }} />
            </div>
            {!e.dataSaved ? <p className="hint">Card inputs and outputs were not saved ("Save all data" was off).</p> : null}
            <ol className="exec-cards">
              {(e.cards ?? []).map((c, i) => (
                <li key={`${c.cardId}-${i}`} id={`exec-card-${c.cardId}`} className={`exec-card${c.status === 'failed' ? ' is-failed' : ''}${selected === c.cardId ? ' is-current' : ''}`}>
                  <div className="exec-card-head">
                    <h3>{c.cardName ?? c.cardType}</h3>
                    <span className="mono muted small">{c.cardType}</span>
                    <StatusBadge status={c.status} />
                    <span className="muted small num">{c.durationMs} ms</span>
                  </div>
                  {c.error ? <p className="field-error">{c.error}</p> : null}
                  {e.dataSaved ? (
                    <div className="two-col">
                      <div><h4>Inputs</h4>{c.inputs && Object.keys(c.inputs).length ? <Json value={c.inputs} label={`Inputs of ${c.cardName ?? c.cardType}`} /> : <p className="muted">None</p>}</div>
                      <div><h4>Outputs</h4>{c.outputs && Object.keys(c.outputs).length ? <Json value={c.outputs} label={`Outputs of ${c.cardName ?? c.cardType}`} /> : <p className="muted">None</p>}</div>
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </Section>
        </>
      ) : null}
    </>
  );
}
