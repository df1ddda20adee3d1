/**
 * `GET /api/workflows/v1/cards`: the cards this Tollgate can run, with the fields a new card of each type
 * starts with (what Okta's editor puts on a card dropped into a flow). The console's flow editor adds
 * cards from it. Same credentials as the rest of the Workflows API.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { requireApiTokenIn } from '../identity/auth.js';
import { CARD_DECLARATIONS } from '../workflows/cards/registry.js';
import type { CardFieldSpec, CardKind } from '../workflows/engine/card.js';

export interface CardCatalogEntry {
  type: string;
  title: string;
  description: string;
  kind: CardKind;
  inputs: CardFieldSpec[];
  outputs: CardFieldSpec[];
  extensible: { inputs: boolean; outputs: boolean };
}

export function cardCatalog(): CardCatalogEntry[] {
  return CARD_DECLARATIONS.map((card) => ({
    type: card.type,
    title: card.title,
    description: card.description,
    kind: card.kind,
    inputs: card.inputs.map((field) => ({ ...field })),
    outputs: card.outputs.map((field) => ({ ...field })),
    extensible: { inputs: card.extensible?.inputs === true, outputs: card.extensible?.outputs === true },
  }));
}

export async function cardCatalogRoutes(scope: FastifyInstance, ctx: AppContext): Promise<void> {
  await scope.register(async (inner) => {
    requireApiTokenIn(inner, ctx);
    const catalog = cardCatalog();
    inner.get('/api/workflows/v1/cards', async () => catalog);
  });
}
