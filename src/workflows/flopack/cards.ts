import type { CardDeclaration } from '../engine/card.js';
import { defaultCardRegistry } from '../cards/registry.js';
import type { Card, ErrorPolicy, Field, JoinTarget, Wire } from '../model/flow.schema.js';
import { exportField, importField, type GraphCodec } from './fields.js';
import { arrayAt, cloneJson, FlopackError, idAt, isObject, objectAt, parentsOfAddress, stringAt, take, typeOfAddress, type JsonObject } from './okta-json.js';

/*
 * A card of Okta's export (an element of `methods`) and the model's Card. Pins become wires,
 * `branches` become the If/Else structure (see structure.ts); everything else Okta wrote and the
 * model does not express stays in `okta`.
 */

export interface ImportedCard {
  card: Card;
  wires: Wire[];
  /** If/Else: branch head card id → branch value. */
  branchHeads: Record<string, boolean>;
}

export function importCard(raw: unknown, path: string, graphs: GraphCodec): ImportedCard {
  const rest = cloneJson(objectAt(raw, path));
  const id = idAt(take(rest, 'uuid'), `${path}.uuid`);
  const type = typeOfAddress(stringAt(rest.address, `${path}.address`), `${path}.address`);
  const card: Card = { id, type };
  const wires = importPins(id, take(rest, 'pins'), `${path}.pins`);
  const branchHeads = importBranchHeads(take(rest, 'branches'), `${path}.branches`);
  const joins = importJoins(take(rest, 'joins'), `${path}.joins`);

  const node = objectAt(rest.node, `${path}.node`);
  if (isObject(node.data) && typeof node.data.name === 'string') card.name = take(node.data, 'name') as string;
  const model = objectAt(node.model, `${path}.node.model`);
  for (const side of ['inputs', 'outputs'] as const) {
    const container = objectAt(model[side], `${path}.node.model.${side}`);
    const data = objectAt(take(container, 'data'), `${path}.node.model.${side}.data`);
    card[side] = Object.entries(data).map(([fieldId, field]) => importField(field, `${path}.node.model.${side}.data.${fieldId}`, graphs));
  }
  if (isObject(model.policy) && isObject(model.policy.error)) {
    card.onError = take(model.policy, 'error') as ErrorPolicy;
    if (Object.keys(model.policy).length === 0) delete model.policy;
  }
  if ('comments' in model) card.comments = take(model, 'comments');
  if (joins) card.joins = joins;
  card.okta = rest;
  return { card, wires, branchHeads };
}

function importPins(cardId: string, raw: unknown, path: string): Wire[] {
  if (raw === undefined) return [];
  const wires: Wire[] = [];
  for (const [output, targets] of Object.entries(objectAt(raw, path))) {
    idAt(output, `${path}.${output}`);
    for (const [targetCard, pins] of Object.entries(objectAt(targets, `${path}.${output}`))) {
      idAt(targetCard, `${path}.${output}.${targetCard}`);
      arrayAt(pins, `${path}.${output}.${targetCard}`).forEach((pin, index) => {
        const at = `${path}.${output}.${targetCard}[${index}]`;
        const { input, transform } = objectAt(pin, at);
        const wire: Wire = { from: { card: cardId, field: output }, to: { card: targetCard, field: idAt(input, `${at}.input`) } };
        const conversion = readTransform(transform, output);
        if (conversion === 'unusual') wire.okta = { transform: cloneJson(transform) };
        else if (conversion) {
          wire.convert = conversion.convert;
          if (conversion.forceWrapArray) wire.forceWrapArray = true;
        }
        wires.push(wire);
      });
    }
  }
  return wires;
}

/** Okta writes a conversion as `{<output>: {convert, forceWrapArray, dest: <output>}}`; anything else is kept as it is. */
function readTransform(transform: unknown, output: string): { convert: string; forceWrapArray: boolean } | undefined | 'unusual' {
  if (transform === null) return undefined;
  if (!isObject(transform) || Object.keys(transform).length !== 1 || !isObject(transform[output])) return 'unusual';
  const { convert, forceWrapArray, dest, ...extra } = transform[output];
  if (typeof convert !== 'string' || typeof forceWrapArray !== 'boolean' || dest !== output || Object.keys(extra).length > 0) return 'unusual';
  return { convert, forceWrapArray };
}

function importBranchHeads(raw: unknown, path: string): Record<string, boolean> {
  if (raw === undefined) return {};
  return Object.fromEntries(
    Object.entries(objectAt(raw, path)).map(([head, when]) => {
      if (typeof when !== 'boolean') throw new FlopackError(`branch '${head}' must be true or false`, path);
      return [idAt(head, path), when];
    }),
  );
}

function importJoins(raw: unknown, path: string): Record<string, JoinTarget[]> | undefined {
  if (raw === undefined) return undefined;
  const joins: Record<string, JoinTarget[]> = Object.fromEntries(
    Object.entries(objectAt(raw, path)).map(([input, targets]) => [
      idAt(input, path),
      arrayAt(targets, `${path}.${input}`).map((target, index): JoinTarget => {
        const at = `${path}.${input}[${index}]`;
        const { output, transform } = objectAt(target, at);
        return transform === null ? { output: idAt(output, `${at}.output`) } : { output: idAt(output, `${at}.output`), transform: cloneJson(transform) };
      }),
    ]),
  );
  return Object.keys(joins).length > 0 ? joins : undefined;
}

/** Okta's card JSON: `pins` built from the wires leaving this card, `branches` from its If/Else heads. */
export function exportCard(card: Card, wiresFrom: readonly Wire[], branches: Record<string, boolean>, graphs: GraphCodec): JsonObject {
  const declaration = defaultCardRegistry.get(card.type);
  const method: JsonObject = card.okta === undefined ? authoredMethod(card, declaration) : cloneJson(card.okta);
  const node: JsonObject = isObject(method.node) ? method.node : {};
  const data: JsonObject = isObject(node.data) ? node.data : {};
  if (card.name !== undefined) data.name = card.name;
  const model: JsonObject = isObject(node.model) ? node.model : {};
  for (const side of ['inputs', 'outputs'] as const) {
    const container: JsonObject = isObject(model[side]) ? model[side] : { extensible: false };
    container.data = Object.fromEntries((card[side] ?? []).map((field: Field, index) => [field.id, exportField(field, index, side, graphs)]));
    model[side] = container;
  }
  if (card.onError !== undefined) model.policy = { ...(isObject(model.policy) ? model.policy : {}), error: cloneJson(card.onError) };
  if (card.comments !== undefined) model.comments = cloneJson(card.comments);
  return {
    ...method,
    uuid: card.id,
    node: { ...node, data, model },
    pins: exportPins(wiresFrom),
    branches,
    joins: Object.fromEntries(
      Object.entries(card.joins ?? {}).map(([input, targets]) => [
        input,
        targets.map((target) => ({ output: target.output, transform: target.transform === undefined ? null : cloneJson(target.transform) })),
      ]),
    ),
  };
}

function exportPins(wires: readonly Wire[]): JsonObject {
  // Maps, not objects: ids become property names only through Object.fromEntries.
  const pins = new Map<string, Map<string, JsonObject[]>>();
  for (const wire of wires) {
    const byTarget = pins.get(wire.from.field) ?? new Map<string, JsonObject[]>();
    pins.set(wire.from.field, byTarget);
    const transform =
      wire.okta && 'transform' in wire.okta
        ? cloneJson(wire.okta.transform)
        : wire.convert === undefined
          ? null
          : { [wire.from.field]: { convert: wire.convert, forceWrapArray: wire.forceWrapArray === true, dest: wire.from.field } };
    byTarget.set(wire.to.card, [...(byTarget.get(wire.to.card) ?? []), { input: wire.to.field, transform }]);
  }
  return Object.fromEntries([...pins].map(([output, byTarget]) => [output, Object.fromEntries(byTarget)]));
}

/** What Okta's editor writes for a card; used for cards authored in Tollgate. */
function authoredMethod(card: Card, declaration: CardDeclaration | undefined): JsonObject {
  const [module, key] = card.type.split(':');
  const address = declaration?.okta.address ?? `root:kernel:${module}:0.0.1:${key}`;
  const title = declaration?.title ?? card.name ?? key;
  return {
    address,
    parents: parentsOfAddress(address),
    node: {
      key,
      data: { name: card.name ?? title },
      model: {
        type: 'method',
        _v: 2,
        key,
        executable: false,
        displayed: true,
        async: false,
        cooperative: false,
        mirrored: false,
        inlined: false,
        dependencies: [],
        timeout: declaration?.okta.timeout ?? 90000,
        idempotent: false,
        monitor: false,
        webhook: false,
        webhookList: false,
        webhookConditions: false,
        mobile: false,
        hooks: {},
        policy: { error: { type: 'finish' } },
        metadata: { id: null, name: title, description: declaration?.description ?? null },
        meta: {},
        config: null,
        partnerChannelKeys: null,
        inputs: { extensible: declaration?.extensible?.inputs === true },
        outputs: { extensible: declaration?.extensible?.outputs === true },
        runtime: {},
      },
    },
  };
}
