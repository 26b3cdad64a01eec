<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

use RuntimeException;

/**
 * Just enough of an RFC 6455 client for pogo:ws-doctor to connect as a Pusher client, subscribe
 * and read one event back: text frames, client masking, ping/pong, close.
 */
final class WebSocketProbe
{
    /** @var resource */
    private $stream;

    private string $buffer = '';

    private bool $ended = false;

    /** @param resource $stream */
    private function __construct($stream)
    {
        $this->stream = $stream;
    }

    /** @param array<string, mixed> $ssl stream context `ssl` options over https (cafile, verify_peer...) */
    public static function connect(string $scheme, string $host, int $port, string $path, float $timeout = 3.0, ?string $origin = null, array $ssl = []): self
    {
        $transport = $scheme === 'https' ? 'tls' : 'tcp';
        $context = stream_context_create(['ssl' => $ssl + ['peer_name' => $host]]);
        $stream = @stream_socket_client("{$transport}://{$host}:{$port}", $errno, $error, $timeout, STREAM_CLIENT_CONNECT, $context);
        if ($stream === false) {
            throw new RuntimeException("cannot connect to {$host}:{$port} ({$error})");
        }
        stream_set_timeout($stream, (int) ceil($timeout));

        $key = base64_encode(random_bytes(16));
        $request = "GET {$path} HTTP/1.1\r\nHost: {$host}:{$port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            . "Sec-WebSocket-Key: {$key}\r\nSec-WebSocket-Version: 13\r\n"
            . ($origin !== null ? "Origin: {$origin}\r\n" : '') . "\r\n";
        fwrite($stream, $request);

        $probe = new self($stream);
        $head = $probe->readUntil("\r\n\r\n", $timeout);
        $status = strtok($head, "\r\n");
        if (! str_contains((string) $status, ' 101 ')) {
            throw new RuntimeException('the WebSocket handshake was refused: ' . trim((string) $status));
        }
        $accept = base64_encode(sha1($key . '258EAFA5-E914-47DA-95CA-C5AB0DC85B11', true));
        if (stripos($head, "Sec-WebSocket-Accept: {$accept}") === false) {
            throw new RuntimeException('the WebSocket handshake answer is not valid');
        }

        return $probe;
    }

    /** @param array<string, mixed> $message */
    public function sendJson(array $message): void
    {
        $this->sendFrame(0x1, json_encode($message, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES));
    }

    /**
     * The next Pusher message (decoded JSON), or null when none arrives in time.
     *
     * @return array<string, mixed>|null
     */
    public function receiveJson(float $timeout): ?array
    {
        $deadline = microtime(true) + $timeout;
        while (microtime(true) < $deadline) {
            $frame = $this->readFrame($deadline);
            if ($frame === null) {
                if ($this->ended) {
                    throw new RuntimeException('the server closed the connection (no close frame)');
                }

                return null;
            }
            [$opcode, $payload] = $frame;
            if ($opcode === 0x9) {
                $this->sendFrame(0xA, $payload);
            } elseif ($opcode === 0x8) {
                $code = strlen($payload) >= 2 ? self::unpackInt('n', $payload) : 1005;

                throw new RuntimeException("the server closed the connection ({$code}: " . substr($payload, 2) . ')');
            } elseif ($opcode === 0x1) {
                $message = json_decode($payload, true);
                if (is_array($message)) {
                    return $message;
                }
            }
        }

        return null;
    }

    public function close(): void
    {
        if (is_resource($this->stream)) {
            @$this->sendFrame(0x8, pack('n', 1000));
            fclose($this->stream);
        }
    }

    private function sendFrame(int $opcode, string $payload): void
    {
        $length = strlen($payload);
        $header = chr(0x80 | $opcode);
        if ($length < 126) {
            $header .= chr(0x80 | $length);
        } elseif ($length < 65536) {
            $header .= chr(0x80 | 126) . pack('n', $length);
        } else {
            $header .= chr(0x80 | 127) . pack('J', $length);
        }
        $mask = random_bytes(4);
        $masked = '';
        for ($i = 0; $i < $length; $i++) {
            $masked .= $payload[$i] ^ $mask[$i % 4];
        }
        fwrite($this->stream, $header . $mask . $masked);
    }

    /** @return array{int, string}|null */
    private function readFrame(float $deadline): ?array
    {
        $head = $this->read(2, $deadline);
        if ($head === null) {
            return null;
        }
        $opcode = ord($head[0]) & 0x0F;
        $length = ord($head[1]) & 0x7F;
        if ($length === 126) {
            $length = self::unpackInt('n', (string) $this->read(2, $deadline));
        } elseif ($length === 127) {
            $length = self::unpackInt('J', (string) $this->read(8, $deadline));
        }
        $payload = $length === 0 ? '' : $this->read($length, $deadline);

        return $payload === null ? null : [$opcode, $payload];
    }

    private function read(int $bytes, float $deadline): ?string
    {
        while (strlen($this->buffer) < $bytes) {
            if (! $this->fill($deadline)) {
                return null;
            }
        }
        $data = substr($this->buffer, 0, $bytes);
        $this->buffer = substr($this->buffer, $bytes);

        return $data;
    }

    /** Reads whatever arrives before the deadline into the buffer; false when nothing can arrive. */
    private function fill(float $deadline): bool
    {
        if (feof($this->stream)) {
            $this->ended = true;

            return false;
        }
        while (microtime(true) < $deadline) {
            $read = [$this->stream];
            $write = $except = null;
            $wait = max(0.0, $deadline - microtime(true));
            if (@stream_select($read, $write, $except, (int) $wait, (int) (($wait - floor($wait)) * 1e6)) > 0) {
                $chunk = fread($this->stream, 65536);
                if ($chunk === false || $chunk === '') {
                    $this->ended = feof($this->stream) || $chunk === false;

                    return false;
                }
                $this->buffer .= $chunk;

                return true;
            }
        }

        return false;
    }

    private function readUntil(string $marker, float $timeout): string
    {
        $deadline = microtime(true) + $timeout;
        while (($end = strpos($this->buffer, $marker)) === false) {
            if (! $this->fill($deadline)) {
                throw new RuntimeException('no WebSocket handshake answer in time');
            }
        }
        $head = substr($this->buffer, 0, $end);
        $this->buffer = substr($this->buffer, $end + strlen($marker));

        return $head;
    }

    /** A big-endian length or close code from the frame's bytes. */
    private static function unpackInt(string $format, string $bytes): int
    {
        $values = unpack($format, $bytes);
        if ($values === false) {
            throw new RuntimeException('the server sent a truncated frame');
        }

        return (int) $values[1];
    }
}
