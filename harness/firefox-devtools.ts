// A minimal client of Firefox's remote debugging protocol (the one web-ext and the Browser Toolbox
// speak), over the unix socket that `-start-debugger-server <path>` opens: enough to evaluate an
// expression in the parent process, where the browser window and the extension internals live.
// The harness uses it where WebDriver BiDi offers no chrome-scope realm (Firefox 140 ESR:
// browsingContext.getTree ignores `moz:scope: 'chrome'`, and a Marionette session cannot run
// scripts beside puppeteer's BiDi session). Packets are `<byte length>:<JSON>`.
import { connect, type Socket } from 'node:net';

/** Prefs that let the devtools server start and accept a connection without a prompt. */
export const DEVTOOLS_SERVER_PREFS: Record<string, unknown> = {
  'devtools.debugger.remote-enabled': true,
  'devtools.chrome.enabled': true,
  'devtools.debugger.prompt-connection': false,
};

type Packet = { from: string; type?: string; error?: string; message?: string; [key: string]: any };

class Client {
  #socket: Socket;
  #buffer = Buffer.alloc(0);
  #waiters: { test: (p: Packet) => boolean; resolve: (p: Packet) => void; reject: (e: Error) => void }[] = [];
  // Packets no waiter wanted yet. Several packets can arrive in one chunk, and the reply to
  // evaluateJSAsync (which names the resultID) resolves its waiter only after this loop has read
  // the evaluationResult behind it: dropping that packet would leave the caller waiting forever.
  #unclaimed: Packet[] = [];
  #closed: Error | undefined;

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (data) => this.#read(data));
    const fail = (error: Error) => {
      this.#closed ??= error;
      for (const w of this.#waiters.splice(0)) w.reject(this.#closed);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('devtools connection closed')));
  }

  #read(data: Buffer) {
    this.#buffer = Buffer.concat([this.#buffer, data]);
    for (;;) {
      const colon = this.#buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.#buffer.subarray(0, colon).toString('latin1'));
      if (!Number.isInteger(length)) return this.#socket.destroy(new Error(`devtools: unexpected packet header ${this.#buffer.subarray(0, colon)}`));
      if (this.#buffer.length < colon + 1 + length) return;
      const packet = JSON.parse(this.#buffer.subarray(colon + 1, colon + 1 + length).toString('utf8')) as Packet;
      this.#buffer = this.#buffer.subarray(colon + 1 + length);
      const index = this.#waiters.findIndex((w) => w.test(packet));
      if (index >= 0) this.#waiters.splice(index, 1)[0]!.resolve(packet);
      else this.#unclaimed.push(packet);
    }
  }

  /** The next packet that passes test. */
  next(test: (p: Packet) => boolean): Promise<Packet> {
    const index = this.#unclaimed.findIndex(test);
    if (index >= 0) return Promise.resolve(this.#unclaimed.splice(index, 1)[0]!);
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => this.#waiters.push({ test, resolve, reject }));
  }

  /** Sends a request to an actor and resolves with its reply (the actor's next packet without a `type`), or rejects with its error. */
  async request(to: string, type: string, params: object = {}): Promise<Packet> {
    const reply = this.next((p) => p.from === to && (p.type === undefined || p.error !== undefined));
    const json = JSON.stringify({ to, type, ...params });
    this.#socket.write(`${Buffer.byteLength(json)}:${json}`);
    const packet = await reply;
    if (packet.error) throw new Error(`devtools ${type}: ${packet.error}: ${packet.message ?? ''}`);
    return packet;
  }

  close() {
    this.#socket.destroy();
  }
}

/**
 * Evaluates `expression` in Firefox's parent process (privileged: Services, ChromeUtils) through the
 * devtools server listening on the unix socket `socketPath`; resolves with the value's grip (a returned
 * promise is not awaited), rejects with the message of an exception it threw.
 */
export async function evaluateInParentProcess(socketPath: string, expression: string, timeoutMs = 10_000): Promise<unknown> {
  const socket = connect(socketPath);
  const client = new Client(socket);
  const timer = setTimeout(() => socket.destroy(new Error(`devtools: no answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    await client.next((p) => p.from === 'root' && p.applicationType !== undefined);
    const { processDescriptor } = await client.request('root', 'getProcess', { id: 0 });
    const { process: target } = await client.request(processDescriptor.actor, 'getTarget');
    const console = target.consoleActor as string;
    const { resultID } = await client.request(console, 'evaluateJSAsync', { text: expression });
    const result = await client.next((p) => p.from === console && p.type === 'evaluationResult' && p.resultID === resultID);
    if (result.hasException || result.exceptionMessage) throw new Error(String(result.exceptionMessage ?? 'exception'));
    return result.result;
  } finally {
    clearTimeout(timer);
    client.close();
  }
}
