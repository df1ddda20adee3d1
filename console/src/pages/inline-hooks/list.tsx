import { getAll } from '../../api/client';
import type { InlineHook } from '../../api/types';
import { Link } from '../../router';
import { useLoad } from '../../ui/hooks';
import { Badge, ButtonLink, Empty, ErrorNotice, Loading, Page } from '../../ui/page';
import { hookTypeLabel, useHookTypes } from './hook-types';

export function InlineHooksPage() {
  const hooks = useLoad(() => getAll<InlineHook>('/api/v1/inlineHooks'), []);
  const types = useHookTypes();
  return (
    <Page
      title="Inline Hooks"
      subtitle="Outbound calls that let your own service take part in Tollgate's processes, such as registration."
      actions={<ButtonLink to="/workflow/inline-hooks/new" variant="primary">Add Inline Hook</ButtonLink>}
    >
      {hooks.error ? <ErrorNotice error={hooks.error} retry={hooks.reload} /> : null}
      {hooks.loading && !hooks.data ? <Loading /> : null}
      {hooks.data && hooks.data.length === 0 ? <Empty>No inline hooks yet. Add one to call your service during registration, token issue and more.</Empty> : null}
      {hooks.data && hooks.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Inline hooks</caption>
            <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Status</th><th scope="col">Endpoint</th></tr></thead>
            <tbody>
              {hooks.data.map((h) => (
                <tr key={h.id}>
                  <td><Link to={`/workflow/inline-hooks/${h.id}`}>{h.name}</Link></td>
                  <td>{hookTypeLabel(types.data, h.type)}</td>
                  <td><Badge value={h.status} /></td>
                  <td className="mono break">{h.channel.config.uri}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Page>
  );
}
