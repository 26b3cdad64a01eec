<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use BackedEnum;
use DateTimeInterface;
use Illuminate\Contracts\Support\Arrayable;
use Illuminate\Database\Eloquent\Model;
use Illuminate\Support\Enumerable;
use JsonSerializable;
use PHPStan\PhpDocParser\Ast\Type\TypeNode;
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
    /** @var array<string, true> classes being mapped, against cycles (a model whose relation points back) */
    private array $mapping = [];

    private readonly EloquentShape $models;

    private readonly PhpDocTypes $docs;

    public function __construct()
    {
        $this->models = new EloquentShape($this);
        $this->docs = new PhpDocTypes($this);
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
        return $this->docs->map($node, $context);
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

}
