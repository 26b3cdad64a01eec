// pogo-ws's reading of a Reverb app's environment (server/src/apps/reverb-env.ts): the precedence
// `php artisan pogo:ws-start` uses, for `pogo-ws start` run where only REVERB_* is set. The Laravel
// end-to-end suite (laravel-reverb.test.ts) runs it against a real app's .env.
import { describe, expect, it } from 'vitest';
import { withReverbEnv } from '../../server/src/apps/reverb-env.js';

const reverb = { REVERB_APP_ID: '123456', REVERB_APP_KEY: 'k', REVERB_APP_SECRET: 's', REVERB_PORT: '8080' };

describe('withReverbEnv', () => {
  it('binds REVERB_SERVER_HOST and REVERB_SERVER_PORT, else REVERB_PORT', () => {
    expect(withReverbEnv(reverb)).toMatchObject({ WS_SERVER_PORT: '8080' });
    expect(withReverbEnv(reverb).WS_SERVER_HOST).toBeUndefined();
    expect(withReverbEnv({ ...reverb, REVERB_SERVER_HOST: '127.0.0.1', REVERB_SERVER_PORT: '9000' })).toMatchObject({ WS_SERVER_HOST: '127.0.0.1', WS_SERVER_PORT: '9000' });
  });

  it('leaves an app with its own WS_* settings alone', () => {
    const env = { ...reverb, WS_APP_ID: 'pogo', REVERB_SERVER_PORT: '9000' };
    expect(withReverbEnv(env)).toBe(env);
    expect(withReverbEnv({ ...reverb, WS_PORT: '6001' }).WS_SERVER_PORT).toBeUndefined();
    expect(withReverbEnv({ ...reverb, WS_SERVER_PORT: '7000' }).WS_SERVER_PORT).toBe('7000');
  });

  it('scales over Laravel’s Redis with REVERB_SCALING_ENABLED', () => {
    expect(withReverbEnv(reverb).WS_REDIS_URL).toBeUndefined();
    const scaled = { ...reverb, REVERB_SCALING_ENABLED: 'true', REDIS_HOST: '10.0.0.5', REDIS_PASSWORD: 'p@ss', REDIS_PORT: '6380' };
    expect(withReverbEnv(scaled).WS_REDIS_URL).toBe('redis://:p%40ss@10.0.0.5:6380/0');
    expect(withReverbEnv({ ...scaled, REDIS_URL: 'redis://cache:6379' }).WS_REDIS_URL).toBe('redis://cache:6379');
    expect(withReverbEnv({ ...scaled, REDIS_PASSWORD: 'null' }).WS_REDIS_URL).toBe('redis://10.0.0.5:6380/0');
  });

  it('says what it took over and names what it ignores', () => {
    const said: string[] = [];
    withReverbEnv({ ...reverb, REVERB_SERVER_PATH: '/ws', REVERB_APP_MAX_MESSAGE_SIZE: '20000' }, (message) => said.push(message));
    expect(said[0]).toBe('Serving the Reverb app 123456 from REVERB_* variables: REVERB_PORT taken over.');
    expect(said[1]).toContain('REVERB_SERVER_PATH (the server answers on /app and /apps)');
    expect(said[1]).toContain('REVERB_APP_MAX_MESSAGE_SIZE (set limits.maxFrameBytes');
  });
});
