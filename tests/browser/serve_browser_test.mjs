// Browser test of `evpack serve` (CTest label "browser"): Debian's Chromium, headless, driven
// over the DevTools protocol directly (Node's built-in WebSocket; no npm package). Signs in,
// uploads the sample archive as a zip, waits for the score, opens the report, generates and
// downloads the package, and checks the downloaded zip with `evpack verify`. Screenshots of
// each page go to the output folder.
//
// node --experimental-websocket serve_browser_test.mjs EVPACK SAMPLES_DIR OUT_DIR [--ocr]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [evpack, samples, outDir] = process.argv.slice(2);
const ocr = process.argv.includes('--ocr');
const SKIP = 77;
if (!fs.existsSync('/usr/bin/chromium')) { console.log('chromium is not installed: skipped'); process.exit(SKIP); }
if (typeof WebSocket === 'undefined') { console.log('this Node has no WebSocket: skipped'); process.exit(SKIP); }

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'evpack-browser-'));
const data = path.join(tmp, 'data');
const downloads = path.join(tmp, 'downloads');
fs.mkdirSync(downloads);
fs.mkdirSync(outDir, { recursive: true });
const children = [];
const cleanup = () => {
  for (const c of children) { try { c.kill('SIGTERM'); } catch { /* gone */ } }
};
process.on('exit', () => { cleanup(); fs.rmSync(tmp, { recursive: true, force: true }); });
const fail = (message) => { console.error('FAIL: ' + message); process.exit(1); };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The sample zipped as Windows Explorer would: one top folder.
const zip = path.join(tmp, '青石县佐证材料.zip');
if (spawnSync('zip', ['-qr', zip, '青石县佐证材料'], { cwd: samples }).status !== 0) fail('zip failed');

// An account and the server on a free port.
for (const [user, role] of [['青石县', 'county'], ['临山县', 'county'], ['admin', 'admin']]) {
  const add = spawnSync(evpack, ['serve', '--data', data, '--add-user', user, '--role', role, '--password-stdin'],
                        { input: 'browser-test-pw\n' });
  if (add.status !== 0) fail('add-user: ' + add.stderr);
}
const serverArgs = ['serve', '--data', data, '--listen', '127.0.0.1:0'];
if (!ocr) serverArgs.push('--no-ocr');
const server = spawn(evpack, serverArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
children.push(server);
const base = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
    if (m) resolve(`http://127.0.0.1:${m[1]}`);
  });
  server.on('exit', () => reject(new Error('server exited: ' + out)));
});

// Chromium with a DevTools port; its page target over a WebSocket.
const profile = path.join(tmp, 'profile');
const chrome = spawn('/usr/bin/chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-extensions', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--window-size=1366,768',
  'about:blank'], { stdio: 'ignore' });
children.push(chrome);
let port = null;
for (let i = 0; i < 200 && !port; ++i) {
  try { port = fs.readFileSync(path.join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0]; } catch { await sleep(100); }
}
if (!port) fail('chromium did not start');
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const page = targets.find((t) => t.type === 'page');
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let nextId = 1;
const pending = new Map();
ws.addEventListener('message', (e) => {
  const msg = JSON.parse(e.data);
  if (msg.id && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) reject(new Error(msg.error.message)); else resolve(msg.result);
  }
});
const send = (method, params = {}) => new Promise((resolve, reject) => {
  const id = nextId++;
  pending.set(id, { resolve, reject });
  ws.send(JSON.stringify({ id, method, params }));
});
const evaluate = async (expression) => {
  const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) throw new Error(r.exceptionDetails.text + ': ' + expression);
  return r.result.value;
};
const waitFor = async (expression, seconds, what) => {
  for (let i = 0; i < seconds * 4; ++i) {
    try { if (await evaluate(expression)) return; } catch { /* page navigating */ }
    await sleep(250);
  }
  fail('timed out waiting for ' + what);
};
const shot = async (name) => {
  await sleep(300);
  const r = await send('Page.captureScreenshot', { format: 'png' });
  fs.writeFileSync(path.join(outDir, name), Buffer.from(r.data, 'base64'));
  console.log('screenshot ' + path.join(outDir, name));
};
const go = async (url) => {
  await send('Page.navigate', { url });
  await waitFor('document.readyState === "complete"', 30, 'page load');
};

await send('Page.enable');
await send('Runtime.enable');
await send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false });
await send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads }).catch(
  () => send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads }));

// Sign in.
await go(base + '/');
await waitFor('location.pathname === "/login" && document.querySelector("form[action=\'/login\'] button") !== null', 10, 'the sign-in page');
await shot('01-登录.png');
await evaluate(`document.querySelector('input[name=user]').value = '青石县';
  document.querySelector('input[name=password]').value = 'browser-test-pw';
  document.querySelector('form[action="/login"]').requestSubmit(); true`);
await waitFor('location.pathname === "/" && document.readyState === "complete"', 20, 'the home page');
await shot('02-首页.png');

// Upload the zip.
const doc = await send('DOM.getDocument', {});
const input = await send('DOM.querySelector', { nodeId: doc.root.nodeId, selector: 'form[action="/upload"] input[type=file]' });
await send('DOM.setFileInputFiles', { nodeId: input.nodeId, files: [zip] });
await evaluate(`document.querySelector('form[action="/upload"] input[name=as_of]').value = '2025-12-31';
  document.querySelector('form[action="/upload"]').requestSubmit(); true`);
const t0 = Date.now();
await waitFor('location.pathname.startsWith("/jobs/")', 60, 'the job page');
await shot('03-任务进行中.png');
await waitFor('document.getElementById("score") !== null', 900, 'the score');
const seconds = (Date.now() - t0) / 1000;
const score = await evaluate('document.getElementById("score").textContent');
console.log(`score ${score} shown ${seconds.toFixed(1)} s after the upload was submitted (OCR ${ocr ? 'on' : 'off'})`);
const jobUrl = await evaluate('location.href');
await shot('04-检查结果.png');
await send('Emulation.setDeviceMetricsOverride', { width: 420, height: 900, deviceScaleFactor: 1, mobile: true });
await shot('05-检查结果-手机.png');
await send('Emulation.setDeviceMetricsOverride', { width: 1366, height: 768, deviceScaleFactor: 1, mobile: false });

// The report itself.
await go(jobUrl + '/report.html');
const title = await evaluate('document.title');
if (!/报告|evpack/.test(title)) fail('report title: ' + title);
await shot('06-自检报告.png');

// Generate the package and download it.
await go(jobUrl);
await evaluate(`document.querySelector('form[action$="/pack"]').requestSubmit(); true`);
await waitFor('document.querySelector(\'a[href$="/package.zip"]\') !== null', 900, 'the package');
await shot('07-材料包.png');
await evaluate(`document.querySelector('a[href$="/package.zip"]').click(); true`);
let downloaded = null;
for (let i = 0; i < 240 && !downloaded; ++i) {
  const done = fs.readdirSync(downloads).filter((f) => f.endsWith('.zip'));
  if (done.length) downloaded = path.join(downloads, done[0]); else await sleep(250);
}
if (!downloaded) fail('no download');
// The name comes from Content-Disposition's filename*=UTF-8''…
if (path.basename(downloaded) !== '青石县验收材料.zip') fail('download name: ' + path.basename(downloaded));
console.log('downloaded ' + path.basename(downloaded) + ' ' + fs.statSync(downloaded).size + ' bytes');

const verify = spawnSync(evpack, ['verify', downloaded, '--no-ocr', '--no-cache', '-q']);
if (verify.status !== 0) fail('evpack verify exit ' + verify.status + ': ' + verify.stderr);
console.log('evpack verify: intact');

// Sign out.
await go(base + '/');
await evaluate(`document.querySelector('form[action="/logout"]').requestSubmit(); true`);
await waitFor('location.pathname === "/login" && document.querySelector("form[action=\'/login\'] button") !== null', 20, 'signed out');

// The administrator: history of every county, the cross-archive page, accounts.
await evaluate(`document.querySelector('input[name=user]').value = 'admin';
  document.querySelector('input[name=password]').value = 'browser-test-pw';
  document.querySelector('form[action="/login"]').requestSubmit(); true`);
await waitFor('location.pathname === "/" && document.readyState === "complete"', 20, 'the admin home page');
await evaluate('document.querySelector("h2:nth-of-type(1)") && window.scrollTo(0, document.body.scrollHeight); true');
await shot('08-管理员-历史记录.png');
await go(base + '/cross');
if (await evaluate('document.getElementById("matches").textContent') !== '0') fail('cross-archive pairs with one county');
// The same archive filed for a second county: the cross-archive page pairs its files.
await go(base + '/');
const home = await send('DOM.getDocument', {});
const adminInput = await send('DOM.querySelector', { nodeId: home.root.nodeId, selector: 'form[action="/upload"] input[type=file]' });
await send('DOM.setFileInputFiles', { nodeId: adminInput.nodeId, files: [zip] });
await evaluate(`document.querySelector('form[action="/upload"] select[name=county]').value = '临山县';
  document.querySelector('form[action="/upload"] input[name=as_of]').value = '2025-12-31';
  document.querySelector('form[action="/upload"]').requestSubmit(); true`);
await waitFor('location.pathname.startsWith("/jobs/")', 60, 'the second job page');
await waitFor('document.getElementById("score") !== null', 900, 'the second score');
await go(base + '/cross');
const pairs = Number(await evaluate('document.getElementById("matches").textContent'));
if (!(pairs > 0)) fail('no cross-archive pairs for the same archive filed twice');
console.log(`cross-archive page: ${pairs} pairs between 青石县 and 临山县`);
await shot('09-跨县比对.png');
await go(base + '/admin');
await shot('10-账号管理.png');
ws.close();
console.log('PASS');
process.exit(0);
