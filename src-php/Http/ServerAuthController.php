<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Http;

use Illuminate\Contracts\Config\Repository;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Pogo\WebSocket\Broadcasting\PogoBroadcaster;
use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Server\ConfiguredApps;
use Symfony\Component\HttpKernel\Exception\HttpException;

/**
 * POST /pogo/auth: the server's own call to authorize a subscription a client sent without `auth`.
 * The request carries the browser's cookies (so the session and user are the browser's) and the
 * server's signature over "timestamp\nbody" instead of a CSRF token; then it is answered exactly
 * as /broadcasting/auth answers.
 */
final class ServerAuthController
{
    public function __construct(
        private readonly ConfiguredApps $apps,
        private readonly PogoBroadcaster $broadcaster,
        private readonly Repository $config,
    ) {
    }

    public function __invoke(Request $request): JsonResponse
    {
        $key = (string) $request->header('X-Pogo-Key', '');
        $timestamp = (string) $request->header('X-Pogo-Timestamp', '');
        $signature = (string) $request->header('X-Pogo-Signature', '');
        $maxSkew = (int) $this->config->get(PogoServiceProvider::CONFIG . '.server_auth.max_clock_skew_seconds', 300);

        $app = $key === '' ? null : $this->apps->findByKey($key);
        $fresh = ctype_digit($timestamp) && abs(time() - (int) $timestamp) <= $maxSkew;
        $expected = $app === null ? '' : (new Signer($app['key'], $app['secret']))->serverRequestSignature($timestamp, $request->getContent());
        if ($app === null || ! $fresh || $signature === '' || ! hash_equals($expected, $signature)) {
            return new JsonResponse(['error' => 'Not signed by the Pogo WebSocket server'], 401);
        }

        try {
            // Signed with the secret of the app the server asked for, which need not be this app's own.
            $answer = $this->broadcaster->signingAs(new Signer($app['key'], $app['secret']))->auth($request);
        } catch (HttpException $denied) {
            return new JsonResponse(['error' => 'This action is unauthorized.'], $denied->getStatusCode());
        }

        return new JsonResponse($answer);
    }
}
