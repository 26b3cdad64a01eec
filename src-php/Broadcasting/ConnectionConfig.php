<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Broadcasting;

/**
 * A Pusher-protocol broadcasting connection of config/broadcasting.php (`pogo`, or `reverb`/`pusher`
 * when pogo:ws-start serves one of those), validated: which app this Laravel app publishes as and
 * where it reaches the server. Problems name the .env keys of the connection ($envPrefix: WS or REVERB).
 */
final class ConnectionConfig
{
    /**
     * @param array{timeout: float, connect_timeout: float, retries: int, retry_delay_ms: int, verify: bool|string} $clientOptions
     * @param array<string, int> $limits
     */
    public function __construct(
        public readonly string $appId,
        public readonly string $key,
        #[\SensitiveParameter]
        public readonly string $secret,
        public readonly string $host,
        public readonly int $port,
        public readonly string $scheme,
        public readonly ?string $encryptionMasterKey,
        public readonly array $clientOptions,
        public readonly array $limits,
    ) {
    }

    /**
     * @param array<string, mixed> $config
     * @throws InvalidConnectionConfig naming every wrong key
     */
    public static function fromArray(array $config, string $envPrefix = 'WS'): self
    {
        $problems = self::problems($config, $envPrefix);
        if ($problems !== []) {
            throw new InvalidConnectionConfig($problems);
        }

        $options = is_array($config['options'] ?? null) ? $config['options'] : [];
        $scheme = strtolower((string) ($options['scheme'] ?? 'http'));
        $client = is_array($config['client_options'] ?? null) ? $config['client_options'] : [];
        $masterKey = $options['encryption_master_key'] ?? null;

        return new self(
            appId: (string) $config['app_id'],
            key: (string) $config['key'],
            secret: (string) $config['secret'],
            host: (string) ($options['host'] ?? '127.0.0.1') ?: '127.0.0.1',
            port: (int) ($options['port'] ?? ($scheme === 'https' ? 443 : 6001)),
            scheme: $scheme,
            encryptionMasterKey: is_string($masterKey) && $masterKey !== '' ? $masterKey : null,
            clientOptions: [
                'timeout' => (float) ($client['timeout'] ?? 5),
                'connect_timeout' => (float) ($client['connect_timeout'] ?? 2),
                'retries' => (int) ($client['retries'] ?? 1),
                'retry_delay_ms' => (int) ($client['retry_delay_ms'] ?? 100),
                'verify' => self::verify($client['verify'] ?? true),
            ],
            limits: array_map('intval', is_array($options['limits'] ?? null) ? $options['limits'] : []),
        );
    }

    /**
     * Every wrong value of the connection, each with its fix; empty when it can be used.
     *
     * @param array<string, mixed> $config
     * @return list<ConfigProblem>
     */
    public static function problems(array $config, string $envPrefix = 'WS'): array
    {
        $problems = [];
        foreach (['app_id' => 'APP_ID', 'key' => 'APP_KEY', 'secret' => 'APP_SECRET'] as $name => $suffix) {
            $env = "{$envPrefix}_{$suffix}";
            $value = $config[$name] ?? null;
            if (! is_scalar($value) || (string) $value === '') {
                $problems[] = new ConfigProblem(
                    $env,
                    $value === null ? "{$env} is not set" : "{$env} is empty",
                    $envPrefix === 'WS' ? "set {$env} in .env, or run `php artisan pogo:ws-install` to generate it" : "set {$env} in .env",
                );
            }
        }

        $options = is_array($config['options'] ?? null) ? $config['options'] : [];
        $scheme = $options['scheme'] ?? 'http';
        if (! is_string($scheme) || ! in_array(strtolower($scheme), ['http', 'https'], true)) {
            $problems[] = new ConfigProblem(
                "{$envPrefix}_SCHEME",
                "{$envPrefix}_SCHEME must be http or https, not " . self::quoted($scheme),
                "set {$envPrefix}_SCHEME=http (or https behind TLS) in .env",
            );
        }

        $port = $options['port'] ?? null;
        if ($port !== null && ! self::isPort($port)) {
            $problems[] = new ConfigProblem(
                "{$envPrefix}_PORT",
                "{$envPrefix}_PORT must be a TCP port (1-65535), not " . self::quoted($port),
                "set {$envPrefix}_PORT to the port the server listens on, for example {$envPrefix}_PORT=" . ($envPrefix === 'REVERB' ? '8080' : '6001'),
            );
        }

        $client = is_array($config['client_options'] ?? null) ? $config['client_options'] : [];
        $verify = self::verify($client['verify'] ?? true);
        if (is_string($verify) && ! is_readable($verify)) {
            $problems[] = new ConfigProblem(
                'client_options.verify',
                "client_options.verify names the CA bundle [{$verify}], which cannot be read",
                'point the connection\'s client_options.verify at the CA certificate (PEM) that signed the server\'s certificate, readable by this user',
            );
        }

        $masterKey = $options['encryption_master_key'] ?? null;
        if (is_string($masterKey) && $masterKey !== '') {
            $decoded = base64_decode($masterKey, true);
            if ($decoded === false || strlen($decoded) !== SODIUM_CRYPTO_SECRETBOX_KEYBYTES) {
                $problems[] = new ConfigProblem(
                    'WS_ENCRYPTION_MASTER_KEY',
                    'WS_ENCRYPTION_MASTER_KEY is not 32 bytes encoded in base64',
                    'generate one with `openssl rand -base64 32`, or remove it if no channel is private-encrypted-',
                );
            }
        }

        return $problems;
    }

    public function baseUrl(): string
    {
        $host = str_contains($this->host, ':') && ! str_starts_with($this->host, '[') ? "[{$this->host}]" : $this->host;

        return "{$this->scheme}://{$host}:{$this->port}";
    }

    /**
     * How the server's https certificate is checked: true (the system's CAs), a CA bundle's path, or false (not
     * at all; pogo:ws-doctor warns). Strings as .env gives them: "false"/"true", empty for the default.
     */
    private static function verify(mixed $verify): bool|string
    {
        if (is_bool($verify)) {
            return $verify;
        }
        $value = trim((string) (is_scalar($verify) ? $verify : ''));

        return match (strtolower($value)) {
            '', 'true', '1' => true,
            'false', '0' => false,
            default => $value,
        };
    }

    private static function isPort(mixed $port): bool
    {
        if (is_string($port)) {
            $port = trim($port);
            if (! ctype_digit($port)) {
                return false;
            }
        } elseif (! is_int($port)) {
            return false;
        }

        return (int) $port >= 1 && (int) $port <= 65535;
    }

    /** The value as written in .env (a secret is never passed here). */
    private static function quoted(mixed $value): string
    {
        return is_string($value) ? '"' . addcslashes($value, "\"\\\n\r") . '"' : (string) json_encode($value);
    }
}
