import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';

/** A JSON body received on POST /report. */
export type Report = Record<string, any>;

/** A custom route: static text/HTML, or a handler writing the response itself. */
export type Route = string | { type: string; body: string } | ((req: IncomingMessage, res: ServerResponse) => void);

/** Options of startReportServer(). */
export interface ReportServerOptions {
  /** Directory served for GET requests not matched by a route. */
  root?: string;
  /** Exact paths ("/page.html") to content; a plain string is served as text/html. */
  routes?: Record<string, Route>;
}

/** A running loopback server collecting reports. */
export interface ReportServer {
  /** e.g. "http://127.0.0.1:41234" */
  origin: string;
  /** Every report received so far, in arrival order. */
  reports: Report[];
  /** Resolves with the first report (already received or future) matching predicate; rejects after timeoutMs. */
  waitFor(predicate: (r: Report) => boolean, timeoutMs?: number): Promise<Report>;
  /** Adds or replaces a route while running. */
  route(path: string, route: Route): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Starts an HTTP server on 127.0.0.1 (random port) serving fixtures and collecting POST /report JSON. */
export async function startReportServer(options: ReportServerOptions = {}): Promise<ReportServer> {
  const routes = new Map(Object.entries(options.routes ?? {}));
  const reports: Report[] = [];
  const waiters = new Set<(r: Report) => void>();

  const server = createServer((req, res) => {
    // Content scripts and backgrounds post from extension origins, so every response allows any origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'content-type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
    } else if (req.method === 'POST' && path === '/report') {
      receive(req, res);
    } else if (routes.has(path)) {
      serveRoute(routes.get(path)!, req, res);
    } else if (options.root && (req.method === 'GET' || req.method === 'HEAD')) {
      void serveFile(options.root, path, res);
    } else {
      res.writeHead(404).end('not found');
    }
  });

  function receive(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let report: Report;
      try {
        report = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch (e) {
        res.writeHead(400).end(String(e));
        return;
      }
      reports.push(report);
      for (const w of [...waiters]) w(report);
      res.writeHead(204).end();
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    reports,
    route: (path, route) => void routes.set(path, route),
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = reports.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const done = (r: Report) => {
          if (!predicate(r)) return;
          clearTimeout(timer);
          waiters.delete(done);
          resolve(r);
        };
        const timer = setTimeout(() => {
          waiters.delete(done);
          reject(new Error(`no matching report within ${timeoutMs} ms; received: ${JSON.stringify(reports)}`));
        }, timeoutMs);
        waiters.add(done);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function serveRoute(route: Route, req: IncomingMessage, res: ServerResponse) {
  if (typeof route === 'function') return route(req, res);
  const { type, body } = typeof route === 'string' ? { type: TYPES['.html']!, body: route } : route;
  res.writeHead(200, { 'Content-Type': type }).end(body);
}

async function serveFile(root: string, path: string, res: ServerResponse) {
  const file = normalize(join(root, decodeURIComponent(path)));
  if (file !== root && !file.startsWith(normalize(root + sep))) return void res.writeHead(403).end();
  try {
    const body = await readFile(path.endsWith('/') ? join(file, 'index.html') : file);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end('not found');
  }
}
