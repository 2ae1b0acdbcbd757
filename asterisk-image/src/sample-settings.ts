/**
 * Example settings used by the golden tests and the README: one branch with a
 * registering SIP trunk, a backup trunk identified by IP, an E1 and four FXO
 * lines, two desk agents, a remote agent and two hold-music classes. All
 * numbers, hosts and secrets are made up (RFC 5737 addresses, example.az).
 */
import type { SettingsInput } from './settings.ts';

export const MINIMAL_SETTINGS: SettingsInput = {
  site: { id: 'demo', name: 'Demo branch' },
  ari: { user: 'edgecall', password: 'change-me-0123456789' },
};

export const SAMPLE_SETTINGS: SettingsInput = {
  site: { id: 'baku-nizami', name: 'Bakı, Nizami filialı' },
  stasisApp: 'edgecall',
  ari: {
    user: 'edgecall',
    password: 'Xy7#pR2!vQ9zLm4$',
    bindAddress: '127.0.0.1',
    port: 8088,
    allowedNetworks: ['127.0.0.1/32'],
  },
  sip: {
    transports: [{ protocol: 'udp', port: 5060, localNets: ['192.168.10.0/24'], externalAddress: '203.0.113.10' }],
    trunks: [
      {
        id: 'aztelekom',
        name: 'Aztelekom SIP',
        host: 'sip.example.az',
        register: true,
        username: '124405000',
        secret: 'Trunk$ecret-1',
        dids: ['124405000', '124405001'],
        outboundCallerId: { number: '124405000', name: 'EdgeCall Nizami' },
        matchAddresses: ['198.51.100.0/28'],
      },
      { id: 'backup', host: '198.51.100.20', codecs: ['alaw'] },
    ],
  },
  agents: {
    phones: [
      { kind: 'sip', number: '1001', name: 'Aysel Məmmədova', password: 'Kx9!mPq2-Lw' },
      { kind: 'sip', number: '1002', password: 'Zt4@hN8^rVb', codecs: ['g722', 'alaw'] },
      { kind: 'remote', number: '1050', name: 'Rauf Hüseynov', externalNumber: '+994501234567' },
    ],
  },
  outbound: { dialTimeoutSeconds: 45 },
  dahdi: {
    cards: [
      { profile: 'digium-te220', spans: [{ span: 1, e1: { dids: ['124406000', '_1244060XX'] } }] },
      { profile: 'digium-tdm410', spans: [{ span: 1, fxo: {} }] },
    ],
  },
  musicOnHold: [
    { name: 'default', directory: '/var/lib/asterisk/moh' },
    { name: 'az-classical', directory: '/var/lib/edgecall/moh/az-classical', sort: 'alpha' },
  ],
  logging: { level: 'verbose' },
};
