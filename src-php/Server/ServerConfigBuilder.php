<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Server;

use Illuminate\Contracts\Config\Repository;
use Pogo\WebSocket\PogoServiceProvider;

/** The JSON configuration `pogo-ws start --config` reads, built from the Laravel app's own config. */
final class ServerConfigBuilder
{
    public function __construct(private readonly Repository $config, private readonly ConfiguredApps $apps)
    {
    }

    /** @return array<string, mixed> */
    public function build(?string $host = null, ?int $port = null): array
    {
        $server = (array) $this->config->get(PogoServiceProvider::CONFIG . '.server', []);
        $limits = array_map('intval', (array) ($server['limits'] ?? []));
        $reverb = $this->reverbSettings();
        if ($reverb !== null) {
            // Reverb's sizes and timeouts first; limits set for Pogo itself win.
            $limits += $reverb->limits();
        }

        $apps = [];
        foreach ($this->apps->all() as $index => $app) {
            $authEndpoint = $index === 0 ? $this->serverAuthEndpoint() : null;
            $entry = [
                'id' => $app['id'],
                'key' => $app['key'],
                'secret' => $app['secret'],
                'enabled' => (bool) ($app['enabled'] ?? true),
                'clientEvents' => (bool) ($app['client_events'] ?? $server['client_events'] ?? true),
                'subscriptionCount' => (bool) ($app['subscription_count'] ?? $server['subscription_count'] ?? false),
                'allowedOrigins' => $this->allowedOrigins($app['allowed_origins'] ?? $server['allowed_origins'] ?? ($index === 0 ? $reverb?->allowedOrigins() : null), $authEndpoint !== null),
            ];
            // Webhooks and server-side authorization go to this Laravel app, so only its own app (the first) gets them.
            if ($index === 0 && ($webhook = $this->webhookTarget()) !== null) {
                $entry['webhooks'] = [$webhook];
            }
            if ($authEndpoint !== null) {
                $entry['authEndpoint'] = $authEndpoint;
            }
            $appLimits = array_map('intval', (array) ($app['limits'] ?? [])) + $limits;
            if ($appLimits !== []) {
                $entry['limits'] = $appLimits;
            }
            $apps[] = $entry;
        }

        $config = [
            'host' => $host ?? ($reverb !== null ? $reverb->host() : (string) ($server['host'] ?? '0.0.0.0')),
            'port' => $port ?? $this->defaultPort($reverb, (int) ($server['port'] ?? 6001)),
            'apps' => $apps,
            'metrics' => ['enabled' => (bool) ($server['metrics'] ?? true)],
        ];

        $tls = $this->tls((array) ($server['tls'] ?? []));
        if ($tls !== null) {
            $config['tls'] = $tls;
        }
        $proxies = array_values(array_filter(array_map('strval', (array) ($server['trusted_proxies'] ?? [])), fn (string $proxy) => $proxy !== ''));
        if ($proxies !== []) {
            $config['trustedProxies'] = $proxies;
        }

        $redisUrl = $server['redis']['url'] ?? null;
        if ((! is_string($redisUrl) || $redisUrl === '') && $reverb !== null) {
            $redisUrl = $reverb->redisUrl();
        }
        if (is_string($redisUrl) && $redisUrl !== '') {
            $config['redis'] = ['url' => $redisUrl, 'prefix' => (string) ($server['redis']['prefix'] ?? 'pogo:')];
            if ((bool) ($server['redis']['history'] ?? false)) {
                // Recovery history in Redis too: it outlives a restart of every process.
                $config['redis']['history'] = true;
            }
        }

        return $config;
    }

    /**
     * The server's own TLS files (WS_TLS_*), or null when it serves plain ws:// and http://.
     *
     * @param array<string, mixed> $tls
     * @return array{cert: string, key: string, ca?: string, passphrase?: string}|null
     * @throws \InvalidArgumentException when only one of the certificate and its key is set
     */
    public function tls(array $tls): ?array
    {
        $value = fn (string $name): string => is_scalar($tls[$name] ?? null) ? trim((string) $tls[$name]) : '';
        if ($value('cert') === '' && $value('key') === '') {
            return null;
        }
        if ($value('cert') === '' || $value('key') === '') {
            throw new \InvalidArgumentException($value('cert') === ''
                ? 'WS_TLS_KEY is set but WS_TLS_CERT is not: set both (the certificate chain and its private key, PEM files), or neither.'
                : 'WS_TLS_CERT is set but WS_TLS_KEY is not: set both (the certificate chain and its private key, PEM files), or neither.');
        }
        $config = ['cert' => $this->absolute($value('cert')), 'key' => $this->absolute($value('key'))];
        if ($value('ca') !== '') {
            $config['ca'] = $this->absolute($value('ca'));
        }
        if ($value('passphrase') !== '') {
            $config['passphrase'] = $value('passphrase');
        }

        return $config;
    }

    /** A path relative to the app's root (where .env is), as the server runs elsewhere under a supervisor too. */
    private function absolute(string $path): string
    {
        return str_starts_with($path, '/') ? $path : rtrim(base_path(), '/') . '/' . $path;
    }

    /** Where Reverb would listen for a Reverb app, the connection's own port for a `pusher` one, else WS_SERVER_PORT. */
    private function defaultPort(?ReverbSettings $reverb, int $pogoPort): int
    {
        if ($reverb !== null) {
            return $reverb->port($this->apps->connection()->port);
        }

        return $this->apps->served()->driver === 'pusher' ? $this->apps->connection()->port : $pogoPort;
    }

    /** Reverb's own settings when the served connection is the app's `reverb` one, else null. */
    public function reverbSettings(): ?ReverbSettings
    {
        $served = $this->apps->served();

        return $served->isReverb() ? new ReverbSettings($this->config, (string) ($served->config['key'] ?? '')) : null;
    }

    /**
     * The origins allowed to connect. Unset means any, except with server-side authorization: the
     * server forwards the browser's cookies to this app, so only APP_URL's own pages may connect.
     *
     * @return list<string>
     */
    private function allowedOrigins(mixed $configured, bool $serverAuth): array
    {
        if (is_array($configured)) {
            return array_values(array_map('strval', $configured));
        }
        if ($serverAuth && ($origin = $this->appOrigin()) !== null) {
            return [$origin];
        }

        return ['*'];
    }

    /** APP_URL's scheme, host and port: what a browser sends as Origin from this app's pages. */
    public function appOrigin(): ?string
    {
        $parts = parse_url((string) $this->config->get('app.url'));
        if (! is_array($parts) || ! isset($parts['scheme'], $parts['host'])) {
            return null;
        }

        return strtolower($parts['scheme']) . '://' . strtolower($parts['host']) . (isset($parts['port']) ? ':' . $parts['port'] : '');
    }

    /** Where the server authorizes subscriptions sent without `auth`, when server-side authorization is on. */
    public function serverAuthEndpoint(): ?string
    {
        $serverAuth = (array) $this->config->get(PogoServiceProvider::CONFIG . '.server_auth', []);
        if (! ($serverAuth['enabled'] ?? false)) {
            return null;
        }
        $url = $serverAuth['url'] ?? null;

        return is_string($url) && $url !== ''
            ? $url
            : rtrim((string) $this->config->get('app.url', 'http://localhost'), '/') . '/' . ltrim((string) ($serverAuth['path'] ?? '/pogo/auth'), '/');
    }

    /** @return array{url: string, events: list<string>}|null */
    public function webhookTarget(): ?array
    {
        $webhooks = (array) $this->config->get(PogoServiceProvider::CONFIG . '.webhooks', []);
        if (! ($webhooks['enabled'] ?? false)) {
            return null;
        }
        $url = $webhooks['url'] ?? null;
        if (! is_string($url) || $url === '') {
            $url = rtrim((string) $this->config->get('app.url', 'http://localhost'), '/') . '/' . ltrim((string) ($webhooks['path'] ?? '/pogo/webhook'), '/');
        }

        return ['url' => $url, 'events' => array_values((array) ($webhooks['events'] ?? []))];
    }
}
