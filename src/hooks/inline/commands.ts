/** TypeBox schemas of command values that several hook types share (reference §3.7). */
import { Type } from '@sinclair/typebox';

/** `{attr: value}`: a profile update (`com.okta.user.profile.update` and the like). */
export const ProfileUpdateValue = Type.Record(Type.String({ minLength: 1 }), Type.Unknown());
