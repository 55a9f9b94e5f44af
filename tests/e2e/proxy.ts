// A pass-through HTTP proxy in front of a test server: a page opened through it can lose its
// server for real (close() refuses every later connection) while the build's own server keeps
// running for the other checks. Headers and bodies pass unchanged.
import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";

export interface Proxy {
  /** http://127.0.0.1:PORT/ (its own origin, so its own service worker and caches). */
  origin: string;
  /** Requests that went through, to show what the page asked for. */
  requests: number;
  close(): Promise<void>;
}

export function startProxy(upstream: string): Promise<Proxy> {
  const up = new URL(upstream);
  const state = { requests: 0 };
  const server = createServer((req, res) => {
    state.requests++;
    const fwd = request(
      { host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    fwd.on("error", () => res.writeHead(502).end());
    req.pipe(fwd);
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () =>
      ok({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        get requests() {
          return state.requests;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      }),
    ),
  );
}
