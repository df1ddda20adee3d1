import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

/*
 * The one-way layers rule of eslint.config.js (run by `npm test` through lint): an import that runs back
 * up a layer is an error, one that runs down is not.
 */

const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('one-way layers', () => {
  test.each([
    ['src/events/example.ts', "import { runInlineHook } from '../hooks/inline/runner.js';\nexport const x = runInlineHook;\n"],
    ['src/platform/db/example.ts', "import { requireApiToken } from '../../identity/auth.js';\nexport const x = requireApiToken;\n"],
    ['src/workflows/engine/example.ts', "import { oktaApi } from '../host/okta-service.js';\nexport const x = oktaApi;\n"],
    ['src/identity/groups/example.ts', "import { appsGroupListener } from '../../apps/app-group-assignments.service.js';\nexport const x = appsGroupListener;\n"],
    ['src/identity/users/example.ts', "import { runRegistrationHook } from '../../hooks/inline/registration.inline-hook.js';\nexport const x = runRegistrationHook;\n"],
    ['src/identity/example.ts', "import { oktaApi } from '../workflows/host/okta-service.js';\nexport const x = oktaApi;\n"],
    ['src/hooks/inline/example.ts', "import { buildAssertion } from '../../saml/assertion-builder.js';\nexport const x = buildAssertion;\n"],
    ['src/hooks/toolkit/example.ts', "import { tokenPipeline } from '../../oauth/provider/token-pipeline.js';\nexport const x = tokenPipeline;\n"],
    ['src/workflows/model/example.ts', "import { startFlow } from '../engine/index.js';\nexport const x = startFlow;\n"],
  ])('%s may not import upwards', async (filePath, code) => {
    const found = await layerErrors(filePath, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/One-way layers: /);
  });

  test('imports downwards pass', async () => {
    expect(await layerErrors('src/events/example.ts', "import type { AppContext } from '../platform/context.js';\nexport type X = AppContext;\n")).toEqual([]);
    expect(await layerErrors('src/hooks/example.ts', "import { recordEvent } from '../events/record-event.js';\nexport const x = recordEvent;\n")).toEqual([]);
  });
});
