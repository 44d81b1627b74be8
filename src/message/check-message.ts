/** One part of a message that JSON (Chromium) and structured clone (Firefox) deliver differently. */
export interface MessageProblem {
  /** Where: '' for the message itself, else its keys joined by dots, array indexes included (`list.2.when`). */
  path: string;
  /** "<what>: JSON <does X>, structured clone <does Y>". */
  problem: string;
}

// Deep enough for real messages, shallow enough that the walk never overflows the stack.
const MAX_DEPTH = 1000;
const CANNOT = 'cannot send it';
const NULL = 'sends null';

const itself = (kind: string) => kind;
const a = (kind: string) => `a ${kind}`;

// Values that arrive differently, by kind: a typeof, a number's text ('-0' for -0) or an object's
// toString tag. Ordered, the first match wins: [test, how the problem names the kind, what JSON
// does, what structured clone does (when not the same as the kind)].
const ROWS: ReadonlyArray<readonly [RegExp, (kind: string) => string, string, string?]> = [
  [/^(undefined|NaN|-?Infinity)$/, itself, NULL],
  [/^-0$/, itself, 'sends 0'],
  [/^(function|symbol)$/, a, CANNOT, CANNOT],
  // The typeof of a bigint, the tag of a boxed one.
  [/^(bigint|BigInt)$/, a, CANNOT],
  [/^Date$/, a, 'sends an ISO string'],
  [/^(String|Number|Boolean)$/, (kind) => `a ${kind} object`, 'unboxes it'],
  // The kinds structured clone copies (web kinds such as Blob are left out: rare in messages).
  [/^(Error|ArrayBuffer|Int\d+Array)$/, (kind) => `an ${kind}`, 'sends an object'],
  [/^(\w+(Array|View)|Map|Set|RegExp)$/, a, 'sends an object'],
  [/^[A-Z]/, a, 'sends an object', CANNOT],
];

// Inside an object or array, JSON drops or nulls these instead (walk's `drop`).
const DROPPED_INSIDE = /^(undefined|function|symbol)$/;

/** Lists what in `value` a port would deliver differently under JSON and structured clone: [] when it arrives alike. Pure, never throws. */
export function checkMessage(value: unknown): MessageProblem[] {
  const problems: MessageProblem[] = [];
  // The objects from the message down to here: meeting one again is a cycle (an object met twice
  // elsewhere is not, and both serializations send it).
  const open: object[] = [];

  // `read` runs the one read of this value (a getter or Proxy trap may throw) inside the try.
  const walk = (read: () => any, path: string, drop: string): unknown => {
    const add = (what: string, json: string, clone = what) => problems.push({ path, problem: `${what}: JSON ${json}, structured clone ${clone}` });
    try {
      const v = read();
      let kind: string = typeof v;
      if (kind === 'number') kind = Object.is(v, -0) ? '-0' : '' + v;
      // Chromium refuses a message whose JSON text is over 64 MiB: this string alone is, with its quotes.
      if (kind === 'string' && v.length > 2 ** 26 - 2) return add('a string over 64 MiB', CANNOT, 'a string');
      if (kind === 'object' && v) {
        if (open[MAX_DEPTH]) return add('too deep', 'not checked', 'not checked');
        if (open.includes(v)) return add('a cycle', CANNOT, 'keeps it');
        kind = {}.toString.call(v).slice(8, -1);
        const list = kind === 'Array';
        if (list || kind === 'Object') {
          // JSON.stringify calls toJSON, wherever it is inherited from; `in` runs no getter.
          if ('toJSON' in v) return add('toJSON', 'calls it', 'does not');
          // Object.keys, then one read per key, as JSON.stringify and structured clone do.
          const keys = Object.keys(v);
          if (list && keys.length < v.length) add('holes', NULL, 'keeps them');
          open.push(v);
          keys.forEach((key) => walk(() => v[key], path ? path + '.' + key : key, list ? NULL : 'drops the property'));
          return open.pop();
        }
      }
      const row = ROWS.find(([test]) => test.test(kind));
      return row && add(row[1](kind), drop && DROPPED_INSIDE.test(kind) ? drop : row[2], row[3]);
    } catch {
      return add('unreadable', CANNOT, CANNOT);
    }
  };

  walk(() => value, '', '');
  return problems;
}
