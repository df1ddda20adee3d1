import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { SAFE_ID_PATTERN } from './own-keys.js';

/**
 * Tollgate's own, readable definition of an Okta Workflows flow.
 *
 * - Cards are listed in the order they run; the first card is the event card (or a Noop for flows
 *   started by hand). An If/Else card carries its branches; the Join that merges them is the next card.
 * - Wires connect an output field of an earlier card to an input field of a later card, with an
 *   optional Okta conversion (`parse`, `stringify`, ...).
 * - Ids are Okta's (card `uuid`, field `id`) so they stay put across import, edit and export.
 * - `okta` bags keep every property of Okta's export that the model does not express, verbatim,
 *   so an imported flow exports back without loss. Authored flows leave them out.
 * Names of field types, security levels and conversions are Okta's own.
 */

/** Card and field ids: Okta's, or the author's; never a JavaScript prototype name. */
export const Id = Type.String({ minLength: 1, pattern: SAFE_ID_PATTERN });

/** Properties of Okta's JSON that the model keeps as they are. */
export const OktaBag = Type.Record(Type.String(), Type.Unknown());
export type OktaBag = Static<typeof OktaBag>;

/**
 * Okta field type: `string` (Text), `number`, `boolean` (True/False), `Date`, `object`, `flo` (a flow),
 * `file`, or an object whose keys describe the fields of a typed object (kept verbatim).
 */
export const FieldType = Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())]);
export type FieldType = Static<typeof FieldType>;

/** Okta's conversions on a wire (the `convert` of a pin's transform). */
export const WIRE_CONVERSIONS = [
  'parse',
  'stringify',
  'toString',
  'wrapArray',
  'parseFloat',
  'booleanToString',
  'isoString',
  'dateTime',
] as const;
export type WireConversion = (typeof WIRE_CONVERSIONS)[number];

export const FieldRef = Type.Object(
  { card: Id, field: Id },
  { additionalProperties: false },
);
export type FieldRef = Static<typeof FieldRef>;

/** Data moving from an output of one card to an input of a later card. */
export const Wire = Type.Object(
  {
    from: FieldRef,
    to: FieldRef,
    /** One of WIRE_CONVERSIONS; a string so that an unknown conversion imports and is reported, not dropped. */
    convert: Type.Optional(Type.String({ minLength: 1 })),
    /** Okta's `forceWrapArray`: put the converted value in a list. */
    forceWrapArray: Type.Optional(Type.Boolean()),
    /** An unusual transform of Okta's export, kept verbatim. */
    okta: Type.Optional(OktaBag),
  },
  { additionalProperties: false },
);
export type Wire = Static<typeof Wire>;

/** Okta's per-card error policy (`node.model.policy.error`), e.g. `{"type":"finish"}` or a retry. */
export const ErrorPolicy = Type.Object(
  {
    type: Type.String({ minLength: 1 }),
    retry: Type.Optional(Type.Number()),
    delay: Type.Optional(Type.Union([Type.Number(), Type.Array(Type.Number())])),
    retryCondition: Type.Optional(Type.String()),
    /** The helper flow to run on error: its id, or (as some exports have it) the flow object itself. */
    flo: Type.Optional(Type.Unknown()),
    /** If Error (`type: "handler"`): how the sections' outputs meet (Okta writes `join`). */
    merge: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type ErrorPolicy = Static<typeof ErrorPolicy>;

/** A Join output that an input feeds (Okta's `joins` map of the Join card). */
export const JoinTarget = Type.Object(
  { output: Id, transform: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);
export type JoinTarget = Static<typeof JoinTarget>;

function fieldSchema<T extends TSchema>(card: T) {
  return Type.Object(
    {
      id: Id,
      key: Type.String(),
      type: FieldType,
      /** The field holds a list of `type` (Okta's `collection`). */
      list: Type.Optional(Type.Boolean()),
      /** Okta's field group, e.g. `raw`, `body`, `context`, `Response`. */
      group: Type.Optional(Type.String()),
      /** Display name when it differs from the key (Okta's `metadata.displayname`). */
      label: Type.Optional(Type.String()),
      /** A field the flow's author added (Okta's `metadata.custom`). */
      custom: Type.Optional(Type.Boolean()),
      /** The literal value typed into the field (inputs) or its default. */
      value: Type.Optional(Type.Unknown()),
      /** A nested flow held by a `flo` field (If/ElseIf branches, If Error sections). */
      flow: Type.Optional(flowGraphSchema(card)),
      okta: Type.Optional(OktaBag),
    },
    { additionalProperties: false },
  );
}

function flowGraphSchema<T extends TSchema>(card: T) {
  return Type.Object(
    {
      cards: Type.Array(card),
      wires: Type.Array(Wire),
      okta: Type.Optional(OktaBag),
    },
    { additionalProperties: false },
  );
}

export const Card = Type.Recursive(
  (This) =>
    Type.Object(
      {
        id: Id,
        /** Okta's `module:key`, e.g. `control:if`, `string:compose`, `httpfunctions:close`. */
        type: Type.String({ pattern: '^[^:]+:[^:]+$' }),
        /** The card's title in the flow, e.g. "If/Else". */
        name: Type.Optional(Type.String()),
        inputs: Type.Optional(Type.Array(fieldSchema(This))),
        outputs: Type.Optional(Type.Array(fieldSchema(This))),
        /** If/Else: the branch that runs for each result. The Join that merges them is the next card. */
        branches: Type.Optional(
          Type.Array(
            Type.Object(
              {
                when: Type.Boolean(),
                /** Okta's Noop card that heads the branch (kept for export; authored flows may omit it). */
                head: Type.Optional(This),
                cards: Type.Array(This),
              },
              { additionalProperties: false },
            ),
          ),
        ),
        /** Join: which output each input feeds. */
        joins: Type.Optional(Type.Record(Id, Type.Array(JoinTarget), { additionalProperties: false })),
        onError: Type.Optional(ErrorPolicy),
        /** Okta's card notes (`{title, markdown}`), e.g. the text of a Comment card. */
        comments: Type.Optional(Type.Unknown()),
        okta: Type.Optional(OktaBag),
      },
      { additionalProperties: false },
    ),
  { $id: 'WorkflowCard' },
);
export type Card = Static<typeof Card>;
export type Field = NonNullable<Card['inputs']>[number];
export type Branch = NonNullable<Card['branches']>[number];

/** Cards and wires: a whole flow, or a flow nested in a `flo` field. */
export const FlowGraph = flowGraphSchema(Card);
export type FlowGraph = Static<typeof FlowGraph>;

/** Okta's API Endpoint security levels: `open` (public), `medium` (client token), `high`. */
export const SecurityLevel = Type.Union([Type.Literal('open'), Type.Literal('medium'), Type.Literal('high')]);
export type SecurityLevel = Static<typeof SecurityLevel>;

/**
 * A scheduled flow's schedule: Okta's flow-level `cron` object, verbatim (cron fields `seconds`, `minutes`,
 * `hours`, `dayOfTheMonth`, `month`, `dayOfTheWeek`; `startDate`, `endDate`, `recurrence`, `timeZone`, an
 * IANA zone), and whether it is on (Okta's `scheduled`).
 */
export const FlowSchedule = Type.Object(
  {
    cron: Type.Record(Type.String(), Type.Unknown()),
    enabled: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type FlowSchedule = Static<typeof FlowSchedule>;

export const FLOW_FORMAT = 'tollgate.flow/1';

export const FlowDefinition = Type.Object(
  {
    format: Type.Optional(Type.Literal(FLOW_FORMAT)),
    /** Okta's flow uuid when imported; stays put. */
    id: Type.Optional(Type.String({ minLength: 1 })),
    name: Type.String({ minLength: 1 }),
    description: Type.Optional(Type.String()),
    securityLevel: Type.Optional(SecurityLevel),
    /** "Save all data that passes through the flow" (Okta's `log`). */
    saveAllData: Type.Optional(Type.Boolean()),
    /** The Okta folder (group) the flow sits in. */
    folderId: Type.Optional(Type.String()),
    /** The format version of the Okta export the flow was imported from; its export keeps it. */
    flopackVersion: Type.Optional(Type.String({ maxLength: 20 })),
    /** When the flow runs on its own (a scheduled flow). */
    schedule: Type.Optional(FlowSchedule),
    cards: Type.Array(Card),
    wires: Type.Array(Wire),
    okta: Type.Optional(OktaBag),
  },
  { additionalProperties: false },
);
export type FlowDefinition = Static<typeof FlowDefinition>;
