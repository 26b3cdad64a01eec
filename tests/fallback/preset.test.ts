// The preset's switch for the HTTP fallbacks: VITE_POGO_FALLBACK=true (or { fallback: true }) adds
// xhr_streaming and xhr_polling and points pusher-js's HTTP host at the Pogo server; off by default.
import { describe, expect, test } from 'vitest';
import { echoConfig, PogoConfigError } from '../../src-ts/src/index';

const env = { VITE_POGO_APP_KEY: 'app-key', VITE_POGO_HOST: 'ws.example.test', VITE_POGO_PORT: '6001', VITE_POGO_SCHEME: 'https' };

describe('VITE_POGO_FALLBACK', () => {
  test('unset: WebSocket only, and no HTTP host (pusher-js would default to Pusher’s sockjs host)', () => {
    const config = echoConfig({ env }) as Record<string, unknown>;
    expect(config.enabledTransports).toEqual(['ws', 'wss']);
    expect(config.httpHost).toBeUndefined();
    expect((echoConfig({ env: { ...env, VITE_POGO_FALLBACK: 'false' } }) as Record<string, unknown>).enabledTransports).toEqual(['ws', 'wss']);
  });

  test('true: the fallbacks after the WebSocket, at the server’s own host, port and /pusher path', () => {
    const config = echoConfig({ env: { ...env, VITE_POGO_FALLBACK: 'true' } }) as Record<string, unknown>;
    expect(config.enabledTransports).toEqual(['ws', 'wss', 'xhr_streaming', 'xhr_polling']);
    expect(config).toMatchObject({ httpHost: 'ws.example.test', httpPort: 6001, httpsPort: 6001, httpPath: '/pusher', forceTLS: true });
  });

  test('the explicit option wins over the variable; Vite’s boolean and "1" count as true', () => {
    expect((echoConfig({ env: { ...env, VITE_POGO_FALLBACK: 'true' }, fallback: false }) as Record<string, unknown>).httpHost).toBeUndefined();
    expect((echoConfig({ env, fallback: true }) as Record<string, unknown>).httpHost).toBe('ws.example.test');
    expect((echoConfig({ env: { ...env, VITE_POGO_FALLBACK: true } }) as Record<string, unknown>).httpPort).toBe(6001);
    expect((echoConfig({ env: { ...env, VITE_POGO_FALLBACK: '1' } }) as Record<string, unknown>).httpPort).toBe(6001);
  });

  test('anything else is a PogoConfigError naming the variable', () => {
    let error: unknown;
    try {
      echoConfig({ env: { ...env, VITE_POGO_FALLBACK: 'yes please' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PogoConfigError);
    expect((error as PogoConfigError).variable).toBe('VITE_POGO_FALLBACK');
    expect((error as PogoConfigError).message).toMatch(/"yes please" must be "true" or "false"/);
  });
});
