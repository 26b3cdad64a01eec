<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

/**
 * `pogo:ws-install --reverb=move`: a Reverb app's credentials and addresses become WS_*, and every
 * Reverb key goes, in .env and .env.example alike, so the app is never configured twice.
 */
final class ReverbEnvMove
{
    /** Reverb's .env keys => the WS_* key that takes the value over (null: dropped, VITE_POGO_* are written anew). */
    public const KEYS = [
        'REVERB_APP_ID' => 'WS_APP_ID', 'REVERB_APP_KEY' => 'WS_APP_KEY', 'REVERB_APP_SECRET' => 'WS_APP_SECRET',
        'REVERB_HOST' => 'WS_HOST', 'REVERB_PORT' => 'WS_PORT', 'REVERB_SCHEME' => 'WS_SCHEME',
        'REVERB_SERVER_HOST' => 'WS_SERVER_HOST', 'REVERB_SERVER_PORT' => 'WS_SERVER_PORT',
        'VITE_REVERB_APP_KEY' => null, 'VITE_REVERB_HOST' => null, 'VITE_REVERB_PORT' => null, 'VITE_REVERB_SCHEME' => null,
    ];

    /** @return list<string> REVERB_* keys left in .env because Pogo has no key of the same meaning */
    public static function move(string $envPath, ?string $examplePath): array
    {
        $env = EnvFile::load($envPath);
        foreach (self::KEYS as $reverbKey => $pogoKey) {
            if ($pogoKey !== null && $env->filled($reverbKey)) {
                $env->set($pogoKey, (string) $env->get($reverbKey));
            }
            $env->remove($reverbKey);
        }
        $env->save();

        if ($examplePath !== null && is_file($examplePath)) {
            $example = EnvFile::load($examplePath);
            foreach (array_keys(self::KEYS) as $reverbKey) {
                $example->remove($reverbKey);
            }
            $example->save();
        }

        $keys = array_map(fn (string $line) => trim((string) strstr($line, '=', true)), file($envPath, FILE_IGNORE_NEW_LINES) ?: []);

        return array_values(array_filter($keys, fn (string $key) => str_starts_with($key, 'REVERB_')));
    }
}
