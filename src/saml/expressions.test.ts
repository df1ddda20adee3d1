import { describe, expect, it } from 'vitest';
import { attributeValuesOf, evaluateExpression, renderTemplate, type ExpressionScope } from './expressions.js';

const scope: ExpressionScope = {
  user: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', login: 'ada', roles: ['a', 'b'], empty: null },
  appuser: { department: 'Engines' },
  userName: 'ada.app',
};

describe('Okta expressions for SAML apps', () => {
  it('reads user and appuser attributes; user.userName is the app username', () => {
    expect(evaluateExpression('user.email', scope)).toBe('ada@example.com');
    expect(evaluateExpression(' appuser.department ', scope)).toBe('Engines');
    expect(evaluateExpression('user.userName', scope)).toBe('ada.app');
    expect(evaluateExpression('user.missing', scope)).toBeNull();
    expect(evaluateExpression('user.toString', scope)).toBeNull();
  });

  it('concatenates with + and reads quoted literals', () => {
    expect(evaluateExpression('user.firstName + " " + user.lastName', scope)).toBe('Ada Lovelace');
    expect(evaluateExpression("'a+b'", scope)).toBe('a+b');
    expect(evaluateExpression('"say \\"hi\\""', scope)).toBe('say "hi"');
  });

  it('leaves text that is not an expression alone', () => {
    expect(evaluateExpression('Value', scope)).toBeUndefined();
    expect(attributeValuesOf('Value', scope)).toEqual(['Value']);
    expect(renderTemplate('${user.userName}@corp', scope)).toBe('ada.app@corp');
    expect(renderTemplate('${String.toUpperCase(user.login)}', scope)).toBe('${String.toUpperCase(user.login)}');
  });

  it('gives one value per array element and none for null', () => {
    expect(attributeValuesOf('user.roles', scope)).toEqual(['a', 'b']);
    expect(attributeValuesOf('user.empty', scope)).toEqual([]);
  });
});
