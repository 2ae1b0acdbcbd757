/**
 * HTTPS for the branch LAN (decision 0007). Keeps the certificate the HTTPS
 * listener serves: either a branch CA and a server certificate made here
 * (kept in <data>/tls, renewed before expiry and when the appliance's names
 * change) or the operator's certificate and key files. A renewal swaps the
 * secure context of the running server, so open connections (MQTT over
 * WebSocket) stay up; only new handshakes see the new certificate.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { RequestListener } from 'node:http';
import { join } from 'node:path';
import { ConfigError } from '../../config/load.ts';
import type { Clock, Logger } from '../../core/ports.ts';
import {
  createCa,
  hostNames,
  inspect,
  issueServerCert,
  keyMatches,
  RENEW_BEFORE_DAYS,
  signedBy,
  splitPem,
  type KeyAndCert,
} from './certificates.ts';
import { createCaSite, type CaSite } from './ca-site.ts';

const DAY = 86_400_000;

/** Sent on every HTTPS response (never over plain HTTP, where browsers ignore it anyway). */
export const HSTS_HEADERS: Record<string, string> = { 'Strict-Transport-Security': 'max-age=15552000' };

export interface BranchTlsOptions {
  dataDir: string;
  site: string;
  /** EDGECALL_TLS_NAMES: names beyond the host name and LAN addresses. */
  extraNames: string[];
  /** The listen address, when it is a specific one. */
  listenHost?: string;
  /** EDGECALL_TLS_CERT / EDGECALL_TLS_KEY: the organisation's certificate instead of the branch CA. */
  operator?: { certFile: string; keyFile: string };
  clock: Clock;
  logger: Logger;
  /** Security headers for the CA page and redirects (the Koa app sets its own). */
  headers: Record<string, string>;
  /** How often to check for renewal; daily. */
  checkEveryMs?: number;
}

export interface BranchTls {
  readonly mode: 'branch-ca' | 'operator';
  /** What devices install: the branch CA, or the top of the operator's chain. */
  caPem(): string;
  /** The certificate served now (leaf only). */
  serverCertPem(): string;
  /** Renews or reloads when needed; true when the served certificate changed. */
  check(): Promise<boolean>;
  /** The HTTPS server: the CA page and downloads at /ca*, everything else to `app`. */
  createServer(app: RequestListener): HttpsServer;
  /** The plain-HTTP port: the CA page at / and /ca, downloads, and 308 to HTTPS for the rest. */
  listenHttp(port: number, host: string, httpsPort: number): Promise<number>;
  stop(): Promise<void>;
}

interface Material {
  keyPem: string;
  /** Leaf followed by its chain. */
  chainPem: string;
  leafPem: string;
  caPem: string;
}

function writeAtomic(file: string, data: string, mode: number) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function readOperatorFiles(certFile: string, keyFile: string): Material {
  const read = (file: string, setting: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`${setting}: cannot read ${file}: ${(e as Error).message}`);
    }
  };
  const certText = read(certFile, 'EDGECALL_TLS_CERT (tlsCert)');
  const keyText = read(keyFile, 'EDGECALL_TLS_KEY (tlsKey)');
  const chain = splitPem(certText);
  try {
    if (chain.length === 0) throw new Error('no PEM certificate in the file');
    chain.forEach((c) => new X509Certificate(c));
  } catch (e) {
    throw new ConfigError(`EDGECALL_TLS_CERT (tlsCert): ${certFile} is not a PEM certificate (${(e as Error).message})`);
  }
  let key;
  try {
    key = createPrivateKey(keyText);
  } catch (e) {
    throw new ConfigError(`EDGECALL_TLS_KEY (tlsKey): ${keyFile} is not an unencrypted PEM private key (${(e as Error).message})`);
  }
  if (!keyMatches(chain[0], key)) {
    throw new ConfigError(`EDGECALL_TLS_CERT/EDGECALL_TLS_KEY: the key in ${keyFile} does not belong to the certificate in ${certFile}`);
  }
  return { keyPem: keyText, chainPem: chain.join(''), leafPem: chain[0], caPem: chain[chain.length - 1] };
}

/**
 * Opens the branch's TLS material, creating the CA and the server certificate
 * at first start. Operator files that are missing, unreadable or do not match
 * throw a ConfigError (the CLI exits 2).
 */
export async function openBranchTls(opts: BranchTlsOptions): Promise<BranchTls> {
  const log = opts.logger.child('appliance:tls');
  const dir = join(opts.dataDir, 'tls');
  const files = { caKey: join(dir, 'ca.key'), caCrt: join(dir, 'ca.crt'), key: join(dir, 'server.key'), crt: join(dir, 'server.crt') };
  const mode = opts.operator ? 'operator' : 'branch-ca';
  let servers: HttpsServer[] = [];

  function names() {
    return hostNames(opts.extraNames, opts.listenHost);
  }

  async function loadOrCreateCa(now: number): Promise<KeyAndCert> {
    if (existsSync(files.caKey) && existsSync(files.caCrt)) {
      const ca = { keyPem: readFileSync(files.caKey, 'utf8'), certPem: readFileSync(files.caCrt, 'utf8') };
      let usable = false;
      try {
        usable = keyMatches(ca.certPem, ca.keyPem);
      } catch {
        usable = false;
      }
      if (usable && inspect(ca.certPem).notAfter - now > RENEW_BEFORE_DAYS * DAY) {
        chmodSync(files.caKey, 0o600);
        return ca;
      }
      // Devices that trusted the old CA must install the new one: say so loudly.
      log.error('branch CA unusable or about to expire: creating a new one; devices must install it again', { dir });
      for (const f of [files.caKey, files.caCrt]) renameSync(f, `${f}.replaced-${now}`);
    }
    const ca = await createCa(opts.site, now);
    writeAtomic(files.caKey, ca.keyPem, 0o600);
    writeAtomic(files.caCrt, ca.certPem, 0o644);
    log.info('branch CA created', { subject: new X509Certificate(ca.certPem).subject.replace(/\n/g, ', ') });
    return ca;
  }

  /** Why the stored server certificate must be replaced, or null when it is fine. */
  function replacementReason(ca: KeyAndCert, now: number, wanted: string[]): string | null {
    if (!existsSync(files.key) || !existsSync(files.crt)) return 'none yet';
    try {
      const keyPem = readFileSync(files.key, 'utf8');
      const certPem = readFileSync(files.crt, 'utf8');
      if (!keyMatches(certPem, keyPem)) return 'key does not match';
      if (!signedBy(certPem, ca.certPem)) return 'not signed by the branch CA';
      const facts = inspect(certPem);
      if (facts.notAfter - now < RENEW_BEFORE_DAYS * DAY) return 'expires soon';
      if (facts.notBefore > now) return 'not yet valid';
      const missing = wanted.filter((n) => !facts.names.includes(n));
      if (missing.length) return `new names: ${missing.join(', ')}`;
      return null;
    } catch (e) {
      return `unreadable: ${(e as Error).message}`;
    }
  }

  async function branchMaterial(): Promise<{ material: Material; renewed: boolean }> {
    const now = opts.clock.now();
    // The data directory keeps its own mode (other services read recordings there); only tls/ is closed.
    mkdirSync(opts.dataDir, { recursive: true });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    const ca = await loadOrCreateCa(now);
    const wanted = names();
    const reason = replacementReason(ca, now, wanted);
    if (reason) {
      const leaf = await issueServerCert(ca, wanted, now);
      writeAtomic(files.key, leaf.keyPem, 0o600);
      writeAtomic(files.crt, leaf.certPem, 0o644);
      log.info('server certificate issued', { reason, names: wanted, notAfter: new Date(inspect(leaf.certPem).notAfter).toISOString() });
    } else {
      chmodSync(files.key, 0o600);
    }
    const keyPem = readFileSync(files.key, 'utf8');
    const leafPem = readFileSync(files.crt, 'utf8');
    return { material: { keyPem, leafPem, chainPem: leafPem + ca.certPem, caPem: ca.certPem }, renewed: !!reason };
  }

  function warnIfExpiring(m: Material) {
    const left = inspect(m.leafPem).notAfter - opts.clock.now();
    if (left < RENEW_BEFORE_DAYS * DAY) {
      log.warn('the configured TLS certificate expires soon: replace the files of EDGECALL_TLS_CERT/EDGECALL_TLS_KEY', {
        daysLeft: Math.floor(left / DAY),
      });
    }
  }

  let current: Material;
  if (opts.operator) {
    current = readOperatorFiles(opts.operator.certFile, opts.operator.keyFile);
    warnIfExpiring(current);
  } else {
    current = (await branchMaterial()).material;
  }

  const contextOptions = (m: Material) => ({ key: m.keyPem, cert: m.chainPem, minVersion: 'TLSv1.2' as const });

  let checking: Promise<boolean> | null = null;
  async function checkOnce(): Promise<boolean> {
    let next: Material;
    if (opts.operator) {
      try {
        next = readOperatorFiles(opts.operator.certFile, opts.operator.keyFile);
      } catch (e) {
        log.error('the TLS certificate files cannot be used; still serving the previous certificate', { err: (e as Error).message });
        return false;
      }
      warnIfExpiring(next);
      if (next.chainPem === current.chainPem && next.keyPem === current.keyPem) return false;
      log.info('TLS certificate files changed: serving the new certificate');
    } else {
      const { material, renewed } = await branchMaterial();
      if (!renewed && material.leafPem === current.leafPem) return false;
      next = material;
    }
    current = next;
    for (const s of servers) s.setSecureContext(contextOptions(current));
    return true;
  }

  const check = () => {
    checking ??= checkOnce().finally(() => (checking = null));
    return checking;
  };
  const timer = setInterval(() => {
    check().catch((err) => log.error('certificate check failed', { err }));
  }, opts.checkEveryMs ?? DAY);
  timer.unref();

  let httpsPort = 0;
  let httpPort = 0;
  const caSite: CaSite = createCaSite({
    site: opts.site,
    operator: !!opts.operator,
    caPem: () => current.caPem,
    ports: () => ({ https: httpsPort, http: httpPort }),
    headers: opts.headers,
    httpsHeaders: { ...opts.headers, ...HSTS_HEADERS },
    defaultHost: () => names()[0],
  });
  let httpServer: ReturnType<typeof caSite.createHttpServer> | null = null;

  return {
    mode,
    caPem: () => current.caPem,
    serverCertPem: () => current.leafPem,
    check,
    createServer(app) {
      const server = createHttpsServer(contextOptions(current), (req, res) => caSite.handleHttps(req, res, app));
      server.on('listening', () => (httpsPort = (server.address() as { port: number }).port));
      servers.push(server);
      return server;
    },
    async listenHttp(port, host, https) {
      httpsPort = https;
      httpServer = caSite.createHttpServer();
      await new Promise<void>((res, rej) => {
        httpServer!.once('error', (e) => rej(e));
        httpServer!.listen(port, host, () => res());
      });
      httpPort = (httpServer.address() as { port: number }).port;
      return httpPort;
    },
    async stop() {
      clearInterval(timer);
      servers = [];
      if (httpServer) {
        const s = httpServer;
        httpServer = null;
        s.closeAllConnections();
        await new Promise<void>((r) => s.close(() => r()));
      }
    },
  };
}

