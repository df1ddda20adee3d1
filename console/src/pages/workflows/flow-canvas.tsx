import { Background, Controls, Handle, MarkerType, Position, ReactFlow, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEffect, useMemo } from 'react';
import { isPlaceholderCard, placeholderNote } from '../../components/flow-trigger';
import { fieldName, typeLabel, type Card, type Field, type FlowDefinition } from './flow-api';
import { allCards, showTyped } from './flow-edit';

/**
 * A flow drawn as Okta draws it: cards left to right, each with its input fields (left, what is wired
 * into them or their typed value) and output fields (right); an If/Else card is followed by its
 * branches side by side, then the Join. Sizes are fixed per row, so the layout is computed here.
 */

const CARD_W = 248;
const GAP = 64;
const HEAD = 54;
const SECTION = 24;
const ROW = 42;
const FOOT = 10;
const LANE_HEAD = 34;
const LANE_PAD = 16;
/** The "not available in Tollgate" line of a placeholder card. */
const NOTE = 24;

type CardData = { card: Card; def: FlowDefinition; names: Map<string, Card>; selected: boolean; failed: boolean; ran: boolean };
type LaneData = { label: string; empty: boolean };
type CardNode = Node<CardData, 'card'>;
type LaneNode = Node<LaneData, 'lane'>;

export function cardHeight(card: Card): number {
  const ins = card.inputs?.length ?? 0;
  const outs = card.outputs?.length ?? 0;
  return HEAD + (isPlaceholderCard(card.type) ? NOTE : 0) + (ins ? SECTION + ins * ROW : 0) + (outs ? SECTION + outs * ROW : 0) + FOOT;
}

/** The colour family of a card, by its Okta module. */
function tone(type: string): string {
  const module = type.split(':')[0];
  if (type === 'http:accept') return 'event';
  if (module === 'control') return 'control';
  if (module === 'httpfunctions' || module === 'http') return 'http';
  if (module === 'string' || module === 'text') return 'text';
  if (module === 'json' || module === 'object') return 'object';
  if (module === 'list') return 'list';
  return 'other';
}

function wiredFrom(data: CardData, field: Field): string | undefined {
  const wire = data.def.wires.find((w) => w.to.card === data.card.id && w.to.field === field.id);
  if (!wire) return undefined;
  const source = data.names.get(wire.from.card);
  const out = source?.outputs?.find((f) => f.id === wire.from.field);
  const conv = wire.convert ? ` (${wire.convert})` : '';
  return `${source?.name ?? wire.from.card} › ${out ? fieldName(out) : wire.from.field}${conv}`;
}

function CardView({ data }: NodeProps<CardNode>) {
  const { card } = data;
  const inputs = card.inputs ?? [];
  const outputs = card.outputs ?? [];
  return (
    <div className={`flow-card tone-${tone(card.type)}${data.selected ? ' is-selected' : ''}${data.failed ? ' is-failed' : ''}${data.ran ? ' has-run' : ''}${isPlaceholderCard(card.type) ? ' is-placeholder' : ''}`}
      style={{ width: CARD_W, height: cardHeight(card) }} aria-label={`${card.name ?? card.type} card${isPlaceholderCard(card.type) ? ` (placeholder: ${placeholderNote(card.type)})` : ''}`}>
      <div className="flow-card-head">
        <span className="flow-card-title">{card.name ?? card.type}</span>
        <span className="flow-card-type">{card.type}</span>
      </div>
      {isPlaceholderCard(card.type) ? <div className="flow-card-note" title={placeholderNote(card.type)}>{placeholderNote(card.type)}</div> : null}
      {inputs.length ? <div className="flow-card-section">Inputs</div> : null}
      {inputs.map((f) => {
        const from = wiredFrom(data, f);
        return (
          <div className="flow-field" key={`i-${f.id}`} title={`${fieldName(f)} (${typeLabel(f)})`}>
            <Handle type="target" position={Position.Left} id={`i:${f.id}`} isConnectable={false} />
            <span className="flow-field-name">{f.group ? <span className="flow-field-group">{f.group} · </span> : null}{fieldName(f)} <span className="flow-field-type">{typeLabel(f)}</span></span>
            <span className={`flow-field-value${from ? ' is-wired' : ''}`}>{from ? `← ${from}` : f.flow ? '(nested flow)' : showTyped(f.value) || '—'}</span>
          </div>
        );
      })}
      {outputs.length ? <div className="flow-card-section">Outputs</div> : null}
      {outputs.map((f) => (
        <div className="flow-field is-output" key={`o-${f.id}`} title={`${fieldName(f)} (${typeLabel(f)})`}>
          <span className="flow-field-name">{f.group ? <span className="flow-field-group">{f.group} · </span> : null}{fieldName(f)} <span className="flow-field-type">{typeLabel(f)}</span></span>
          <Handle type="source" position={Position.Right} id={`o:${f.id}`} isConnectable={false} />
        </div>
      ))}
    </div>
  );
}

function LaneView({ data }: NodeProps<LaneNode>) {
  return (
    <div className={`flow-lane${data.empty ? ' is-empty' : ''}`}>
      <span className="flow-lane-label">{data.label}</span>
      {data.empty ? <span className="flow-lane-empty">No cards</span> : null}
    </div>
  );
}

const nodeTypes = { card: CardView, lane: LaneView };

interface Layout { nodes: Node[]; width: number; height: number }

/** Places a sequence of cards from (x, y); returns the nodes and the space they take. */
function layoutSequence(cards: Card[], x: number, y: number, base: Omit<CardData, 'card'>): Layout {
  const nodes: Node[] = [];
  let cursor = x;
  let height = 0;
  for (const card of cards) {
    nodes.push({ id: card.id, type: 'card', position: { x: cursor, y }, data: { ...base, card }, draggable: false, width: CARD_W, height: cardHeight(card) });
    cursor += CARD_W + GAP;
    height = Math.max(height, cardHeight(card));
    if (card.branches?.length) {
      // Branches side by side: the true branch first, then the else branch.
      const ordered = [...card.branches].sort((a, b) => Number(b.when) - Number(a.when));
      for (const branch of ordered) {
        const inner = layoutSequence(branch.cards, cursor + LANE_PAD, y, base);
        const laneW = Math.max(inner.width, 150) + 2 * LANE_PAD;
        const laneH = LANE_HEAD + Math.max(inner.height, 60) + LANE_PAD;
        nodes.push({
          id: `lane-${card.id}-${branch.when}`, type: 'lane', position: { x: cursor, y: y - LANE_HEAD },
          data: { label: branch.when ? `${card.name ?? 'If/Else'}: if true` : `${card.name ?? 'If/Else'}: else`, empty: branch.cards.length === 0 },
          draggable: false, selectable: false, focusable: false, zIndex: -1, width: laneW, height: laneH,
          style: { width: laneW, height: laneH },
        });
        nodes.push(...inner.nodes);
        cursor += laneW + GAP;
        height = Math.max(height, laneH - LANE_HEAD);
      }
    }
  }
  return { nodes, width: Math.max(0, cursor - x - GAP), height };
}

/** Brings the selected card into view (chosen from the list beside the canvas, or added just now). */
function FollowSelection({ nodes, selected }: { nodes: Node[]; selected?: string }) {
  const flow = useReactFlow();
  useEffect(() => {
    const node = nodes.find((n) => n.id === selected);
    if (!node) return;
    const { zoom } = flow.getViewport();
    flow.setCenter(node.position.x + CARD_W / 2, node.position.y + (node.height ?? 200) / 2, { zoom, duration: 250 });
    // Only when the selection changes, not on every render of the same flow.
  }, [selected]);
  return null;
}

export function FlowCanvas({ def, selected, onSelect, ranCards, failedCard }: {
  def: FlowDefinition; selected?: string; onSelect: (id: string | undefined) => void; ranCards?: Set<string>; failedCard?: string;
}) {
  const { nodes, edges } = useMemo(() => {
    const names = new Map(allCards(def.cards).map((c) => [c.id, c]));
    const layout = layoutSequence(def.cards, 0, 0, { def, names, selected: false, failed: false, ran: false });
    const withState = layout.nodes.map((n) => (n.type === 'card'
      ? { ...n, selected: n.id === selected, data: { ...(n.data as CardData), selected: n.id === selected, failed: n.id === failedCard, ran: ranCards?.has(n.id) ?? false } }
      : n));
    const edgeList: Edge[] = def.wires
      .filter((w) => names.has(w.from.card) && names.has(w.to.card))
      .map((w, i) => ({
        id: `w${i}`,
        source: w.from.card,
        sourceHandle: `o:${w.from.field}`,
        target: w.to.card,
        targetHandle: `i:${w.to.field}`,
        label: w.convert,
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        className: 'flow-wire',
        focusable: false,
      }));
    return { nodes: withState, edges: edgeList };
  }, [def, selected, ranCards, failedCard]);

  return (
    <div className="flow-canvas" role="group" aria-label={`Cards of ${def.name}. Select a card to see its fields.`}
      onKeyDown={(e) => {
        // Keyboard: Tab to a card, Enter or Space to select it.
        const node = (e.target as HTMLElement).closest?.('.react-flow__node-card');
        const id = node?.getAttribute('data-id');
        if (id && (e.key === 'Enter' || e.key === ' ')) {
          e.preventDefault();
          onSelect(id);
        }
      }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        defaultViewport={{ x: 24, y: LANE_HEAD + 24, zoom: 0.8 }}
        minZoom={0.2}
        maxZoom={1.5}
        panOnScroll
        zoomOnScroll={false}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_e, node) => { if (node.type === 'card') onSelect(node.id); }}
        onPaneClick={() => onSelect(undefined)}
        proOptions={{ hideAttribution: true }}
      >
        <FollowSelection nodes={nodes} selected={selected} />
        <Background gap={24} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
