<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use BackedEnum;
use DateTimeInterface;
use Illuminate\Contracts\Support\Arrayable;
use Illuminate\Database\Eloquent\Model;
use Illuminate\Support\Enumerable;
use JsonSerializable;
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
use ReflectionEnum;
use ReflectionMethod;
use ReflectionNamedType;
use ReflectionProperty;
use ReflectionType;
use ReflectionUnionType;
use UnitEnum;

/**
 * PHP types (declared, or in PHPDoc) → the TypeScript type of what json_encode() makes of the value:
 * scalars, nullable, arrays and lists, backed enums as unions of their values, dates as strings, Eloquent
 * models as their toArray() shape, other objects as their public properties. Reads classes by reflection only.
 */
final class TypeMapper
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

    /** @var array<string, true> classes being mapped, against cycles (a model whose relation points back) */
    private array $mapping = [];

    private readonly EloquentShape $models;

    public function __construct()
    {
        $this->models = new EloquentShape($this);
    }

    public function models(): EloquentShape
    {
        return $this->models;
    }

    /** @param  ReflectionClass<object>  $context  the class whose code the type is written in */
    public function fromReflection(?ReflectionType $type, ReflectionClass $context): PhpType
    {
        if ($type instanceof ReflectionUnionType) {
            return new PhpType(TsType::union(...array_map(fn (ReflectionType $t) => $this->fromReflection($t, $context)->ts, $type->getTypes())));
        }
        if (! $type instanceof ReflectionNamedType) {
            return PhpType::unknown();
        }
        $name = $type->getName();
        $mapped = match ($name) {
            'int', 'float' => new PhpType(TsType::number()),
            'string' => new PhpType(TsType::string()),
            'bool' => new PhpType(TsType::boolean()),
            'true' => new PhpType(TsType::literal(true)),
            'false' => new PhpType(TsType::literal(false)),
            'null', 'void' => new PhpType(TsType::null()),
            'never' => new PhpType(TsType::never()),
            'mixed' => PhpType::unknown(),
            'array', 'iterable' => new PhpType(TsType::anyArray()),
            'object' => new PhpType(TsType::record(TsType::unknown())),
            'self', 'static' => $this->fromClassName($context->getName()),
            default => $this->fromClassName($name),
        };

        return $type->allowsNull() && $name !== 'mixed' && $name !== 'null'
            ? new PhpType(TsType::nullable($mapped->ts), $mapped->class)
            : $mapped;
    }

    /** @param  ReflectionClass<object>  $context */
    public function fromDoc(TypeNode $node, ReflectionClass $context): PhpType
    {
        if ($node instanceof NullableTypeNode) {
            $inner = $this->fromDoc($node->type, $context);

            return new PhpType(TsType::nullable($inner->ts), $inner->class);
        }
        if ($node instanceof UnionTypeNode) {
            $members = array_map(fn (TypeNode $t) => $this->fromDoc($t, $context), $node->types);
            $classes = array_values(array_unique(array_filter(array_map(fn (PhpType $t) => $t->class, $members))));

            return new PhpType(TsType::union(...array_map(fn (PhpType $t) => $t->ts, $members)), count($classes) === 1 ? $classes[0] : null);
        }
        if ($node instanceof ThisTypeNode) {
            return $this->fromClassName($context->getName());
        }
        if ($node instanceof ArrayTypeNode) {
            return new PhpType(TsType::arrayOf($this->fromDoc($node->type, $context)->ts));
        }
        if ($node instanceof ArrayShapeNode) {
            return new PhpType($this->arrayShape($node, $context));
        }
        if ($node instanceof ObjectShapeNode) {
            $properties = [];
            foreach ($node->items as $item) {
                $key = $item->keyName instanceof ConstExprStringNode ? $item->keyName->value : (string) $item->keyName;
                $properties[$key] = ['type' => $this->fromDoc($item->valueType, $context)->ts, 'optional' => $item->optional];
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

    /** A property's type: its `@var` when it has one (more precise), else its declared type. */
    public function ofProperty(ReflectionProperty $property): PhpType
    {
        $context = $property->getDeclaringClass();
        $doc = DocBlock::of($property->getDocComment())->varType();
        if ($doc === null && $property->isPromoted()) {
            $constructor = $context->getConstructor();
            $doc = $constructor === null ? null : DocBlock::of($constructor->getDocComment())->paramType($property->getName());
        }

        return $doc !== null ? $this->fromDoc($doc, $context) : $this->fromReflection($property->getType(), $context);
    }

    /** A method's return type: its `@return` when it has one, else its declared type. */
    public function ofMethodReturn(ReflectionMethod $method): PhpType
    {
        $doc = DocBlock::of($method->getDocComment())->returnType();

        return $doc !== null
            ? $this->fromDoc($doc, $method->getDeclaringClass())
            : $this->fromReflection($method->getReturnType(), $method->getDeclaringClass());
    }

    public function fromClassName(string $class): PhpType
    {
        $class = ltrim($class, '\\');

        return new PhpType($this->classShape($class), $class);
    }

    /** The JSON form of an instance of `$class`. */
    private function classShape(string $class): TsType
    {
        if (! class_exists($class) && ! interface_exists($class) && ! enum_exists($class)) {
            return TsType::unknown();
        }
        if (enum_exists($class)) {
            return is_subclass_of($class, BackedEnum::class)
                ? TsType::union(...array_map(fn ($case) => TsType::literal($case->getBackingValue()), (new ReflectionEnum($class))->getCases()))
                : TsType::unknown(); // json_encode() refuses pure enums
        }
        if (is_a($class, DateTimeInterface::class, true)) {
            return TsType::string();
        }
        if (isset($this->mapping[$class])) {
            return TsType::record(TsType::unknown());
        }
        $this->mapping[$class] = true;

        try {
            return match (true) {
                is_a($class, Model::class, true) => $this->models->shape(new ReflectionClass($class)),
                is_a($class, Enumerable::class, true) => TsType::arrayOf(TsType::unknown()),
                is_a($class, Arrayable::class, true) => $this->declaredShape($class, 'toArray'),
                is_a($class, JsonSerializable::class, true) => $this->declaredShape($class, 'jsonSerialize'),
                is_a($class, UnitEnum::class, true), is_a($class, \Closure::class, true), interface_exists($class) => TsType::unknown(),
                default => $this->publicProperties(new ReflectionClass($class)),
            };
        } finally {
            unset($this->mapping[$class]);
        }
    }

    /** What toArray()/jsonSerialize() is declared to return, or an object nothing more is known about. */
    private function declaredShape(string $class, string $method): TsType
    {
        $type = $this->ofMethodReturn(new ReflectionMethod($class, $method))->ts;

        return $type->isUnknown() || $type->render() === TsType::anyArray()->render() ? TsType::record(TsType::unknown()) : $type;
    }

    /**
     * An object json_encode()s to its public instance properties.
     *
     * @param  ReflectionClass<object>  $class
     * @param  list<string>  $except
     */
    public function publicProperties(ReflectionClass $class, array $except = []): TsType
    {
        $properties = [];
        foreach ($class->getProperties(ReflectionProperty::IS_PUBLIC) as $property) {
            if (! $property->isStatic() && ! in_array($property->getName(), $except, true)) {
                $properties[$property->getName()] = $this->ofProperty($property)->ts;
            }
        }

        return TsType::object($properties);
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
                return $this->fromClassName($context->getName());
            }
            $source = PhpSource::ofClass($context);

            return $this->fromClassName($source !== null ? $source->resolve($name, $context->getName()) : ltrim($name, '\\'));
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
        $value = $this->fromDoc($args[count($args) - 1], $context)->ts;
        if (in_array($base, ['list', 'non-empty-list', 'iterable'], true)) {
            return new PhpType(TsType::arrayOf($value));
        }
        if (in_array($base, ['array', 'non-empty-array'], true)) {
            $key = count($args) === 2 ? $this->fromDoc($args[0], $context)->ts->render() : 'number';

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
            return TsType::arrayOf(TsType::union(...array_map(fn ($item) => $this->fromDoc($item->valueType, $context)->ts, $node->items)));
        }
        $properties = [];
        foreach ($node->items as $index => $item) {
            $key = match (true) {
                $item->keyName instanceof ConstExprStringNode => $item->keyName->value,
                $item->keyName === null => (string) $index,
                default => (string) $item->keyName,
            };
            $properties[$key] = ['type' => $this->fromDoc($item->valueType, $context)->ts, 'optional' => $item->optional];
        }

        return TsType::object($properties, open: ! $node->sealed);
    }
}
