/**
 * HTTPS on the branch LAN (issue 9, decision 0007): the branch CA and server
 * certificate, the plain-HTTP port (CA page, downloads, redirects), security
 * headers and Secure cookies, operator certificates, and renewal under live
 * MQTT clients.
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { loadConfig, ConfigError } from '../src/config/load.ts';
import { startTestAppliance } from './support/appliance.ts';
import { runCli } from './support/process.ts';
import { nextMessage } from './support/mqtt.ts';
import { connectLiveTls, fetchRaw, loginTls, servedCertificate } from './support/https.ts';

const DAY = 86_400_000;
const HTTPS = { https: true, httpPort: 0, tlsNames: ['branch.test', '10.9.8.7'] };

const fp = (pem: string | Buffer) => new X509Certificate(pem).fingerprint256;
const caOf = (dataDir: string) => readFileSync(join(dataDir, 'tls', 'ca.crt'), 'utf8');
const base = (port: number, host = '127.0.0.1') => `https://${host}:${port}`;

/** SANs of a certificate as forge reads them: DNS names and IP addresses. */
function sans(cert: forge.pki.Certificate): string[] {
  const ext = cert.getExtension('subjectAltName') as { altNames: { type: number; value?: string; ip?: string }[] } | null;
  return (ext?.altNames ?? []).map((n) => (n.type === 7 ? n.ip! : n.value!));
}

/** Whether `leafPem` chains to `caPem` (forge's own path validation, independent of the appliance). */
function chainsTo(leafPem: string, caPem: string): boolean {
  const store = forge.pki.createCaStore([forge.pki.certificateFromPem(caPem)]);
  try {
    return forge.pki.verifyCertificateChain(store, [forge.pki.certificateFromPem(leafPem)]);
  } catch {
    return false;
  }
}

const t = suite('https: branch CA, server certificate, ports, headers, cookies');

// A hung appliance or child process must fail the run, not stall it. The clock starts with this
// suite, not at import: uvu loads every file of the directory into one process before running any.
let watchdog: NodeJS.Timeout | undefined;
t.before(() => {
  watchdog = setTimeout(() => {
    console.error('https.test.ts: still running after 5 minutes, giving up');
    process.exit(1);
  }, 5 * 60_000).unref();
});
t.after(() => clearTimeout(watchdog));

t('HTTPS serves the app with a certificate chaining to the branch CA, with the right names, headers and Secure cookies', async () => {
  const app = await startTestAppliance(HTTPS);
  try {
    assert.match(app.url, /^https:\/\//);
    assert.ok(app.httpPort && app.httpPort !== app.port);
    const caPem = caOf(app.dataDir);
    const ca = forge.pki.certificateFromPem(caPem);
    assert.ok(ca.isIssuer(ca), 'the CA is self-signed');
    assert.is((ca.getExtension('basicConstraints') as { cA?: boolean }).cA, true);
    assert.ok(ca.validity.notAfter.getTime() - Date.now() > 9 * 365 * DAY, 'the CA lasts ten years');

    // The key files are readable by the service only.
    assert.is(statSync(join(app.dataDir, 'tls')).mode & 0o777, 0o700);
    for (const f of ['ca.key', 'server.key']) assert.is(statSync(join(app.dataDir, 'tls', f)).mode & 0o777, 0o600, f);

    // What a new handshake gets: verified by node against the CA alone, and by forge.
    const served = await servedCertificate('127.0.0.1', app.port, caPem);
    assert.ok(chainsTo(served.toString(), caPem));
    const leaf = forge.pki.certificateFromPem(served.toString());
    const names = sans(leaf);
    for (const n of [hostname().toLowerCase(), 'localhost', '127.0.0.1', 'branch.test', '10.9.8.7']) assert.ok(names.includes(n), `SAN ${n} in ${names}`);
    assert.ok(names.some((n) => n.endsWith('.local')), 'the mDNS name');
    assert.is((leaf.getExtension('extKeyUsage') as { serverAuth?: boolean }).serverAuth, true);
    const lifetime = leaf.validity.notAfter.getTime() - Date.now();
    assert.ok(lifetime > 300 * DAY && lifetime < 400 * DAY, 'about a year');
    // The name a tablet uses verifies too (SNI and hostname check for branch.test).
    await servedCertificate('127.0.0.1', app.port, caPem, 'branch.test');

    const health = await fetchRaw(`${base(app.port)}/healthz`, { ca: caPem });
    assert.is(health.status, 200);
    assert.match(String(health.headers['strict-transport-security']), /max-age=\d+/);
    assert.match(String(health.headers['content-security-policy']), /default-src 'self'; script-src 'self'/);
    assert.match(String(health.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.is(health.headers['x-content-type-options'], 'nosniff');
    assert.is(health.headers['x-frame-options'], 'DENY');

    const admin = await loginTls(app.url.replace('localhost', '127.0.0.1'), caPem, 'admin', 'admin-demo');
    assert.ok(admin.setCookies.length > 0);
    for (const c of admin.setCookies) {
      assert.match(c, /;\s*secure/i, `Secure: ${c}`);
      assert.match(c, /;\s*httponly/i, `HttpOnly: ${c}`);
    }
    const out = await fetchRaw(`${base(app.port)}/api/v1/auth/logout`, { ca: caPem, method: 'POST', headers: { cookie: admin.cookie } });
    for (const c of ([] as string[]).concat(out.headers['set-cookie'] ?? [])) assert.match(c, /;\s*secure/i, `cleared cookie is Secure too: ${c}`);

    // The live channel over wss on the same port.
    const op = await loginTls(base(app.port), caPem, 'operator', 'operator-demo');
    const client = await connectLiveTls(base(app.port), caPem, 'operator', op.mqttToken);
    try {
      const topic = `ec/v1/${op.site}/sys/online`;
      const online = nextMessage(client, topic);
      await client.subscribeAsync(topic);
      assert.is((await online)?.data.online, true);
    } finally {
      client.end(true);
    }
  } finally {
    await app.close();
  }
});

t('the HTTP port redirects with 308 to the same host and path over HTTPS, and serves the CA page and downloads', async () => {
  const app = await startTestAppliance(HTTPS);
  try {
    const caPem = caOf(app.dataDir);
    const http = `http://127.0.0.1:${app.httpPort}`;

    const redirect = await fetchRaw(`${http}/api/v1/kpis?scope=branch`);
    assert.is(redirect.status, 308);
    assert.is(redirect.headers.location, `https://127.0.0.1:${app.port}/api/v1/kpis?scope=branch`);
    assert.is(redirect.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
    assert.is(redirect.headers['x-content-type-options'], 'nosniff');
    const named = await fetchRaw(`${http}/login`, { method: 'POST', headers: { host: `branch.test:${app.httpPort}` }, body: '{}' });
    assert.is(named.status, 308);
    assert.is(named.headers.location, `https://branch.test:${app.port}/login`);
    const spoofed = await fetchRaw(`${http}/x`, { headers: { host: 'evil"<>' } });
    assert.is(spoofed.status, 308);
    assert.not.match(String(spoofed.headers.location), /evil/);

    // The page: Azerbaijani by default, English and Russian on request.
    for (const path of ['/', '/ca']) {
      const page = await fetchRaw(`${http}${path}`);
      assert.is(page.status, 200, path);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(page.text, /<html lang="az">/);
      assert.match(page.text, /Filial sertifikatını quraşdırın/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
      assert.is(page.headers['x-frame-options'], 'DENY');
    }
    const ru = await fetchRaw(`${http}/ca`, { headers: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.5' } });
    assert.match(ru.text, /<html lang="ru">/);
    assert.match(ru.text, /Установите сертификат филиала/);
    const en = await fetchRaw(`${http}/ca?lang=en`, { headers: { 'accept-language': 'ru' } });
    assert.match(en.text, /<html lang="en">/);
    assert.match(en.text, /Install the branch certificate/);
    assert.match((await fetchRaw(`${http}/ca`, { headers: { 'accept-language': 'fr, de;q=0.5' } })).text, /<html lang="az">/);
    assert.match((await fetchRaw(`${http}/ca`, { headers: { 'accept-language': 'ru;q=0.4, en;q=0.8' } })).text, /<html lang="en">/);

    // Per-platform instructions, the fingerprint, the QR code of this page's LAN link, the way on to the app.
    for (const p of ['android', 'apple', 'windows', 'linux']) assert.match(en.text, new RegExp(`data-platform="${p}"`));
    assert.match(en.text, /<svg[^>]*viewBox/);
    const fingerprint = forge.md.sha256.create().update(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(caPem))).getBytes()).digest().toHex();
    assert.ok(en.text.replace(/:/g, '').toLowerCase().includes(fingerprint), 'the CA fingerprint is shown');
    assert.match(en.text, new RegExp(`data-field="page-url">http://[^<]+:${app.httpPort}/ca<`));
    assert.match(en.text, new RegExp(`href="https://127\\.0\\.0\\.1:${app.port}/" data-action="open-app"`));

    // Downloads, each parsing as the branch CA.
    const pem = await fetchRaw(`${http}/ca.crt`);
    assert.is(pem.status, 200);
    assert.is(pem.headers['content-type'], 'application/x-x509-ca-cert');
    assert.match(String(pem.headers['content-disposition']), /attachment; filename="edgecall-branch-1-ca\.crt"/);
    assert.is(forge.pki.certificateFromPem(pem.text).serialNumber, forge.pki.certificateFromPem(caPem).serialNumber);
    const der = await fetchRaw(`${http}/ca.der`);
    assert.is(der.headers['content-type'], 'application/x-x509-ca-cert');
    const fromDer = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(der.body.toString('binary'))));
    assert.is(fp(forge.pki.certificateToPem(fromDer)), fp(caPem));
    assert.is(fp(der.body), fp(caPem));
    const profile = await fetchRaw(`${http}/ca.mobileconfig`);
    assert.is(profile.headers['content-type'], 'application/x-apple-aspen-config');
    assert.match(profile.text, /<string>com\.apple\.security\.root<\/string>/);
    assert.match(profile.text, /<string>Configuration<\/string>/);
    const payload = /<data>([A-Za-z0-9+/=]+)<\/data>/.exec(profile.text)![1];
    assert.equal(Buffer.from(payload, 'base64'), der.body, 'the profile carries the DER certificate');
    const head = await fetchRaw(`${http}/ca.crt`, { method: 'HEAD' });
    assert.is(head.status, 200);
    assert.is(head.body.length, 0);

    // Over HTTPS the page and downloads live under /ca, with HSTS.
    const securePage = await fetchRaw(`${base(app.port)}/ca?lang=ru`, { ca: caPem });
    assert.is(securePage.status, 200);
    assert.match(securePage.text, /<html lang="ru">/);
    assert.match(String(securePage.headers['strict-transport-security']), /max-age=/);
    assert.is(fp((await fetchRaw(`${base(app.port)}/ca.crt`, { ca: caPem })).text), fp(caPem));
  } finally {
    await app.close();
  }
});

t('renewal replaces an expiring server certificate while a live client stays connected', async () => {
  // Start 340 days ago: the certificate made then has 25 days left today.
  const realNow = Date.now();
  let now = realNow - 340 * DAY;
  const clock = { now: () => now };
  const app = await startTestAppliance(HTTPS, { clock });
  try {
    const caPem = caOf(app.dataDir);
    const before = await servedCertificate('127.0.0.1', app.port, caPem);
    assert.ok(Date.parse(before.validTo) - realNow < 30 * DAY, 'near expiry');
    assert.is(await app.tls!.check(), false, 'nothing due yet by the appliance clock');

    const op = await loginTls(base(app.port), caPem, 'operator', 'operator-demo');
    const client = await connectLiveTls(base(app.port), caPem, 'operator', op.mqttToken);
    let drops = 0;
    let connects = 0;
    client.on('close', () => drops++);
    client.on('connect', () => connects++);
    try {
      now = realNow;
      assert.is(await app.tls!.check(), true, 'renewed');
      assert.is(await app.tls!.check(), false, 'renewed once, not again');

      const after = await servedCertificate('127.0.0.1', app.port, caPem, 'branch.test');
      assert.is.not(after.serialNumber, before.serialNumber);
      assert.ok(Date.parse(after.validTo) - realNow > 300 * DAY);
      assert.ok(chainsTo(after.toString(), caPem), 'same CA: devices keep trusting it');
      assert.is(caOf(app.dataDir), caPem);
      assert.is(new X509Certificate(readFileSync(join(app.dataDir, 'tls', 'server.crt'))).serialNumber, after.serialNumber, 'stored');

      // The connection made before the renewal still works: a new subscription gets the retained state.
      const topic = `ec/v1/${op.site}/sys/online`;
      const online = nextMessage(client, topic);
      await client.subscribeAsync(topic);
      assert.is((await online)?.data.online, true);
      assert.is(drops, 0, 'the live connection was not dropped');
      assert.is(connects, 0, 'no reconnect was needed');
      assert.ok(client.connected);
    } finally {
      client.end(true);
    }
  } finally {
    await app.close();
  }
});

t('a restart keeps the branch CA and reissues the server certificate when the names change', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-tls-'));
  try {
    const first = await startTestAppliance({ ...HTTPS, dataDir }, { keepData: true });
    const caPem = caOf(dataDir);
    const leaf1 = await servedCertificate('127.0.0.1', first.port, caPem);
    await first.close();
    const same = await startTestAppliance({ ...HTTPS, dataDir }, { keepData: true });
    assert.is((await servedCertificate('127.0.0.1', same.port, caPem)).serialNumber, leaf1.serialNumber, 'nothing to renew');
    await same.close();
    const renamed = await startTestAppliance({ ...HTTPS, dataDir, tlsNames: 'branch.test, pbx-7.branch.lan' }, { keepData: true });
    try {
      assert.is(caOf(dataDir), caPem, 'the CA devices trust stays');
      const leaf2 = await servedCertificate('127.0.0.1', renamed.port, caPem, 'pbx-7.branch.lan');
      assert.is.not(leaf2.serialNumber, leaf1.serialNumber);
    } finally {
      await renamed.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** An organisation's CA and a server certificate it signed, made with forge here (not by the appliance). */
function organisationPki(dir: string) {
  const pair = () => {
    const k = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    return { pem: k.privateKey, priv: forge.pki.privateKeyFromPem(k.privateKey), pub: forge.pki.publicKeyFromPem(k.publicKey) };
  };
  const cert = (pub: forge.pki.PublicKey, subject: forge.pki.CertificateField[], issuer: forge.pki.CertificateField[], ext: object[], signer: forge.pki.PrivateKey) => {
    const c = forge.pki.createCertificate();
    c.publicKey = pub;
    c.serialNumber = '01' + randomBytes(8).toString('hex');
    c.validity.notBefore = new Date(Date.now() - DAY);
    c.validity.notAfter = new Date(Date.now() + 90 * DAY);
    c.setSubject(subject);
    c.setIssuer(issuer);
    c.setExtensions(ext);
    c.sign(signer as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
    return forge.pki.certificateToPem(c);
  };
  const orgName = [{ name: 'commonName', value: 'Example Org Root' }];
  const root = pair();
  const rootPem = cert(root.pub, orgName, orgName, [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, critical: true }], root.priv);
  const server = pair();
  const serverPem = cert(
    server.pub,
    [{ name: 'commonName', value: 'callcenter.example.org' }],
    orgName,
    [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'callcenter.example.org' }, { type: 7, ip: '127.0.0.1' }] }],
    root.priv,
  );
  const files = { cert: join(dir, 'org.crt'), key: join(dir, 'org.key'), otherKey: join(dir, 'other.key') };
  writeFileSync(files.cert, serverPem + rootPem);
  writeFileSync(files.key, server.pem, { mode: 0o600 });
  writeFileSync(files.otherKey, root.pem, { mode: 0o600 });
  return { files, rootPem, serverPem };
}

t("an operator's certificate and key replace the branch CA; bad files stop the start with exit code 2", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ec-org-'));
  try {
    const org = organisationPki(dir);
    const app = await startTestAppliance({ tlsCert: org.files.cert, tlsKey: org.files.key, httpPort: 0 });
    try {
      assert.match(app.url, /^https:/, 'HTTPS follows from the certificate setting');
      const served = await servedCertificate('127.0.0.1', app.port, org.rootPem, 'callcenter.example.org');
      assert.is(served.fingerprint256, fp(org.serverPem));
      assert.not.ok(existsSync(join(app.dataDir, 'tls', 'ca.key')), 'no branch CA is made');
      // Devices are offered the organisation's root, with a note.
      const http = `http://127.0.0.1:${app.httpPort}`;
      assert.is(fp((await fetchRaw(`${http}/ca.crt`)).text), fp(org.rootPem));
      assert.match((await fetchRaw(`${http}/ca?lang=en`)).text, /data-note="operator"/);
    } finally {
      await app.close();
    }

    // Settings that cannot work are refused when the config is read…
    const refusal = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        assert.instance(e, ConfigError);
        return (e as Error).message;
      }
    };
    assert.match(refusal({ EDGECALL_TLS_CERT: org.files.cert }), /EDGECALL_TLS_KEY/);
    assert.match(refusal({ EDGECALL_HTTPS: '0', EDGECALL_TLS_CERT: org.files.cert, EDGECALL_TLS_KEY: org.files.key }), /need HTTPS/);
    assert.match(refusal({ EDGECALL_HTTP_PORT: '8081' }), /need HTTPS/);
    assert.match(refusal({ EDGECALL_HTTPS: '1', PORT: '8443', EDGECALL_HTTP_PORT: '8443' }), /must differ/);
    assert.match(refusal({ EDGECALL_HTTPS: '1', EDGECALL_TLS_NAMES: 'ok.lan, bad name!' }), /EDGECALL_TLS_NAMES/);
    assert.is(loadConfig({}).https, false, 'npm start stays on plain HTTP');
    assert.equal(loadConfig({ EDGECALL_HTTPS: '1', EDGECALL_TLS_NAMES: 'a.lan, 10.0.0.9' }).tlsNames, ['a.lan', '10.0.0.9']);

    // …and files that cannot be used are refused at start, by the CLI with exit code 2 like any bad setting.
    const env = { EDGECALL_DATA: join(dir, 'data'), EDGECALL_HTTP_PORT: '0' };
    const missing = await runCli('appliance/src/cli/serve.ts', [], { ...env, EDGECALL_TLS_CERT: org.files.cert, EDGECALL_TLS_KEY: join(dir, 'nope.key') });
    assert.is(missing.code, 2, missing.out);
    assert.match(missing.out, /EDGECALL_TLS_KEY.*cannot read .*nope\.key/);
    const mismatch = await runCli('appliance/src/cli/serve.ts', [], { ...env, EDGECALL_TLS_CERT: org.files.cert, EDGECALL_TLS_KEY: org.files.otherKey });
    assert.is(mismatch.code, 2, mismatch.out);
    assert.match(mismatch.out, /does not belong to the certificate/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

t.run();
