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
    ['src/workflows/engine/example.ts', "import { runInlineHook } from '../../hooks/inline/runner.js';\nexport const x = runInlineHook;\n"],
    ['src/oauth/endpoints/example.ts', "import { signInPages } from '../../pages/signin.page.js';\nexport const x = signInPages;\n"],
    ['src/saml/example.ts', "import { pageRoutes } from '../pages/pages.routes.js';\nexport const x = pageRoutes;\n"],
    ['src/console/example.ts', "import { signInPages } from '../pages/signin.page.js';\nexport const x = signInPages;\n"],
    ['src/authn/example.ts', "import { signInPages } from '../pages/signin.page.js';\nexport const x = signInPages;\n"],
    ['src/apps/example.ts', "import { samlRoutes } from '../saml/saml.routes.js';\nexport const x = samlRoutes;\n"],
    ['src/saml/example.ts', "import { oauthServerRoutes } from '../oauth/oauth.routes.js';\nexport const x = oauthServerRoutes;\n"],
    ['src/hooks/inline/example.ts', "import { RESERVED } from '../../oauth/reserved-claims.js';\nexport const x = RESERVED;\n"],
    ['src/ops/example.ts', "import type { RunningServer } from '../server.js';\nexport type X = RunningServer;\n"],
    ['src/identity/cli/example.ts', "import { withCliStore } from '../../cli-store.js';\nexport const x = withCliStore;\n"],
    ['src/platform/db/example.ts', "import { buildApp } from '../../app.js';\nexport const x = buildApp;\n"],
  ])('%s may not import upwards, sideways or a root file', async (filePath, code) => {
    const found = await layerErrors(filePath, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/One-way layers: /);
  });

  test('imports downwards pass', async () => {
    expect(await layerErrors('src/events/example.ts', "import type { AppContext } from '../platform/context.js';\nexport type X = AppContext;\n")).toEqual([]);
    expect(await layerErrors('src/hooks/example.ts', "import { recordEvent } from '../events/record-event.js';\nexport const x = recordEvent;\n")).toEqual([]);
    expect(await layerErrors('src/platform/db/example.ts', "import type { Config } from '../config.js';\nexport type X = Config;\n")).toEqual([]);
    expect(await layerErrors('src/saml/example.ts', "import { signOnOf } from '../apps/saml/saml-settings.js';\nexport const x = signOnOf;\n")).toEqual([]);
    expect(await layerErrors('src/pages/factors/example.ts', "import { html } from '../../platform/html/layout.js';\nimport { afterPassword } from './sign-in-steps.js';\nexport const x = [html, afterPassword];\n")).toEqual([]);
    expect(await layerErrors('src/identity-sources/example.ts', "import { followJob } from '../imports/follow-job.js';\nexport const x = followJob;\n")).toEqual([]);
  });
});
