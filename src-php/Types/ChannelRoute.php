<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/** One `Broadcast::channel()` of routes/channels.php as pogo:ws-types understood it. */
final class ChannelRoute
{
    /**
     * @param  'private'|'presence'  $kind  presence when the callback returns member info, private when it returns a boolean
     * @param  TsType|null  $member  presence channels: the member info, when it could be read
     */
    public function __construct(
        public readonly string $pattern,
        public readonly string $kind,
        public readonly ?TsType $member = null,
        public readonly bool $kindKnown = true,
    ) {
    }
}
