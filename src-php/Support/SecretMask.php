<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

/** Hides credentials in what is printed: app secrets, and the password or token inside a URL. */
final class SecretMask
{
    public const MASK = '********';

    /** Query parameters whose value is a credential. */
    private const SECRET_PARAMETERS = '/(secret|token|password|passwd|pass|key|signature|auth|credential)/i';

    /** The URL with its user password and credential-like query values replaced by the mask. */
    public static function url(string $url): string
    {
        $parts = parse_url($url);
        if (! is_array($parts) || ! isset($parts['scheme'])) {
            // Not a URL we can take apart: show nothing of it rather than risk a secret.
            return $url === '' ? '' : self::MASK;
        }
        $auth = '';
        if (isset($parts['user'])) {
            $auth = isset($parts['pass'])
                ? ($parts['user'] === '' ? '' : $parts['user']) . ':' . self::MASK . '@'
                // redis://secret@host: a lone user part is Redis's password.
                : ($parts['scheme'] === 'redis' || $parts['scheme'] === 'rediss' ? self::MASK : $parts['user']) . '@';
        }
        $query = '';
        if (isset($parts['query'])) {
            $pairs = [];
            foreach (explode('&', $parts['query']) as $pair) {
                [$name] = explode('=', $pair, 2);
                $pairs[] = preg_match(self::SECRET_PARAMETERS, rawurldecode($name)) === 1 ? $name . '=' . self::MASK : $pair;
            }
            $query = '?' . implode('&', $pairs);
        }

        return $parts['scheme'] . '://' . $auth . ($parts['host'] ?? '') . (isset($parts['port']) ? ':' . $parts['port'] : '')
            . ($parts['path'] ?? '') . $query . (isset($parts['fragment']) ? '#' . $parts['fragment'] : '');
    }

    /**
     * The server configuration as pogo:ws-start --print-config shows it.
     *
     * @param array<string, mixed> $config
     * @return array<string, mixed>
     */
    public static function serverConfig(array $config): array
    {
        foreach ($config['apps'] ?? [] as $index => $app) {
            $config['apps'][$index]['secret'] = self::MASK;
            if (isset($app['authEndpoint'])) {
                $config['apps'][$index]['authEndpoint'] = self::url((string) $app['authEndpoint']);
            }
            foreach ($app['webhooks'] ?? [] as $hook => $webhook) {
                $config['apps'][$index]['webhooks'][$hook]['url'] = self::url((string) ($webhook['url'] ?? ''));
            }
        }
        if (isset($config['tls']['passphrase'])) {
            $config['tls']['passphrase'] = self::MASK;
        }
        if (isset($config['redis']['url'])) {
            $config['redis']['url'] = self::url((string) $config['redis']['url']);
        }

        return $config;
    }
}
