// Issue 15, point 6: what a newcomer meets first. The write token is in the log at start; a taken port is one
// line naming the port and the setting; ./portolan demo prints the URL of the port it uses; unknown commands are named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, manifestFolder, paths } from '../lib/portolan.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// the proxy's listeners and admin port away from a demo that may be running on this machine
const QUIET = ['-Dportolan.proxy.port-offset=24000', '-Dportolan.proxy.admin-port=0'];

/** Runs a command until `done(output)` is true or it exits; resolves {output, code}. Always kills it. */
function run(command, args, { done = () => false, timeoutMs = 60_000, env = process.env, cwd } = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const finish = (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      resolveRun({ output, code });
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} took over ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const collect = (chunk) => {
      output += chunk;
      if (done(output)) finish(null);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => setTimeout(() => finish(code), 100));
    child.on('error', reject);
  });
}

/** A port held open by this process until close() (so Portolan finds it taken). */
async function takenPort() {
  const server = createServer();
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  return { port: server.address().port, close: () => new Promise((closed) => server.close(closed)) };
}

function assertOneLineAboutPort(output, port) {
  const lines = output.split('\n');
  const about = lines.filter((line) => line.includes(String(port)));
  assert.equal(about.length, 1, `one line names port ${port}:\n${output}`);
  assert.match(about[0], new RegExp(`Port ${port} is already in use .*-Dmicronaut\\.server\\.port=`));
  assert.ok(!lines.some((line) => /^\s+at |Exception|Caused by/.test(line)), `no stack trace:\n${output}`);
}

test('the generated write token is in the log at start, before any request', { timeout: 90_000 }, async () => {
  const folder = manifestFolder(await freePort());
  try {
    const { output } = await run(paths.java, [`-Dmicronaut.server.port=${await freePort()}`,
      `-Dportolan.manifests=${folder}`, ...QUIET, '-jar', paths.jar],
    { done: (text) => text.includes('Startup completed') });
    const token = output.indexOf('API write token (generated at start');
    assert.ok(token >= 0, `the token line is logged:\n${output}`);
    assert.ok(token < output.indexOf('Startup completed'), 'before the server answers anything');
    assert.match(output.slice(token).split('\n')[0], /: [0-9a-f]{36}$/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('a taken port is one line naming the port and the setting, and the process exits', { timeout: 90_000 }, async () => {
  const taken = await takenPort();
  const folder = manifestFolder(await freePort());
  try {
    const { output, code } = await run(paths.java, [`-Dmicronaut.server.port=${taken.port}`,
      `-Dportolan.manifests=${folder}`, ...QUIET, '-jar', paths.jar]);
    assert.equal(code, 1);
    assertOneLineAboutPort(output, taken.port);
  } finally {
    await taken.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('./portolan demo prints the URL of the port it is given, and names that port when it is taken', { timeout: 90_000 }, async () => {
  const taken = await takenPort();
  try {
    const env = { ...process.env, PORTOLAN_NO_BUILD: '1', PATH: `${dirname(paths.java)}:${process.env.PATH}` };
    const { output, code } = await run('bash', ['portolan', 'demo', `-Dmicronaut.server.port=${taken.port}`,
      '-Dportolan.demo.enabled=false', ...QUIET], { env, cwd: repoRoot });
    assert.notEqual(code, 0);
    assert.match(output, new RegExp(`portolan: open http://localhost:${taken.port} `));
    assert.ok(!output.includes('localhost:8080'), 'no URL of a port it does not use');
    const after = output.slice(output.indexOf('Ctrl-C stops it') + 1);
    assertOneLineAboutPort(after, taken.port);
  } finally {
    await taken.close();
  }
});

test('./portolan with an unknown command says so before the usage', () => {
  const result = spawnSync('bash', ['portolan', 'bogus'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.equal(result.stderr.split('\n')[0], "portolan: unknown command 'bogus'");
  assert.match(result.stderr, /Usage: \.\/portolan <command>/);
});
