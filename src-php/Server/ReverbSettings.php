<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Server;

use Illuminate\Contracts\Config\Repository;
use Pogo\WebSocket\PogoServiceProvider;

/**
 * Reverb's own server settings, for a Reverb app that pogo:ws-start serves as it is: from
 * config/reverb.php when the app still has it, else from the REVERB_* variables Reverb reads
 * (the `reverb` section of config/pogo-websocket.php). Each one maps to a Pogo setting or is
 * named at start-up as ignored.
 */
final class ReverbSettings
{
    /** Reverb setting => Pogo limit. */
    private const LIMITS = [
        'max_request_size' => 'maxHttpBodyBytes',
        'max_message_size' => 'maxFrameBytes',
        'activity_timeout' => 'activityTimeoutSeconds',
        'max_connections' => 'maxConnections',
    ];

    public function __construct(private readonly Repository $config, private readonly string $appKey)
    {
    }

    /** Where Reverb would listen: REVERB_SERVER_HOST, else every interface. */
    public function host(): string
    {
        $host = $this->server()['host'] ?? $this->own('host');

        return is_string($host) && $host !== '' ? $host : '0.0.0.0';
    }

    /** REVERB_SERVER_PORT, else the port clients use (REVERB_PORT). */
    public function port(int $connectionPort): int
    {
        $port = $this->server()['port'] ?? $this->own('port');

        return is_numeric($port) ? (int) $port : $connectionPort;
    }

    /** @return list<string>|null the app's allowed_origins in config/reverb.php, if it has one */
    public function allowedOrigins(): ?array
    {
        $origins = $this->app()['allowed_origins'] ?? null;

        return is_array($origins) ? array_values(array_map('strval', $origins)) : null;
    }

    /** @return array<string, int> Pogo limits from Reverb's sizes and timeouts that are set */
    public function limits(): array
    {
        $limits = [];
        foreach (self::LIMITS as $setting => $limit) {
            $value = $setting === 'max_request_size' ? ($this->server()[$setting] ?? $this->own($setting)) : ($this->app()[$setting] ?? $this->own($setting));
            if (is_numeric($value) && (int) $value > 0) {
                $limits[$limit] = (int) $value;
            }
        }

        return $limits;
    }

    /** Reverb scales over the app's default Redis connection when REVERB_SCALING_ENABLED is on. */
    public function redisUrl(): ?string
    {
        $enabled = $this->server()['scaling']['enabled'] ?? $this->own('scaling');
        if (! filter_var($enabled, FILTER_VALIDATE_BOOL)) {
            return null;
        }
        $redis = (array) $this->config->get('database.redis.default', []);
        if (is_string($redis['url'] ?? null) && $redis['url'] !== '') {
            return $redis['url'];
        }
        $user = (string) ($redis['username'] ?? '');
        $password = (string) ($redis['password'] ?? '');
        $auth = $password === '' ? '' : rawurlencode($user) . ':' . rawurlencode($password) . '@';
        $scheme = ($redis['scheme'] ?? 'tcp') === 'tls' ? 'rediss' : 'redis';

        return sprintf('%s://%s%s:%d/%d', $scheme, $auth, $redis['host'] ?? '127.0.0.1', (int) ($redis['port'] ?? 6379), (int) ($redis['database'] ?? 0));
    }

    /**
     * Reverb settings this app sets that Pogo does not take over, with why.
     *
     * @return list<string>
     */
    public function ignored(): array
    {
        $ignored = [];
        $tls = $this->server()['options']['tls'] ?? [];
        if (is_array($tls) && $tls !== []) {
            $ignored[] = 'TLS options (terminate TLS in a proxy, or use the server\'s own TLS settings)';
        }
        foreach ((array) $this->config->get(PogoServiceProvider::CONFIG . '.reverb.ignored', []) as $name => $value) {
            if ($value !== null && $value !== '') {
                $ignored[] = $name;
            }
        }

        return $ignored;
    }

    /** @return array<string, mixed> the app's server in config/reverb.php, or [] */
    private function server(): array
    {
        $name = (string) $this->config->get('reverb.default', 'reverb');

        return (array) $this->config->get("reverb.servers.{$name}", []);
    }

    /** @return array<string, mixed> the entry of config/reverb.php's apps with this key, or [] */
    private function app(): array
    {
        foreach ((array) $this->config->get('reverb.apps.apps', []) as $app) {
            if (is_array($app) && (string) ($app['key'] ?? '') === $this->appKey) {
                return $app;
            }
        }

        return [];
    }

    /** A REVERB_* variable as read by config/pogo-websocket.php. */
    private function own(string $name): mixed
    {
        return $this->config->get(PogoServiceProvider::CONFIG . ".reverb.{$name}");
    }
}
