<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

use RuntimeException;

/**
 * Read-only view of config/pogo-websocket.schema.json, the table of status codes, names and
 * limits that the TypeScript server also reads. PHP keeps no copy of those numbers.
 */
final class Schema
{
    /** @var array<string, array<string, mixed>> */
    private static array $loaded = [];

    /** @param array<string, mixed> $document */
    private function __construct(private readonly array $document)
    {
    }

    public static function path(): string
    {
        return dirname(__DIR__, 2) . '/config/pogo-websocket.schema.json';
    }

    public static function load(?string $path = null): self
    {
        $path ??= self::path();

        if (! isset(self::$loaded[$path])) {
            $json = @file_get_contents($path);

            if ($json === false) {
                throw new RuntimeException("Pogo WebSocket cannot read its schema file [{$path}].");
            }

            $document = json_decode($json, true);

            if (! is_array($document) || ! isset($document['publishStatus'], $document['limits'])) {
                throw new RuntimeException("Pogo WebSocket's schema file [{$path}] is not valid.");
            }

            self::$loaded[$path] = $document;
        }

        return new self(self::$loaded[$path]);
    }

    /**
     * The publish status with the given number, as ['name' => ..., 'status' => ..., 'http' => ..., 'message' => ...].
     *
     * @return array{name: string, status: int, http: int, message: string}|null
     */
    public function publishStatusByNumber(int $status): ?array
    {
        foreach ($this->document['publishStatus'] as $name => $entry) {
            if ((int) $entry['status'] === $status) {
                return ['name' => (string) $name] + $this->normalizeStatus($entry);
            }
        }

        return null;
    }

    /** @return array{name: string, status: int, http: int, message: string}|null */
    public function publishStatusByName(string $name): ?array
    {
        $entry = $this->document['publishStatus'][$name] ?? null;

        return is_array($entry) ? ['name' => $name] + $this->normalizeStatus($entry) : null;
    }

    /** @return array<string, array{name: string, status: int, http: int, message: string}> */
    public function publishStatuses(): array
    {
        $statuses = [];

        foreach (array_keys($this->document['publishStatus']) as $name) {
            $status = $this->publishStatusByName((string) $name);
            if ($status !== null) {
                $statuses[(string) $name] = $status;
            }
        }

        return $statuses;
    }

    /** @return array<string, int|float> */
    public function limits(): array
    {
        return $this->document['limits'];
    }

    public function limit(string $name): int
    {
        if (! array_key_exists($name, $this->document['limits'])) {
            throw new RuntimeException("The Pogo WebSocket schema has no limit named [{$name}].");
        }

        return (int) $this->document['limits'][$name];
    }

    public function userChannelPrefix(): string
    {
        return (string) ($this->document['protocol']['userChannelPrefix'] ?? '#server-to-user-');
    }

    /**
     * @param array<string, mixed> $entry
     * @return array{status: int, http: int, message: string}
     */
    private function normalizeStatus(array $entry): array
    {
        return [
            'status' => (int) $entry['status'],
            'http' => (int) $entry['http'],
            'message' => (string) $entry['message'],
        ];
    }
}
