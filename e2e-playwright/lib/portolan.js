// Starts and stops an embedded Portolan (the shaded app jar) for browser tests.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Paths the Maven build passes in; the defaults work for `npm test` run by hand after `mvn package`. */
export const paths = {
  jar: process.env.PORTOLAN_JAR ?? resolve(moduleDir, '../app/target/portolan-all.jar'),
  java: process.env.PORTOLAN_JAVA ?? (process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java'),
  target: resolve(moduleDir, 'target'),
};

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Writes a folder with one Gateway manifest, the minimum an embedded Portolan is started with. */
export function manifestFolder(listenerPort) {
  const folder = mkdtempSync(join(tmpdir(), 'portolan-e2e-'));
  writeFileSync(join(folder, 'gateway.yaml'), [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    '  name: e2e',
    '  namespace: default',
    'spec:',
    '  gatewayClassName: portolan',
    '  listeners:',
    '  - name: http',
    `    port: ${listenerPort}`,
    '    protocol: HTTP',
    '',
  ].join('\n'));
  return folder;
}

/**
 * Starts `java -jar portolan-all.jar` on `port` and resolves once GET /health answers UP.
 * The server log goes to target/e2e-logs/<name>.log; its tail is quoted when startup fails.
 * `extraArgs` are more JVM arguments (e.g. -Dportolan.api.write-token=...).
 * Returns { baseUrl, stop() }; always call stop() in a finally.
 */
export async function startPortolan({ name, port, manifests, timeoutMs = 60_000, extraArgs = [] }) {
  if (!existsSync(paths.jar)) {
    throw new Error(`${paths.jar} does not exist: build app first (mvn -B -DskipTests package)`);
  }
  const logDir = join(paths.target, 'e2e-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(paths.java, [
    `-Dmicronaut.server.port=${port}`,
    `-Dportolan.manifests=${manifests}`,
    // the proxy's admin endpoint on any free port, listeners far from the demo's ports
    '-Dportolan.proxy.admin-port=0',
    '-Dportolan.proxy.port-offset=24000',
    ...extraArgs,
    '-jar', paths.jar,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exit = null;
  const exited = new Promise((resolveExit) => child.on('exit', (code, signal) => {
    exit = { code, signal };
    resolveExit();
  }));
  child.on('error', (error) => { exit = { error }; });

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exit === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    await new Promise((resolveClose) => log.end(resolveClose));
  };

  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit !== null) break;
    try {
      const response = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      const body = await response.text();
      if (response.ok && JSON.parse(body).status === 'UP') return { baseUrl, stop };
      lastProblem = `HTTP ${response.status}: ${body}`;
    } catch (error) {
      lastProblem = error.message;
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  await stop();
  const tail = readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  const why = exit !== null ? `exited (${JSON.stringify(exit)})` : `did not answer UP within ${timeoutMs} ms (${lastProblem})`;
  throw new Error(`Portolan on ${baseUrl} ${why}. Last lines of ${logFile}:\n${tail}`);
}
