// What the browser tests share: Debian's Chromium, found on PATH (or
// CHROMIUM_PATH), and the built harness served on the loopback interface.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

export function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, 'chromium', 'chromium-browser', 'google-chrome'].filter(Boolean);
  for (const name of candidates) {
    if (name.includes('/')) {
      if (existsSync(name)) {
        return name;
      }
      continue;
    }
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // not on PATH
    }
  }
  return undefined;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.txt': 'text/plain' };

/** The harness over HTTP on the loopback interface. */
export function serve(root) {
  const server = createServer((req, res) => {
    const file = path.join(
      root,
      decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html')
    );
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
