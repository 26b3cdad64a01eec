<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Console;

use Pogo\WebSocket\Support\WebSocketProbe;
use Throwable;

/**
 * pogo:ws-doctor's checks of a reverse proxy in front of the server, from the address clients use
 * (VITE_POGO_*): the server's `/up` reports whether X-Forwarded-For came from a trusted proxy
 * (`X-Pogo-Forwarded`) and which client address it resolved (`X-Pogo-Client-Ip`), and a WebSocket
 * upgrade must pass through. Each problem comes with its fix, in nginx's words (Caddy needs none of them).
 */
final class ProxyChecks
{
    /**
     * @param list<string> $trustedProxies
     * @param array<string, mixed> $ssl stream context options for https (cafile, verify_peer...)
     */
    public function __construct(
        private readonly string $scheme,
        private readonly string $host,
        private readonly int $port,
        private readonly array $trustedProxies,
        private readonly float $timeout,
        private readonly array $ssl = [],
    ) {
    }

    public function url(): string
    {
        return "{$this->scheme}://{$this->host}:{$this->port}";
    }

    /** @throws DoctorFailure */
    public function forwardedAddress(): string
    {
        [$status, $headers, $localAddress] = $this->getUp();
        if ($status !== 200) {
            throw new DoctorFailure("{$this->url()}/up answered HTTP {$status} through the proxy", 'the proxy must pass every path to the server: proxy_pass http://127.0.0.1:6001; in a location / block');
        }
        $forwarded = $headers['x-pogo-forwarded'] ?? null;
        $clientIp = $headers['x-pogo-client-ip'] ?? '';
        $trusted = $this->trustedProxies === [] ? '(none)' : implode(',', $this->trustedProxies);
        if ($forwarded === null) {
            throw new DoctorFailure("{$this->url()}/up does not report X-Pogo-Forwarded", 'update the server (pogo/websocket) so the doctor can check the proxy, and restart it');
        }
        if ($forwarded === 'none' && $this->trustedProxies === []) {
            return "no proxy in between: clients reach the server directly (seen as {$clientIp})";
        }
        if ($forwarded === 'none') {
            throw new DoctorFailure(
                "the request reached the server without X-Forwarded-For (from {$clientIp})",
                'the proxy does not pass X-Forwarded-For: in nginx add proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; to the location block (Caddy sets it itself); if clients reach the server directly, remove WS_TRUSTED_PROXIES',
            );
        }
        if ($forwarded === 'untrusted') {
            throw new DoctorFailure(
                "the proxy at {$clientIp} sent X-Forwarded-For but is not a trusted proxy (WS_TRUSTED_PROXIES: {$trusted}): every client shares its address and its handshake limit",
                "set WS_TRUSTED_PROXIES={$clientIp} (the proxy's address as the server sees it) and restart pogo:ws-start",
            );
        }
        // Through a trusted proxy: the client's own address must come out, not the proxy's. This machine may
        // be the proxy's too (the doctor runs next to nginx): then its own address is the right answer.
        if (in_array($clientIp, $this->trustedProxies, true) && $clientIp !== $localAddress) {
            throw new DoctorFailure(
                "the server resolved the client as {$clientIp}, a proxy's address, not this machine's ({$localAddress})",
                'the proxy must append the client\'s address: in nginx proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for; and list in WS_TRUSTED_PROXIES only proxies, never a client network',
            );
        }

        return "X-Forwarded-For from a trusted proxy; this client seen as {$clientIp}";
    }

    /** @throws DoctorFailure */
    public function upgradePasses(string $appKey, ?string $origin): string
    {
        try {
            $socket = WebSocketProbe::connect($this->scheme, $this->host, $this->port, '/app/' . rawurlencode($appKey) . '?protocol=7&client=pogo-doctor&version=1.0', $this->timeout, $origin, $this->ssl);
        } catch (Throwable $e) {
            throw new DoctorFailure(
                "no WebSocket through {$this->url()}: " . $e->getMessage(),
                'the proxy must pass the upgrade: in nginx proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection $pogo_connection_upgrade; (the README\'s block, with its map)',
            );
        }

        try {
            $established = $socket->receiveJson($this->timeout);
        } catch (Throwable $e) {
            $established = ['error' => $e->getMessage()];
        } finally {
            $socket->close();
        }
        if (($established['event'] ?? null) !== 'pusher:connection_established') {
            throw new DoctorFailure(
                "the WebSocket through {$this->url()} was upgraded but no pusher:connection_established came: " . json_encode($established),
                'the proxy must not buffer the WebSocket: in nginx proxy_buffering off; and a proxy_read_timeout above 120s',
            );
        }

        return "WebSocket upgraded through {$this->url()}";
    }

    /**
     * GET /up over a plain socket, so the doctor knows its own address as the proxy sees it.
     *
     * @return array{int, array<string, string>, string} status, lower-cased headers, this end's address
     * @throws DoctorFailure
     */
    private function getUp(): array
    {
        $context = stream_context_create(['ssl' => $this->ssl + ['peer_name' => $this->host, 'SNI_enabled' => true]]);
        $transport = $this->scheme === 'https' ? 'tls' : 'tcp';
        $stream = @stream_socket_client("{$transport}://{$this->host}:{$this->port}", $errno, $error, $this->timeout, STREAM_CLIENT_CONNECT, $context);
        if ($stream === false) {
            throw new DoctorFailure("nothing answers at {$this->url()} ({$error})", 'start the proxy, and check VITE_POGO_HOST, VITE_POGO_PORT and VITE_POGO_SCHEME (what browsers connect to)');
        }
        stream_set_timeout($stream, (int) ceil($this->timeout));
        $local = (string) stream_socket_get_name($stream, false);
        $localAddress = trim(substr($local, 0, (int) strrpos($local, ':')), '[]');
        fwrite($stream, "GET /up HTTP/1.1\r\nHost: {$this->host}:{$this->port}\r\nAccept: application/json\r\nConnection: close\r\n\r\n");
        $response = (string) stream_get_contents($stream, 65536);
        fclose($stream);

        $head = explode("\r\n", substr($response, 0, (int) (strpos($response, "\r\n\r\n") ?: strlen($response))));
        if (preg_match('#^HTTP/\d(?:\.\d)? (\d{3})#', (string) array_shift($head), $match) !== 1) {
            throw new DoctorFailure("{$this->url()}/up gave no HTTP answer", 'check that VITE_POGO_HOST and VITE_POGO_PORT point at the proxy, and its scheme (VITE_POGO_SCHEME)');
        }
        $headers = [];
        foreach ($head as $line) {
            if (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $headers[strtolower(trim($name))] = trim($value);
            }
        }

        return [(int) $match[1], $headers, $localAddress];
    }
}
