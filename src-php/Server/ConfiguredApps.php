<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Server;

use Illuminate\Contracts\Config\Repository;
use Pogo\WebSocket\Broadcasting\ConnectionConfig;
use Pogo\WebSocket\PogoServiceProvider;

/**
 * Every app the server hosts for this Laravel app: the served broadcasting connection's app
 * (`pogo`, or the app's `reverb` connection, see ServedConnection) first, then the extra apps of
 * config/pogo-websocket.php.
 *
 * @phpstan-type AppEntry array{id: string, key: string, secret: string, enabled?: mixed, client_events?: mixed, subscription_count?: mixed, allowed_origins?: mixed, limits?: mixed}
 */
final class ConfiguredApps
{
    public function __construct(private readonly Repository $config)
    {
    }

    public function served(): ServedConnection
    {
        return ServedConnection::resolve($this->config);
    }

    /** @throws \Pogo\WebSocket\Broadcasting\InvalidConnectionConfig */
    public function connection(): ConnectionConfig
    {
        return $this->served()->validated();
    }

    /** @return list<AppEntry> */
    public function all(): array
    {
        $connection = $this->connection();
        $apps = [['id' => $connection->appId, 'key' => $connection->key, 'secret' => $connection->secret]];

        foreach ((array) $this->config->get(PogoServiceProvider::CONFIG . '.server.apps', []) as $index => $app) {
            if (! is_array($app) || ! isset($app['id'], $app['key'], $app['secret'])) {
                throw new \InvalidArgumentException("pogo-websocket.server.apps.{$index} needs an id, a key and a secret.");
            }
            $entry = ['id' => (string) $app['id'], 'key' => (string) $app['key'], 'secret' => (string) $app['secret']];
            // Per-app overrides of the server settings, read by ServerConfigBuilder.
            if (array_key_exists('enabled', $app)) {
                $entry['enabled'] = $app['enabled'];
            }
            if (array_key_exists('client_events', $app)) {
                $entry['client_events'] = $app['client_events'];
            }
            if (array_key_exists('subscription_count', $app)) {
                $entry['subscription_count'] = $app['subscription_count'];
            }
            if (array_key_exists('allowed_origins', $app)) {
                $entry['allowed_origins'] = $app['allowed_origins'];
            }
            if (array_key_exists('limits', $app)) {
                $entry['limits'] = $app['limits'];
            }
            $apps[] = $entry;
        }

        return $apps;
    }

    /** @return AppEntry|null */
    public function findByKey(string $key): ?array
    {
        foreach ($this->all() as $app) {
            if (hash_equals($app['key'], $key)) {
                return $app;
            }
        }

        return null;
    }
}
