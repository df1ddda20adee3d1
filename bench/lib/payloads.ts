/** What Tollgate's registration hook sends (buildRegistrationRequest), for an address. */
export function registrationRequest(email: string): string {
  return JSON.stringify({
    eventId: 'dGVzdC1ldmVudC1pZC0xMjM0NQ',
    eventTime: '2026-01-01T00:00:00.000Z',
    eventType: 'com.okta.user.pre-registration',
    eventTypeVersion: '1.0',
    contentType: 'application/json',
    cloudEventVersion: '0.1',
    source: '00p1bench0policy0000',
    requestType: 'self.service.registration',
    data: {
      context: { request: { id: 'reqBench0000000000000', method: 'POST', url: { value: '/signup' }, ipAddress: '127.0.0.1' } },
      userProfile: { email, login: email, firstName: 'Jane', lastName: 'Doe' },
      action: 'ALLOW',
    },
  });
}

export const CONTRACTOR_EMAIL = 'jane@atko.email';
export const OTHER_EMAIL = 'bob@example.com';
