<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Database\Eloquent\Model;

/**
 * The app's channel map: the routes of routes/channels.php, each event added to the channel(s) whose pattern
 * its broadcastOn() names, and broadcast notifications on the `App.Models.User.{id}`-style channels. Channels
 * no route declares (public ones) are added under the event's own pattern.
 */
final class ChannelMap
{
    /**
     * @var array<string, array{type: string, member: TsType|null, events: array<string, array{payload: TsType, classes: list<string>}>, notification: TsType|null, notes: list<string>, routed: bool, kindKnown: bool}>
     */
    private array $channels = [];

    /** @var list<string> */
    public array $warnings = [];

    /**
     * @param  list<ChannelRoute>  $routes
     * @param  list<BroadcastEvent>  $events
     * @param  array<string, TsType>  $notifications  by class
     */
    public function __construct(array $routes, array $events, array $notifications)
    {
        foreach ($routes as $route) {
            $notes = $route->kind === 'presence' && $route->member === null
                ? ['member: the channel callback returns no array literal or typed value, so the member is Record<string, unknown>']
                : [];
            if (! $route->kindKnown) {
                $notes[] = 'type: the channel callback returns neither a boolean nor member info; assumed private';
            }
            $this->channels[$route->pattern] = ['type' => $route->kind, 'member' => $route->member, 'events' => [], 'notification' => null, 'notes' => $notes, 'routed' => true, 'kindKnown' => $route->kindKnown];
        }
        foreach ($events as $event) {
            foreach ($event->channels as $channel) {
                $this->addEvent($event, $channel['type'], $channel['pattern']);
            }
        }
        $this->addNotifications($notifications);
        ksort($this->channels, SORT_STRING);
    }

    /**
     * @return array<string, array{type: string, member: TsType|null, events: array<string, array{payload: TsType, classes: list<string>}>, notification: TsType|null, notes: list<string>}>
     */
    public function channels(): array
    {
        return $this->channels;
    }

    /**
     * Whether a channel name written in broadcastOn() (`orders.{id}` for `'orders.'.$this->order->id`, or a
     * literal `orders.1`) is one the route pattern `$pattern` authorizes: same segments, `{param}` one segment.
     */
    public static function matches(string $name, string $pattern): bool
    {
        $names = explode('.', $name);
        $patterns = explode('.', $pattern);
        if (count($names) !== count($patterns)) {
            return false;
        }
        foreach ($names as $i => $segment) {
            $routeSegment = $patterns[$i];
            if ($segment === $routeSegment) {
                continue;
            }
            if (! str_contains($routeSegment, '{')) {
                return false;
            }
            $holes = fn (string $s) => (string) preg_replace('/\{[^}]*\}/', '{}', $s);
            $regex = '/^' . str_replace('\{\}', '[^.]+', preg_quote($holes($routeSegment), '/')) . '$/';
            $matched = str_contains($segment, '{') ? $holes($segment) === $holes($routeSegment) : preg_match($regex, $segment) === 1;
            if (! $matched) {
                return false;
            }
        }

        return true;
    }

    private function addEvent(BroadcastEvent $event, ?string $type, string $name): void
    {
        $patterns = isset($this->channels[$name]) ? [$name] : array_values(array_filter(
            array_keys(array_filter($this->channels, fn (array $c) => $c['routed'])),
            fn (string $pattern) => self::matches($name, $pattern),
        ));
        if ($patterns === []) {
            $type ??= 'public';
            $this->channels[$name] = ['type' => $type, 'member' => null, 'events' => [], 'notification' => null, 'notes' => [], 'routed' => false, 'kindKnown' => true];
            if ($type !== 'public') {
                $this->channels[$name]['notes'][] = "no Broadcast::channel() in routes/channels.php authorizes this {$type} channel";
            }
            if ($type === 'presence') {
                $this->channels[$name]['notes'][] = 'member: no channel callback, so the member is Record<string, unknown>';
            }
            $patterns = [$name];
        }
        foreach ($patterns as $pattern) {
            $channel = &$this->channels[$pattern];
            if ($type !== null && $type !== $channel['type']) {
                // An encrypted channel is authorized by the same route as a private one.
                $compatible = $channel['type'] === 'private' && $type === 'encrypted';
                if ($channel['kindKnown'] && ! $compatible) {
                    $this->warnings[] = "{$event->class} broadcasts on {$pattern} as a {$type} channel, but it is declared {$channel['type']}; it is typed as {$type}.";
                }
                $channel['type'] = $type;
                $channel['kindKnown'] = true;
            }
            $existing = $channel['events'][$event->name] ?? null;
            $channel['events'][$event->name] = [
                'payload' => $existing === null ? $event->payload : TsType::union($existing['payload'], $event->payload),
                'classes' => array_values(array_unique([...($existing['classes'] ?? []), $event->class])),
            ];
            ksort($channel['events'], SORT_STRING);
            unset($channel);
        }
    }

    /** @param  array<string, TsType>  $notifications */
    private function addNotifications(array $notifications): void
    {
        if ($notifications === []) {
            return;
        }
        ksort($notifications, SORT_STRING);
        $union = TsType::union(...array_values($notifications));
        $found = false;
        foreach ($this->channels as $pattern => &$channel) {
            // Laravel's default notification channel: the notifiable's class with dots, then its key.
            if ($channel['routed'] && preg_match('/^((?:[A-Za-z_][A-Za-z0-9_]*\.)+)\{[^}]+\}$/', $pattern, $m) === 1
                && is_a(str_replace('.', '\\', rtrim($m[1], '.')), Model::class, true)) {
                $channel['notification'] = $union;
                $channel['notes'][] = 'notification: every broadcast notification of the app (' . count($notifications) . '), told apart by `type`';
                $found = true;
            }
        }
        unset($channel);
        if (! $found) {
            $this->warnings[] = 'The app has broadcast notifications but routes/channels.php declares no App.Models.User.{id}-style channel for them.';
        }
    }
}
