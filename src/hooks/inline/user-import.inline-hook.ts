/** User import inline hook (reference §3.5): adjusts each imported user, or links it. Fails open. */
import { Type } from '@sinclair/typebox';
import { ProfileUpdateValue } from './commands.js';
import type { InlineHookTypeDefinition } from './hook-type.js';

export const userImportHookType: InlineHookTypeDefinition = {
  type: 'com.okta.import.transform',
  name: 'User Import',
  retries: true,
  failure: 'open',
  commands: {
    'com.okta.appUser.profile.update': ProfileUpdateValue,
    'com.okta.user.profile.update': ProfileUpdateValue,
    'com.okta.action.update': Type.Object({
      result: Type.Union([Type.Literal('CREATE_USER'), Type.Literal('LINK_USER')]),
    }, { additionalProperties: false }),
    'com.okta.user.update': Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
  },
};
