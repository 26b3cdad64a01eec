<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/**
 * Reads an app (routes/channels.php, its broadcast events and notifications) and writes the text of
 * `resources/js/types/pogo-channels.d.ts`. Static reading and reflection only: no event is built or sent.
 */
final class ChannelTypesGenerator
{
    public const OUTPUT = 'resources/js/types/pogo-channels.d.ts';

    /** @var list<string> what could not be inferred */
    public array $warnings = [];

    public int $channelCount = 0;

    public int $eventCount = 0;

    public int $notificationCount = 0;

    public function __construct(private readonly string $basePath, private readonly string $userModel = 'App\\Models\\User')
    {
    }

    public function generate(): string
    {
        $types = new TypeMapper();
        $expressions = new ExpressionTypes($types);
        $classes = new AppClasses($this->basePath);
        $routes = new ChannelRoutes($types, $expressions, $this->userModel);
        $eventReader = new BroadcastEvents($types, $expressions);
        $notificationReader = new BroadcastNotifications($types, $expressions);

        $routeList = $routes->read($this->basePath . '/routes/channels.php');
        $events = [];
        foreach ($classes->broadcastEvents() as $class) {
            $event = $eventReader->read($class);
            if ($event !== null) {
                $events[] = $event;
            }
        }
        $notifications = [];
        foreach ($classes->broadcastNotifications() as $class) {
            $notifications[$class->getName()] = $notificationReader->read($class);
        }
        $map = new ChannelMap($routeList, $events, $notifications);

        $this->warnings = [...$classes->warnings, ...$routes->warnings, ...$eventReader->warnings, ...$notificationReader->warnings, ...$map->warnings];
        $this->channelCount = count($map->channels());
        $this->eventCount = count($events);
        $this->notificationCount = count($notifications);

        return (new ChannelMapRenderer())->render($map, $this->warnings);
    }
}
