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
    ['src/workflows/engine/example.ts', "import { oktaApi } from '../runtime/okta-service.js';\nexport const x = oktaApi;\n"],
    ['src/workflows/engine/example.ts', "import { defaultCardRegistry } from '../cards/registry.js';\nexport const x = defaultCardRegistry;\n"],
    ['src/workflows/engine/example.ts', "import { importGraph } from '../flopack/graph.js';\nexport const x = importGraph;\n"],
    ['src/workflows/engine/values/example.ts', "import { exportFlowPack } from '../../store/flow-export.js';\nexport const x = exportFlowPack;\n"],
    ['src/workflows/cards/control/example.ts', "import { readNestedFlow } from '../../flopack/graph.js';\nexport const x = readNestedFlow;\n"],
    ['src/workflows/cards/okta/events/example.ts', "import { workflowRuntime } from '../../../../runtime/workflow-runtime.js';\nexport const x = workflowRuntime;\n"],
    ['src/workflows/flopack/example.ts', "import { findFlowRow } from '../store/flows.store.js';\nexport const x = findFlowRow;\n"],
    ['src/workflows/store/example.ts', "import { workflowRuntime } from '../runtime/workflow-runtime.js';\nexport const x = workflowRuntime;\n"],
    ['src/workflows/store/example.ts', "import { getFlow } from '../api/flows.service.js';\nexport const x = getFlow;\n"],
    ['src/workflows/runtime/example.ts', "import { exportFlowPackApi } from '../api/flows.service.js';\nexport const x = exportFlowPackApi;\n"],
    ['src/workflows/runtime/example.ts', "import { invokeFlow } from '../invoke/invoke-flow.js';\nexport const x = invokeFlow;\n"],
    ['src/workflows/runtime/example.ts', "import { runFlowFile } from '../cli/flow-run.js';\nexport const x = runFlowFile;\n"],
    ['src/workflows/demo-flows/example.ts', "import { runFlow } from '../engine/index.js';\nexport const x = runFlow;\n"],
    ['src/workflows/api/example.ts', "import { invokeFlow } from '../invoke/invoke-flow.js';\nexport const x = invokeFlow;\n"],
    ['src/workflows/invoke/example.ts', "import { getFlow } from '../api/flows.service.js';\nexport const x = getFlow;\n"],
    ['src/identity/groups/example.ts', "import { appsGroupListener } from '../../apps/app-group-assignments.service.js';\nexport const x = appsGroupListener;\n"],
    ['src/identity/users/example.ts', "import { runRegistrationHook } from '../../hooks/inline/registration.inline-hook.js';\nexport const x = runRegistrationHook;\n"],
    ['src/identity/example.ts', "import { oktaApi } from '../workflows/runtime/okta-service.js';\nexport const x = oktaApi;\n"],
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

  test('inside workflows, imports down the layers pass (model ← engine ← cards ← flopack ← store ← runtime ← api / invoke / cli)', async () => {
    const downwards: Array<[string, string]> = [
      ['src/workflows/engine/example.ts', '../model/flow.schema.js'],
      ['src/workflows/cards/okta/events/example.ts', '../../../../engine/card.js'],
      ['src/workflows/flopack/example.ts', '../cards/registry.js'],
      ['src/workflows/store/example.ts', '../flopack/index.js'],
      ['src/workflows/runtime/example.ts', '../store/flow-export.js'],
      ['src/workflows/runtime/example.ts', '../cards/registry.js'],
      ['src/workflows/api/example.ts', '../runtime/workflow-runtime.js'],
      ['src/workflows/invoke/example.ts', '../runtime/flow-cache.js'],
      ['src/workflows/cli/example.ts', '../api/flows.service.js'],
      ['src/workflows/cli/example.ts', '../invoke/http-reply.js'],
    ];
    for (const [filePath, target] of downwards) expect(await layerErrors(filePath, `import * as below from '${target}';\nexport const x = below;\n`), `${filePath} → ${target}`).toEqual([]);
  });
});
