<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

/**
 * A .env file edited line by line: a key is found by plain string comparison of what precedes
 * its first "=", so comments, ordering and every other line stay exactly as they were, and a key
 * is never written twice.
 */
final class EnvFile
{
    /** @var list<string> */
    private array $lines;

    private bool $changed = false;

    private bool $appendedBlankLine = false;

    private function __construct(private readonly string $path, string $contents)
    {
        $this->lines = $contents === '' ? [] : explode("\n", rtrim($contents, "\n"));
    }

    public static function load(string $path): self
    {
        return new self($path, is_file($path) ? (string) file_get_contents($path) : '');
    }

    public function get(string $key): ?string
    {
        $index = $this->find($key);
        if ($index === null) {
            return null;
        }
        [$value] = self::splitValue(substr($this->lines[$index], strpos($this->lines[$index], '=') + 1));
        $quote = $value[0] ?? '';
        if (($quote === '"' || $quote === "'") && strlen($value) >= 2 && str_ends_with($value, $quote)) {
            $value = substr($value, 1, -1);
            if ($quote === '"') {
                $value = strtr($value, ['\\"' => '"', '\\\\' => '\\', '\\n' => "\n", '\\r' => "\r", '\\t' => "\t"]);
            }
        }

        return $value;
    }

    /** Removes the key's line; returns whether it was there. */
    public function remove(string $key): bool
    {
        $index = $this->find($key);
        if ($index === null) {
            return false;
        }
        array_splice($this->lines, $index, 1);
        $this->changed = true;

        return true;
    }

    /** Present with a non-empty value. */
    public function filled(string $key): bool
    {
        return ($this->get($key) ?? '') !== '';
    }

    /** Writes the key (replacing its line in place, or appending it); returns whether anything changed. */
    public function set(string $key, string $value): bool
    {
        $line = $key . '=' . self::quote($value);
        $index = $this->find($key);

        if ($index !== null) {
            // A comment after the value (`WS_HOST=localhost # where browsers connect`) stays after it.
            [, $comment] = self::splitValue(substr($this->lines[$index], strpos($this->lines[$index], '=') + 1));
            $line .= $comment;
            if ($this->lines[$index] === $line) {
                return false;
            }
            array_splice($this->lines, $index, 1, [$line]);
        } else {
            if (! $this->appendedBlankLine && $this->lines !== [] && end($this->lines) !== '') {
                $this->lines[] = '';
            }
            $this->appendedBlankLine = true;
            $this->lines[] = $line;
        }
        $this->changed = true;

        return true;
    }

    /** Sets the key only when it is missing or empty. */
    public function setIfEmpty(string $key, string $value): bool
    {
        return $this->filled($key) ? false : $this->set($key, $value);
    }

    public function changed(): bool
    {
        return $this->changed;
    }

    public function save(): void
    {
        if ($this->changed) {
            file_put_contents($this->path, implode("\n", $this->lines) . "\n");
            $this->changed = false;
        }
    }

    private function find(string $key): ?int
    {
        foreach ($this->lines as $index => $line) {
            $line = ltrim($line);
            if (str_starts_with($line, 'export ')) {
                $line = ltrim(substr($line, 7));
            }
            $equals = strpos($line, '=');
            if ($equals !== false && rtrim(substr($line, 0, $equals)) === $key) {
                return $index;
            }
        }

        return null;
    }

    /**
     * The value as written (quotes included) and what follows it: a quoted value ends at its closing
     * quote, an unquoted one where "#" starts a comment, as phpdotenv reads them.
     *
     * @return array{string, string}
     */
    private static function splitValue(string $raw): array
    {
        $raw = ltrim($raw);
        $quote = $raw[0] ?? '';
        if ($quote === '"' || $quote === "'") {
            for ($i = 1, $length = strlen($raw); $i < $length; $i++) {
                if ($quote === '"' && $raw[$i] === '\\') {
                    $i++;
                } elseif ($raw[$i] === $quote) {
                    return [substr($raw, 0, $i + 1), rtrim(substr($raw, $i + 1))];
                }
            }

            return [rtrim($raw), ''];
        }
        $hash = strpos($raw, '#');
        if ($hash !== false) {
            return [rtrim(substr($raw, 0, $hash)), ' ' . rtrim(substr($raw, $hash))];
        }

        return [rtrim($raw), ''];
    }

    private static function quote(string $value): string
    {
        if ($value !== '' && strpbrk($value, " \t\r\n#\"'\\\$=") === false) {
            return $value;
        }

        // Escapes phpdotenv reads back inside double quotes; a raw newline would end the line.
        return '"' . strtr($value, ['\\' => '\\\\', '"' => '\\"', "\n" => '\\n', "\r" => '\\r']) . '"';
    }
}
