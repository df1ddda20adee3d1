/**
 * The form that takes a 6-digit code sent to a phone, shared by the factor set-up, the sign-in code step and
 * phone recovery, with the error box its field points at (`aria-describedby="form-error"`) and the status line.
 */
import { html, type SafeHtml } from '../../platform/html/layout.js';

/** The error shown above a code form; its id is what the code field is described by. */
export function formError(error: string | undefined): SafeHtml | '' {
  return error ? html`<div class="error-summary" role="alert" id="form-error"><p>${error}</p></div>` : '';
}

/** A status line (a code resent, a factor set up, …). */
export function statusLine(text: string | undefined): SafeHtml | '' {
  return text ? html`<p class="notice" role="status">${text}</p>` : '';
}

/** `hidden`: the form's hidden inputs (CSRF token first), on the line before the field. */
export function codeForm(action: string, hidden: SafeHtml, error: string | undefined): SafeHtml {
  return html`<form method="post" action="${action}" novalidate>
  ${hidden}
  <div class="field">
    <label for="f-passCode">Enter code</label>
    <input type="text" id="f-passCode" name="passCode" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" maxlength="6"
      required aria-required="true" aria-invalid="${error ? 'true' : 'false'}" ${error ? html`aria-describedby="form-error"` : ''}>
  </div>
  <button type="submit">Verify</button>
</form>`;
}
