<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

use InvalidArgumentException;

/**
 * The `pogo` connection of config/broadcasting.php, validated: which app this Laravel app
 * publishes as and where it reaches the server.
 */
final class ConnectionConfig
{
    /**
     * @param array{timeout: float, connect_timeout: float, retries: int, retry_delay_ms: int} $clientOptions
     * @param array<string, int> $limits
     */
    public function __construct(
        public readonly string $appId,
        public readonly string $key,
        #[\SensitiveParameter] public readonly string $secret,
        public readonly string $host,
        public readonly int $port,
        public readonly string $scheme,
        public readonly ?string $encryptionMasterKey,
        public readonly array $clientOptions,
        public readonly array $limits,
    ) {
    }

    /** The connection Laravel gets when config/broadcasting.php defines no `pogo` entry. */
    public static function defaults(): array
    {
        return [
            'driver' => 'pogo',
            'key' => env('WS_APP_KEY'),
            'secret' => env('WS_APP_SECRET'),
            'app_id' => env('WS_APP_ID'),
            'options' => [
                'host' => env('WS_HOST', '127.0.0.1'),
                'port' => env('WS_PORT', 6001),
                'scheme' => env('WS_SCHEME', 'http'),
                'encryption_master_key' => env('WS_ENCRYPTION_MASTER_KEY'),
            ],
            'client_options' => [
                'timeout' => 5,
                'connect_timeout' => 2,
                'retries' => 1,
            ],
        ];
    }

    /** @param array<string, mixed> $config */
    public static function fromArray(array $config): self
    {
        $missing = [];
        foreach (['app_id' => 'WS_APP_ID', 'key' => 'WS_APP_KEY', 'secret' => 'WS_APP_SECRET'] as $name => $env) {
            if (! is_scalar($config[$name] ?? null) || (string) $config[$name] === '') {
                $missing[] = $env;
            }
        }
        if ($missing !== []) {
            throw new InvalidArgumentException(
                'The pogo broadcasting connection needs ' . implode(', ', $missing) . ': run `php artisan pogo:ws-install` or set them in .env.'
            );
        }

        $options = is_array($config['options'] ?? null) ? $config['options'] : [];
        $scheme = strtolower((string) ($options['scheme'] ?? 'http'));
        if (! in_array($scheme, ['http', 'https'], true)) {
            throw new InvalidArgumentException("WS_SCHEME must be http or https, not [{$scheme}].");
        }

        $port = (int) ($options['port'] ?? ($scheme === 'https' ? 443 : 6001));
        if ($port < 1 || $port > 65535) {
            throw new InvalidArgumentException("WS_PORT must be a TCP port (1-65535), not [{$port}].");
        }

        $client = is_array($config['client_options'] ?? null) ? $config['client_options'] : [];
        $masterKey = $options['encryption_master_key'] ?? null;

        return new self(
            appId: (string) $config['app_id'],
            key: (string) $config['key'],
            secret: (string) $config['secret'],
            host: (string) ($options['host'] ?? '127.0.0.1') ?: '127.0.0.1',
            port: $port,
            scheme: $scheme,
            encryptionMasterKey: is_string($masterKey) && $masterKey !== '' ? $masterKey : null,
            clientOptions: [
                'timeout' => (float) ($client['timeout'] ?? 5),
                'connect_timeout' => (float) ($client['connect_timeout'] ?? 2),
                'retries' => (int) ($client['retries'] ?? 1),
                'retry_delay_ms' => (int) ($client['retry_delay_ms'] ?? 100),
            ],
            limits: array_map('intval', is_array($options['limits'] ?? null) ? $options['limits'] : []),
        );
    }

    public function baseUrl(): string
    {
        $host = str_contains($this->host, ':') && ! str_starts_with($this->host, '[') ? "[{$this->host}]" : $this->host;

        return "{$this->scheme}://{$host}:{$this->port}";
    }
}
