/** Phone factors (`sms`, `call`) and their one-time passcodes (owner: the factors engineer). */
export interface FactorTables {
  user_factors: UserFactorsTable;
  factor_challenges: FactorChallengesTable;
}

export interface UserFactorsTable {
  /** Okta-style factor id: `sms…` or `clf…`. */
  id: string;
  user_id: string;
  /** `sms` or `call`; one of each per user. */
  factor_type: string;
  provider: string;
  /** `PENDING_ACTIVATION` or `ACTIVE`. */
  status: string;
  /** E.164, e.g. `+15554151337`. */
  phone_number: string;
  phone_extension: string | null;
  created: string;
  last_updated: string;
}

export interface FactorChallengesTable {
  id: string;
  factor_id: string;
  user_id: string;
  /** `enroll`, `verify`, `unlock` or `reset`: what a correct passcode is good for. */
  purpose: string;
  /** HMAC of the passcode under the server's secret key; the passcode itself is never stored. */
  code_hash: string;
  expires_at: string;
  /** Wrong passcodes entered so far. */
  attempts: number;
  /** `PENDING`, `USED` or `FAILED` (too many wrong passcodes, or superseded by a newer code). */
  status: string;
  /** JSON: who delivered the code (hook, fallback provider) and what they answered. */
  delivery: string;
  created: string;
}
