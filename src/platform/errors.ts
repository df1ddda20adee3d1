import { newId } from './ids.js';

/** One cause in an Okta error body. */
export interface ErrorCause {
  errorSummary: string;
  reason?: string;
  locationType?: string;
  location?: string;
  domain?: string;
}

export interface OktaErrorBody {
  errorCode: string;
  errorSummary: string;
  errorLink: string;
  errorId: string;
  errorCauses: ErrorCause[];
}

/** An error that reaches the API caller as Okta's error body. Throw it from any service function. */
export class OktaError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly errorCauses: ErrorCause[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(errorSummary);
    this.name = 'OktaError';
  }

  toBody(): OktaErrorBody {
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: newId('errorId'),
      errorCauses: this.errorCauses,
    };
  }
}

/** Okta's error codes, with their HTTP status and summary text. */
export const errors = {
  /** E0000001: validation; each cause says what is wrong, in Okta's "field: message" style. */
  validation(summary: string, causes: Array<string | ErrorCause> = []): OktaError {
    const errorCauses = causes.map((c) => (typeof c === 'string' ? { errorSummary: c } : c));
    return new OktaError(400, 'E0000001', `Api validation failed: ${summary}`, errorCauses);
  },
  malformedBody(): OktaError {
    return new OktaError(400, 'E0000003', 'The request body was not well-formed.');
  },
  invalidSession(): OktaError {
    return new OktaError(403, 'E0000005', 'Invalid session');
  },
  forbidden(): OktaError {
    return new OktaError(403, 'E0000006', 'You do not have permission to perform the requested action');
  },
  /** E0000007; `what` is e.g. "User", `id` the id or login looked up. */
  notFound(what: string, id?: string): OktaError {
    return new OktaError(404, 'E0000007', `Not found: Resource not found: ${id ?? what} (${what})`);
  },
  notFoundPath(path: string): OktaError {
    return new OktaError(404, 'E0000007', `Not found: Resource not found: ${path} (Path)`);
  },
  invalidToken(): OktaError {
    return new OktaError(401, 'E0000011', 'Invalid token provided');
  },
  authenticationFailed(): OktaError {
    return new OktaError(401, 'E0000004', 'Authentication failed');
  },
  /** E0000038: the operation is not allowed in the user's current status. */
  userStatus(summary = "This operation is not allowed in the user's current status."): OktaError {
    return new OktaError(403, 'E0000038', summary);
  },
  alreadyActive(): OktaError {
    return new OktaError(403, 'E0000016', 'Activation failed because the user is already active');
  },
  methodNotAllowed(): OktaError {
    return new OktaError(405, 'E0000022', 'The endpoint does not support the provided HTTP method');
  },
  passwordPolicy(causes: string[]): OktaError {
    return new OktaError(400, 'E0000001', 'Api validation failed: password', causes.map((c) => ({ errorSummary: `password: ${c}` })));
  },
  rateLimited(resetEpochSeconds: number): OktaError {
    return new OktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], {
      'x-rate-limit-reset': String(resetEpochSeconds),
    });
  },
  /** E0000009: something unexpected failed on our side. */
  internal(): OktaError {
    return new OktaError(500, 'E0000009', 'Internal Server Error');
  },
  /** For a limit such as "100 inline hooks per org". */
  limitExceeded(summary: string): OktaError {
    return new OktaError(400, 'E0000001', `Api validation failed: ${summary}`, [{ errorSummary: summary }]);
  },
};
