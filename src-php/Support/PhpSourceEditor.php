<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Support;

/**
 * Small, structure-aware edits of PHP files (bootstrap/app.php, config/broadcasting.php) through
 * PHP's own tokenizer, so formatting, comments and strings elsewhere cannot fool or be damaged by them.
 */
final class PhpSourceEditor
{
    /** @var list<array{0: int, 1: string}|string> */
    private array $tokens;

    public function __construct(string $source)
    {
        $this->tokens = token_get_all($source);
    }

    public function source(): string
    {
        $source = '';
        foreach ($this->tokens as $token) {
            $source .= is_array($token) ? $token[1] : $token;
        }

        return $source;
    }

    /**
     * Makes sure a call `->{$method}(...)` has the named argument `{$name}: {$value}`. A commented-out
     * `// {$name}: ...` line inside the call is uncommented instead. Returns 'added', 'present' or 'not-found'.
     */
    public function ensureNamedArgument(string $method, string $name, string $value): string
    {
        $open = $this->findCallParenthesis($method);
        if ($open === null) {
            return 'not-found';
        }
        $close = $this->matching($open);

        for ($i = $open + 1, $depth = 0; $i < $close; $i++) {
            $text = $this->text($i);
            $depth += match ($text) {
                '(', '[', '{' => 1, ')', ']', '}' => -1, default => 0
            };
            if ($depth === 0 && $this->is($i, T_STRING) && $text === $name && $this->text($this->next($i)) === ':') {
                return 'present';
            }
            if ($this->is($i, T_COMMENT) && str_starts_with(ltrim(substr($text, 2)), $name . ':') && str_starts_with($text, '//')) {
                array_splice($this->tokens, $i, 1, [[T_COMMENT, ltrim(substr($text, 2))]]);

                return 'added';
            }
        }

        $indent = $this->indentAfter($open) ?? '        ';
        $this->insertAfter($open, "\n" . $indent . $name . ': ' . $value . ',');

        return 'added';
    }

    /**
     * Makes sure the array under `'{$arrayKey}' => [` has the key `'{$entryKey}'`; if not, inserts
     * $entrySource (already indented) as its first entry. Returns 'added', 'present' or 'not-found'.
     */
    public function ensureArrayEntry(string $arrayKey, string $entryKey, string $entrySource): string
    {
        foreach ($this->tokens as $i => $token) {
            if (! $this->is($i, T_CONSTANT_ENCAPSED_STRING) || trim($token[1], '\'"') !== $arrayKey) {
                continue;
            }
            $arrow = $this->next($i);
            $open = $this->next($arrow);
            if ($this->text($arrow) !== '=>' || $this->text($open) !== '[') {
                continue;
            }
            $close = $this->matching($open);
            for ($j = $open + 1, $depth = 0; $j < $close; $j++) {
                $text = $this->text($j);
                $depth += match ($text) {
                    '(', '[', '{' => 1, ')', ']', '}' => -1, default => 0
                };
                if ($depth === 0 && $this->is($j, T_CONSTANT_ENCAPSED_STRING) && trim($text, '\'"') === $entryKey && $this->text($this->next($j)) === '=>') {
                    return 'present';
                }
            }
            $this->insertAfter($open, "\n\n" . rtrim($entrySource, "\n"));

            return 'added';
        }

        return 'not-found';
    }

    private function findCallParenthesis(string $method): ?int
    {
        foreach ($this->tokens as $i => $token) {
            if ($this->is($i, T_STRING) && $token[1] === $method && in_array($this->text($this->previous($i)), ['->', '?->'], true)) {
                $open = $this->next($i);

                return $this->text($open) === '(' ? $open : null;
            }
        }

        return null;
    }

    private function matching(int $open): int
    {
        $depth = 0;
        for ($i = $open, $count = count($this->tokens); $i < $count; $i++) {
            $text = $this->text($i);
            if (in_array($text, ['(', '[', '{'], true) || $this->is($i, T_CURLY_OPEN) || $this->is($i, T_DOLLAR_OPEN_CURLY_BRACES)) {
                $depth++;
            } elseif (in_array($text, [')', ']', '}'], true)) {
                $depth--;
                if ($depth === 0) {
                    return $i;
                }
            }
        }

        throw new \RuntimeException('Unbalanced brackets in PHP source.');
    }

    private function indentAfter(int $index): ?string
    {
        $next = $this->tokens[$index + 1] ?? null;
        if (is_array($next) && $next[0] === T_WHITESPACE && str_contains($next[1], "\n")) {
            return substr($next[1], strrpos($next[1], "\n") + 1);
        }

        return null;
    }

    private function insertAfter(int $index, string $text): void
    {
        array_splice($this->tokens, $index + 1, 0, [[T_INLINE_HTML, $text]]);
    }

    private function next(int $index): int
    {
        $count = count($this->tokens);
        for ($i = $index + 1; $i < $count; $i++) {
            if (! $this->is($i, T_WHITESPACE) && ! $this->is($i, T_COMMENT) && ! $this->is($i, T_DOC_COMMENT)) {
                return $i;
            }
        }

        return $count - 1;
    }

    private function previous(int $index): int
    {
        for ($i = $index - 1; $i > 0; $i--) {
            if (! $this->is($i, T_WHITESPACE) && ! $this->is($i, T_COMMENT) && ! $this->is($i, T_DOC_COMMENT)) {
                return $i;
            }
        }

        return 0;
    }

    private function is(int $index, int $type): bool
    {
        return is_array($this->tokens[$index] ?? null) && $this->tokens[$index][0] === $type;
    }

    private function text(int $index): string
    {
        $token = $this->tokens[$index] ?? '';

        return is_array($token) ? $token[1] : $token;
    }
}
