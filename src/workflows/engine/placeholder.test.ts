import { describe, expect, test } from 'vitest';
import { readTemplate } from '../../../test/helpers/templates.js';
import { readFlopack } from '../flopack/index.js';
import type { Card } from '../model/flow.schema.js';
import { allCards } from '../model/walk.js';
import { connectorName, missingCardMessage } from './placeholder.js';
import { runFlow } from './run-flow.js';
import { card, engineContext, flow } from './flow-test-kit.js';

/** A card of a template as the importer gives it, by type. */
function importedCard(template: string, type: string): Card {
  const found = readFlopack(readTemplate(template)).flows.flatMap((f) => allCards(f)).find((c) => c.type === type);
  if (!found) throw new Error(`${template} has no ${type} card`);
  return found;
}

describe('cards of connectors Tollgate does not have (placeholders)', () => {
  test('a Slack card imported from a template fails when reached, naming the card and the connector', async () => {
    const slack = importedCard('detect_and_respond_to_mfa_fatigue_attacks', 'slack:sendMessageToChannel2');
    const result = await runFlow(flow([card('start', 'control:noop'), { ...slack, inputs: [], outputs: [] }]), { kind: 'manual' }, engineContext());
    expect(result.status).toBe('failed');
    expect(result.error).toMatchObject({ reason: 'card', cardId: slack.id, cardType: 'slack:sendMessageToChannel2' });
    expect(result.error?.message).toBe(
      `card 'Send Message to Channel' (slack:sendMessageToChannel2, id ${slack.id}) failed: the card 'Send Message to Channel' belongs to the Slack connector, ` +
        'which is not available in Tollgate: the card is kept as a placeholder (it imports and exports unchanged) and cannot run',
    );
  });

  test('a renamed card shows its name in the flow and its name in the connector', () => {
    const slack = importedCard('detect_and_respond_to_mfa_fatigue_attacks', 'slack:sendMessageToChannel2');
    expect(missingCardMessage({ ...slack, name: 'Tell the team' })).toMatch(
      /^the card 'Tell the team' \(Slack: Send Message to Channel\) belongs to the Slack connector, which is not available in Tollgate/,
    );
  });

  test('a card written without Okta’s export is named from its type', () => {
    expect(missingCardMessage({ id: 'c', type: 'salesforce:createRecord' })).toBe(
      "the card 'createRecord' belongs to the Salesforce connector, which is not available in Tollgate: the card is kept as a placeholder (it imports and exports unchanged) and cannot run",
    );
  });

  test('a missing function card, or a missing card of a connector Tollgate has, is a gap in Tollgate, not a placeholder', () => {
    expect(missingCardMessage({ id: 'c', type: 'string:rot13' })).toBe("the card type 'string:rot13' is not implemented in Tollgate");
    expect(missingCardMessage({ id: 'c', type: 'okta:frobnicateUser', okta: { address: 'root:channels:http:okta:1.0.592:frobnicateUser' } })).toBe(
      "the card type 'okta:frobnicateUser' is not implemented in Tollgate",
    );
  });

  test.each([
    ['slack', 'Slack'],
    ['salesforce2_29', 'Salesforce'],
    ['jira2', 'Jira'],
    ['auth0_293ca73ef2a04fe48eaa3bb7876df2e6', 'Auth0'],
    ['acmecrm_0123456789abcdef0123456789abcdef', 'acmecrm'],
  ])("connector key %s is Okta's %s", (key, name) => {
    expect(connectorName(key)).toBe(name);
  });

  test('a placeholder is not retried by its error policy: retrying cannot make it run', async () => {
    const sleeps: number[] = [];
    const placeholder: Card = { id: 'gh', type: 'github:createIssue', name: 'Create Issue', onError: { type: 'finish', retry: 3, delay: 120000 } };
    const result = await runFlow(
      flow([card('start', 'control:noop'), placeholder]),
      { kind: 'manual' },
      engineContext({ sleep: (ms) => (sleeps.push(ms), Promise.resolve()) }),
    );
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/belongs to the GitHub connector/);
    expect(sleeps).toEqual([]);
    expect(result.cards[1].attempts).toBeUndefined();
  });
});
