// A tiny static file server for a dashboard site, on 127.0.0.1 only: `.wasm` as
// application/wasm (for WebAssembly.instantiateStreaming), nothing outside its root, no
// directory listings. Used by scripts/dashboard.sh and the browser tests.
//
//   node bindings-wasm/dashboard/serve.mjs SITE_DIR [PORT=8000]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serve `dir` on 127.0.0.1:`port` (0: any free port); resolves to `{ url, close() }`. */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      // close() also ends idle keep-alive connections, so a browser left open cannot hold it.
      const close = () =>
        new Promise((done) => {
          server.close(done);
          server.closeIdleConnections();
        });
      ok({ url, close });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, port = '8000'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node serve.mjs SITE_DIR [PORT]');
    process.exit(2);
  }
  const { url } = await serve(dir, Number(port));
  console.log(`serving ${resolve(dir)} on ${url} (Ctrl-C stops)`);
}
