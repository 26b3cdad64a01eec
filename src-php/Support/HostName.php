<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

/** A value given as a host (--host, WS_HOST): an IPv4 or IPv6 address or a DNS host name, never a URL, a path or two lines. */
final class HostName
{
    private const LABELS = '/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i';

    public static function isValid(string $host): bool
    {
        $address = str_starts_with($host, '[') && str_ends_with($host, ']') ? substr($host, 1, -1) : $host;

        return filter_var($address, FILTER_VALIDATE_IP) !== false
            || (strlen($host) <= 253 && preg_match(self::LABELS, $host) === 1);
    }
}
