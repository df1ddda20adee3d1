import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCatalogueEventType, isEventHookEligible } from '../src/hooks/event/eligible-event-types.js';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && entry.name !== 'test-kit.ts' ? [full] : [];
  });
}

/**
 * Every System Log event type Tollgate's code writes: the string literals on `eventType:` lines (also in
 * `cond ? 'a' : 'b'` form). Hook envelope types (`com.okta.…`) are not log events and are left out.
 */
function emittedEventTypes(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(srcDir)) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!/\beventType:/.test(line)) return;
      for (const m of line.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)) {
        if (m[1].startsWith('com.okta.')) continue;
        const where = `${path.relative(srcDir, file)}:${i + 1}`;
        found.set(m[1], [...(found.get(m[1]) ?? []), where]);
      }
    });
  }
  return found;
}

describe('event types Tollgate emits', () => {
  const emitted = emittedEventTypes();

  it('are all in Okta\'s event type catalogue', () => {
    const unknown = [...emitted].filter(([type]) => !isCatalogueEventType(type)).map(([type, where]) => `${type} (${where.join(', ')})`);
    expect(unknown).toEqual([]);
  });

  it('include the event-hook-eligible events of the features that exist', () => {
    const eligible = [...emitted.keys()].filter(isEventHookEligible);
    for (const type of [
      'user.lifecycle.create', 'user.lifecycle.activate', 'user.lifecycle.deactivate', 'user.lifecycle.suspend', 'user.lifecycle.unsuspend',
      'user.lifecycle.delete.initiated', 'user.account.update_profile', 'user.account.update_password', 'user.account.lock',
      'user.session.start', 'user.session.end', 'group.user_membership.add', 'group.user_membership.remove',
      'group.lifecycle.create', 'group.lifecycle.delete', 'group.profile.update', 'policy.lifecycle.update', 'policy.rule.update',
      'inline_hook.executed', 'application.user_membership.add',
    ]) {
      expect(eligible, type).toContain(type);
    }
  });

  it('include every event hook admin event (§2.6) and nothing of it is eligible', () => {
    for (const type of ['event_hook.created', 'event_hook.updated', 'event_hook.activated', 'event_hook.deactivated', 'event_hook.deleted', 'event_hook.verified', 'event_hook.delivery']) {
      expect(emitted.has(type), type).toBe(true);
      expect(isEventHookEligible(type), type).toBe(false);
    }
  });
});
