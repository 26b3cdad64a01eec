<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use Illuminate\Support\Enumerable;
use PHPStan\PhpDocParser\Ast\ConstExpr\ConstExprFloatNode;
use PHPStan\PhpDocParser\Ast\ConstExpr\ConstExprIntegerNode;
use PHPStan\PhpDocParser\Ast\ConstExpr\ConstExprStringNode;
use PHPStan\PhpDocParser\Ast\Type\ArrayShapeNode;
use PHPStan\PhpDocParser\Ast\Type\ArrayTypeNode;
use PHPStan\PhpDocParser\Ast\Type\ConstTypeNode;
use PHPStan\PhpDocParser\Ast\Type\GenericTypeNode;
use PHPStan\PhpDocParser\Ast\Type\IdentifierTypeNode;
use PHPStan\PhpDocParser\Ast\Type\NullableTypeNode;
use PHPStan\PhpDocParser\Ast\Type\ObjectShapeNode;
use PHPStan\PhpDocParser\Ast\Type\ThisTypeNode;
use PHPStan\PhpDocParser\Ast\Type\TypeNode;
use PHPStan\PhpDocParser\Ast\Type\UnionTypeNode;
use ReflectionClass;

/**
 * PHPDoc types (as phpstan/phpdoc-parser reads them) → TypeScript: `list<T>`, `array<string, T>`,
 * `array{id: int, note?: string}`, literal unions, `Collection<int, T>`; class names are resolved against the
 * `use` imports of the file the PHPDoc is written in and mapped by the TypeMapper.
 */
final class PhpDocTypes
{
    private const BUILTIN_DOC = [
        'int' => 'number', 'integer' => 'number', 'positive-int' => 'number', 'negative-int' => 'number',
        'non-negative-int' => 'number', 'non-positive-int' => 'number', 'non-zero-int' => 'number',
        'float' => 'number', 'double' => 'number', 'numeric' => 'number',
        'string' => 'string', 'non-empty-string' => 'string', 'numeric-string' => 'string', 'class-string' => 'string',
        'literal-string' => 'string', 'lowercase-string' => 'string', 'non-falsy-string' => 'string', 'truthy-string' => 'string',
        'bool' => 'boolean', 'boolean' => 'boolean', 'true' => 'true', 'false' => 'false', 'null' => 'null', 'void' => 'null',
        'mixed' => 'unknown', 'scalar' => 'scalar', 'array-key' => 'array-key', 'array' => 'array', 'iterable' => 'array',
        'non-empty-array' => 'array', 'list' => 'list', 'non-empty-list' => 'list', 'object' => 'object', 'never' => 'never',
    ];

    public function __construct(private readonly TypeMapper $types)
    {
    }

    /** @param  ReflectionClass<object>  $context */
    public function map(TypeNode $node, ReflectionClass $context): PhpType
    {
        if ($node instanceof NullableTypeNode) {
            $inner = $this->map($node->type, $context);

            return new PhpType(TsType::nullable($inner->ts), $inner->class);
        }
        if ($node instanceof UnionTypeNode) {
            $members = array_map(fn (TypeNode $t) => $this->map($t, $context), $node->types);
            $classes = array_values(array_unique(array_filter(array_map(fn (PhpType $t) => $t->class, $members))));

            return new PhpType(TsType::union(...array_map(fn (PhpType $t) => $t->ts, $members)), count($classes) === 1 ? $classes[0] : null);
        }
        if ($node instanceof ThisTypeNode) {
            return $this->types->fromClassName($context->getName());
        }
        if ($node instanceof ArrayTypeNode) {
            return new PhpType(TsType::arrayOf($this->map($node->type, $context)->ts));
        }
        if ($node instanceof ArrayShapeNode) {
            return new PhpType($this->arrayShape($node, $context));
        }
        if ($node instanceof ObjectShapeNode) {
            $properties = [];
            foreach ($node->items as $item) {
                $key = $item->keyName instanceof ConstExprStringNode ? $item->keyName->value : (string) $item->keyName;
                $properties[$key] = ['type' => $this->map($item->valueType, $context)->ts, 'optional' => $item->optional];
            }

            return new PhpType(TsType::object($properties));
        }
        if ($node instanceof ConstTypeNode) {
            return new PhpType(match (true) {
                $node->constExpr instanceof ConstExprStringNode => TsType::literal($node->constExpr->value),
                $node->constExpr instanceof ConstExprIntegerNode => TsType::literal((int) $node->constExpr->value),
                $node->constExpr instanceof ConstExprFloatNode => TsType::literal((float) $node->constExpr->value),
                default => TsType::unknown(),
            });
        }
        if ($node instanceof GenericTypeNode) {
            return $this->generic($node, $context);
        }
        if ($node instanceof IdentifierTypeNode) {
            return $this->identifier($node->name, $context);
        }

        return PhpType::unknown();
    }

    /** Whether a PHPDoc identifier is a type of the language (`int`, `list`...) rather than a class name. */
    public static function isBuiltin(string $name): bool
    {
        return isset(self::BUILTIN_DOC[strtolower($name)]) || in_array(strtolower($name), ['self', 'static', '$this'], true);
    }

    /** @param  ReflectionClass<object>  $context */
    private function identifier(string $name, ReflectionClass $context): PhpType
    {
        $builtin = self::BUILTIN_DOC[strtolower($name)] ?? null;
        if ($builtin === null) {
            if (in_array(strtolower($name), ['self', 'static', '$this'], true)) {
                return $this->types->fromClassName($context->getName());
            }
            $source = PhpSource::ofClass($context);

            return $this->types->fromClassName($source !== null ? $source->resolve($name, $context->getName()) : ltrim($name, '\\'));
        }

        return new PhpType(match ($builtin) {
            'number' => TsType::number(),
            'string' => TsType::string(),
            'boolean' => TsType::boolean(),
            'true' => TsType::literal(true),
            'false' => TsType::literal(false),
            'null' => TsType::null(),
            'never' => TsType::never(),
            'scalar' => TsType::union(TsType::string(), TsType::number(), TsType::boolean()),
            'array-key' => TsType::union(TsType::string(), TsType::number()),
            'array' => TsType::anyArray(),
            'list' => TsType::arrayOf(TsType::unknown()),
            'object' => TsType::record(TsType::unknown()),
            default => TsType::unknown(),
        });
    }

    /**
     * `array<int, T>`, `list<T>`, `array<string, T>`, `Collection<int, Model>`...
     *
     * @param  ReflectionClass<object>  $context
     */
    private function generic(GenericTypeNode $node, ReflectionClass $context): PhpType
    {
        $name = (string) $node->type;
        $base = strtolower($name);
        $args = $node->genericTypes;
        $value = $this->map($args[count($args) - 1], $context)->ts;
        if (in_array($base, ['list', 'non-empty-list', 'iterable'], true)) {
            return new PhpType(TsType::arrayOf($value));
        }
        if (in_array($base, ['array', 'non-empty-array'], true)) {
            $key = count($args) === 2 ? $this->map($args[0], $context)->ts->render() : 'number';

            return new PhpType($key === 'string' ? TsType::record($value) : TsType::arrayOf($value));
        }
        $class = $this->identifier($name, $context);
        if ($class->class !== null && is_a($class->class, Enumerable::class, true)) {
            return new PhpType(TsType::arrayOf($value), $class->class);
        }

        return $class;
    }

    /** @param  ReflectionClass<object>  $context */
    private function arrayShape(ArrayShapeNode $node, ReflectionClass $context): TsType
    {
        if (in_array($node->kind, [ArrayShapeNode::KIND_LIST, ArrayShapeNode::KIND_NON_EMPTY_LIST], true)) {
            return TsType::arrayOf(TsType::union(...array_map(fn ($item) => $this->map($item->valueType, $context)->ts, $node->items)));
        }
        $properties = [];
        foreach ($node->items as $index => $item) {
            $key = match (true) {
                $item->keyName instanceof ConstExprStringNode => $item->keyName->value,
                $item->keyName === null => (string) $index,
                default => (string) $item->keyName,
            };
            $properties[$key] = ['type' => $this->map($item->valueType, $context)->ts, 'optional' => $item->optional];
        }

        return TsType::object($properties, open: ! $node->sealed);
    }
}
