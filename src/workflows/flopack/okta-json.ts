import { isSafeId } from '../model/own-keys.js';

/** Okta's export JSON is read defensively: a file may be malformed or hostile. */
export type JsonObject = Record<string, unknown>;

/** A file that cannot be read as an Okta export; `path` says where (e.g. `data.flos.<id>.data.methods[3]`). */
export class FlopackError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(path ? `${path}: ${message}` : message);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function objectAt(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new FlopackError('expected an object', path);
  return value;
}

export function arrayAt(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new FlopackError('expected a list', path);
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw new FlopackError('expected non-empty text', path);
  return value;
}

/** An id of a card, field, edge or flow: text that is not a JavaScript prototype name. */
export function idAt(value: unknown, path: string): string {
  const id = stringAt(value, path);
  if (!isSafeId(id)) throw new FlopackError(`'${id}' cannot be used as an id`, path);
  return id;
}

/** A deep copy of JSON data (import never shares objects with the file it read). */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Takes `key` out of `object` and returns its value (the rest stays as Okta's remainder). */
export function take(object: JsonObject, key: string): unknown {
  const value = object[key];
  delete object[key];
  return value;
}

/** Okta's `root:kernel:control:0.0.1:if` → `control:if`; `root:channels:http:okta:1.0.592:readUser` → `okta:readUser`. */
export function typeOfAddress(address: string, path: string): string {
  const parts = address.split(':');
  if (parts[0] === 'root' && parts[1] === 'kernel' && parts.length === 5) return `${parts[2]}:${parts[4]}`;
  if (parts[0] === 'root' && parts[1] === 'channels' && parts.length === 6) return `${parts[3]}:${parts[5]}`;
  throw new FlopackError(`'${address}' is not a card address Tollgate knows how to read`, path);
}

/** The `parents` block Okta writes beside a card address. */
export function parentsOfAddress(address: string): JsonObject {
  const parts = address.split(':');
  const versionAddress = parts.slice(0, -1).join(':');
  const channelAddress = parts.slice(0, -2).join(':');
  const version = parts[parts.length - 2];
  const channel = parts[parts.length - 3];
  return {
    version: { address: versionAddress, key: version, data: { name: version } },
    channel: { address: channelAddress, key: channel, data: { name: channel } },
  };
}

/** FNV-1a: a short, stable fingerprint of text (not for security). */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A stable Okta-style id (10 base62 characters) derived from a seed, for edges Tollgate adds. */
export function stableId(seed: string): string {
  let id = '';
  let state = seed;
  while (id.length < 10) {
    state = fingerprint(state + id);
    let number = parseInt(state, 16);
    for (let i = 0; i < 4 && id.length < 10; i++) {
      id += BASE62[number % 62];
      number = Math.floor(number / 62);
    }
  }
  return id;
}
