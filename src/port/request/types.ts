// The public types of requests, derived from one protocol map written once and used on both sides,
// as @webext-core/messaging's ProtocolMap: each request type names a function from its data to its
// reply, e.g. `interface Protocol { getSettings(): Settings; add(data: [number, number]): number }`.

/** The protocol map of untyped use: any type, any data, any reply. */
export interface AnyProtocol {
  [type: string]: (data?: any) => any;
}

/** The request types of protocol map `P`. */
export type RequestType<P> = Extract<keyof P, string>;

/** The data a request of type `K` carries. */
export type RequestData<P, K extends keyof P> = P[K] extends (...args: infer A) => any ? A[0] : never;

/** The reply a request of type `K` gets (a handler may return it or a Promise of it). */
export type RequestReply<P, K extends keyof P> = P[K] extends (...args: any[]) => infer R ? Awaited<R> : never;

/** The part of an AbortSignal that request() reads (declared here so the types need no DOM library). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** What port.request() takes after the data. */
export interface RequestOptions {
  /** Milliseconds from the call to the reply, queueing included, before REQUEST_TIMEOUT; default 30000. */
  timeout?: number;
  /** Rejects the request with ABORTED when it aborts; an already-aborted signal sends nothing. */
  signal?: AbortSignalLike;
  /** Send the request again to a background that restarted before answering, instead of BACKGROUND_RESTARTED (for idempotent requests: the handler may run twice); default false. */
  retry?: boolean;
}

/** The arguments of port.request() after the type: the data (optional when the type takes none) and the options. */
export type RequestArgs<P, K extends keyof P> = P[K] extends (...args: infer A) => any
  ? A extends []
    ? [data?: undefined, options?: RequestOptions]
    : undefined extends A[0]
      ? [data?: A[0], options?: RequestOptions]
      : [data: A[0], options?: RequestOptions]
  : never;

/** What port.request() adds to the object persistentPort() returns; `P` is the protocol map. */
export interface RequestPort<P = AnyProtocol> {
  /** Sends a request of `type` and resolves with the reply, or rejects with a WebextConnectError whose code says why: it always settles, once. */
  request<K extends RequestType<P>>(type: K, ...args: RequestArgs<P, K>): Promise<RequestReply<P, K>>;
}

/** What a handler learns about the request besides its data. */
export interface RequestContext {
  /** The `runtime.MessageSender` of the port the request came on. */
  readonly sender: any;
  /** The name the caller gave its persistent port. */
  readonly name: string;
}

/** Answers requests of type `K`: returns the reply or a Promise of it; a throw or rejection is the caller's HANDLER_FAILED. */
export type RequestHandler<P = AnyProtocol, K extends keyof P = RequestType<P>> = (data: RequestData<P, K>, context: RequestContext) => RequestReply<P, K> | PromiseLike<RequestReply<P, K>>;

/** onRequest() typed by protocol map `P`: `const on: OnRequest<Protocol> = onRequest;`. */
export type OnRequest<P> = <K extends RequestType<P>>(type: K, handler: RequestHandler<P, K>) => () => void;
