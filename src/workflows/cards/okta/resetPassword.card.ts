import { CardError, defineCard } from '../../engine/card.js';
import { booleanInput } from '../shared/inputs.js';
import { isPlainObject, textOf } from '../../engine/values/types.js';
import { oktaCall, oktaCardExport, outputsBy, requiredText, segment, withQuery } from './okta-connector.js';

/**
 * Okta connector Reset Password: POST /api/v1/users/{id}/lifecycle/reset_password?sendEmail=… (the user
 * goes to RECOVERY). Okta's card changes its outputs with "Send Email": with an email it gives the
 * answer's Status Code (Response), without one the reset link (Reset Password.URL). The card fills
 * whichever of the two it carries. "Convert to Federated User" is not offered by Tollgate's API.
 */
export default defineCard({
  type: 'okta:resetPassword',
  title: 'Reset Password',
  description: "Reset a user's password: the user gets a one-time link to choose a new one.",
  kind: 'function',
  okta: oktaCardExport('resetPassword'),
  inputs: [
    { key: 'userID', type: 'string', group: 'User', label: 'ID or Username' },
    { key: 'convert', type: 'string', group: 'parameters', label: 'Convert to Federated User', value: 'No' },
    { key: 'email', type: 'boolean', group: 'parameters', label: 'Send Email', value: true },
  ],
  outputs: [{ key: 'Status Code', type: 'number', group: 'Response' }],
  async run(ctx) {
    const id = requiredText(ctx, 'userID', 'User', 'ID or Username');
    if (textOf(ctx.input('convert', 'parameters')).trim().toLowerCase() === 'yes') {
      throw new CardError('Convert to Federated User is not available: Tollgate users keep their Okta password');
    }
    const sendEmail = booleanInput(ctx, 'email', true);
    const response = await oktaCall(ctx, 'POST', withQuery(`/api/v1/users/${segment(id)}/lifecycle/reset_password`, { sendEmail }));
    const url = isPlainObject(response.body) && typeof response.body.resetPasswordUrl === 'string' ? response.body.resetPasswordUrl : null;
    return {
      outputs: outputsBy(ctx, (field) => {
        if (field.key === 'Status Code') return response.statusCode;
        if (field.key === 'URL') return url;
        return undefined;
      }),
    };
  },
});
