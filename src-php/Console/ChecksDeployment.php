<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Pogo\WebSocket\Broadcasting\ConnectionConfig;
use Pogo\WebSocket\PogoServiceProvider;
use Pogo\WebSocket\Server\ServerConfigBuilder;
use Throwable;

/**
 * pogo:ws-doctor's checks of a production set-up, run when configured: the server's own TLS files (TlsChecks),
 * Laravel's certificate checking (client_options.verify), and a reverse proxy in front (ProxyChecks).
 */
trait ChecksDeployment
{
    /**
     * When configured: the server's own TLS files, Laravel's certificate checking, and a proxy between clients
     * and the server (trusted proxies set, or clients told another address than the server binds).
     *
     * @param callable(string): string $viteEnv
     */
    private function deploymentChecks(ServerConfigBuilder $builder, ConnectionConfig $connection, callable $viteEnv, float $timeout): void
    {
        $server = (array) $this->laravel->make('config')->get(PogoServiceProvider::CONFIG . '.server', []);
        $clientHost = (string) $this->frontEndVariable($viteEnv('HOST'));
        $clientScheme = strtolower((string) ($this->frontEndVariable($viteEnv('SCHEME')) ?: 'https'));
        $clientPort = (int) ($this->frontEndVariable($viteEnv('PORT')) ?: ($clientScheme === 'https' ? 443 : 80));

        try {
            $tls = $builder->tls((array) ($server['tls'] ?? []));
        } catch (\InvalidArgumentException $e) {
            $this->reportFailure('TLS certificate', $e->getMessage(), 'set WS_TLS_CERT and WS_TLS_KEY together in .env, or neither (TLS in a proxy)');
            $tls = null;
        }
        if ($tls !== null) {
            $checks = new TlsChecks($tls, time());
            $hosts = array_values(array_filter([$clientHost, $connection->scheme === 'https' ? $connection->host : '']));
            $detail = $checks->run($hosts);
            if ($checks->failures === [] && ($bind = $this->bindAddress($builder)) !== null) {
                $checks->served($bind[0], $bind[1], $timeout);
            }
            foreach ($checks->failures as $failure) {
                $this->reportFailure('TLS certificate', $failure->getMessage(), $failure->fix);
            }
            foreach ($checks->warnings as $warning) {
                $this->reportWarning('TLS certificate', $warning);
            }
            if ($checks->failures === [] && $checks->warnings === []) {
                $this->components->twoColumnDetail('TLS certificate', "<fg=green>OK</> {$detail}");
            }
        }

        $verify = $connection->clientOptions['verify'];
        if ($connection->scheme === 'https' && $verify === false) {
            $this->reportWarning('Laravel checks the server\'s certificate', "NO: client_options.verify is false, so Laravel publishes to {$connection->baseUrl()} trusting any certificate: anyone on the path can read and forge them. Set it to the CA file (PEM) that signed the server's certificate");
        }

        $trusted = array_values(array_filter(array_map('strval', (array) ($server['trusted_proxies'] ?? []))));

        try {
            $bind = $builder->build();
        } catch (Throwable) {
            return; // reported by the origins check
        }
        $bindHost = (string) $bind['host'];
        $elsewhere = $clientPort !== (int) $bind['port']
            || (! in_array($bindHost, ['0.0.0.0', '::'], true) && ! in_array($bindHost, [$clientHost, ...(gethostbynamel($clientHost) ?: [])], true));
        if ($clientHost === '' || ($trusted === [] && ! $elsewhere)) {
            return;
        }
        $proxy = new ProxyChecks($clientScheme, $clientHost, $clientPort, $trusted, $timeout, self::ssl($verify));
        $this->check('Proxy passes the client\'s address', fn () => $proxy->forwardedAddress());
        $this->check('Proxy passes WebSocket upgrades', fn () => $proxy->upgradePasses($connection->key, $builder->appOrigin()));
    }

    /** @return array{string, int}|null where this machine reaches the server it runs (its bind; 127.0.0.1 for any address) */
    private function bindAddress(ServerConfigBuilder $builder): ?array
    {
        try {
            $config = $builder->build();
        } catch (Throwable) {
            return null;
        }
        $host = (string) $config['host'];

        return [in_array($host, ['0.0.0.0', '::', ''], true) ? '127.0.0.1' : $host, (int) $config['port']];
    }

    /**
     * The connection's verify option as PHP stream `ssl` options.
     *
     * @return array<string, mixed>
     */
    private static function ssl(bool|string $verify): array
    {
        return is_string($verify) ? ['cafile' => $verify] : ($verify === false ? ['verify_peer' => false, 'verify_peer_name' => false] : []);
    }

    private function reportWarning(string $name, string $warning): void
    {
        $this->components->twoColumnDetail($name, '<fg=yellow>WARN</>');
        $this->line("    <fg=yellow>Warning:</> {$warning}");
    }
}
