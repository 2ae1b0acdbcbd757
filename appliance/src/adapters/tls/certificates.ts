/**
 * Certificates of the branch: the branch CA and the server certificate it
 * signs (node-forge creates them; node:crypto reads and checks them, because
 * an operator's certificate may use keys forge does not know, such as ECDSA).
 */
import { createHash, createPrivateKey, generateKeyPair, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { promisify } from 'node:util';
import forge from 'node-forge';

const DAY = 86_400_000;
export const CA_LIFETIME_DAYS = 3653;
export const SERVER_LIFETIME_DAYS = 365;
/** A certificate with less than this left is replaced. */
export const RENEW_BEFORE_DAYS = 30;

export interface KeyAndCert {
  keyPem: string;
  certPem: string;
}

const generate = promisify(generateKeyPair);

/** RSA 2048 from node:crypto (native and off the event loop), handed to forge for signing. */
async function newKeyPair(): Promise<{ keyPem: string; forgeKeys: { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } }> {
  const { privateKey, publicKey } = await generate('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    keyPem: privateKey,
    forgeKeys: {
      privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
      publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    },
  };
}

/** A positive serial of 128 random bits (RFC 5280: positive, at most 20 octets). */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

export async function createCa(site: string, now: number): Promise<KeyAndCert> {
  const { keyPem, forgeKeys } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgeKeys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(now + CA_LIFETIME_DAYS * DAY);
  const name = [
    { name: 'commonName', value: `EdgeCall CA (${site})` },
    { name: 'organizationName', value: 'EdgeCall' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forgeKeys.privateKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** The server certificate for `names` (DNS names and IP addresses), signed by the CA, never outliving it. */
export async function issueServerCert(ca: KeyAndCert, names: string[], now: number): Promise<KeyAndCert> {
  if (names.length === 0) throw new Error('a server certificate needs at least one name');
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const { keyPem, forgeKeys } = await newKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgeKeys.publicKey;
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now - 3_600_000);
  cert.validity.notAfter = new Date(Math.min(now + SERVER_LIFETIME_DAYS * DAY, caCert.validity.notAfter.getTime()));
  const dnsNames = names.filter((n) => !isIP(n));
  cert.setSubject([{ name: 'commonName', value: dnsNames[0] ?? names[0] }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: names.map((n) => (isIP(n) ? { type: 7, ip: n } : { type: 2, value: n })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** Every certificate of a PEM bundle, in order. */
export function splitPem(pem: string): string[] {
  return pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g)?.map((c) => c + '\n') ?? [];
}

export function pemToDer(pem: string): Buffer {
  return new X509Certificate(pem).raw;
}

export function commonName(pem: string): string | null {
  return /^CN=(.+)$/m.exec(new X509Certificate(pem).subject)?.[1] ?? null;
}

export function sha256Fingerprint(pem: string): string {
  return new X509Certificate(pem).fingerprint256;
}

/** Base64 SHA-256 of the certificate's SubjectPublicKeyInfo (HPKP-style pin, as Chromium's SPKI lists take). */
export function spkiSha256(pem: string): string {
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

export interface CertFacts {
  serial: string;
  notBefore: number;
  notAfter: number;
  /** DNS names and IP addresses of subjectAltName, lowercase. */
  names: string[];
  x509: X509Certificate;
}

export function inspect(pem: string): CertFacts {
  const x509 = new X509Certificate(pem);
  const names = (x509.subjectAltName ?? '')
    .split(/,\s*/)
    .map((entry) => /^(?:DNS|IP Address):(.+)$/.exec(entry.trim())?.[1])
    .filter((n): n is string => !!n)
    .map((n) => normaliseName(n));
  return { serial: x509.serialNumber, notBefore: Date.parse(x509.validFrom), notAfter: Date.parse(x509.validTo), names, x509 };
}

export function keyMatches(certPem: string, key: KeyObject | string): boolean {
  const k = typeof key === 'string' ? createPrivateKey(key) : key;
  return new X509Certificate(certPem).checkPrivateKey(k);
}

/** Whether `certPem` was signed by the CA's key. */
export function signedBy(certPem: string, caPem: string): boolean {
  try {
    return new X509Certificate(certPem).verify(new X509Certificate(caPem).publicKey);
  } catch {
    return false;
  }
}

/** Lowercase DNS names; IPv6 in node's canonical compressed form, so SAN comparisons work. */
export function normaliseName(name: string): string {
  const n = name.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (isIP(n) === 6) {
    try {
      return new URL(`http://[${n}]/`).hostname.slice(1, -1);
    } catch {
      return n;
    }
  }
  return n;
}

/** A host name (optionally a leading wildcard label) or an IP address. */
export function validName(name: string): boolean {
  if (isIP(name)) return true;
  return /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(name) && name.length <= 253;
}

/**
 * The names devices reach the appliance by: its host name and mDNS name,
 * localhost and loopback, every LAN address (link-local IPv6 needs a zone
 * and cannot appear in a URL, so it is left out), then the configured names.
 */
export function hostNames(extra: string[], listenHost?: string): string[] {
  const host = hostname().toLowerCase();
  const names = [host];
  if (!host.includes('.')) names.push(`${host}.local`);
  names.push('localhost', '127.0.0.1', '::1');
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.internal || (a.family === 'IPv6' && a.scopeid)) continue;
      names.push(a.address);
    }
  }
  if (listenHost && listenHost !== '0.0.0.0' && listenHost !== '::') names.push(listenHost);
  names.push(...extra);
  return [...new Set(names.map(normaliseName).filter(validName))];
}

/** Non-loopback IPv4 addresses first: the address a tablet on the LAN can type or scan. */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(a.address);
  }
  return out;
}
