// Browser tests: Debian's Chromium driven by playwright-core, and a small static file server.
//
// - launchBrowser(): a headless Chromium (CHROMIUM overrides the path /usr/bin/chromium).
// - launchPersistent(): the same with a fresh temporary profile that can be closed and opened again
//   (localStorage lives in the profile), removed by remove().
// - serveDir(dir): serves a folder over http on 127.0.0.1 with an ephemeral port; only files inside
//   the folder, GET and HEAD only, idle connections cut after a few seconds; close() when done.
// A missing Chromium makes the test fail with a message, never skip.
// Every page opened through these helpers is watched for Content-Security-Policy violations (the
// console errors Chromium prints for them): closing the browser throws when there were any, so a
// test that loads a page breaking the site's CSP fails. `browser.cspViolations` lists them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function checkExecutable() {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM`);
  }
}

const CSP_VIOLATION = /Content[- ]Security[- ]Policy/i;

function watchCsp(target, violations) {
  target.on('console', (msg) => {
    if (msg.type() === 'error' && CSP_VIOLATION.test(msg.text())) {
      violations.push(`${msg.location()?.url ?? '?'}: ${msg.text()}`);
    }
  });
}

function failOnViolations(violations) {
  if (violations.length > 0) {
    const list = violations.splice(0);
    throw new Error(`Content-Security-Policy violations in the browser:\n${list.join('\n')}`);
  }
}

/** A headless Chromium browser whose pages are watched for CSP violations. */
export async function launchBrowser() {
  checkExecutable();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const violations = [];
  browser.cspViolations = violations;
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  const close = browser.close.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    watchCsp(context, violations);
    return context;
  };
  browser.newPage = async (...args) => {
    const page = await newPage(...args);
    watchCsp(page, violations);
    return page;
  };
  browser.close = async (...args) => {
    await close(...args);
    failOnViolations(violations);
  };
  return browser;
}

/** A headless Chromium with its own profile folder: { context, userDataDir, reopen(), close(), remove() }.
 *  reopen() closes the browser and starts it again on the same profile. */
export async function launchPersistent(options = {}) {
  checkExecutable();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kijun-chromium-profile-'));
  const violations = [];
  const open = async () => {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...options,
    });
    watchCsp(context, violations);
    return context;
  };
  const handle = {
    userDataDir,
    cspViolations: violations,
    context: await open(),
    async reopen() {
      await handle.context.close();
      handle.context = await open();
      return handle.context;
    },
    async close() {
      if (handle.context) await handle.context.close();
      handle.context = null;
    },
    async remove() {
      await handle.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
      failOnViolations(violations);
    },
  };
  return handle;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `dir` on http://127.0.0.1:<ephemeral port>/. Returns { url, close() }. */
export async function serveDir(dir) {
  const root = fs.realpathSync(dir);
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.resolve(root, '.' + rel);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const body = fs.readFileSync(file);
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.keepAliveTimeout = 2000;
  server.requestTimeout = 10000;
  server.headersTimeout = 5000;
  server.maxConnections = 64;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
