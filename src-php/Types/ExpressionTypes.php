<?php

declare(strict_types=1);

namespace Pogo\WebSocket\Types;

use BackedEnum;
use Illuminate\Database\Eloquent\Model;
use PhpParser\Node\Arg;
use PhpParser\Node\Expr;
use PhpParser\Node\Expr\BinaryOp;
use PhpParser\Node\Expr\Cast;
use PhpParser\Node\Identifier;
use PhpParser\Node\Name;
use PhpParser\Node\Scalar;
use ReflectionClass;
use ReflectionEnum;
use ReflectionMethod;

/**
 * The type of a PHP expression read statically: the array a `broadcastWith()`, a presence callback or a
 * `toBroadcast()` returns, `$this->order->status->value`, `$user->only('id', 'name')`... What cannot be
 * followed without running the code is `unknown`.
 */
final class ExpressionTypes
{
    private const NUMBER_FUNCTIONS = ['count', 'strlen', 'mb_strlen', 'intval', 'floatval', 'round', 'floor', 'ceil', 'abs', 'max', 'min', 'time'];

    private const STRING_FUNCTIONS = ['strval', 'trim', 'ltrim', 'rtrim', 'strtolower', 'strtoupper', 'ucfirst', 'lcfirst', 'sprintf', 'implode', 'e', '__', 'trans', 'str_replace', 'substr', 'mb_substr', 'number_format', 'json_encode', 'url', 'route', 'asset'];

    public function __construct(private readonly TypeMapper $types)
    {
    }

    /**
     * @param  array<string, PhpType>  $scope  variables by name (without `$`), `this` included when in a class
     */
    public function infer(?Expr $expr, array $scope): PhpType
    {
        return match (true) {
            $expr === null => PhpType::unknown(),
            $expr instanceof Scalar\String_ => new PhpType(TsType::literal($expr->value)),
            $expr instanceof Scalar\Int_, $expr instanceof Scalar\Float_ => new PhpType(TsType::number()),
            $expr instanceof Scalar\InterpolatedString, $expr instanceof BinaryOp\Concat => new PhpType(TsType::string()),
            $expr instanceof Expr\ConstFetch => $this->constant($expr->name->toLowerString()),
            $expr instanceof Expr\Array_ => new PhpType($this->arrayLiteral($expr, $scope)),
            $expr instanceof Cast\Int_, $expr instanceof Cast\Double => new PhpType(TsType::number()),
            $expr instanceof Cast\String_ => new PhpType(TsType::string()),
            $expr instanceof Cast\Bool_, $expr instanceof Expr\BooleanNot, $expr instanceof Expr\Isset_,
            $expr instanceof Expr\Empty_, $expr instanceof Expr\Instanceof_ => new PhpType(TsType::boolean()),
            $expr instanceof Cast\Array_ => new PhpType(TsType::anyArray()),
            $expr instanceof BinaryOp\Coalesce => new PhpType(TsType::union($this->infer($expr->left, $scope)->ts->withoutNull(), $this->infer($expr->right, $scope)->ts)),
            $expr instanceof BinaryOp => new PhpType($this->binary($expr)),
            $expr instanceof Expr\Ternary => $this->ternary($expr, $scope),
            $expr instanceof Expr\Match_ => new PhpType(TsType::union(...array_map(fn ($arm) => $this->infer($arm->body, $scope)->ts, $expr->arms))),
            $expr instanceof Expr\Variable => is_string($expr->name) ? ($scope[$expr->name] ?? PhpType::unknown()) : PhpType::unknown(),
            $expr instanceof Expr\PropertyFetch, $expr instanceof Expr\NullsafePropertyFetch => $this->property($expr, $scope),
            $expr instanceof Expr\MethodCall, $expr instanceof Expr\NullsafeMethodCall => $this->methodCall($expr, $scope),
            $expr instanceof Expr\StaticCall => $this->staticCall($expr),
            $expr instanceof Expr\ClassConstFetch => $this->classConstant($expr),
            $expr instanceof Expr\New_ && $expr->class instanceof Name => $this->types->fromClassName($expr->class->toString()),
            $expr instanceof Expr\FuncCall && $expr->name instanceof Name => $this->functionCall(strtolower($expr->name->getLast())),
            default => PhpType::unknown(),
        };
    }

    /**
     * `['id' => ..., 'name' => ...]` → an object shape; `[a, b]` → a list.
     *
     * @param  array<string, PhpType>  $scope
     */
    public function arrayLiteral(Expr\Array_ $array, array $scope): TsType
    {
        $properties = [];
        $values = [];
        foreach ($array->items as $item) {
            if ($item->unpack) {
                return TsType::anyArray();
            }
            $value = $this->infer($item->value, $scope)->ts;
            if ($item->key === null) {
                $values[] = $value;
            } elseif ($item->key instanceof Scalar\String_ || $item->key instanceof Scalar\Int_) {
                $properties[(string) $item->key->value] = $value;
            } else {
                return TsType::record(TsType::unknown());
            }
        }
        if ($properties !== [] && $values !== []) {
            return TsType::anyArray();
        }

        return $values !== [] ? TsType::arrayOf(TsType::union(...$values)) : TsType::object($properties);
    }

    private function constant(string $name): PhpType
    {
        return new PhpType(match ($name) {
            'true' => TsType::literal(true),
            'false' => TsType::literal(false),
            'null' => TsType::null(),
            default => TsType::unknown(),
        });
    }

    private function binary(BinaryOp $expr): TsType
    {
        $arithmetic = [BinaryOp\Plus::class, BinaryOp\Minus::class, BinaryOp\Mul::class, BinaryOp\Div::class, BinaryOp\Mod::class, BinaryOp\Pow::class];

        return match (true) {
            in_array($expr::class, $arithmetic, true) => TsType::number(),
            $expr instanceof BinaryOp\Spaceship => TsType::number(),
            $expr instanceof BinaryOp\BitwiseAnd, $expr instanceof BinaryOp\BitwiseOr, $expr instanceof BinaryOp\BitwiseXor,
            $expr instanceof BinaryOp\ShiftLeft, $expr instanceof BinaryOp\ShiftRight => TsType::number(),
            default => TsType::boolean(), // comparisons and logical operators
        };
    }

    /** @param  array<string, PhpType>  $scope */
    private function ternary(Expr\Ternary $expr, array $scope): PhpType
    {
        $then = $expr->if === null ? $this->infer($expr->cond, $scope)->ts->withoutNull() : $this->infer($expr->if, $scope)->ts;

        return new PhpType(TsType::union($then, $this->infer($expr->else, $scope)->ts));
    }

    /** @param  array<string, PhpType>  $scope */
    private function property(Expr\PropertyFetch|Expr\NullsafePropertyFetch $expr, array $scope): PhpType
    {
        $object = $this->infer($expr->var, $scope);
        $class = $object->class;
        if ($class === null || ! $expr->name instanceof Identifier || ! (class_exists($class) || enum_exists($class))) {
            return PhpType::unknown();
        }
        $name = $expr->name->toString();
        $type = match (true) {
            enum_exists($class) => $this->enumProperty($class, $name),
            is_a($class, Model::class, true) => $this->types->models()->attribute(new ReflectionClass($class), $name),
            property_exists($class, $name) && (new \ReflectionProperty($class, $name))->isPublic() => $this->types->ofProperty(new \ReflectionProperty($class, $name)),
            default => PhpType::unknown(),
        };
        $nullable = $expr instanceof Expr\NullsafePropertyFetch || $object->ts->isNullable();

        return $nullable ? new PhpType(TsType::nullable($type->ts), $type->class) : $type;
    }

    private function enumProperty(string $enum, string $name): PhpType
    {
        if (! enum_exists($enum)) {
            return PhpType::unknown();
        }
        $cases = (new ReflectionEnum($enum))->getCases();
        $values = array_map(fn ($case) => $case instanceof \ReflectionEnumBackedCase ? TsType::literal($case->getBackingValue()) : TsType::unknown(), $cases);

        return new PhpType(match ($name) {
            'value' => is_subclass_of($enum, BackedEnum::class) ? TsType::union(...$values) : TsType::unknown(),
            'name' => TsType::union(...array_map(fn ($case) => TsType::literal($case->getName()), $cases)),
            default => TsType::unknown(),
        });
    }

    /** @param  array<string, PhpType>  $scope */
    private function methodCall(Expr\MethodCall|Expr\NullsafeMethodCall $expr, array $scope): PhpType
    {
        $object = $this->infer($expr->var, $scope);
        $class = $object->class;
        if ($class === null || ! $expr->name instanceof Identifier || ! method_exists($class, $expr->name->toString())) {
            return PhpType::unknown();
        }
        $method = $expr->name->toString();
        if (is_a($class, Model::class, true) && strcasecmp($method, 'only') === 0) {
            return new PhpType($this->modelOnly(new ReflectionClass($class), $expr->args));
        }
        $type = strcasecmp($method, 'toArray') === 0 ? $this->types->fromClassName($class) : $this->types->ofMethodReturn(new ReflectionMethod($class, $method));

        return $expr instanceof Expr\NullsafeMethodCall || $object->ts->isNullable() ? new PhpType(TsType::nullable($type->ts), $type->class) : $type;
    }

    /**
     * `$user->only('id', 'name')` / `$user->only(['id', 'name'])`: those attributes of the model.
     *
     * @param  ReflectionClass<Model>  $model
     * @param  array<\PhpParser\Node>  $args
     */
    private function modelOnly(ReflectionClass $model, array $args): TsType
    {
        $names = [];
        foreach ($args as $arg) {
            $value = $arg instanceof Arg ? $arg->value : null;
            $items = $value instanceof Expr\Array_ ? array_map(fn ($item) => $item->value, $value->items) : [$value];
            foreach ($items as $item) {
                if (! $item instanceof Scalar\String_) {
                    return TsType::record(TsType::unknown());
                }
                $names[] = $item->value;
            }
        }
        $properties = [];
        foreach ($names as $name) {
            $properties[$name] = $this->types->models()->attribute($model, $name)->ts;
        }

        return TsType::object($properties);
    }

    private function staticCall(Expr\StaticCall $expr): PhpType
    {
        if (! $expr->class instanceof Name || ! $expr->name instanceof Identifier) {
            return PhpType::unknown();
        }
        $class = $expr->class->toString();

        return method_exists($class, $expr->name->toString())
            ? $this->types->ofMethodReturn(new ReflectionMethod($class, $expr->name->toString()))
            : PhpType::unknown();
    }

    /** `Status::Paid` is the value `'paid'` in JSON. */
    private function classConstant(Expr\ClassConstFetch $expr): PhpType
    {
        if (! $expr->class instanceof Name || ! $expr->name instanceof Identifier) {
            return PhpType::unknown();
        }
        $class = $expr->class->toString();
        $name = $expr->name->toString();
        if ($name === 'class') {
            return new PhpType(TsType::literal($class));
        }
        if (enum_exists($class) && (new ReflectionEnum($class))->hasCase($name)) {
            $case = (new ReflectionEnum($class))->getCase($name);

            return new PhpType($case instanceof \ReflectionEnumBackedCase ? TsType::literal($case->getBackingValue()) : TsType::unknown(), $class);
        }
        if (class_exists($class) && defined("{$class}::{$name}")) {
            $value = constant("{$class}::{$name}");

            return new PhpType(is_scalar($value) ? TsType::literal($value) : TsType::unknown());
        }

        return PhpType::unknown();
    }

    private function functionCall(string $name): PhpType
    {
        return match (true) {
            in_array($name, self::NUMBER_FUNCTIONS, true) => new PhpType(TsType::number()),
            in_array($name, self::STRING_FUNCTIONS, true) => new PhpType(TsType::string()),
            $name === 'boolval' => new PhpType(TsType::boolean()),
            $name === 'now', $name === 'today' => $this->types->fromClassName(\Illuminate\Support\Carbon::class),
            default => PhpType::unknown(),
        };
    }
}
