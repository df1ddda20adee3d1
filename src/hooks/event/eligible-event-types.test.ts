import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVENT_HOOK_ELIGIBLE_EVENT_TYPES, isCatalogueEventType, isEventHookEligible } from './eligible-event-types.js';
import { parseCsv, readCatalogue } from './event-types-csv.js';
import { renderEventTypesModule } from './generate-event-types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Okta's catalogue beside the checkout (the reference material), or where TOLLGATE_OKTA_EVENT_TYPES_CSV says. */
const csvPath = process.env.TOLLGATE_OKTA_EVENT_TYPES_CSV
  ?? path.resolve(here, '../../../../shared/reference/okta-data/okta-event-types.csv');
const haveCsv = fs.existsSync(csvPath);

describe('eligible event types', () => {
  it.skipIf(!haveCsv)('eligible-event-types.ts is exactly what the generator makes from the CSV', () => {
    const generated = renderEventTypesModule(fs.readFileSync(csvPath, 'utf8'));
    expect(fs.readFileSync(path.join(here, 'eligible-event-types.ts'), 'utf8')).toBe(generated);
  });

  it.skipIf(!haveCsv)('agrees with the catalogue type by type', () => {
    for (const entry of readCatalogue(fs.readFileSync(csvPath, 'utf8'))) {
      expect(isCatalogueEventType(entry.eventType), entry.eventType).toBe(true);
      expect(isEventHookEligible(entry.eventType), entry.eventType).toBe(entry.eligible);
    }
  });

  it('has the types the reference names as eligible, and not the ones it names as not', () => {
    for (const t of ['user.lifecycle.create', 'group.user_membership.add', 'user.session.start', 'inline_hook.executed', 'policy.rule.update']) {
      expect(isEventHookEligible(t), t).toBe(true);
    }
    for (const t of ['inline_hook.response.processed', 'event_hook.delivery', 'inline_hook.created', 'no.such.event']) {
      expect(isEventHookEligible(t), t).toBe(false);
    }
    expect(EVENT_HOOK_ELIGIBLE_EVENT_TYPES.length).toBeGreaterThan(200);
  });

  it('reads quoted CSV fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b\n"x, y","say ""hi""\nthere"\r\nz,\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere'], ['z', '']]);
  });
});
