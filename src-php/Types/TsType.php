<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

/**
 * A TypeScript type as pogo:ws-types writes it: a primitive or literal, a union, an array, a record or an
 * object shape. Immutable; `render()` gives the same text for the same type every time.
 */
final class TsType
{
    private const PRIMITIVE = 'primitive';
    private const UNION = 'union';
    private const ARRAY = 'array';
    private const RECORD = 'record';
    private const OBJECT = 'object';

    /**
     * @param  list<TsType>  $members  union members
     * @param  array<string, array{type: TsType, optional: bool}>  $properties  object shape
     */
    private function __construct(
        private readonly string $kind,
        private readonly string $text = '',
        private readonly array $members = [],
        private readonly ?TsType $element = null,
        private readonly array $properties = [],
        private readonly bool $open = false,
    ) {
    }

    public static function string(): self
    {
        return new self(self::PRIMITIVE, 'string');
    }

    public static function number(): self
    {
        return new self(self::PRIMITIVE, 'number');
    }

    public static function boolean(): self
    {
        return new self(self::PRIMITIVE, 'boolean');
    }

    public static function null(): self
    {
        return new self(self::PRIMITIVE, 'null');
    }

    public static function unknown(): self
    {
        return new self(self::PRIMITIVE, 'unknown');
    }

    public static function never(): self
    {
        return new self(self::PRIMITIVE, 'never');
    }

    /** A string, number or boolean literal type (`'paid'`, `2`, `true`). */
    public static function literal(string|int|float|bool $value): self
    {
        return new self(self::PRIMITIVE, match (true) {
            is_string($value) => self::quote($value),
            is_bool($value) => $value ? 'true' : 'false',
            default => (string) $value,
        });
    }

    /** Members in the order given, duplicates dropped, nested unions flattened; `null` goes last. */
    public static function union(self ...$types): self
    {
        $flat = [];
        foreach ($types as $type) {
            foreach ($type->kind === self::UNION ? $type->members : [$type] as $member) {
                $flat[$member->render()] = $member;
            }
        }
        if (isset($flat['unknown'])) {
            return self::unknown();
        }
        unset($flat['never']);
        if (isset($flat['null'])) {
            $null = $flat['null'];
            unset($flat['null']);
            $flat['null'] = $null;
        }

        return match (count($flat)) {
            0 => self::never(),
            1 => array_values($flat)[0],
            default => new self(self::UNION, members: array_values($flat)),
        };
    }

    public static function nullable(self $type): self
    {
        return self::union($type, self::null());
    }

    public static function arrayOf(self $element): self
    {
        return new self(self::ARRAY, element: $element);
    }

    /** `Record<string, T>`: a PHP array with string keys, a JSON object. */
    public static function record(self $value): self
    {
        return new self(self::RECORD, element: $value);
    }

    /** What json_encode() makes of a PHP array nothing more is known about: a list or an object. */
    public static function anyArray(): self
    {
        return self::union(self::arrayOf(self::unknown()), self::record(self::unknown()));
    }

    /**
     * @param  array<string, TsType|array{type: TsType, optional: bool}>  $properties
     * @param  bool  $open  other keys may be present too (`[key: string]: unknown`)
     */
    public static function object(array $properties, bool $open = false): self
    {
        $normalized = [];
        foreach ($properties as $name => $property) {
            $normalized[(string) $name] = $property instanceof self ? ['type' => $property, 'optional' => false] : $property;
        }

        return new self(self::OBJECT, properties: $normalized, open: $open);
    }

    public function isNullable(): bool
    {
        return $this->text === 'null' || ($this->kind === self::UNION && in_array('null', array_map(fn (self $m) => $m->render(), $this->members), true));
    }

    public function withoutNull(): self
    {
        return $this->without(['null']);
    }

    /**
     * This type minus the union members rendered as one of `$rendered` (`never` when nothing is left).
     *
     * @param  list<string>  $rendered
     */
    public function without(array $rendered): self
    {
        $members = $this->kind === self::UNION ? $this->members : [$this];

        return self::union(...array_values(array_filter($members, fn (self $m) => ! in_array($m->render(), $rendered, true))));
    }

    public function isUnknown(): bool
    {
        return $this->text === 'unknown';
    }

    /** @return array<string, array{type: TsType, optional: bool}>|null  the properties of an object shape */
    public function properties(): ?array
    {
        return $this->kind === self::OBJECT ? $this->properties : null;
    }

    /** The type as TypeScript source; object shapes break over lines indented by `$indent` levels of two spaces. */
    public function render(int $indent = 0, bool $multiline = false): string
    {
        $element = $this->element ?? self::unknown();

        return match ($this->kind) {
            self::UNION => implode(' | ', array_map(fn (self $m) => $m->kind === self::UNION ? "({$m->render($indent)})" : $m->render($indent, $multiline), $this->members)),
            self::ARRAY => $element->kind === self::UNION ? "({$element->render($indent)})[]" : $element->render($indent) . '[]',
            self::RECORD => 'Record<string, ' . $element->render($indent) . '>',
            self::OBJECT => $this->renderObject($indent, $multiline),
            default => $this->text,
        };
    }

    private function renderObject(int $indent, bool $multiline): string
    {
        if ($this->properties === []) {
            return $this->open ? 'Record<string, unknown>' : '{}';
        }
        $lines = [];
        foreach ($this->properties as $name => $property) {
            $lines[] = self::propertyKey($name) . ($property['optional'] ? '?' : '') . ': ' . $property['type']->render($indent + 1, $multiline);
        }
        if ($this->open) {
            $lines[] = '[key: string]: unknown';
        }
        if (! $multiline) {
            return '{ ' . implode('; ', $lines) . ' }';
        }
        $pad = str_repeat('  ', $indent + 1);

        return "{\n" . implode('', array_map(fn (string $line) => "{$pad}{$line};\n", $lines)) . str_repeat('  ', $indent) . '}';
    }

    /** A property name as an identifier when it is one, else quoted. */
    public static function propertyKey(string $name): string
    {
        return preg_match('/^[A-Za-z_$][A-Za-z0-9_$]*$/', $name) === 1 ? $name : self::quote($name);
    }

    /** A single-quoted TypeScript string literal. */
    public static function quote(string $value): string
    {
        return "'" . addcslashes($value, "'\\\n\r\t") . "'";
    }
}
