/**
 * The CA installation page and its downloads. Server-rendered, no script:
 * the page must work on a device that has neither the app nor trust in the
 * branch yet, under the appliance's strict Content-Security-Policy (inline
 * SVG for the QR code, inline style only). The empty data: icon keeps the
 * browser from asking the HTTP port for /favicon.ico, whose redirect to the
 * HTTPS origin img-src 'self' would refuse.
 */
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { CA_LANGS, CA_TEXTS, type CaLang } from './ca-texts.ts';

export interface CaPageInput {
  lang: CaLang;
  site: string;
  /** The CA's common name, as the device will list it. */
  caName: string;
  fingerprint: string;
  /** Where the app is, e.g. https://192.168.1.20:8443/ */
  appUrl: string;
  /** The plain-HTTP address of this page, for the QR code. */
  pageUrl: string;
  /** Path of this page on the serving port, for the language links. */
  selfPath: string;
  /** The certificate is the organisation's, not a branch CA. */
  operator: boolean;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const caFileName = (site: string, ext: 'crt' | 'cer') => `edgecall-${site}-ca.${ext}`;

const qrCache = new Map<string, string>();
async function qrSvg(text: string): Promise<string> {
  let svg = qrCache.get(text);
  if (!svg) {
    svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    if (qrCache.size > 32) qrCache.clear();
    qrCache.set(text, svg);
  }
  return svg;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f6f7;color:#1b2a30}
main{max-width:52rem;margin:0 auto;padding:1.5rem}
h1{color:#0b5d6b;font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
nav{text-align:right}nav a{margin-left:.75rem}
.card{background:#fff;border-radius:.5rem;padding:1rem 1.25rem;margin:1rem 0;box-shadow:0 1px 2px #0002}
.downloads a{display:inline-block;margin:.25rem .5rem .25rem 0;padding:.5rem .9rem;border-radius:.4rem;background:#0b5d6b;color:#fff;text-decoration:none}
.qr{display:flex;gap:1rem;align-items:center;flex-wrap:wrap}.qr svg{width:11rem;height:11rem}
code{word-break:break-all}.open{font-size:1.1rem;font-weight:600}
`;

export async function renderCaPage(p: CaPageInput): Promise<string> {
  const t = CA_TEXTS[p.lang];
  const fill = (s: string) =>
    esc(s)
      .replace('{url}', `<a href="${esc(p.appUrl)}">${esc(p.appUrl)}</a>`)
      .replace('{ca}', esc(p.caName))
      .replace('{file}', esc(caFileName(p.site, 'crt')));
  const steps = (list: string[]) => `<ol>${list.map((s) => `<li>${fill(s)}</li>`).join('')}</ol>`;
  const langs = CA_LANGS.map((l) =>
    l === p.lang ? `<strong lang="${l}">${l.toUpperCase()}</strong>` : `<a lang="${l}" hreflang="${l}" href="${esc(p.selfPath)}?lang=${l}">${l.toUpperCase()}</a>`,
  ).join(' ');
  return `<!doctype html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title)} — EdgeCall</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<main>
<nav aria-label="${esc(t.language)}">${esc(t.language)}: ${langs}</nav>
<h1>${esc(t.title)}</h1>
<p>${esc(t.lead)}</p>
${p.operator ? `<p data-note="operator">${esc(t.operatorNote)}</p>` : ''}
<section class="card downloads" data-section="downloads">
<h2>${esc(t.download)}</h2>
<a href="/ca.der" download="${esc(caFileName(p.site, 'cer'))}" data-format="der">${esc(t.forAndroidWindows)}</a>
<a href="/ca.mobileconfig" data-format="mobileconfig">${esc(t.forApple)}</a>
<a href="/ca.crt" download="${esc(caFileName(p.site, 'crt'))}" data-format="pem">${esc(t.forOthers)}</a>
<p>${esc(t.fingerprint)}: <code data-field="fingerprint">${esc(p.fingerprint)}</code></p>
</section>
<section class="card qr" data-section="qr">
<div>${await qrSvg(p.pageUrl)}</div>
<p>${esc(t.scan)}<br><code data-field="page-url">${esc(p.pageUrl)}</code></p>
</section>
<section class="card" data-platform="android"><h2>${esc(t.platforms.android)}</h2>${steps(t.steps.android)}</section>
<section class="card" data-platform="apple"><h2>${esc(t.platforms.apple)}</h2>${steps(t.steps.apple)}</section>
<section class="card" data-platform="windows"><h2>${esc(t.platforms.windows)}</h2>${steps(t.steps.windows)}</section>
<section class="card" data-platform="linux"><h2>${esc(t.platforms.linux)}</h2>${steps(t.steps.linux)}</section>
<p class="open">${esc(t.open)}: <a href="${esc(p.appUrl)}" data-action="open-app">${esc(p.appUrl)}</a></p>
</main>
</body>
</html>
`;
}

/** A UUID-shaped id derived from the certificate, so downloading again replaces the same profile on the device. */
function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`.toUpperCase();
}

/** An iOS/iPadOS configuration profile carrying the CA (DER) as a root-certificate payload. */
export function mobileconfig(site: string, caName: string, der: Buffer): string {
  const fp = createHash('sha256').update(der).digest('hex');
  const id = `org.edgecall.${site}.ca`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>PayloadContent</key>
  <array>
    <dict>
      <key>PayloadCertificateFileName</key>
      <string>${esc(caFileName(site, 'cer'))}</string>
      <key>PayloadContent</key>
      <data>${der.toString('base64')}</data>
      <key>PayloadDescription</key>
      <string>Adds the certificate authority of the EdgeCall branch ${esc(site)}</string>
      <key>PayloadDisplayName</key>
      <string>${esc(caName)}</string>
      <key>PayloadIdentifier</key>
      <string>${esc(id)}.cert.${fp.slice(0, 16)}</string>
      <key>PayloadType</key>
      <string>com.apple.security.root</string>
      <key>PayloadUUID</key>
      <string>${stableUuid(`cert:${fp}`)}</string>
      <key>PayloadVersion</key>
      <integer>1</integer>
    </dict>
  </array>
  <key>PayloadDescription</key>
  <string>Lets this device open the EdgeCall app of branch ${esc(site)} securely.</string>
  <key>PayloadDisplayName</key>
  <string>EdgeCall ${esc(site)}</string>
  <key>PayloadIdentifier</key>
  <string>${esc(id)}</string>
  <key>PayloadRemovalDisallowed</key>
  <false/>
  <key>PayloadType</key>
  <string>Configuration</string>
  <key>PayloadUUID</key>
  <string>${stableUuid(`profile:${fp}`)}</string>
  <key>PayloadVersion</key>
  <integer>1</integer>
</dict>
</plist>
`;
}
