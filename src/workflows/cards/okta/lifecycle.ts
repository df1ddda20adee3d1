import { defineCard, type CardDeclaration, type CardFieldSpec, type CardRunContext } from '../../engine/card.js';
import { textOf } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText, segment, withQuery } from './okta-connector.js';

/** Okta's Yes/No choice of "Send Email?" as the API's `sendEmail`. */
export function sendEmailOf(ctx: Pick<CardRunContext, 'input'>, fallback: boolean): boolean {
  const text = textOf(ctx.input('sendEmail', 'parameters')).trim().toLowerCase();
  if (text === '') return fallback;
  return text === 'yes' || text === 'true';
}

/**
 * The lifecycle cards (Suspend, Activate, Deactivate User): POST /api/v1/users/{id}/lifecycle/{operation},
 * with `sendEmail` where the card offers it; the output is the answer's status code.
 */
export function lifecycleCard(card: {
  key: string;
  title: string;
  description: string;
  operation: string;
  sendEmail?: boolean;
}): CardDeclaration {
  const inputs: CardFieldSpec[] = [{ key: 'id', type: 'string', group: 'User', label: 'ID or Login' }];
  if (card.sendEmail !== undefined) inputs.unshift({ key: 'sendEmail', type: 'string', group: 'parameters', label: 'Send Email?', value: card.sendEmail ? 'Yes' : 'No' });
  return defineCard({
    type: `okta:${card.key}`,
    title: card.title,
    description: card.description,
    kind: 'function',
    okta: oktaCardExport(card.key),
    inputs,
    outputs: [{ key: 'statusCode', type: 'number', group: 'Response', label: 'Status Code' }],
    async run(ctx) {
      const id = requiredText(ctx, 'id', 'User', 'ID or Login');
      const path = `/api/v1/users/${segment(id)}/lifecycle/${card.operation}`;
      const response = await oktaCall(ctx, 'POST', card.sendEmail === undefined ? path : withQuery(path, { sendEmail: sendEmailOf(ctx, card.sendEmail) }));
      return { outputs: outputsBy(ctx, (field) => (field.key === 'statusCode' ? response.statusCode : undefined)) };
    },
  });
}
