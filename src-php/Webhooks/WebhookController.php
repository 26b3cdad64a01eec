<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Webhooks;

use Illuminate\Contracts\Config\Repository;
use Illuminate\Contracts\Events\Dispatcher;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Carbon;
use Pogo\WebSocket\Http\Signer;
use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Server\ConfiguredApps;
use Pogo\WebSocket\Webhooks\Events\WebhookEvent;

/**
 * POST /pogo/webhook: checks X-Pusher-Key and X-Pusher-Signature (hex HMAC-SHA256 of the raw
 * body with the app's secret) and that time_ms is recent, then dispatches one Laravel event per webhook event.
 */
final class WebhookController
{
    public function __construct(
        private readonly ConfiguredApps $apps,
        private readonly Dispatcher $events,
        private readonly Repository $config,
    ) {
    }

    public function __invoke(Request $request): JsonResponse
    {
        $key = (string) $request->header('X-Pusher-Key', '');
        $signature = (string) $request->header('X-Pusher-Signature', '');
        $body = $request->getContent();

        $app = $key === '' ? null : $this->apps->findByKey($key);
        if ($app === null || $signature === '' || ! (new Signer($app['key'], $app['secret']))->verifyWebhook($body, $signature)) {
            return new JsonResponse(['error' => 'Invalid webhook key or signature'], 401);
        }

        $webhook = json_decode($body, true);
        if (! is_array($webhook) || ! is_array($webhook['events'] ?? null) || ! array_is_list($webhook['events'])) {
            return new JsonResponse(['error' => 'A webhook body is {"time_ms": ..., "events": [...]}'], 400);
        }

        $received = [];
        foreach ($webhook['events'] as $index => $payload) {
            if (! is_array($payload) || ! is_string($payload['name'] ?? null)) {
                return new JsonResponse(['error' => "Webhook event {$index} has no name"], 400);
            }
            $received[] = WebhookEvent::fromPayload($payload, (int) ($webhook['time_ms'] ?? 0), $app['id']);
        }

        // A signature never expires, so a captured webhook is refused once its time_ms is out of the window.
        $timeMs = is_int($webhook['time_ms'] ?? null) || is_float($webhook['time_ms'] ?? null) ? (int) $webhook['time_ms'] : null;
        $maxAgeMs = 1000 * max(1, (int) $this->config->get(PogoServiceProvider::CONFIG . '.webhooks.max_age_seconds', 300));
        if ($timeMs === null || abs(Carbon::now()->getTimestampMs() - $timeMs) > $maxAgeMs) {
            return new JsonResponse(['error' => 'Webhook time_ms is missing or outside the accepted window (pogo-websocket.webhooks.max_age_seconds)'], 401);
        }

        // Dispatched only once the whole body is valid, so a bad event loses nothing half-way.
        foreach ($received as $event) {
            $this->events->dispatch($event);
        }

        return new JsonResponse(['dispatched' => count($received)]);
    }
}
