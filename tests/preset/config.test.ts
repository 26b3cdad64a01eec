// echoConfig()/createEcho() settings: VITE_POGO_* variables, explicit overrides, and a clear error naming the
// variable for every missing or invalid value.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import Pusher from 'pusher-js';
import {
  closeCodeList,
  codeMessage,
  createEcho,
  describeCode,
  echoConfig,
  errorCodeList,
  PogoConfigError,
  resolveConnectionSettings,
} from '../../src-ts/src/index';

const schema = JSON.parse(readFileSync(new URL('../../config/pogo-websocket.schema.json', import.meta.url), 'utf8'));
const env = { VITE_POGO_APP_KEY: 'app-key', VITE_POGO_HOST: 'ws.example.test', VITE_POGO_PORT: '6001', VITE_POGO_SCHEME: 'http' };

function configError(run: () => unknown): PogoConfigError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(PogoConfigError);
    return error as PogoConfigError;
  }
  throw new Error('expected a PogoConfigError');
}

describe('echoConfig from VITE_POGO_* variables', () => {
  test('builds the reverb-style pusher options', () => {
    const { Pusher: PresetPusher, ...config } = echoConfig({ env });
    // pusher-js itself, with the preset's prompt reconnection after a restart (reconnect.ts).
    expect(PresetPusher?.prototype).toBeInstanceOf(Pusher);
    expect(config).toEqual({
      broadcaster: 'reverb',
      key: 'app-key',
      wsHost: 'ws.example.test',
      wsPort: 6001,
      wssPort: 6001,
      forceTLS: false,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
  });

  test('https forces TLS; the port defaults from the scheme like the Reverb stubs', () => {
    const https = echoConfig({ env: { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'example.test', VITE_POGO_SCHEME: 'https' } });
    expect([https.forceTLS, https.wsPort, https.wssPort]).toEqual([true, 443, 443]);
    const http = echoConfig({ env: { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'example.test', VITE_POGO_SCHEME: 'HTTP' } });
    expect([http.forceTLS, http.wsPort]).toEqual([false, 80]);
    const none = echoConfig({ env: { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'example.test' } });
    expect([none.forceTLS, none.wsPort]).toEqual([true, 443]);
  });

  test('accepts IPv4, IPv6, localhost and numeric env values', () => {
    expect(echoConfig({ env: { ...env, VITE_POGO_HOST: '127.0.0.1' } }).wsHost).toBe('127.0.0.1');
    expect(echoConfig({ env: { ...env, VITE_POGO_HOST: '[::1]' } }).wsHost).toBe('[::1]');
    expect(echoConfig({ env: { ...env, VITE_POGO_HOST: 'localhost', VITE_POGO_PORT: 8080 } }).wsPort).toBe(8080);
  });

  test('explicit options override the variables, and Echo options pass through last', () => {
    const config = echoConfig({
      env,
      key: 'other-key',
      host: 'localhost',
      port: 7001,
      scheme: 'https',
      echo: { authEndpoint: '/custom/auth', wsPath: '/ws', enabledTransports: ['ws'] },
    });
    expect(config).toMatchObject({
      key: 'other-key',
      wsHost: 'localhost',
      wsPort: 7001,
      forceTLS: true,
      authEndpoint: '/custom/auth',
      wsPath: '/ws',
      enabledTransports: ['ws'],
    });
  });

  test('overrides work with no variables at all (outside Vite)', () => {
    expect(echoConfig({ env: {}, key: 'k', host: 'localhost', port: '6001', scheme: 'http' }).wsPort).toBe(6001);
  });
});

describe('every missing or invalid setting throws, naming the variable', () => {
  test.each([
    ['VITE_POGO_APP_KEY', { VITE_POGO_HOST: 'localhost' }, /VITE_POGO_APP_KEY is missing/],
    ['VITE_POGO_APP_KEY', { VITE_POGO_APP_KEY: '   ', VITE_POGO_HOST: 'localhost' }, /VITE_POGO_APP_KEY is missing/],
    ['VITE_POGO_APP_KEY', { VITE_POGO_APP_KEY: 'a key/with slash', VITE_POGO_HOST: 'localhost' }, /VITE_POGO_APP_KEY is invalid/],
    ['VITE_POGO_HOST', { VITE_POGO_APP_KEY: 'k' }, /VITE_POGO_HOST is missing/],
    ['VITE_POGO_HOST', { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: '' }, /VITE_POGO_HOST is missing/],
    ['VITE_POGO_HOST', { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'https://ws.example.test' }, /no scheme, port or path/],
    ['VITE_POGO_HOST', { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'localhost:6001' }, /no scheme, port or path/],
    ['VITE_POGO_HOST', { VITE_POGO_APP_KEY: 'k', VITE_POGO_HOST: 'bad host' }, /VITE_POGO_HOST is invalid/],
    ['VITE_POGO_PORT', { ...env, VITE_POGO_PORT: 'eighty' }, /VITE_POGO_PORT is invalid: "eighty"/],
    ['VITE_POGO_PORT', { ...env, VITE_POGO_PORT: '0' }, /from 1 to 65535/],
    ['VITE_POGO_PORT', { ...env, VITE_POGO_PORT: '65536' }, /from 1 to 65535/],
    ['VITE_POGO_PORT', { ...env, VITE_POGO_PORT: '60.5' }, /VITE_POGO_PORT is invalid/],
    ['VITE_POGO_SCHEME', { ...env, VITE_POGO_SCHEME: 'ftp' }, /must be "http" or "https"/],
  ])('%s: %j', (variable, badEnv, message) => {
    const error = configError(() => echoConfig({ env: badEnv }));
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^@pogo\/echo: /);
    // createEcho validates before touching the network.
    expect(() => createEcho({ env: badEnv })).toThrow(error.message);
  });

  test('an invalid explicit option is named as the option', () => {
    const error = configError(() => echoConfig({ env, port: 99999 }));
    expect(error.variable).toBe('option "port"');
    expect(configError(() => echoConfig({ env, scheme: 'wss' })).variable).toBe('option "scheme"');
  });

  test('a missing key tells where to set it', () => {
    const message = configError(() => echoConfig({ env: {} })).message;
    expect(message).toContain('pogo:ws-install');
    expect(message).not.toContain('import.meta.env was not available');
  });

  test('without any env source (import.meta.env hidden from the package), the error says to pass it', () => {
    const error = configError(() => resolveConnectionSettings(undefined));
    expect(error.variable).toBe('VITE_POGO_APP_KEY');
    expect(error.message).toContain('pass createEcho({ env: import.meta.env })');
  });
});

describe('codes come from the shared schema', () => {
  test('every close code and pusher:error code of the schema, with its message', () => {
    expect(closeCodeList.map((c) => [c.name, c.code, c.message, c.action])).toEqual(
      Object.entries(schema.closeCodes as Record<string, { code: number; message: string; action: string }>).map(([name, c]) => [name, c.code, c.message, c.action]),
    );
    expect(errorCodeList.map((c) => [c.name, c.code, c.message])).toEqual(
      Object.entries(schema.errorCodes as Record<string, { code: number; message: string }>).map(([name, c]) => [name, c.code, c.message]),
    );
  });

  test('describeCode and codeMessage', () => {
    expect(describeCode(schema.closeCodes.OVER_CAPACITY.code)).toMatchObject({ name: 'OVER_CAPACITY', action: 'backoff', kind: 'close' });
    expect(codeMessage(schema.closeCodes.APP_NOT_FOUND.code)).toBe(schema.closeCodes.APP_NOT_FOUND.message);
    expect(describeCode(schema.errorCodes.CLIENT_EVENT_RATE_LIMIT.code, 'error')).toMatchObject({
      name: 'CLIENT_EVENT_RATE_LIMIT',
      kind: 'error',
      action: null,
    });
    // Unknown codes still get a sentence and the Pusher protocol's action for their range.
    expect(describeCode(4099)).toMatchObject({ name: null, action: 'refuse' });
    expect(describeCode(4199)).toMatchObject({ name: null, action: 'backoff' });
    expect(describeCode(4299)).toMatchObject({ name: null, action: 'retry' });
    expect(describeCode(1006).message).toMatch(/abnormally/);
    expect(codeMessage(4999)).toMatch(/4999/);
  });
});
