// The overload and bad-input tables of runtime.connect, shared by the unit tests (with fakes) and the
// real-browser suite, so both judge the same rows. Each row is labelled.
import type { ConnectArgs } from '../../src/native/normalize-args.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';

/** Argument lists Chromium accepts, and what they resolve to. */
export const OVERLOADS: ReadonlyArray<{ label: string; args: unknown[]; expected: ConnectArgs }> = [
  { label: '()', args: [], expected: {} },
  { label: '(undefined)', args: [undefined], expected: {} },
  { label: '(null)', args: [null], expected: {} },
  { label: '(id)', args: [ID], expected: { extensionId: ID } },
  { label: '(info)', args: [{ name: 'x' }], expected: { connectInfo: { name: 'x' } } },
  { label: '(info with both properties)', args: [{ name: 'x', includeTlsChannelId: false }], expected: { connectInfo: { name: 'x', includeTlsChannelId: false } } },
  { label: '(empty info)', args: [{}], expected: { connectInfo: {} } },
  { label: '(id, info)', args: [ID, { name: 'x' }], expected: { extensionId: ID, connectInfo: { name: 'x' } } },
  { label: '(null, info)', args: [null, { name: 'z' }], expected: { connectInfo: { name: 'z' } } },
  { label: '(undefined, info)', args: [undefined, { name: 'z' }], expected: { connectInfo: { name: 'z' } } },
  { label: '(id, undefined)', args: [ID, undefined], expected: { extensionId: ID } },
  { label: '(id, null)', args: [ID, null], expected: { extensionId: ID } },
  { label: '(info, undefined)', args: [{ name: 'x' }, undefined], expected: { connectInfo: { name: 'x' } } },
  { label: '(undefined, undefined)', args: [undefined, undefined], expected: {} },
  { label: '(info with name undefined)', args: [{ name: undefined }], expected: { connectInfo: {} } },
  { label: '(null-prototype info)', args: [Object.assign(Object.create(null), { name: 'n' })], expected: { connectInfo: { name: 'n' } } },
  { label: '(frozen info)', args: [Object.freeze({ name: 'f' })], expected: { connectInfo: { name: 'f' } } },
  { label: '(info with a symbol key, ignored)', args: [{ name: 's', [Symbol('x')]: 1 }], expected: { connectInfo: { name: 's' } } },
];

/** Argument lists every browser must reject, with the library's exact message. */
export const BAD_INPUTS: ReadonlyArray<{ label: string; args: () => unknown[]; message: string }> = [
  { label: 'number id', args: () => [123], message: "runtime.connect(): extensionId expected a non-empty string, received number 123." },
  { label: 'empty id', args: () => [''], message: "runtime.connect(): extensionId expected a non-empty string, received the string \"\"." },
  { label: 'boolean id', args: () => [true, { name: 'x' }], message: "runtime.connect(): extensionId expected a non-empty string, received boolean true." },
  { label: 'array id', args: () => [['id']], message: "runtime.connect(): extensionId expected a non-empty string, received an array." },
  { label: 'function id', args: () => [() => 'id'], message: "runtime.connect(): extensionId expected a non-empty string, received a function." },
  { label: 'string connectInfo', args: () => [ID, 'notobject'], message: "runtime.connect(): connectInfo expected an object, received the string \"notobject\"." },
  { label: 'number connectInfo', args: () => [ID, 7], message: 'runtime.connect(): connectInfo expected an object, received number 7.' },
  { label: 'array connectInfo', args: () => [ID, []], message: 'runtime.connect(): connectInfo expected an object, received an array.' },
  { label: 'two objects', args: () => [{ name: 'a' }, { name: 'b' }], message: 'runtime.connect(): extensionId expected a non-empty string, received an object.' },
  { label: 'name not a string', args: () => [{ name: 5 }], message: 'runtime.connect(): connectInfo.name expected a string, received number 5.' },
  { label: 'name null', args: () => [{ name: null }], message: 'runtime.connect(): connectInfo.name expected a string, received null.' },
  { label: 'includeTlsChannelId not a boolean', args: () => [{ includeTlsChannelId: 'yes' }], message: "runtime.connect(): connectInfo.includeTlsChannelId expected a boolean, received the string \"yes\"." },
  { label: 'unknown property', args: () => [{ bogus: 1 }], message: "runtime.connect(): connectInfo expected only name and includeTlsChannelId, received property 'bogus'." },
  { label: 'own __proto__ key', args: () => [JSON.parse('{"__proto__": {"name": "x"}}')], message: "runtime.connect(): connectInfo expected only name and includeTlsChannelId, received property '__proto__'." },
  { label: 'three arguments', args: () => [ID, { name: 'x' }, 3], message: 'runtime.connect(): arguments expected at most 2, received 3.' },
  { label: 'getter that throws', args: () => [{ get name() { throw new Error('nope'); } }], message: 'runtime.connect(): connectInfo.name expected a string, received a getter that threw.' },
  { label: 'Proxy whose keys throw', args: () => [new Proxy({}, { ownKeys() { throw new Error('no keys'); } })], message: 'runtime.connect(): connectInfo expected a readable object, received one that threw.' },
  { label: 'symbol name', args: () => [{ name: Symbol('n') }], message: 'runtime.connect(): connectInfo.name expected a string, received a symbol.' },
];

/** Every message carries this prefix. */
export const MESSAGE_PREFIX = 'webext-connect: ';
