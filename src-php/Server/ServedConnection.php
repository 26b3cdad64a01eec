<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Server;

use Illuminate\Contracts\Config\Repository;
use Pogo\WebSocket\Broadcasting\ConnectionConfig;

/**
 * The broadcasting connection pogo:ws-start serves: the one the app broadcasts on when it speaks the
 * Pusher protocol to a server of its own (`pogo`, `reverb`, or `pusher` with a custom host), else `pogo`.
 * So a Reverb app switches with one command, its REVERB_* keys unchanged.
 */
final class ServedConnection
{
    /** @param array<string, mixed> $config */
    private function __construct(
        public readonly string $name,
        public readonly string $driver,
        public readonly array $config,
        public readonly string $envPrefix,
    ) {
    }

    public static function resolve(Repository $config): self
    {
        $name = (string) $config->get('broadcasting.default');
        $connection = $config->get("broadcasting.connections.{$name}");
        $driver = is_array($connection) ? (string) ($connection['driver'] ?? '') : '';

        if ($driver === 'pogo' || $driver === 'reverb' || ($driver === 'pusher' && self::hasCustomHost($connection))) {
            return new self($name, $driver, $connection, ['pogo' => 'WS', 'reverb' => 'REVERB', 'pusher' => 'PUSHER'][$driver]);
        }

        return new self('pogo', 'pogo', (array) $config->get('broadcasting.connections.pogo', []), 'WS');
    }

    public function isReverb(): bool
    {
        return $this->driver === 'reverb';
    }

    /** The .env name of one of the connection's settings: WS_PORT, REVERB_PORT, PUSHER_PORT... */
    public function env(string $suffix): string
    {
        return "{$this->envPrefix}_{$suffix}";
    }

    /** What the browser reads: VITE_POGO_*, VITE_REVERB_* or VITE_PUSHER_*. */
    public function viteEnv(string $suffix): string
    {
        return 'VITE_' . ($this->envPrefix === 'WS' ? 'POGO' : $this->envPrefix) . "_{$suffix}";
    }

    /** @throws \Pogo\WebSocket\Broadcasting\InvalidConnectionConfig */
    public function validated(): ConnectionConfig
    {
        return ConnectionConfig::fromArray($this->config, $this->envPrefix);
    }

    /** @param mixed $connection */
    private static function hasCustomHost($connection): bool
    {
        $host = $connection['options']['host'] ?? null;

        return is_string($host) && $host !== '' && ! str_ends_with($host, 'pusher.com');
    }
}
