import './event-hooks-and-triggers.css';
import { flowTrigger, isPlaceholderCard, placeholderNote, type FlowTrigger } from './flow-trigger';

interface FlowLike {
  invokeUrl?: string | null;
  definition: Parameters<typeof flowTrigger>[0];
}

/** A flow's trigger: its kind, and the invoke URL, the schedule in words or the event card's name. */
export function TriggerSummary({ flow, trigger = flowTrigger(flow.definition), showUrl = true }: { flow: FlowLike; trigger?: FlowTrigger; showUrl?: boolean }) {
  return (
    <span className={`trigger trigger-${trigger.kind}`}>
      <span className="trigger-kind">{trigger.label}</span>
      {trigger.kind === 'api' && showUrl && flow.invokeUrl ? <span className="trigger-detail mono break">{flow.invokeUrl}</span> : null}
      {trigger.kind === 'scheduled' ? <span className="trigger-detail">{trigger.detail}</span> : null}
      {trigger.kind === 'event' ? (
        <span className="trigger-detail">
          {trigger.detail}
          {trigger.placeholder ? <PlaceholderBadge type={flow.definition.cards[0].type} /> : null}
        </span>
      ) : null}
      {trigger.kind === 'helper' ? <span className="trigger-detail">Runs when another flow calls it</span> : null}
      {trigger.kind === 'manual' ? <span className="trigger-detail">No event card: runs only when tested</span> : null}
    </span>
  );
}

/** "Slack — not available in Tollgate; kept for export", beside a card of a connector Tollgate does not have. */
export function PlaceholderBadge({ type }: { type: string }) {
  if (!isPlaceholderCard(type)) return null;
  return <span className="placeholder-badge">{placeholderNote(type)}</span>;
}
